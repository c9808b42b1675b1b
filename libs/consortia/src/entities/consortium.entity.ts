import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ConsortiumStatus } from './consortium-status';

/** The tenant: one municipal industry–education consortium (市域产教联合体). */
@Entity({ name: 'consortium' })
export class Consortium {
  @PrimaryColumn('uuid')
  id: string;

  /** Short code, unique on the platform (e.g. `SZ-IEC-01`). */
  @Column('citext')
  code: string;

  /** Official (Chinese) name. */
  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  nameEn: string | null;

  @Column('text')
  province: string;

  @Column('text')
  city: string;

  @Column('text', { default: ConsortiumStatus.Planning })
  status: ConsortiumStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
