import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consortium profile (industrial park, lead units, status history) and its
 * member organizations with their membership history. Tenant tables: RLS forced,
 * unique keys include consortium_id.
 */
export class ConsortiumProfileAndOrganizations1764374400000 implements MigrationInterface {
  name = 'ConsortiumProfileAndOrganizations1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id            uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        type                     text NOT NULL CHECK (type IN ('government', 'enterprise', 'secondary_vocational',
                                   'higher_vocational', 'vocational_bachelor', 'general_bachelor', 'technician_college',
                                   'research_institute', 'industry_association', 'other')),
        name                     text NOT NULL CHECK (length(trim(name)) > 0),
        name_en                  text,
        credit_code              text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        district                 text,
        address                  text,
        industry_code            text,
        industry_name            text,
        size                     text CHECK (size IN ('large', 'medium', 'small', 'micro')),
        leading_enterprise       boolean NOT NULL DEFAULT false,
        certified_integration_enterprise boolean NOT NULL DEFAULT false,
        double_high_school       boolean NOT NULL DEFAULT false,
        contacts                 jsonb NOT NULL DEFAULT '[]'::jsonb,
        membership_status        text NOT NULL DEFAULT 'applied'
                                   CHECK (membership_status IN ('applied', 'active', 'suspended', 'rejected', 'withdrawn')),
        membership_changed_on    date,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organization_name_key UNIQUE (consortium_id, name),
        CONSTRAINT organization_credit_code_key UNIQUE (consortium_id, credit_code),
        CONSTRAINT organization_enterprise_credit_code CHECK (type <> 'enterprise' OR credit_code IS NOT NULL),
        -- Lets other tables reference (consortium_id, id) so a link can never cross tenants.
        CONSTRAINT organization_tenant_key UNIQUE (consortium_id, id)
      )`);
    // `q` matches any part of a Chinese or English name.
    await q.query(`CREATE INDEX organization_name_trgm_idx ON organization USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX organization_name_en_trgm_idx ON organization USING gin (name_en gin_trgm_ops)`);
    await q.query(`CREATE INDEX organization_filters_idx ON organization (consortium_id, type, membership_status)`);

    // A `member` user is bound to a member organization of the same consortium.
    await q.query(`
      ALTER TABLE consortium_membership ADD CONSTRAINT consortium_membership_organization_fk
        FOREIGN KEY (consortium_id, organization_id) REFERENCES organization (consortium_id, id)`);

    await q.query(`
      CREATE TABLE organization_membership_event (
        id               bigserial PRIMARY KEY,
        consortium_id    uuid NOT NULL,
        organization_id  uuid NOT NULL,
        from_status      text,
        to_status        text NOT NULL,
        effective_on     date NOT NULL,
        reason           text,
        actor_user_id    uuid,
        created_at       timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (consortium_id, organization_id) REFERENCES organization (consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX organization_membership_event_org_idx ON organization_membership_event (organization_id, id)`,
    );

    await q.query(`
      ALTER TABLE consortium
        ADD COLUMN park_name                text,
        ADD COLUMN park_output_value        numeric(14, 2) CHECK (park_output_value >= 0),
        ADD COLUMN park_province_rank       integer CHECK (park_province_rank >= 1),
        ADD COLUMN leading_industries       jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN lead_government_org_id   uuid,
        ADD COLUMN lead_school_org_id       uuid,
        ADD COLUMN lead_enterprise_org_id   uuid,
        ADD COLUMN status_changed_on        date,
        ADD CONSTRAINT consortium_lead_government_fk FOREIGN KEY (id, lead_government_org_id)
          REFERENCES organization (consortium_id, id),
        ADD CONSTRAINT consortium_lead_school_fk FOREIGN KEY (id, lead_school_org_id)
          REFERENCES organization (consortium_id, id),
        ADD CONSTRAINT consortium_lead_enterprise_fk FOREIGN KEY (id, lead_enterprise_org_id)
          REFERENCES organization (consortium_id, id)`);
    await q.query(
      `COMMENT ON COLUMN consortium.park_output_value IS 'Industrial park total output value, 亿元 (100 million yuan)'`,
    );

    await q.query(`
      CREATE TABLE consortium_status_event (
        id             bigserial PRIMARY KEY,
        consortium_id  uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        from_status    text NOT NULL,
        to_status      text NOT NULL,
        effective_on   date NOT NULL,
        note           text,
        actor_user_id  uuid,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consortium_status_event_idx ON consortium_status_event (consortium_id, id)`);

    for (const table of ['organization', 'organization_membership_event', 'consortium_status_event']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (consortium_id = app_current_consortium_id())
          WITH CHECK (consortium_id = app_current_consortium_id())`);
      // Cross-consortium visibility is for reading only (see docs/conventions.md).
      await q.query(`CREATE POLICY ${table}_cross_read ON ${table} FOR SELECT USING (app_cross_tenant_read())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consortium_status_event`);
    await q.query(`
      ALTER TABLE consortium
        DROP COLUMN status_changed_on, DROP COLUMN lead_enterprise_org_id, DROP COLUMN lead_school_org_id,
        DROP COLUMN lead_government_org_id, DROP COLUMN leading_industries, DROP COLUMN park_province_rank,
        DROP COLUMN park_output_value, DROP COLUMN park_name`);
    await q.query(`DROP TABLE organization_membership_event`);
    await q.query(`ALTER TABLE consortium_membership DROP CONSTRAINT consortium_membership_organization_fk`);
    await q.query(`DROP TABLE organization`);
  }
}
