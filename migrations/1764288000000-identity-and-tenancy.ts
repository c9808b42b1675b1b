import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity and tenancy: users (platform-wide), memberships (tenant rows), refresh
 * tokens, failed-login records and the append-only audit log; row-level security
 * helpers for the acting user and for the one audited cross-consortium read path.
 */
export class IdentityAndTenancy1764288000000 implements MigrationInterface {
  name = 'IdentityAndTenancy1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_current_user_id() RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT NULLIF(current_setting('app.user_id', true), '')::uuid
      $$`);
    // Set only by TransactionService.runAcrossConsortia (platform admins, audited).
    await q.query(`
      CREATE FUNCTION app_cross_tenant_read() RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT coalesce(current_setting('app.cross_tenant', true), '') = 'on'
      $$`);

    await q.query(`
      CREATE TABLE app_user (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email                citext NOT NULL,
        display_name         text NOT NULL,
        phone                text,
        password_hash        text NOT NULL,
        status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        platform_admin       boolean NOT NULL DEFAULT false,
        must_change_password boolean NOT NULL DEFAULT false,
        password_changed_at  timestamptz NOT NULL DEFAULT now(),
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_email_key UNIQUE (email)
      )`);
    await q.query(
      `COMMENT ON TABLE app_user IS 'Platform-wide accounts; a user joins consortia through consortium_membership.'`,
    );

    await q.query(`
      CREATE TABLE consortium_membership (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id    uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        user_id          uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        role             text NOT NULL CHECK (role IN ('secretariat', 'member', 'observer')),
        organization_id  uuid,
        status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consortium_membership_user_key UNIQUE (consortium_id, user_id),
        CONSTRAINT consortium_membership_member_org CHECK (role <> 'member' OR organization_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX consortium_membership_user_idx ON consortium_membership (user_id)`);
    await q.query(`ALTER TABLE consortium_membership ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE consortium_membership FORCE ROW LEVEL SECURITY`);
    // A tenant sees its memberships; a signed-in user also sees their own (to list their consortia).
    await q.query(`
      CREATE POLICY consortium_membership_tenant_isolation ON consortium_membership
        USING (consortium_id = app_current_consortium_id())
        WITH CHECK (consortium_id = app_current_consortium_id())`);
    // Wider visibility is granted for reading only (a FOR ALL policy's USING would also let DELETE through).
    await q.query(`
      CREATE POLICY consortium_membership_read ON consortium_membership FOR SELECT
        USING (user_id = app_current_user_id() OR app_cross_tenant_read())`);

    // A consortium is visible to its own tenant transactions, to its members (to list
    // "my consortia"), and on the audited cross-consortium path.
    // The job outbox carries consortium ids: tenant transactions see their own rows;
    // the relay, the job runner and the job-status reader (which checks visibility
    // itself) open it explicitly with app.queue_access.
    await q.query(`
      CREATE FUNCTION app_queue_access() RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT coalesce(current_setting('app.queue_access', true), '') = 'on'
      $$`);
    await q.query(`ALTER TABLE outbox_message ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE outbox_message FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY outbox_message_access ON outbox_message
        USING (app_queue_access() OR consortium_id = app_current_consortium_id())
        WITH CHECK (app_queue_access() OR consortium_id = app_current_consortium_id())`);

    await q.query(`DROP POLICY consortium_tenant_isolation ON consortium`);
    await q.query(`
      CREATE POLICY consortium_tenant_isolation ON consortium
        USING (id = app_current_consortium_id())
        WITH CHECK (id = app_current_consortium_id())`);
    await q.query(`
      CREATE POLICY consortium_read ON consortium FOR SELECT
        USING (
          app_cross_tenant_read()
          OR EXISTS (SELECT 1 FROM consortium_membership m
                      WHERE m.consortium_id = consortium.id AND m.user_id = app_current_user_id() AND m.status = 'active')
        )`);

    await q.query(`
      CREATE TABLE refresh_token (
        id            uuid PRIMARY KEY,
        user_id       uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        family_id     uuid NOT NULL,
        token_hash    text NOT NULL,
        expires_at    timestamptz NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        used_at       timestamptz,
        revoked_at    timestamptz,
        CONSTRAINT refresh_token_hash_key UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id)`);

    await q.query(`
      CREATE TABLE login_failure (
        id          bigserial PRIMARY KEY,
        email       citext NOT NULL,
        ip          text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_failure_email_idx ON login_failure (email, created_at)`);
    await q.query(`CREATE INDEX login_failure_ip_idx ON login_failure (ip, created_at)`);

    await q.query(`
      CREATE TABLE audit_log (
        id             bigserial PRIMARY KEY,
        consortium_id  uuid,
        actor_user_id  uuid,
        action         text NOT NULL,
        entity_type    text NOT NULL,
        entity_id      text,
        changes        jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id     text,
        ip             text,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `COMMENT ON TABLE audit_log IS 'append-only: the application role may insert and read, never update or delete.'`,
    );
    await q.query(`CREATE INDEX audit_log_consortium_idx ON audit_log (consortium_id, id DESC)`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (consortium_id, entity_type, entity_id)`);
    await q.query(`ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE audit_log FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY audit_log_read ON audit_log FOR SELECT
        USING (consortium_id = app_current_consortium_id() OR app_cross_tenant_read())`);
    // Platform-level entries (no consortium) may be written from any transaction.
    await q.query(`
      CREATE POLICY audit_log_write ON audit_log FOR INSERT
        WITH CHECK (consortium_id IS NULL OR consortium_id = app_current_consortium_id())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY consortium_read ON consortium`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE login_failure`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE consortium_membership`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP POLICY consortium_tenant_isolation ON consortium`);
    await q.query(`
      CREATE POLICY consortium_tenant_isolation ON consortium
        USING (id = app_current_consortium_id()) WITH CHECK (id = app_current_consortium_id())`);
    await q.query(`DROP POLICY outbox_message_access ON outbox_message`);
    await q.query(`ALTER TABLE outbox_message NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE outbox_message DISABLE ROW LEVEL SECURITY`);
    await q.query(`DROP FUNCTION app_queue_access()`);
    await q.query(`DROP FUNCTION app_cross_tenant_read()`);
    await q.query(`DROP FUNCTION app_current_user_id()`);
  }
}
