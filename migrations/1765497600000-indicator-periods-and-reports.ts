import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = [
  'indicator_period',
  'indicator_period_target',
  'indicator_expected_reporter',
  'indicator_entry_extension',
  'indicator_report',
  'indicator_report_version',
  'indicator_evidence',
  'indicator_rollup',
];

/**
 * A consortium's reporting periods on a published framework version, per-point targets,
 * the organizations expected to report each point, entry extensions, the reports
 * (one per period × point × reporting organization; the secretariat's own reports have
 * no organization) with every version of their value kept, evidence files, and the
 * roll-up snapshots. Tenant tables: RLS forced; links stay inside the tenant and inside
 * the period's framework (composite foreign keys).
 */
export class IndicatorPeriodsAndReports1765497600000 implements MigrationInterface {
  name = 'IndicatorPeriodsAndReports1765497600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicator_period (
        id             uuid PRIMARY KEY,
        consortium_id  uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        framework_id   uuid NOT NULL REFERENCES indicator_framework (id),
        name           text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
        starts_on      date NOT NULL,
        ends_on        date NOT NULL,
        due_on         date NOT NULL,
        grace_days     integer NOT NULL DEFAULT 0 CHECK (grace_days BETWEEN 0 AND 365),
        status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'archived')),
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on > starts_on),
        CHECK (due_on >= starts_on),
        CONSTRAINT indicator_period_name_key UNIQUE (consortium_id, name),
        CONSTRAINT indicator_period_tenant_key UNIQUE (consortium_id, id),
        CONSTRAINT indicator_period_framework_key UNIQUE (consortium_id, id, framework_id)
      )`);
    // A period runs on a published version only: its points can no longer change.
    await q.query(`
      CREATE FUNCTION indicator_period_framework_published() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM indicator_framework WHERE id = NEW.framework_id AND status = 'published') THEN
          RAISE EXCEPTION 'a reporting period needs a published framework version'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'indicator_period_framework_published';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER indicator_period_framework_published BEFORE INSERT OR UPDATE OF framework_id ON indicator_period
        FOR EACH ROW EXECUTE FUNCTION indicator_period_framework_published()`);

    await q.query(`
      CREATE TABLE indicator_period_target (
        consortium_id   uuid NOT NULL,
        period_id       uuid NOT NULL,
        framework_id    uuid NOT NULL,
        point_code      text NOT NULL,
        target_number   numeric,
        target_boolean  boolean,
        PRIMARY KEY (consortium_id, period_id, point_code),
        CHECK ((target_number IS NULL) <> (target_boolean IS NULL)),
        FOREIGN KEY (consortium_id, period_id, framework_id)
          REFERENCES indicator_period (consortium_id, id, framework_id) ON DELETE CASCADE,
        FOREIGN KEY (framework_id, point_code) REFERENCES indicator_node (framework_id, code)
      )`);
    await q.query(`
      CREATE TABLE indicator_expected_reporter (
        consortium_id    uuid NOT NULL,
        period_id        uuid NOT NULL,
        framework_id     uuid NOT NULL,
        point_code       text NOT NULL,
        -- NULL: the secretariat itself reports the point.
        organization_id  uuid,
        CONSTRAINT indicator_expected_reporter_key UNIQUE NULLS NOT DISTINCT (consortium_id, period_id, point_code, organization_id),
        FOREIGN KEY (consortium_id, period_id, framework_id)
          REFERENCES indicator_period (consortium_id, id, framework_id) ON DELETE CASCADE,
        FOREIGN KEY (framework_id, point_code) REFERENCES indicator_node (framework_id, code),
        FOREIGN KEY (consortium_id, organization_id) REFERENCES organization (consortium_id, id)
      )`);
    await q.query(`
      CREATE TABLE indicator_entry_extension (
        consortium_id    uuid NOT NULL,
        period_id        uuid NOT NULL,
        organization_id  uuid,
        open_until       date NOT NULL,
        granted_by       uuid,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indicator_entry_extension_key UNIQUE NULLS NOT DISTINCT (consortium_id, period_id, organization_id),
        FOREIGN KEY (consortium_id, period_id) REFERENCES indicator_period (consortium_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, organization_id) REFERENCES organization (consortium_id, id)
      )`);
    await q.query(`
      CREATE TABLE indicator_report (
        id               uuid PRIMARY KEY,
        consortium_id    uuid NOT NULL,
        period_id        uuid NOT NULL,
        framework_id     uuid NOT NULL,
        point_code       text NOT NULL,
        organization_id  uuid,
        value_number     numeric,
        value_boolean    boolean,
        value_text       text CHECK (length(value_text) <= 4000),
        note             text CHECK (length(note) <= 2000),
        status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
        review_comment   text CHECK (length(review_comment) <= 2000),
        version          integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        first_submitted_at timestamptz,
        submitted_at     timestamptz,
        approved_at      timestamptz,
        reviewed_by      uuid,
        updated_by       uuid,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indicator_report_key UNIQUE NULLS NOT DISTINCT (consortium_id, period_id, point_code, organization_id),
        CONSTRAINT indicator_report_tenant_key UNIQUE (consortium_id, id),
        CHECK (num_nonnulls(value_number, value_boolean, value_text) <= 1),
        CHECK (status <> 'approved' OR approved_at IS NOT NULL),
        FOREIGN KEY (consortium_id, period_id, framework_id)
          REFERENCES indicator_period (consortium_id, id, framework_id) ON DELETE CASCADE,
        FOREIGN KEY (framework_id, point_code) REFERENCES indicator_node (framework_id, code),
        FOREIGN KEY (consortium_id, organization_id) REFERENCES organization (consortium_id, id)
      )`);
    await q.query(`CREATE INDEX indicator_report_rollup_idx ON indicator_report (consortium_id, period_id, point_code) WHERE status = 'approved'`);
    await q.query(`CREATE INDEX indicator_report_queue_idx ON indicator_report (consortium_id, period_id, status)`);
    await q.query(`
      CREATE TABLE indicator_report_version (
        id             bigserial PRIMARY KEY,
        consortium_id  uuid NOT NULL,
        report_id      uuid NOT NULL,
        version        integer NOT NULL,
        status         text NOT NULL,
        value_number   numeric,
        value_boolean  boolean,
        value_text     text,
        note           text,
        review_comment text,
        actor_user_id  uuid,
        created_at     timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (consortium_id, report_id) REFERENCES indicator_report (consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(`COMMENT ON TABLE indicator_report_version IS 'Every state of every report value, with who and when: append-only.'`);
    await q.query(`CREATE INDEX indicator_report_version_report_idx ON indicator_report_version (consortium_id, report_id, id)`);
    await q.query(`
      CREATE TABLE indicator_evidence (
        id             uuid PRIMARY KEY,
        consortium_id  uuid NOT NULL,
        report_id      uuid NOT NULL,
        file_name      text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        content_type   text NOT NULL,
        size_bytes     integer NOT NULL CHECK (size_bytes > 0),
        sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key    text NOT NULL,
        uploaded_by    uuid,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indicator_evidence_tenant_key UNIQUE (consortium_id, id),
        FOREIGN KEY (consortium_id, report_id) REFERENCES indicator_report (consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX indicator_evidence_report_idx ON indicator_evidence (consortium_id, report_id)`);
    await q.query(`
      CREATE TABLE indicator_rollup (
        id             uuid PRIMARY KEY,
        consortium_id  uuid NOT NULL,
        period_id      uuid NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('full', 'incremental')),
        trigger_point  text,
        inputs_digest  text NOT NULL,
        computed_at    timestamptz NOT NULL,
        result         jsonb NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indicator_rollup_tenant_key UNIQUE (consortium_id, id),
        FOREIGN KEY (consortium_id, period_id) REFERENCES indicator_period (consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX indicator_rollup_latest_idx ON indicator_rollup (consortium_id, period_id, computed_at DESC, id DESC)`);

    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (consortium_id = app_current_consortium_id())
          WITH CHECK (consortium_id = app_current_consortium_id())`);
      // The platform overview across consortia reads on the audited cross-consortium path.
      await q.query(`CREATE POLICY ${table}_cross_read ON ${table} FOR SELECT USING (app_cross_tenant_read())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION indicator_period_framework_published()`);
  }
}
