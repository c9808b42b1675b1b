import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OpeningWindow } from '../domain/opening-hours';
import { TrainingBaseFunction, TrainingBaseKind, TrainingBaseStatus } from './training-base-enums';

/** A shared training base (产教融合实训基地) hosted by a member organization. */
@Entity({ name: 'training_base' })
export class TrainingBase {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') hostOrganizationId: string;
  @Column('text') name: string;
  @Column('text') kind: TrainingBaseKind;
  @Column('text', { array: true, default: () => `'{}'` }) functions: TrainingBaseFunction[];
  @Column('text', { default: '' }) address: string;
  @Column('integer') workstations: number;
  /** Weekly schedule: windows per ISO weekday (1 = Monday), China time. */
  @Column('jsonb', { default: () => `'[]'` }) openingHours: OpeningWindow[];
  @Column('integer', { default: 30 }) minDurationMinutes: number;
  @Column('integer', { default: 480 }) maxDurationMinutes: number;
  @Column('integer', { default: 0 }) bufferMinutes: number;
  @Column('integer', { default: 0 }) leadTimeHours: number;
  @Column('integer', { default: 180 }) horizonDays: number;
  @Column('boolean', { default: true }) approvalRequired: boolean;
  /** Organization types that may book; empty: every type. */
  @Column('text', { array: true, default: () => `'{}'` }) allowedOrganizationTypes: string[];
  /** Workstation-hours per organization per China-time month; null: no quota. */
  @Column('integer', { nullable: true }) monthlyQuotaHours: number | null;
  @Column('integer', { default: 30 }) noShowGraceMinutes: number;
  @Column('numeric', { precision: 12, scale: 2, default: 0 }) feeMemberPerHour: string;
  @Column('numeric', { precision: 12, scale: 2, default: 0 }) feeNonMemberPerHour: string;
  @Column('text', { default: TrainingBaseStatus.Active }) status: TrainingBaseStatus;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
