import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The council (理事会): its charter, seats, meetings with attendance, resolutions
 * with one vote per seat, and follow-up tasks. Tenant tables under RLS; every
 * child row carries consortium_id and references its parent within the tenant.
 */
export class CouncilGovernance1764460800000 implements MigrationInterface {
  name = 'CouncilGovernance1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE council (
        consortium_id               uuid PRIMARY KEY REFERENCES consortium (id) ON DELETE CASCADE,
        name                        text NOT NULL DEFAULT '理事会',
        quorum_numerator            integer NOT NULL DEFAULT 2,
        quorum_denominator          integer NOT NULL DEFAULT 3,
        ordinary_pass_numerator     integer NOT NULL DEFAULT 1,
        ordinary_pass_denominator   integer NOT NULL DEFAULT 2,
        special_pass_numerator      integer NOT NULL DEFAULT 2,
        special_pass_denominator    integer NOT NULL DEFAULT 3,
        updated_at                  timestamptz NOT NULL DEFAULT now(),
        CHECK (quorum_numerator > 0 AND quorum_numerator <= quorum_denominator),
        CHECK (ordinary_pass_numerator > 0 AND ordinary_pass_numerator < ordinary_pass_denominator),
        CHECK (special_pass_numerator > 0 AND special_pass_numerator <= special_pass_denominator)
      )`);
    await q.query(`
      CREATE TABLE council_seat (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id    uuid NOT NULL,
        organization_id  uuid NOT NULL,
        person_name      text NOT NULL,
        person_title     text,
        role             text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'secretary_general', 'director', 'supervisor')),
        category         text NOT NULL CHECK (category IN ('government', 'enterprise', 'school', 'research', 'industry_association', 'other')),
        term_start       date NOT NULL,
        term_end         date NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CHECK (term_end > term_start),
        CONSTRAINT council_seat_tenant_key UNIQUE (consortium_id, id),
        FOREIGN KEY (consortium_id, organization_id) REFERENCES organization (consortium_id, id)
      )`);
    await q.query(`
      CREATE TABLE council_meeting (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id   uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        kind            text NOT NULL CHECK (kind IN ('plenary', 'standing', 'special')),
        title           text NOT NULL,
        scheduled_at    timestamptz NOT NULL,
        place           text,
        agenda          jsonb NOT NULL DEFAULT '[]'::jsonb,
        status          text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'minutes_approved', 'cancelled')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT council_meeting_tenant_key UNIQUE (consortium_id, id)
      )`);
    await q.query(`
      CREATE TABLE council_attendance (
        consortium_id   uuid NOT NULL,
        meeting_id      uuid NOT NULL,
        seat_id         uuid NOT NULL,
        status          text NOT NULL CHECK (status IN ('present', 'absent', 'proxy')),
        proxy_seat_id   uuid,
        PRIMARY KEY (consortium_id, meeting_id, seat_id),
        CHECK ((status = 'proxy') = (proxy_seat_id IS NOT NULL) AND proxy_seat_id IS DISTINCT FROM seat_id),
        FOREIGN KEY (consortium_id, meeting_id) REFERENCES council_meeting (consortium_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, seat_id) REFERENCES council_seat (consortium_id, id),
        FOREIGN KEY (consortium_id, proxy_seat_id) REFERENCES council_seat (consortium_id, id)
      )`);
    await q.query(`
      CREATE TABLE council_resolution (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id   uuid NOT NULL,
        meeting_id      uuid NOT NULL,
        title           text NOT NULL,
        text            text NOT NULL DEFAULT '',
        kind            text NOT NULL CHECK (kind IN ('ordinary', 'special')),
        outcome         text CHECK (outcome IN ('passed', 'failed', 'no_quorum')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT council_resolution_tenant_key UNIQUE (consortium_id, id),
        FOREIGN KEY (consortium_id, meeting_id) REFERENCES council_meeting (consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE council_vote (
        consortium_id   uuid NOT NULL,
        resolution_id   uuid NOT NULL,
        seat_id         uuid NOT NULL,
        choice          text NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
        cast_at         timestamptz NOT NULL DEFAULT now(),
        -- One vote per seat: changing a vote replaces it.
        PRIMARY KEY (consortium_id, resolution_id, seat_id),
        FOREIGN KEY (consortium_id, resolution_id) REFERENCES council_resolution (consortium_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, seat_id) REFERENCES council_seat (consortium_id, id)
      )`);
    await q.query(`
      CREATE TABLE council_task (
        id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id             uuid NOT NULL,
        resolution_id             uuid NOT NULL,
        title                     text NOT NULL,
        assignee_organization_id  uuid NOT NULL,
        due_on                    date NOT NULL,
        status                    text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
        created_at                timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (consortium_id, resolution_id) REFERENCES council_resolution (consortium_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, assignee_organization_id) REFERENCES organization (consortium_id, id)
      )`);
    for (const table of [
      'council',
      'council_seat',
      'council_meeting',
      'council_attendance',
      'council_resolution',
      'council_vote',
      'council_task',
    ]) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (consortium_id = app_current_consortium_id())
          WITH CHECK (consortium_id = app_current_consortium_id())`);
      await q.query(`CREATE POLICY ${table}_cross_read ON ${table} FOR SELECT USING (app_cross_tenant_read())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'council_task',
      'council_vote',
      'council_resolution',
      'council_attendance',
      'council_meeting',
      'council_seat',
      'council',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
