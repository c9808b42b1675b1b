import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy that fails closed: once a transaction names its tenant (app.consortium_id),
 * no policy shows it rows of another consortium, whatever else is set. Before, the
 * read policies of consortium and consortium_membership also admitted the acting
 * user's own rows, so inside consortium A a query that forgot its filter returned the
 * user's consortium B and B's memberships; the cross-tenant and queue-access switches
 * likewise widened a tenant transaction had they been on in one.
 *
 * - `app_user_id_outside_tenant()`: the acting user only while no tenant is set; the
 *   "a user's own rows" widenings read it instead of `app_current_user_id()`.
 * - `app_cross_tenant_read()` and `app_queue_access()` are false while a tenant is set,
 *   so every policy that widens by them (the *_cross_read policies, audit_log_read,
 *   outbox_message_access) is fail-closed without being rewritten, and so are new ones.
 * Writes are unchanged: WITH CHECK already stays on the tenant.
 */
export class TenancyFailsClosed1764633600000 implements MigrationInterface {
  name = 'TenancyFailsClosed1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_user_id_outside_tenant() RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN app_current_consortium_id() IS NULL THEN app_current_user_id() END
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION app_cross_tenant_read() RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT coalesce(current_setting('app.cross_tenant', true), '') = 'on' AND app_current_consortium_id() IS NULL
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION app_queue_access() RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT coalesce(current_setting('app.queue_access', true), '') = 'on' AND app_current_consortium_id() IS NULL
      $$`);
    await q.query(`
      ALTER POLICY consortium_membership_read ON consortium_membership
        USING (user_id = app_user_id_outside_tenant() OR app_cross_tenant_read())`);
    await q.query(`
      ALTER POLICY consortium_read ON consortium
        USING (
          app_cross_tenant_read()
          OR EXISTS (SELECT 1 FROM consortium_membership m
                      WHERE m.consortium_id = consortium.id AND m.user_id = app_user_id_outside_tenant()
                        AND m.status = 'active')
        )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER POLICY consortium_read ON consortium
        USING (
          app_cross_tenant_read()
          OR EXISTS (SELECT 1 FROM consortium_membership m
                      WHERE m.consortium_id = consortium.id AND m.user_id = app_current_user_id() AND m.status = 'active')
        )`);
    await q.query(`
      ALTER POLICY consortium_membership_read ON consortium_membership
        USING (user_id = app_current_user_id() OR app_cross_tenant_read())`);
    await q.query(`
      CREATE OR REPLACE FUNCTION app_queue_access() RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT coalesce(current_setting('app.queue_access', true), '') = 'on'
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION app_cross_tenant_read() RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT coalesce(current_setting('app.cross_tenant', true), '') = 'on'
      $$`);
    await q.query(`DROP FUNCTION app_user_id_outside_tenant()`);
  }
}
