import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { PeriodStatus } from './indicator-enums';

/** A consortium's reporting period on a published framework version (e.g. 2026 年度). */
@Entity({ name: 'indicator_period' })
export class IndicatorPeriod {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  frameworkId: string;

  @Column('text')
  name: string;

  @Column('date')
  startsOn: string;

  @Column('date')
  endsOn: string;

  /** Reports are due this China-time day; entry stays open `graceDays` longer. */
  @Column('date')
  dueOn: string;

  @Column('integer', { default: 0 })
  graceDays: number;

  @Column('text', { default: PeriodStatus.Open })
  status: PeriodStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
