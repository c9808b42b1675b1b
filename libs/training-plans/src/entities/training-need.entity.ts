import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TrainingNeedStatus, TrainingType } from './training-enums';

/** A member organization's training need; accepted needs point at a plan item (by its key). */
@Entity({ name: 'training_need' })
export class TrainingNeed {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') organizationId: string;
  @Column('text') topic: string;
  @Column('text') type: TrainingType;
  @Column('text', { nullable: true }) occupationCode: string | null;
  @Column('text', { nullable: true }) skills: string | null;
  @Column('integer') trainees: number;
  @Column('date', { nullable: true }) preferredFrom: string | null;
  @Column('date', { nullable: true }) preferredTo: string | null;
  @Column('numeric', { precision: 14, scale: 2, nullable: true }) budget: string | null;
  @Column('text', { default: TrainingNeedStatus.Submitted }) status: TrainingNeedStatus;
  @Column('text', { nullable: true }) decisionReason: string | null;
  @Column('uuid', { nullable: true }) planId: string | null;
  @Column('uuid', { nullable: true }) itemKey: string | null;
  @Column('uuid', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('uuid', { nullable: true }) submittedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
