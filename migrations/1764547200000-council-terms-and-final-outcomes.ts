import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approved minutes are a record: when a meeting's minutes are approved, its
 * quorum and each resolution's tally are kept as they were, so a later charter
 * change or a seat added afterwards cannot rewrite them. (Seats count toward a
 * meeting only while their term covers its date: a query rule, no schema change.)
 */
export class CouncilTermsAndFinalOutcomes1764547200000 implements MigrationInterface {
  name = 'CouncilTermsAndFinalOutcomes1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE council_meeting ADD COLUMN final_quorum jsonb`);
    await q.query(`ALTER TABLE council_resolution ADD COLUMN final_tally jsonb`);
    // Rows approved before this migration have an outcome without a kept tally; new ones keep both.
    await q.query(`
      ALTER TABLE council_meeting ADD CONSTRAINT council_meeting_final_quorum_check
        CHECK (final_quorum IS NULL OR status = 'minutes_approved')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE council_meeting DROP CONSTRAINT council_meeting_final_quorum_check`);
    await q.query(`ALTER TABLE council_resolution DROP COLUMN final_tally`);
    await q.query(`ALTER TABLE council_meeting DROP COLUMN final_quorum`);
  }
}
