import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { FundingSource, TrainingType } from './training-enums';

/** A plan item (培训项目) of one version; `itemKey` is the same item in every version. */
@Entity({ name: 'training_plan_item' })
export class TrainingPlanItem {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') planId: string;
  @Column('uuid') versionId: string;
  @Column('uuid') itemKey: string;
  @Column('integer', { default: 0 }) position: number;
  @Column('text') title: string;
  @Column('text') type: TrainingType;
  @Column('uuid') providerOrganizationId: string;
  @Column('boolean', { default: false }) openToPublic: boolean;
  @Column('uuid', { array: true, default: () => `'{}'` }) targetOrganizationIds: string[];
  @Column('integer') plannedSessions: number;
  @Column('integer') plannedParticipantTimes: number;
  /** 学时, decimal string. */
  @Column('numeric', { precision: 8, scale: 1 }) plannedHours: string;
  /** Yuan, decimal string. */
  @Column('numeric', { precision: 14, scale: 2, default: 0 }) budget: string;
  @Column('text') fundingSource: FundingSource;
  /** A training base (no foreign key until the training-bases context lands). */
  @Column('uuid', { nullable: true }) trainingBaseId: string | null;
  @Column('text', { nullable: true }) description: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
