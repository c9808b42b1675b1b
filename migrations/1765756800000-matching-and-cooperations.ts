import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = [
  'matching_settings',
  'matching_runs',
  'demand_matches',
  'demand_match_summaries',
  'match_decisions',
  'cooperations',
];

/**
 * Matching demand postings to programme offerings (docs/matching.md), the decisions people
 * take on matches, cooperation agreements (订单班, 学徒制, 实习, 招聘) and the triggers that
 * enqueue re-matching through the outbox in the transaction of every change to a posting or
 * an offering, whichever path makes it (HTTP, import, expiry job, demo seed).
 */
export class MatchingAndCooperations1765756800000 implements MigrationInterface {
  name = 'MatchingAndCooperations1765756800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matching_settings (
        consortium_id  uuid PRIMARY KEY REFERENCES consortium (id) ON DELETE CASCADE,
        weights        jsonb NOT NULL CHECK (jsonb_typeof(weights) = 'object'),
        text_min       numeric(4, 3) NOT NULL CHECK (text_min BETWEEN 0.1 AND 0.8),
        min_score      numeric(5, 2) NOT NULL CHECK (min_score BETWEEN 0 AND 60),
        updated_by     uuid,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE matching_runs (
        id               uuid PRIMARY KEY,
        consortium_id    uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        kind             text NOT NULL CHECK (kind IN ('full', 'nightly')),
        status           text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
        scoring_version  text NOT NULL,
        job_id           uuid NOT NULL,
        chunks_total     integer NOT NULL DEFAULT 0 CHECK (chunks_total >= 0),
        chunks_done      integer NOT NULL DEFAULT 0 CHECK (chunks_done >= 0),
        postings_total   integer NOT NULL DEFAULT 0 CHECK (postings_total >= 0),
        postings_matched integer NOT NULL DEFAULT 0 CHECK (postings_matched >= 0),
        postings_no_match integer NOT NULL DEFAULT 0 CHECK (postings_no_match >= 0),
        matches_written  integer NOT NULL DEFAULT 0 CHECK (matches_written >= 0),
        requested_by     uuid,
        started_at       timestamptz NOT NULL DEFAULT now(),
        finished_at      timestamptz,
        CONSTRAINT matching_runs_tenant_key UNIQUE (consortium_id, id),
        CONSTRAINT matching_runs_job_id_key UNIQUE (consortium_id, job_id)
      )`);
    await q.query(`CREATE INDEX matching_runs_list_idx ON matching_runs (consortium_id, started_at DESC, id)`);

    // One row per (posting, offering): the kept top 20 plus pinned pairs, rewritten by every match.
    await q.query(`
      CREATE TABLE demand_matches (
        consortium_id    uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        posting_id       uuid NOT NULL,
        offering_id      uuid NOT NULL,
        school_id        uuid NOT NULL,
        enterprise_id    uuid NOT NULL,
        score            numeric(5, 2) NOT NULL CHECK (score BETWEEN 0 AND 100),
        rank             smallint CHECK (rank BETWEEN 1 AND 20),
        factors          jsonb NOT NULL,
        explanation      jsonb NOT NULL,
        excluded         text[] NOT NULL DEFAULT '{}',
        scoring_version  text NOT NULL,
        run_id           uuid,
        matched_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consortium_id, posting_id, offering_id),
        FOREIGN KEY (consortium_id, posting_id) REFERENCES talent_demand_postings (consortium_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, offering_id) REFERENCES programme_offerings (consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX demand_matches_offering_idx ON demand_matches (consortium_id, offering_id, score DESC)`,
    );

    // Whether and when a posting was matched, and its "no match" answer.
    await q.query(`
      CREATE TABLE demand_match_summaries (
        consortium_id    uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        posting_id       uuid NOT NULL,
        match_count      integer NOT NULL CHECK (match_count >= 0),
        no_match         jsonb,
        scoring_version  text NOT NULL,
        run_id           uuid,
        matched_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consortium_id, posting_id),
        FOREIGN KEY (consortium_id, posting_id) REFERENCES talent_demand_postings (consortium_id, id) ON DELETE CASCADE
      )`);

    // People's decisions: the secretariat pins or hides (with a reason), the enterprise marks
    // "not relevant". They are kept apart from the scores, so re-matching never loses them.
    await q.query(`
      CREATE TABLE match_decisions (
        consortium_id  uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        posting_id     uuid NOT NULL,
        offering_id    uuid NOT NULL,
        side           text NOT NULL CHECK (side IN ('secretariat', 'enterprise')),
        decision       text NOT NULL CHECK (decision IN ('pinned', 'hidden', 'not_relevant')),
        reason         text CHECK (length(reason) <= 500),
        factors        jsonb,
        decided_by     uuid,
        decided_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consortium_id, posting_id, offering_id, side),
        CONSTRAINT match_decisions_side_decision_check CHECK (
          (side = 'secretariat' AND decision IN ('pinned', 'hidden')) OR (side = 'enterprise' AND decision = 'not_relevant')),
        CONSTRAINT match_decisions_hidden_reason_check CHECK (decision <> 'hidden' OR length(trim(reason)) > 0),
        FOREIGN KEY (consortium_id, posting_id) REFERENCES talent_demand_postings (consortium_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, offering_id) REFERENCES programme_offerings (consortium_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE cooperations (
        id                uuid PRIMARY KEY,
        consortium_id     uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        posting_id        uuid NOT NULL,
        offering_id       uuid NOT NULL,
        enterprise_id     uuid NOT NULL,
        school_id         uuid NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('order_class', 'apprenticeship', 'internship', 'recruitment')),
        headcount         integer NOT NULL CHECK (headcount BETWEEN 1 AND 100000),
        cohort_year       integer NOT NULL CHECK (cohort_year BETWEEN 2000 AND 2100),
        start_date        date NOT NULL,
        end_date          date,
        status            text NOT NULL DEFAULT 'proposed'
                          CHECK (status IN ('proposed', 'active', 'completed', 'declined', 'cancelled')),
        proposed_by_side  text NOT NULL CHECK (proposed_by_side IN ('enterprise', 'school')),
        proposed_by       uuid,
        decided_by        uuid,
        decided_at        timestamptz,
        note              text CHECK (length(note) <= 2000),
        reason            text CHECK (length(reason) <= 500),
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cooperations_tenant_key UNIQUE (consortium_id, id),
        CONSTRAINT cooperations_end_date_check CHECK (end_date IS NULL OR end_date >= start_date),
        FOREIGN KEY (consortium_id, posting_id) REFERENCES talent_demand_postings (consortium_id, id),
        FOREIGN KEY (consortium_id, offering_id) REFERENCES programme_offerings (consortium_id, id),
        FOREIGN KEY (consortium_id, enterprise_id) REFERENCES organization (consortium_id, id),
        FOREIGN KEY (consortium_id, school_id) REFERENCES organization (consortium_id, id)
      )`);
    await q.query(
      `CREATE INDEX cooperations_offering_idx ON cooperations (consortium_id, offering_id, cohort_year) WHERE status = 'active'`,
    );
    await q.query(`CREATE INDEX cooperations_list_idx ON cooperations (consortium_id, created_at DESC, id)`);

    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (consortium_id = app_current_consortium_id())
          WITH CHECK (consortium_id = app_current_consortium_id())`);
    }

    // Re-matching is enqueued in the transaction of the change (an outbox row, as
    // OutboxService writes it), so no path that changes a posting or an offering can forget it.
    await q.query(`
      CREATE FUNCTION matching_enqueue(consortium uuid, job text, payload jsonb) RETURNS void
        LANGUAGE sql AS $$
          INSERT INTO outbox_message (id, consortium_id, queue, job_name, payload, requested_by, request_id)
          VALUES (gen_random_uuid(), consortium, 'matching', job, payload,
                  nullif(current_setting('app.user_id', true), '')::uuid,
                  coalesce(nullif(current_setting('app.request_id', true), ''), 'matching-trigger'))
        $$`);
    await q.query(`
      CREATE FUNCTION matching_posting_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF (NEW.status = 'published' OR (TG_OP = 'UPDATE' AND OLD.status = 'published'))
             AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status
                  OR OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description
                  OR OLD.occupation_code IS DISTINCT FROM NEW.occupation_code
                  OR OLD.programme_codes IS DISTINCT FROM NEW.programme_codes
                  OR OLD.programme_class_codes IS DISTINCT FROM NEW.programme_class_codes
                  OR OLD.min_level IS DISTINCT FROM NEW.min_level OR OLD.headcount IS DISTINCT FROM NEW.headcount
                  OR OLD.required_skills IS DISTINCT FROM NEW.required_skills
                  OR OLD.preferred_skills IS DISTINCT FROM NEW.preferred_skills
                  OR OLD.employment_type IS DISTINCT FROM NEW.employment_type
                  OR OLD.district IS DISTINCT FROM NEW.district OR OLD.in_park IS DISTINCT FROM NEW.in_park
                  OR OLD.start_date IS DISTINCT FROM NEW.start_date) THEN
            PERFORM matching_enqueue(NEW.consortium_id, 'talent.match-posting',
              jsonb_build_object('consortiumId', NEW.consortium_id, 'postingId', NEW.id));
          END IF;
          RETURN NULL;
        END $$`);
    await q.query(`
      CREATE TRIGGER talent_demand_postings_matching AFTER INSERT OR UPDATE ON talent_demand_postings
        FOR EACH ROW EXECUTE FUNCTION matching_posting_changed()`);
    await q.query(`
      CREATE FUNCTION matching_offering_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status
             OR OLD.programme_code IS DISTINCT FROM NEW.programme_code OR OLD.level IS DISTINCT FROM NEW.level
             OR OLD.skills IS DISTINCT FROM NEW.skills OR OLD.training_modes IS DISTINCT FROM NEW.training_modes
             OR OLD.expected_graduates IS DISTINCT FROM NEW.expected_graduates
             OR OLD.organization_id IS DISTINCT FROM NEW.organization_id THEN
            PERFORM matching_enqueue(NEW.consortium_id, 'talent.match-offering',
              jsonb_build_object('consortiumId', NEW.consortium_id, 'offeringId', NEW.id));
          END IF;
          RETURN NULL;
        END $$`);
    await q.query(`
      CREATE TRIGGER programme_offerings_matching AFTER INSERT OR UPDATE ON programme_offerings
        FOR EACH ROW EXECUTE FUNCTION matching_offering_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER programme_offerings_matching ON programme_offerings`);
    await q.query(`DROP TRIGGER talent_demand_postings_matching ON talent_demand_postings`);
    await q.query(`DROP FUNCTION matching_offering_changed()`);
    await q.query(`DROP FUNCTION matching_posting_changed()`);
    await q.query(`DROP FUNCTION matching_enqueue(uuid, text, jsonb)`);
    for (const table of [...TENANT_TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
