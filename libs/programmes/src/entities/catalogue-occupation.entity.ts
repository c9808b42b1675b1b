import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An entry of 职业分类大典 at any level (1 大类 … 4 细类), per edition. */
@Entity({ name: 'catalogue_occupations' })
export class CatalogueOccupation {
  @PrimaryColumn('text')
  edition: string;

  /** `6-31-07-03`; a 小类 is `6-31-07-00`. */
  @PrimaryColumn('text')
  code: string;

  /** 1 大类, 2 中类, 3 小类, 4 细类 (职业). */
  @Column('smallint')
  level: number;

  @Column('text', { nullable: true })
  parentCode: string | null;

  /** Without the S / L suffix (those are the flags). */
  @Column('text')
  name: string;

  /** 数字职业 (`S`). */
  @Column('boolean', { default: false })
  isDigital: boolean;

  /** 绿色职业 (`L`). */
  @Column('boolean', { default: false })
  isGreen: boolean;

  @Column('text', { nullable: true })
  definition: string | null;

  /** 主要工作任务. */
  @Column('text', { nullable: true })
  mainTasks: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
