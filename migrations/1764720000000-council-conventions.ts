import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The council tables follow the conventions of the others: every row records when it
 * last changed, every table has its tenant key (consortium_id, id) and indexes on the
 * keys it is read by. Approved minutes also keep who held each seat of the meeting's
 * council (final_council), so editing a seat's holder later cannot rewrite them.
 */
export class CouncilConventions1764720000000 implements MigrationInterface {
  name = 'CouncilConventions1764720000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['council_seat', 'council_meeting', 'council_resolution', 'council_task']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    }
    await q.query(`ALTER TABLE council_task ADD CONSTRAINT council_task_tenant_key UNIQUE (consortium_id, id)`);
    await q.query(`CREATE INDEX council_seat_organization_idx ON council_seat (consortium_id, organization_id)`);
    await q.query(
      `CREATE INDEX council_meeting_schedule_idx ON council_meeting (consortium_id, scheduled_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX council_resolution_meeting_idx ON council_resolution (consortium_id, meeting_id)`);
    await q.query(`CREATE INDEX council_task_resolution_idx ON council_task (consortium_id, resolution_id)`);
    await q.query(`CREATE INDEX council_attendance_seat_idx ON council_attendance (consortium_id, seat_id)`);
    await q.query(`CREATE INDEX council_vote_seat_idx ON council_vote (consortium_id, seat_id)`);

    await q.query(`ALTER TABLE council_meeting ADD COLUMN final_council jsonb`);
    await q.query(`
      ALTER TABLE council_meeting ADD CONSTRAINT council_meeting_final_council_check
        CHECK (final_council IS NULL OR status = 'minutes_approved')`);
    // Minutes approved before this migration keep the holders of their quorum's seats as they are now.
    await q.query(`
      UPDATE council_meeting m SET final_council = (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                 'id', s.id, 'organizationId', s.organization_id, 'organizationName', o.name,
                 'personName', s.person_name, 'personTitle', s.person_title, 'role', s.role,
                 'category', CASE
                   WHEN o.type = 'government' THEN 'government'
                   WHEN o.type = 'enterprise' THEN 'enterprise'
                   WHEN o.type IN ('secondary_vocational', 'higher_vocational', 'vocational_bachelor',
                                   'general_bachelor', 'technician_college') THEN 'school'
                   WHEN o.type = 'research_institute' THEN 'research'
                   WHEN o.type = 'industry_association' THEN 'industry_association'
                   ELSE 'other' END,
                 'termStart', to_char(s.term_start, 'YYYY-MM-DD'), 'termEnd', to_char(s.term_end, 'YYYY-MM-DD'))
                 ORDER BY s.id), '[]'::jsonb)
          FROM council_seat s JOIN organization o ON o.id = s.organization_id
         WHERE s.consortium_id = m.consortium_id
           AND s.id::text IN (SELECT jsonb_array_elements_text(m.final_quorum -> 'seatIds')))
       WHERE m.status = 'minutes_approved' AND m.final_quorum IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE council_meeting DROP CONSTRAINT council_meeting_final_council_check`);
    await q.query(`ALTER TABLE council_meeting DROP COLUMN final_council`);
    for (const index of [
      'council_vote_seat_idx',
      'council_attendance_seat_idx',
      'council_task_resolution_idx',
      'council_resolution_meeting_idx',
      'council_meeting_schedule_idx',
      'council_seat_organization_idx',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`ALTER TABLE council_task DROP CONSTRAINT council_task_tenant_key`);
    for (const table of ['council_seat', 'council_meeting', 'council_resolution', 'council_task']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN updated_at`);
    }
  }
}
