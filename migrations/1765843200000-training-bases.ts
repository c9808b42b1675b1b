import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = [
  'training_base',
  'training_base_area',
  'training_base_equipment',
  'training_base_closure',
  'training_booking',
];

/** Statuses whose workstations count against a base's (or area's) capacity. */
const ACTIVE = `('requested', 'approved', 'checked_in')`;

/**
 * Shared training bases (产教融合实训基地): areas, equipment, closures and bookings.
 *
 * The capacity rule — at no instant may the workstations of live bookings exceed the
 * base's (or the area's) count — is held by the database: a trigger on every insert and
 * every change of a live booking locks the base row (FOR UPDATE, so writers of one base
 * queue behind each other while other bases stay free) and then measures the peak load
 * over the booking's occupied interval [starts_at, occupied_until) (the booking plus the
 * base's buffer). The peak of a step function over an interval is reached at the
 * interval's start or at the start of a booking inside it, so only those instants are
 * measured. An overbooking raises 23P01 (409 `conflict`), whoever writes the row.
 * See docs/training-bases.md, "Capacity".
 */
export class TrainingBases1765843200000 implements MigrationInterface {
  name = 'TrainingBases1765843200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE training_base (
        id                       uuid PRIMARY KEY,
        consortium_id            uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        host_organization_id     uuid NOT NULL,
        name                     text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
        kind                     text NOT NULL CHECK (kind IN ('public_practice_center', 'enterprise_practice_center',
                                   'school_enterprise', 'school_internal')),
        functions                text[] NOT NULL DEFAULT '{}' CHECK (functions <@ ARRAY['practical_teaching',
                                   'social_training', 'real_production', 'technical_service']::text[]),
        address                  text NOT NULL DEFAULT '',
        workstations             integer NOT NULL CHECK (workstations BETWEEN 1 AND 100000),
        opening_hours            jsonb NOT NULL DEFAULT '[]',
        min_duration_minutes     integer NOT NULL DEFAULT 30 CHECK (min_duration_minutes BETWEEN 1 AND 10080),
        max_duration_minutes     integer NOT NULL DEFAULT 480 CHECK (max_duration_minutes BETWEEN 1 AND 10080),
        buffer_minutes           integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 1440),
        lead_time_hours          integer NOT NULL DEFAULT 0 CHECK (lead_time_hours BETWEEN 0 AND 8760),
        horizon_days             integer NOT NULL DEFAULT 180 CHECK (horizon_days BETWEEN 1 AND 730),
        approval_required        boolean NOT NULL DEFAULT true,
        allowed_organization_types text[] NOT NULL DEFAULT '{}',
        monthly_quota_hours      integer CHECK (monthly_quota_hours BETWEEN 1 AND 100000000),
        no_show_grace_minutes    integer NOT NULL DEFAULT 30 CHECK (no_show_grace_minutes BETWEEN 0 AND 1440),
        fee_member_per_hour      numeric(12, 2) NOT NULL DEFAULT 0 CHECK (fee_member_per_hour >= 0),
        fee_non_member_per_hour  numeric(12, 2) NOT NULL DEFAULT 0 CHECK (fee_non_member_per_hour >= 0),
        status                   text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        CHECK (max_duration_minutes >= min_duration_minutes),
        CONSTRAINT training_base_name_key UNIQUE (consortium_id, name),
        CONSTRAINT training_base_tenant_key UNIQUE (consortium_id, id),
        CONSTRAINT training_base_host_organization_id_fkey FOREIGN KEY (consortium_id, host_organization_id)
          REFERENCES organization (consortium_id, id)
      )`);
    await q.query(`
      CREATE TABLE training_base_area (
        id             uuid PRIMARY KEY,
        consortium_id  uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        base_id        uuid NOT NULL,
        name           text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
        workstations   integer NOT NULL CHECK (workstations BETWEEN 1 AND 100000),
        CONSTRAINT training_base_area_name_key UNIQUE (consortium_id, base_id, name),
        CONSTRAINT training_base_area_tenant_key UNIQUE (consortium_id, base_id, id),
        FOREIGN KEY (consortium_id, base_id) REFERENCES training_base (consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE training_base_equipment (
        id             uuid PRIMARY KEY,
        consortium_id  uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        base_id        uuid NOT NULL,
        position       integer NOT NULL,
        name           text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
        model          text NOT NULL DEFAULT '',
        quantity       integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
        value_yuan     numeric(14, 2) NOT NULL DEFAULT 0 CHECK (value_yuan >= 0),
        CONSTRAINT training_base_equipment_position_key UNIQUE (consortium_id, base_id, position),
        FOREIGN KEY (consortium_id, base_id) REFERENCES training_base (consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE training_base_closure (
        id             uuid PRIMARY KEY,
        consortium_id  uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        base_id        uuid NOT NULL,
        starts_on      date NOT NULL,
        ends_on        date NOT NULL,
        reason         text NOT NULL DEFAULT '',
        CHECK (ends_on >= starts_on),
        FOREIGN KEY (consortium_id, base_id) REFERENCES training_base (consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX training_base_closure_base_idx ON training_base_closure (consortium_id, base_id, starts_on)`,
    );
    await q.query(`
      CREATE TABLE training_booking (
        id                     uuid PRIMARY KEY,
        consortium_id          uuid NOT NULL REFERENCES consortium (id) ON DELETE CASCADE,
        base_id                uuid NOT NULL,
        area_id                uuid,
        organization_id        uuid NOT NULL,
        requester_user_id      uuid REFERENCES app_user (id),
        series_id              uuid,
        starts_at              timestamptz NOT NULL,
        ends_at                timestamptz NOT NULL,
        occupied_until         timestamptz NOT NULL,
        workstations           integer NOT NULL CHECK (workstations BETWEEN 1 AND 100000),
        purpose                text NOT NULL CHECK (purpose IN ('course', 'training', 'competition', 'production', 'research')),
        expected_participants  integer NOT NULL DEFAULT 0 CHECK (expected_participants BETWEEN 0 AND 1000000),
        plan_item_id           uuid,
        note                   text NOT NULL DEFAULT '',
        status                 text NOT NULL CHECK (status IN ('requested', 'approved', 'checked_in', 'completed',
                                 'rejected', 'cancelled', 'no_show')),
        decision_note          text NOT NULL DEFAULT '',
        decided_by             uuid,
        checked_in_at          timestamptz,
        checked_out_at         timestamptz,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (occupied_until >= ends_at),
        CHECK (checked_out_at IS NULL OR checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at),
        CONSTRAINT training_booking_tenant_key UNIQUE (consortium_id, id),
        CONSTRAINT training_booking_base_id_fkey FOREIGN KEY (consortium_id, base_id)
          REFERENCES training_base (consortium_id, id),
        CONSTRAINT training_booking_area_id_fkey FOREIGN KEY (consortium_id, base_id, area_id)
          REFERENCES training_base_area (consortium_id, base_id, id),
        CONSTRAINT training_booking_organization_id_fkey FOREIGN KEY (consortium_id, organization_id)
          REFERENCES organization (consortium_id, id)
      )`);
    await q.query(`
      CREATE INDEX training_booking_live_idx ON training_booking (consortium_id, base_id, starts_at)
        WHERE status IN ${ACTIVE}`);
    await q.query(
      `CREATE INDEX training_booking_base_time_idx ON training_booking (consortium_id, base_id, starts_at)`,
    );
    await q.query(
      `CREATE INDEX training_booking_organization_idx ON training_booking (consortium_id, organization_id, starts_at)`,
    );
    await q.query(
      `CREATE INDEX training_booking_series_idx ON training_booking (consortium_id, series_id) WHERE series_id IS NOT NULL`,
    );

    // Peak workstations of live bookings of a base (optionally one area) over [from, until).
    await q.query(`
      CREATE FUNCTION training_booking_peak(p_consortium uuid, p_base uuid, p_area uuid, p_from timestamptz,
                                            p_until timestamptz) RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT coalesce(max(load), 0)::integer FROM (
          SELECT (SELECT sum(b.workstations) FROM training_booking b
                   WHERE b.consortium_id = p_consortium AND b.base_id = p_base
                     AND (p_area IS NULL OR b.area_id = p_area)
                     AND b.status IN ${ACTIVE}
                     AND b.starts_at <= at AND b.occupied_until > at) AS load
            FROM (SELECT p_from AS at
                  UNION
                  SELECT o.starts_at FROM training_booking o
                   WHERE o.consortium_id = p_consortium AND o.base_id = p_base
                     AND (p_area IS NULL OR o.area_id = p_area)
                     AND o.status IN ${ACTIVE}
                     AND o.starts_at > p_from AND o.starts_at < p_until) instants
        ) loads
      $$`);
    await q.query(`
      CREATE FUNCTION training_booking_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        capacity integer;
        area_capacity integer;
      BEGIN
        IF NEW.status NOT IN ${ACTIVE} THEN RETURN NULL; END IF;
        -- The per-base lock: every writer of this base's live bookings queues here.
        SELECT workstations INTO capacity FROM training_base
         WHERE consortium_id = NEW.consortium_id AND id = NEW.base_id FOR UPDATE;
        IF training_booking_peak(NEW.consortium_id, NEW.base_id, NULL, NEW.starts_at, NEW.occupied_until) > capacity THEN
          RAISE EXCEPTION 'training base % has fewer free workstations than booked', NEW.base_id
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'training_booking_capacity';
        END IF;
        IF NEW.area_id IS NOT NULL THEN
          SELECT workstations INTO area_capacity FROM training_base_area
           WHERE consortium_id = NEW.consortium_id AND base_id = NEW.base_id AND id = NEW.area_id;
          IF training_booking_peak(NEW.consortium_id, NEW.base_id, NEW.area_id, NEW.starts_at, NEW.occupied_until)
             > area_capacity THEN
            RAISE EXCEPTION 'training base area % has fewer free workstations than booked', NEW.area_id
              USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'training_booking_area_capacity';
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER training_booking_capacity
        AFTER INSERT OR UPDATE OF starts_at, occupied_until, workstations, status, area_id, base_id ON training_booking
        FOR EACH ROW EXECUTE FUNCTION training_booking_capacity()`);

    for (const table of TENANT_TABLES) {
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
    for (const table of [...TENANT_TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION training_booking_capacity()`);
    await q.query(`DROP FUNCTION training_booking_peak(uuid, uuid, uuid, timestamptz, timestamptz)`);
  }
}
