import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national reference lists (platform level, no consortium, no RLS), versioned by
 * edition: the programme catalogue 职业教育专业目录, the occupation classification
 * 职业分类大典 and the programme → occupation mapping 职业面向. Then the schools'
 * programme offerings 开设专业 (tenant rows, RLS forced), each pointing at the catalogue
 * edition it was created under; its level is the catalogue programme's (a composite key).
 */
export class ProgrammeCatalogueAndOfferings1765584000000 implements MigrationInterface {
  name = 'ProgrammeCatalogueAndOfferings1765584000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalogue_editions (
        list        text NOT NULL CHECK (list IN ('programmes', 'occupations')),
        edition     text NOT NULL CHECK (edition ~ '^[0-9A-Za-z._-]{1,20}$'),
        name        text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
        is_current  boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (list, edition)
      )`);
    await q.query(`CREATE UNIQUE INDEX catalogue_editions_current_key ON catalogue_editions (list) WHERE is_current`);

    await q.query(`
      CREATE TABLE catalogue_programmes (
        edition           text NOT NULL,
        code              text NOT NULL CHECK (code ~ '^[0-9]{6}K?$'),
        name              text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
        level             text NOT NULL CHECK (level IN ('secondary_vocational', 'higher_vocational', 'vocational_bachelor')),
        category_code     text NOT NULL CHECK (category_code ~ '^[0-9]{2}$'),
        category_name     text NOT NULL CHECK (length(trim(category_name)) BETWEEN 1 AND 200),
        class_code        text NOT NULL CHECK (class_code ~ '^[0-9]{4}$'),
        class_name        text NOT NULL CHECK (length(trim(class_name)) BETWEEN 1 AND 200),
        national_control  boolean NOT NULL DEFAULT false,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (edition, code),
        CONSTRAINT catalogue_programmes_level_key UNIQUE (edition, code, level),
        CHECK (left(class_code, 2) = category_code AND left(code, 4) = class_code)
      )`);
    await q.query(`CREATE INDEX catalogue_programmes_class_idx ON catalogue_programmes (edition, class_code, code)`);
    await q.query(`CREATE INDEX catalogue_programmes_level_idx ON catalogue_programmes (edition, level, code)`);
    await q.query(`CREATE INDEX catalogue_programmes_name_trgm_idx ON catalogue_programmes USING gin (name gin_trgm_ops)`);
    await q.query(`COMMENT ON TABLE catalogue_programmes IS 'Platform reference data: the programme catalogue per edition (no consortium, no RLS).'`);

    await q.query(`
      CREATE TABLE catalogue_occupations (
        edition      text NOT NULL,
        code         text NOT NULL CHECK (code ~ '^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}$'),
        level        smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        parent_code  text,
        name         text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
        is_digital   boolean NOT NULL DEFAULT false,
        is_green     boolean NOT NULL DEFAULT false,
        definition   text,
        main_tasks   text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (edition, code),
        CHECK ((level = 1) = (parent_code IS NULL))
      )`);
    await q.query(`CREATE INDEX catalogue_occupations_parent_idx ON catalogue_occupations (edition, parent_code, code)`);
    await q.query(`CREATE INDEX catalogue_occupations_name_trgm_idx ON catalogue_occupations USING gin (name gin_trgm_ops)`);
    await q.query(`COMMENT ON TABLE catalogue_occupations IS 'Platform reference data: the occupation classification per edition (no consortium, no RLS).'`);

    await q.query(`
      CREATE TABLE catalogue_programme_occupations (
        edition             text NOT NULL,
        programme_code      text NOT NULL,
        occupation_edition  text NOT NULL,
        occupation_code     text NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (edition, programme_code, occupation_code),
        FOREIGN KEY (edition, programme_code) REFERENCES catalogue_programmes (edition, code) ON DELETE CASCADE,
        FOREIGN KEY (occupation_edition, occupation_code) REFERENCES catalogue_occupations (edition, code) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX catalogue_programme_occupations_occupation_idx ON catalogue_programme_occupations (occupation_edition, occupation_code)`,
    );

    await q.query(`
      CREATE TABLE programme_offerings (
        id                      uuid PRIMARY KEY,
        consortium_id           uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        organization_id         uuid NOT NULL,
        catalogue_edition       text NOT NULL,
        programme_code          text NOT NULL,
        level                   text NOT NULL,
        start_year              integer NOT NULL CHECK (start_year BETWEEN 1949 AND 2200),
        status                  text NOT NULL DEFAULT 'active'
                                CHECK (status IN ('active', 'upgrading', 'suspended', 'discontinued')),
        enrolment_plan          integer CHECK (enrolment_plan >= 0),
        students_enrolled       integer CHECK (students_enrolled >= 0),
        expected_graduates      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(expected_graduates) = 'array'),
        skills                  text[] NOT NULL DEFAULT '{}',
        certificates            text[] NOT NULL DEFAULT '{}',
        training_modes          text[] NOT NULL DEFAULT '{}'
                                CHECK (training_modes <@ ARRAY['order_class', 'apprenticeship', 'internship', 'pathway']::text[]),
        partner_school_ids      uuid[] NOT NULL DEFAULT '{}',
        partner_enterprise_ids  uuid[] NOT NULL DEFAULT '{}',
        contact_name            text,
        contact_phone           text,
        contact_email           text,
        note                    text,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programme_offerings_tenant_key UNIQUE (consortium_id, id),
        CONSTRAINT programme_offerings_programme_code_key UNIQUE (consortium_id, organization_id, catalogue_edition, programme_code),
        FOREIGN KEY (consortium_id, organization_id) REFERENCES organization (consortium_id, id),
        CONSTRAINT programme_offerings_programme_code_fkey FOREIGN KEY (catalogue_edition, programme_code, level)
          REFERENCES catalogue_programmes (edition, code, level) ON UPDATE CASCADE
      )`);
    await q.query(`CREATE INDEX programme_offerings_programme_idx ON programme_offerings (consortium_id, programme_code)`);
    await q.query(`CREATE INDEX programme_offerings_organization_idx ON programme_offerings (consortium_id, organization_id)`);
    await q.query(`CREATE INDEX programme_offerings_skills_idx ON programme_offerings USING gin (skills)`);
    await q.query(`ALTER TABLE programme_offerings ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE programme_offerings FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY programme_offerings_tenant_isolation ON programme_offerings
        USING (consortium_id = app_current_consortium_id())
        WITH CHECK (consortium_id = app_current_consortium_id())`);
    await q.query(
      `CREATE POLICY programme_offerings_cross_read ON programme_offerings FOR SELECT USING (app_cross_tenant_read())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE programme_offerings`);
    await q.query(`DROP TABLE catalogue_programme_occupations`);
    await q.query(`DROP TABLE catalogue_occupations`);
    await q.query(`DROP TABLE catalogue_programmes`);
    await q.query(`DROP TABLE catalogue_editions`);
  }
}
