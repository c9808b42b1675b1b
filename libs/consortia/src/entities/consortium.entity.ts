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

  @Column('date', { nullable: true })
  statusChangedOn: string | null;

  /** 产业园区 */
  @Column('text', { nullable: true })
  parkName: string | null;

  /** Total output value of the park, 亿元, as a decimal string. */
  @Column('numeric', { precision: 14, scale: 2, nullable: true })
  parkOutputValue: string | null;

  /** The park's output-value rank in its province (1 = first). */
  @Column('int', { nullable: true })
  parkProvinceRank: number | null;

  /** Leading industries as GB/T 4754-2017 codes with names. */
  @Column('jsonb', { default: () => `'[]'::jsonb` })
  leadingIndustries: Array<{ code: string; name: string }>;

  /** 牵头单位: park government / 管委会, lead school, lead enterprise (member organizations). */
  @Column('uuid', { nullable: true })
  leadGovernmentOrgId: string | null;

  @Column('uuid', { nullable: true })
  leadSchoolOrgId: string | null;

  @Column('uuid', { nullable: true })
  leadEnterpriseOrgId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
