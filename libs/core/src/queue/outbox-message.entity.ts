import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A job requested by a committed change. Written in the same transaction as the
 * change; the worker's relay moves it to BullMQ (job id = this row's id) and the
 * job runner records completion here, in the handler's transaction, so a re-sent
 * message never runs twice. Lifecycle: docs/conventions.md, "Jobs and the outbox".
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

  /**
   * Not before this time: the relay backs off here while the queue backend is down,
   * and a relay's claim on the row lasts until then (so a dead relay's claim lapses).
   */
  @Column('timestamptz', { default: () => 'now()' })
  availableAt: Date;

  /** The relay that last claimed the row while it was pending (diagnostics only). */
  @Column('text', { nullable: true })
  claimedBy: string | null;

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

  /** Set when the job failed its last attempt (or failed unrecoverably): finished, never retried. */
  @Column('timestamptz', { nullable: true })
  failedAt: Date | null;

  @Column('text', { nullable: true })
  failedReason: string | null;
}
