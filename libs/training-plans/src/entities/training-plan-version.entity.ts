import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { PlanVersionStatus } from './training-enums';

/** One version of a plan: draft → submitted → approved (immutable) → superseded | closed. */
@Entity({ name: 'training_plan_version' })
export class TrainingPlanVersion {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') planId: string;
  @Column('integer') version: number;
  @Column('text', { default: PlanVersionStatus.Draft }) status: PlanVersionStatus;
  /** The approved version this one started from (its diff is against it). */
  @Column('uuid', { nullable: true }) basedOnId: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  @Column('uuid', { nullable: true }) approvedBy: string | null;
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
