import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['talent_demand_postings', 'talent_supply_postings', 'talent_skill_synonyms'];

const LEVELS = `'secondary_vocational', 'higher_vocational', 'vocational_bachelor'`;
const STATUSES = `'draft', 'published', 'closed', 'filled', 'expired'`;

/**
 * The talent supply–demand platform's postings: enterprises' demand (人才需求) and
 * schools' supply (人才供给), and the consortium's skill synonym list. Codes (occupation,
 * programme, programme class, offering) are checked by the service against the
 * programmes context; they are stored as codes so a posting keeps what was published.
 * `search_text` is the normalised title, description and skills, searched with pg_trgm
 * (any substring, Chinese included). The matching context reads both posting tables.
 */
export class TalentPostings1765670400000 implements MigrationInterface {
  name = 'TalentPostings1765670400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE talent_demand_postings (
        id                     uuid PRIMARY KEY,
        consortium_id          uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        organization_id        uuid NOT NULL,
        title                  text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 120),
        description            text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
        occupation_code        text CHECK (occupation_code ~ '^[1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}$'),
        programme_codes        text[] NOT NULL DEFAULT '{}',
        programme_class_codes  text[] NOT NULL DEFAULT '{}',
        min_level              text CHECK (min_level IN (${LEVELS})),
        headcount              integer NOT NULL CHECK (headcount >= 1),
        required_skills        jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(required_skills) = 'array'),
        preferred_skills       jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(preferred_skills) = 'array'),
        certificates           text[] NOT NULL DEFAULT '{}',
        employment_type        text NOT NULL
                                 CHECK (employment_type IN ('full_time', 'internship', 'apprenticeship', 'order_class')),
        district               text CHECK (length(district) <= 60),
        in_park                boolean NOT NULL DEFAULT false,
        salary_min             numeric(10, 2) CHECK (salary_min >= 0),
        salary_max             numeric(10, 2) CHECK (salary_max >= 0),
        start_date             date,
        valid_until            date,
        status                 text NOT NULL DEFAULT 'draft' CHECK (status IN (${STATUSES})),
        published_at           timestamptz,
        closed_at              timestamptz,
        close_reason           text CHECK (length(close_reason) <= 500),
        closed_by              uuid,
        search_text            text NOT NULL DEFAULT '',
        created_by             uuid,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT talent_demand_postings_salary_range_check CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max),
        CONSTRAINT talent_demand_postings_published_at_check CHECK (status = 'draft' OR published_at IS NOT NULL),
        CONSTRAINT talent_demand_postings_tenant_key UNIQUE (consortium_id, id),
        CONSTRAINT talent_demand_postings_organization_id_fkey FOREIGN KEY (consortium_id, organization_id)
          REFERENCES organization (consortium_id, id)
      )`);
    await q.query(`
      CREATE INDEX talent_demand_postings_list_idx
        ON talent_demand_postings (consortium_id, status, published_at DESC, id)`);
    await q.query(`CREATE INDEX talent_demand_postings_org_idx ON talent_demand_postings (consortium_id, organization_id)`);
    await q.query(`CREATE INDEX talent_demand_postings_valid_idx ON talent_demand_postings (valid_until) WHERE status = 'published'`);
    await q.query(`CREATE INDEX talent_demand_postings_search_idx ON talent_demand_postings USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX talent_demand_postings_programmes_idx ON talent_demand_postings USING gin (programme_codes)`);
    await q.query(`CREATE INDEX talent_demand_postings_classes_idx ON talent_demand_postings USING gin (programme_class_codes)`);

    await q.query(`
      CREATE TABLE talent_supply_postings (
        id                     uuid PRIMARY KEY,
        consortium_id          uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        organization_id        uuid NOT NULL,
        offering_id            uuid NOT NULL,
        -- Copied from the offering when the posting is written (what matching and lists read).
        programme_code         text NOT NULL,
        programme_class_code   text NOT NULL,
        level                  text NOT NULL CHECK (level IN (${LEVELS})),
        title                  text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 120),
        cohort_year            integer NOT NULL CHECK (cohort_year BETWEEN 2000 AND 2100),
        headcount              integer NOT NULL CHECK (headcount >= 1),
        available_from         date,
        valid_until            date,
        modes                  text[] NOT NULL DEFAULT '{}',
        skills                 jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(skills) = 'array'),
        note                   text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        status                 text NOT NULL DEFAULT 'draft' CHECK (status IN (${STATUSES})),
        published_at           timestamptz,
        closed_at              timestamptz,
        close_reason           text CHECK (length(close_reason) <= 500),
        closed_by              uuid,
        search_text            text NOT NULL DEFAULT '',
        created_by             uuid,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT talent_supply_postings_published_at_check CHECK (status = 'draft' OR published_at IS NOT NULL),
        CONSTRAINT talent_supply_postings_tenant_key UNIQUE (consortium_id, id),
        CONSTRAINT talent_supply_postings_organization_id_fkey FOREIGN KEY (consortium_id, organization_id)
          REFERENCES organization (consortium_id, id)
      )`);
    await q.query(`
      CREATE INDEX talent_supply_postings_list_idx
        ON talent_supply_postings (consortium_id, status, published_at DESC, id)`);
    await q.query(`CREATE INDEX talent_supply_postings_org_idx ON talent_supply_postings (consortium_id, organization_id)`);
    await q.query(`CREATE INDEX talent_supply_postings_valid_idx ON talent_supply_postings (valid_until) WHERE status = 'published'`);
    await q.query(`CREATE INDEX talent_supply_postings_search_idx ON talent_supply_postings USING gin (search_text gin_trgm_ops)`);

    // Variants (normalised) mapped to the consortium's one spelling of a skill.
    await q.query(`
      CREATE TABLE talent_skill_synonyms (
        id             uuid PRIMARY KEY,
        consortium_id  uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        variant        text NOT NULL CHECK (length(variant) BETWEEN 1 AND 60),
        skill          text NOT NULL CHECK (length(skill) BETWEEN 1 AND 60),
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT talent_skill_synonyms_variant_key UNIQUE (consortium_id, variant),
        CONSTRAINT talent_skill_synonyms_tenant_key UNIQUE (consortium_id, id),
        CONSTRAINT talent_skill_synonyms_distinct_check CHECK (variant <> skill)
      )`);

    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (consortium_id = app_current_consortium_id())
          WITH CHECK (consortium_id = app_current_consortium_id())`);
    }

    // The daily expiry tick runs without a tenant: it learns which consortia have
    // published postings past their last day (ids only) and enqueues one job per
    // consortium, which then expires them under that tenant's RLS.
    await q.query(`
      CREATE FUNCTION talent_consortia_with_lapsed_postings(today date) RETURNS SETOF uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
          SELECT consortium_id FROM talent_demand_postings WHERE status = 'published' AND valid_until < today
          UNION
          SELECT consortium_id FROM talent_supply_postings WHERE status = 'published' AND valid_until < today
        $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION talent_consortia_with_lapsed_postings(date)`);
    await q.query(`DROP TABLE talent_skill_synonyms`);
    await q.query(`DROP TABLE talent_supply_postings`);
    await q.query(`DROP TABLE talent_demand_postings`);
  }
}
