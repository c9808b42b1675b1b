import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MeetingKind, MeetingStatus } from './council-enums';

/** What approved minutes keep of the meeting's council: who held each seat then. */
export interface KeptSeat {
  id: string;
  organizationId: string;
  organizationName: string;
  personName: string;
  personTitle: string | null;
  role: string;
  category: string;
  termStart: string;
  termEnd: string;
}

/** A council meeting (理事会会议). Once its minutes are approved, its quorum and council are kept as they were. */
@Entity({ name: 'council_meeting' })
export class CouncilMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('text')
  kind: MeetingKind;

  @Column('text')
  title: string;

  @Column('timestamptz')
  scheduledAt: Date;

  @Column('text', { nullable: true })
  place: string | null;

  @Column('jsonb', { default: () => `'[]'::jsonb` })
  agenda: string[];

  @Column('text', { default: 'scheduled' })
  status: MeetingStatus;

  /** The quorum as counted when the minutes were approved (null until then). */
  @Column('jsonb', { nullable: true })
  finalQuorum: object | null;

  /** The seats of the meeting's council as they were when the minutes were approved (null until then). */
  @Column('jsonb', { nullable: true })
  finalCouncil: KeptSeat[] | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
