import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform foundation: extensions, the tenant-setting helper used by every
 * row-level security policy, the consortium (tenant) table and the job outbox.
 */
export class PlatformFoundation1764201600000 implements MigrationInterface {
  name = 'PlatformFoundation1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // The tenant of the current transaction; NULL when unset, so policies match no rows.
    await q.query(`
      CREATE FUNCTION app_current_consortium_id() RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT NULLIF(current_setting('app.consortium_id', true), '')::uuid
      $$`);

    await q.query(`
      CREATE TABLE consortium (
        id          uuid PRIMARY KEY,
        code        citext NOT NULL,
        name        text NOT NULL CHECK (length(trim(name)) > 0),
        name_en     text,
        province    text NOT NULL,
        city        text NOT NULL,
        status      text NOT NULL DEFAULT 'planning',
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consortium_code_key UNIQUE (code)
      )`);
    await q.query(`ALTER TABLE consortium ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE consortium FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY consortium_tenant_isolation ON consortium
        USING (id = app_current_consortium_id())
        WITH CHECK (id = app_current_consortium_id())`);

    await q.query(`
      CREATE TABLE outbox_message (
        id                   uuid PRIMARY KEY,
        consortium_id        uuid,
        queue                text NOT NULL,
        job_name             text NOT NULL,
        payload              jsonb NOT NULL,
        requested_by         uuid,
        request_id           text,
        created_at           timestamptz NOT NULL DEFAULT now(),
        available_at         timestamptz NOT NULL DEFAULT now(),
        dispatched_at        timestamptz,
        dispatch_attempts    integer NOT NULL DEFAULT 0,
        last_dispatch_error  text,
        completed_at         timestamptz,
        -- Which attempt completed it, and what it returned: the job's record even
        -- after BullMQ's retention removed the job.
        completed_attempt    integer,
        result               jsonb
      )`);
    // The relay's hot path: undispatched rows in creation order.
    await q.query(
      `CREATE INDEX outbox_message_pending_idx ON outbox_message (available_at, created_at) WHERE dispatched_at IS NULL`,
    );
    await q.query(`CREATE INDEX outbox_message_consortium_idx ON outbox_message (consortium_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_message`);
    await q.query(`DROP TABLE consortium`);
    await q.query(`DROP FUNCTION app_current_consortium_id()`);
  }
}
