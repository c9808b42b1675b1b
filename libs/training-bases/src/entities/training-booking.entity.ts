import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { BookingPurpose, BookingStatus } from './training-base-enums';

/** Workstations of a base booked by a member organization for a time range. */
@Entity({ name: 'training_booking' })
export class TrainingBooking {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') consortiumId: string;
  @Column('uuid') baseId: string;
  @Column('uuid', { nullable: true }) areaId: string | null;
  @Column('uuid') organizationId: string;
  @Column('uuid', { nullable: true }) requesterUserId: string | null;
  /** The weekly series this occurrence belongs to. */
  @Column('uuid', { nullable: true }) seriesId: string | null;
  @Column('timestamptz') startsAt: Date;
  @Column('timestamptz') endsAt: Date;
  /** `endsAt` plus the base's buffer at booking time: the range the workstations are held. */
  @Column('timestamptz') occupiedUntil: Date;
  @Column('integer') workstations: number;
  @Column('text') purpose: BookingPurpose;
  @Column('integer', { default: 0 }) expectedParticipants: number;
  @Column('uuid', { nullable: true }) planItemId: string | null;
  @Column('text', { default: '' }) note: string;
  @Column('text') status: BookingStatus;
  @Column('text', { default: '' }) decisionNote: string;
  @Column('uuid', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) checkedInAt: Date | null;
  @Column('timestamptz', { nullable: true }) checkedOutAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
