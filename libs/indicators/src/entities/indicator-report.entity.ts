import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ReportStatus } from './indicator-enums';

/** One observation point's value for a period from one reporting organization (null: the secretariat). */
@Entity({ name: 'indicator_report' })
export class IndicatorReport {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  periodId: string;

  @Column('uuid')
  frameworkId: string;

  @Column('text')
  pointCode: string;

  @Column('uuid', { nullable: true })
  organizationId: string | null;

  @Column('numeric', { nullable: true })
  valueNumber: string | null;

  @Column('boolean', { nullable: true })
  valueBoolean: boolean | null;

  @Column('text', { nullable: true })
  valueText: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text', { default: ReportStatus.Draft })
  status: ReportStatus;

  @Column('text', { nullable: true })
  reviewComment: string | null;

  @Column('integer', { default: 1 })
  version: number;

  @Column('timestamptz', { nullable: true })
  firstSubmittedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  approvedAt: Date | null;

  @Column('uuid', { nullable: true })
  reviewedBy: string | null;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
