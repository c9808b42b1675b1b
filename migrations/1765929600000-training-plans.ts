import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = [
  'training_plan',
  'training_plan_version',
  'training_plan_item',
  'training_need',
  'training_delivery',
  'training_roster_entry',
];

const TYPES = `('pre_job', 'on_job', 'continuing_education', 'social', 'teacher')`;

/**
 * Training plans (培训规划): enterprises' training needs, one plan per consortium and
 * year with versions (draft → submitted → approved → closed; an approved version is
 * replaced by a newer approved one as `superseded`), plan items (their `item_key` is
 * stable across versions, so deliveries and the diff follow an item from version to
 * version), delivered sessions and their rosters. ID numbers are never stored: only a
 * keyed HMAC and the last four characters. Approved, superseded and closed versions and
 * their items are immutable — held by triggers, whatever the caller. `training_base_id`
 * has no foreign key yet (the training-bases context lands separately).
 */
export class TrainingPlans1765929600000 implements MigrationInterface {
  name = 'TrainingPlans1765929600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE training_plan (
        id             uuid PRIMARY KEY,
        consortium_id  uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        title          text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
        created_by     uuid,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_plan_year_key UNIQUE (consortium_id, year),
        CONSTRAINT training_plan_tenant_key UNIQUE (consortium_id, id)
      )`);
    await q.query(`
      CREATE TABLE training_plan_version (
        id               uuid PRIMARY KEY,
        consortium_id    uuid NOT NULL,
        plan_id          uuid NOT NULL,
        version          integer NOT NULL CHECK (version >= 1),
        status           text NOT NULL DEFAULT 'draft'
                         CHECK (status IN ('draft', 'submitted', 'approved', 'superseded', 'closed')),
        based_on_id      uuid,
        note             text CHECK (length(note) <= 2000),
        submitted_at     timestamptz,
        approved_at      timestamptz,
        approved_by      uuid,
        closed_at        timestamptz,
        created_by       uuid,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_plan_version_version_key UNIQUE (consortium_id, plan_id, version),
        CONSTRAINT training_plan_version_tenant_key UNIQUE (consortium_id, id),
        CONSTRAINT training_plan_version_plan_key UNIQUE (consortium_id, plan_id, id),
        CHECK (status IN ('draft', 'submitted') OR approved_at IS NOT NULL),
        FOREIGN KEY (consortium_id, plan_id) REFERENCES training_plan (consortium_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, based_on_id) REFERENCES training_plan_version (consortium_id, id)
      )`);
    // One version being worked on, and one approved version, per plan: held by the database under concurrency.
    await q.query(`
      CREATE UNIQUE INDEX training_plan_version_open_key ON training_plan_version (consortium_id, plan_id)
        WHERE status IN ('draft', 'submitted')`);
    await q.query(`
      CREATE UNIQUE INDEX training_plan_version_approved_key ON training_plan_version (consortium_id, plan_id)
        WHERE status = 'approved'`);

    await q.query(`
      CREATE TABLE training_plan_item (
        id                          uuid PRIMARY KEY,
        consortium_id               uuid NOT NULL,
        plan_id                     uuid NOT NULL,
        version_id                  uuid NOT NULL,
        item_key                    uuid NOT NULL,
        position                    integer NOT NULL DEFAULT 0 CHECK (position >= 0),
        title                       text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
        type                        text NOT NULL CHECK (type IN ${TYPES}),
        provider_organization_id    uuid NOT NULL,
        open_to_public              boolean NOT NULL DEFAULT false,
        target_organization_ids     uuid[] NOT NULL DEFAULT '{}',
        planned_sessions            integer NOT NULL CHECK (planned_sessions > 0),
        planned_participant_times   integer NOT NULL CHECK (planned_participant_times > 0),
        planned_hours               numeric(8, 1) NOT NULL CHECK (planned_hours > 0),
        budget                      numeric(14, 2) NOT NULL DEFAULT 0 CHECK (budget >= 0),
        funding_source              text NOT NULL
                                    CHECK (funding_source IN ('fiscal', 'enterprise', 'school', 'social', 'mixed')),
        training_base_id            uuid,
        description                 text CHECK (length(description) <= 2000),
        created_at                  timestamptz NOT NULL DEFAULT now(),
        updated_at                  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_plan_item_item_key_key UNIQUE (consortium_id, version_id, item_key),
        CONSTRAINT training_plan_item_tenant_key UNIQUE (consortium_id, id),
        CHECK (open_to_public OR cardinality(target_organization_ids) > 0 OR type = 'social'),
        FOREIGN KEY (consortium_id, plan_id, version_id)
          REFERENCES training_plan_version (consortium_id, plan_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, provider_organization_id) REFERENCES organization (consortium_id, id)
      )`);
    await q.query(
      `CREATE INDEX training_plan_item_version_idx ON training_plan_item (consortium_id, version_id, position)`,
    );
    await q.query(`CREATE INDEX training_plan_item_key_idx ON training_plan_item (consortium_id, plan_id, item_key)`);

    // A version leaves draft for good once approved: its row and its items never change again
    // (only approved → superseded | closed, which touches nothing but the status and its time).
    await q.query(`
      CREATE FUNCTION training_plan_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ('approved', 'superseded', 'closed') THEN
          IF TG_OP = 'DELETE' THEN
            -- Deleted with its plan (the consortium's removal cascades): allowed.
            IF NOT EXISTS (SELECT 1 FROM training_plan WHERE id = OLD.plan_id) THEN RETURN OLD; END IF;
            RAISE EXCEPTION 'training plan version % is % and cannot be deleted', OLD.version, OLD.status
              USING ERRCODE = 'check_violation', CONSTRAINT = 'training_plan_version_approved_immutable';
          END IF;
          IF NOT (OLD.status = 'approved' AND NEW.status IN ('superseded', 'closed'))
             OR (to_jsonb(NEW) - ARRAY['status', 'closed_at', 'updated_at'])
                IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'closed_at', 'updated_at']) THEN
            RAISE EXCEPTION 'training plan version % is % and cannot change', OLD.version, OLD.status
              USING ERRCODE = 'check_violation', CONSTRAINT = 'training_plan_version_approved_immutable';
          END IF;
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER training_plan_version_immutable BEFORE UPDATE OR DELETE ON training_plan_version
        FOR EACH ROW EXECUTE FUNCTION training_plan_version_immutable()`);
    await q.query(`
      CREATE FUNCTION training_plan_item_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE version_status text;
      BEGIN
        SELECT status INTO version_status FROM training_plan_version
         WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END;
        -- A version being deleted with its plan (cascade) has no row any more: nothing to protect.
        IF version_status IS NOT NULL AND version_status <> 'draft' THEN
          RAISE EXCEPTION 'the items of a % training plan version cannot change', version_status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'training_plan_version_approved_immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER training_plan_item_immutable BEFORE INSERT OR UPDATE OR DELETE ON training_plan_item
        FOR EACH ROW EXECUTE FUNCTION training_plan_item_immutable()`);

    await q.query(`
      CREATE TABLE training_need (
        id                 uuid PRIMARY KEY,
        consortium_id      uuid NOT NULL,
        organization_id    uuid NOT NULL,
        topic              text NOT NULL CHECK (length(trim(topic)) BETWEEN 1 AND 200),
        type               text NOT NULL CHECK (type IN ${TYPES}),
        occupation_code    text CHECK (occupation_code ~ '^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}[SL]?$'),
        skills             text CHECK (length(skills) <= 2000),
        trainees           integer NOT NULL CHECK (trainees > 0),
        preferred_from     date,
        preferred_to       date,
        budget             numeric(14, 2) CHECK (budget >= 0),
        status             text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'declined')),
        decision_reason    text CHECK (length(decision_reason) <= 2000),
        plan_id            uuid,
        item_key           uuid,
        decided_by         uuid,
        decided_at         timestamptz,
        submitted_by       uuid,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_need_tenant_key UNIQUE (consortium_id, id),
        CHECK (preferred_from IS NULL OR preferred_to IS NULL OR preferred_from <= preferred_to),
        CHECK ((status = 'accepted') = (item_key IS NOT NULL AND plan_id IS NOT NULL)),
        CHECK (status <> 'declined' OR decision_reason IS NOT NULL),
        FOREIGN KEY (consortium_id, organization_id) REFERENCES organization (consortium_id, id),
        FOREIGN KEY (consortium_id, plan_id) REFERENCES training_plan (consortium_id, id)
      )`);
    await q.query(`CREATE INDEX training_need_org_idx ON training_need (consortium_id, organization_id, created_at)`);
    await q.query(`CREATE INDEX training_need_item_idx ON training_need (consortium_id, plan_id, item_key)`);

    await q.query(`
      CREATE TABLE training_delivery (
        id                            uuid PRIMARY KEY,
        consortium_id                 uuid NOT NULL,
        plan_id                       uuid NOT NULL,
        item_key                      uuid NOT NULL,
        provider_organization_id      uuid NOT NULL,
        held_on                       date NOT NULL,
        hours                         numeric(6, 1) NOT NULL CHECK (hours > 0 AND hours <= 24),
        participant_count             integer NOT NULL CHECK (participant_count > 0),
        participant_organization_ids  uuid[] NOT NULL DEFAULT '{}',
        funds_received                numeric(14, 2) NOT NULL DEFAULT 0 CHECK (funds_received >= 0),
        note                          text CHECK (length(note) <= 2000),
        recorded_by                   uuid,
        created_at                    timestamptz NOT NULL DEFAULT now(),
        updated_at                    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_delivery_tenant_key UNIQUE (consortium_id, id),
        FOREIGN KEY (consortium_id, plan_id) REFERENCES training_plan (consortium_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, provider_organization_id) REFERENCES organization (consortium_id, id)
      )`);
    await q.query(
      `CREATE INDEX training_delivery_plan_idx ON training_delivery (consortium_id, plan_id, item_key, held_on)`,
    );
    await q.query(`CREATE INDEX training_delivery_day_idx ON training_delivery (consortium_id, held_on)`);
    // A session falls in its plan's year, whatever the caller.
    await q.query(`
      CREATE FUNCTION training_delivery_in_plan_year() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM training_plan
                        WHERE id = NEW.plan_id AND year = extract(year FROM NEW.held_on)::int) THEN
          RAISE EXCEPTION 'a training session is held in its plan''s year'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'training_delivery_held_on_check';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER training_delivery_in_plan_year BEFORE INSERT OR UPDATE OF held_on, plan_id ON training_delivery
        FOR EACH ROW EXECUTE FUNCTION training_delivery_in_plan_year()`);

    await q.query(`
      CREATE TABLE training_roster_entry (
        id                 uuid PRIMARY KEY,
        consortium_id      uuid NOT NULL,
        delivery_id        uuid NOT NULL,
        position           integer NOT NULL CHECK (position >= 0),
        name               text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 50),
        organization_id    uuid,
        organization_name  text CHECK (length(organization_name) <= 200),
        id_hash            text CHECK (id_hash ~ '^[0-9a-f]{64}$'),
        id_last4           text CHECK (id_last4 ~ '^[0-9]{3}[0-9X]$'),
        CHECK ((id_hash IS NULL) = (id_last4 IS NULL)),
        CONSTRAINT training_roster_entry_id_hash_key UNIQUE (consortium_id, delivery_id, id_hash),
        FOREIGN KEY (consortium_id, delivery_id) REFERENCES training_delivery (consortium_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, organization_id) REFERENCES organization (consortium_id, id)
      )`);
    await q.query(
      `COMMENT ON COLUMN training_roster_entry.id_hash IS 'HMAC-SHA256 of the normalised ID number under PERSON_ID_HASH_KEY; the number itself is never stored.'`,
    );
    await q.query(
      `CREATE INDEX training_roster_entry_delivery_idx ON training_roster_entry (consortium_id, delivery_id, position)`,
    );

    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (consortium_id = app_current_consortium_id())
          WITH CHECK (consortium_id = app_current_consortium_id())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION training_delivery_in_plan_year()`);
    await q.query(`DROP FUNCTION training_plan_item_immutable()`);
    await q.query(`DROP FUNCTION training_plan_version_immutable()`);
  }
}
