import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ProgrammeLevel } from './programme-enums';

/** A programme of the national catalogue (职业教育专业目录), per edition. */
@Entity({ name: 'catalogue_programmes' })
export class CatalogueProgramme {
  @PrimaryColumn('text')
  edition: string;

  /** Six digits, a `K` suffix for nationally controlled programmes. */
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  level: ProgrammeLevel;

  /** 专业大类 (2 digits). */
  @Column('text')
  categoryCode: string;

  @Column('text')
  categoryName: string;

  /** 专业类 (4 digits). */
  @Column('text')
  classCode: string;

  @Column('text')
  className: string;

  @Column('boolean', { default: false })
  nationalControl: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
