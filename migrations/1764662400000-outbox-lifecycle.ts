import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox row's whole lifecycle: a relay claims pending rows by pushing
 * `available_at` ahead (a lease that lapses if the relay dies) and notes itself in
 * `claimed_by`; a job that failed its last attempt is recorded in the ledger
 * (`failed_at`, `failed_reason`) as a completed one is, so the reconciler leaves it
 * alone; finished rows are pruned after the retention period, and dispatched,
 * unfinished rows are checked against BullMQ by the reconciler.
 */
export class OutboxLifecycle1764662400000 implements MigrationInterface {
  name = 'OutboxLifecycle1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message ADD COLUMN claimed_by text`);
    await q.query(`ALTER TABLE outbox_message ADD COLUMN failed_at timestamptz`);
    await q.query(`ALTER TABLE outbox_message ADD COLUMN failed_reason text`);
    // The pruner: finished rows, oldest first.
    await q.query(`
      CREATE INDEX outbox_message_finished_idx ON outbox_message ((coalesce(completed_at, failed_at)))
        WHERE dispatched_at IS NOT NULL AND (completed_at IS NOT NULL OR failed_at IS NOT NULL)`);
    // The reconciler: dispatched rows whose job has not finished, in dispatch order.
    await q.query(`
      CREATE INDEX outbox_message_unfinished_idx ON outbox_message (dispatched_at, id)
        WHERE dispatched_at IS NOT NULL AND completed_at IS NULL AND failed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_message_unfinished_idx`);
    await q.query(`DROP INDEX outbox_message_finished_idx`);
    await q.query(`ALTER TABLE outbox_message DROP COLUMN failed_reason`);
    await q.query(`ALTER TABLE outbox_message DROP COLUMN failed_at`);
    await q.query(`ALTER TABLE outbox_message DROP COLUMN claimed_by`);
  }
}
