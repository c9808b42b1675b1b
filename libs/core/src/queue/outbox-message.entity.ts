import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A job requested by a committed change. Written in the same transaction as the
 * change; the worker's relay moves it to BullMQ (job id = this row's id) and the
 * job runner records completion here, so a re-sent message never runs twice.
 */
@Entity({ name: 'outbox_message' })
export class OutboxMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { nullable: true })
  consortiumId: string | null;

  @Column('text')
  queue: string;

  @Column('text')
  jobName: string;

  @Column('jsonb')
  payload: object;

  @Column('uuid', { nullable: true })
  requestedBy: string | null;

  @Column('text', { nullable: true })
  requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Not before this time (the relay backs off here while the queue backend is down). */
  @Column('timestamptz', { default: () => 'now()' })
  availableAt: Date;

  @Column('timestamptz', { nullable: true })
  dispatchedAt: Date | null;

  @Column('int', { default: 0 })
  dispatchAttempts: number;

  @Column('text', { nullable: true })
  lastDispatchError: string | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @Column('int', { nullable: true })
  completedAttempt: number | null;

  @Column('jsonb', { nullable: true })
  result: object | null;
}
