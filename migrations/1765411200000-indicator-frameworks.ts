import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicator frameworks (建设指标体系), platform-level reference data: versions of a
 * tree whose leaves are observation points (观测点). The document is the version as
 * imported; its nodes are also stored one per row, so reports can reference a point
 * of the framework their period uses. A published version is immutable — held by
 * triggers, whatever the caller — so a version in use never changes under its reports.
 */
export class IndicatorFrameworks1765411200000 implements MigrationInterface {
  name = 'IndicatorFrameworks1765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicator_framework (
        id            uuid PRIMARY KEY,
        code          citext NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
        version       integer NOT NULL CHECK (version >= 1),
        name_zh       text NOT NULL,
        name_en       text NOT NULL,
        description   text,
        status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        document      jsonb NOT NULL,
        based_on_id   uuid REFERENCES indicator_framework (id),
        created_by    uuid REFERENCES app_user (id),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz,
        CONSTRAINT indicator_framework_version_key UNIQUE (code, version),
        CHECK ((status = 'published') = (published_at IS NOT NULL))
      )`);
    await q.query(
      `COMMENT ON TABLE indicator_framework IS 'Platform reference data: indicator framework versions (no consortium, no RLS).'`,
    );
    await q.query(`
      CREATE TABLE indicator_node (
        framework_id       uuid NOT NULL REFERENCES indicator_framework (id) ON DELETE CASCADE,
        code               text NOT NULL,
        parent_code        text,
        depth              integer NOT NULL CHECK (depth BETWEEN 1 AND 8),
        position           integer NOT NULL CHECK (position >= 0),
        name_zh            text NOT NULL,
        name_en            text NOT NULL,
        weight             numeric NOT NULL DEFAULT 1 CHECK (weight >= 0),
        is_point           boolean NOT NULL,
        unit               text,
        value_type         text CHECK (value_type IN ('number', 'percent', 'count', 'money', 'boolean', 'text')),
        direction          text CHECK (direction IN ('higher_better', 'lower_better')),
        aggregation        text CHECK (aggregation IN ('sum', 'mean', 'weighted_mean', 'min', 'max', 'latest',
                                                       'count_true', 'all_true', 'any_true', 'ratio')),
        weight_by          text,
        numerator          text,
        denominator        text,
        reporter           text,
        target_number      numeric,
        target_boolean     boolean,
        veto               boolean NOT NULL DEFAULT false,
        evidence_required  boolean NOT NULL DEFAULT false,
        min_value          numeric,
        max_value          numeric,
        PRIMARY KEY (framework_id, code),
        FOREIGN KEY (framework_id, parent_code) REFERENCES indicator_node (framework_id, code) DEFERRABLE INITIALLY DEFERRED,
        CHECK (is_point = (value_type IS NOT NULL AND aggregation IS NOT NULL AND reporter IS NOT NULL)),
        CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)
      )`);
    await q.query(`CREATE INDEX indicator_node_parent_idx ON indicator_node (framework_id, parent_code, position)`);

    // A published version is a record: its document and nodes never change again.
    await q.query(`
      CREATE FUNCTION indicator_framework_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND OLD.status = 'published' THEN
          RAISE EXCEPTION 'indicator framework % version % is published and cannot be deleted', OLD.code, OLD.version
            USING ERRCODE = 'check_violation', CONSTRAINT = 'indicator_framework_published_immutable';
        ELSIF TG_OP = 'UPDATE' AND OLD.status = 'published' THEN
          RAISE EXCEPTION 'indicator framework % version % is published and cannot change', OLD.code, OLD.version
            USING ERRCODE = 'check_violation', CONSTRAINT = 'indicator_framework_published_immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER indicator_framework_immutable BEFORE UPDATE OR DELETE ON indicator_framework
        FOR EACH ROW EXECUTE FUNCTION indicator_framework_immutable()`);
    await q.query(`
      CREATE FUNCTION indicator_node_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE framework_status text;
      BEGIN
        SELECT status INTO framework_status FROM indicator_framework
         WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.framework_id ELSE OLD.framework_id END;
        IF framework_status = 'published' THEN
          RAISE EXCEPTION 'the nodes of a published indicator framework cannot change'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'indicator_framework_published_immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER indicator_node_immutable BEFORE INSERT OR UPDATE OR DELETE ON indicator_node
        FOR EACH ROW EXECUTE FUNCTION indicator_node_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE indicator_node`);
    await q.query(`DROP TABLE indicator_framework`);
    await q.query(`DROP FUNCTION indicator_node_immutable()`);
    await q.query(`DROP FUNCTION indicator_framework_immutable()`);
  }
}
