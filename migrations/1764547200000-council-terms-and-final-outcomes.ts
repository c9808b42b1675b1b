import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each consortium gets its council row when it is created (a trigger), so the charter
 * is read without writing. A seat's category is no longer stored: it is read from its
 * organization's type. Approved minutes are a record: when a meeting's minutes are approved, its
 * quorum and each resolution's tally are kept as they were, so a later charter
 * change or a seat added afterwards cannot rewrite them. (Seats count toward a
 * meeting only while their term covers its date: a query rule, no schema change.)
 */
export class CouncilTermsAndFinalOutcomes1764547200000 implements MigrationInterface {
  name = 'CouncilTermsAndFinalOutcomes1764547200000';

  async up(q: QueryRunner): Promise<void> {
    // Every consortium has its council row (the charter with the default fractions) from the
    // start, so reading the charter never writes. Existing consortia get theirs here.
    await q.query(`
      CREATE FUNCTION council_for_new_consortium() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO council (consortium_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER consortium_council AFTER INSERT ON consortium
        FOR EACH ROW EXECUTE FUNCTION council_for_new_consortium()`);
    await q.query(`INSERT INTO council (consortium_id) SELECT id FROM consortium ON CONFLICT DO NOTHING`);

    // A seat's category is its organization's type's (read through the join), not a copy that can go stale.
    await q.query(`ALTER TABLE council_seat DROP COLUMN category`);
    await q.query(`ALTER TABLE council_meeting ADD COLUMN final_quorum jsonb`);
    await q.query(`ALTER TABLE council_resolution ADD COLUMN final_tally jsonb`);
    // Rows approved before this migration have an outcome without a kept tally; new ones keep both.
    await q.query(`
      ALTER TABLE council_meeting ADD CONSTRAINT council_meeting_final_quorum_check
        CHECK (final_quorum IS NULL OR status = 'minutes_approved')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER consortium_council ON consortium`);
    await q.query(`DROP FUNCTION council_for_new_consortium()`);
    await q.query(`ALTER TABLE council_meeting DROP CONSTRAINT council_meeting_final_quorum_check`);
    await q.query(`ALTER TABLE council_resolution DROP COLUMN final_tally`);
    await q.query(`ALTER TABLE council_meeting DROP COLUMN final_quorum`);
    await q.query(`ALTER TABLE council_seat ADD COLUMN category text`);
    await q.query(`
      UPDATE council_seat s SET category = CASE
          WHEN o.type = 'government' THEN 'government'
          WHEN o.type = 'enterprise' THEN 'enterprise'
          WHEN o.type IN ('secondary_vocational', 'higher_vocational', 'vocational_bachelor', 'general_bachelor', 'technician_college') THEN 'school'
          WHEN o.type = 'research_institute' THEN 'research'
          WHEN o.type = 'industry_association' THEN 'industry_association'
          ELSE 'other' END
        FROM organization o WHERE o.id = s.organization_id`);
    await q.query(`
      ALTER TABLE council_seat ALTER COLUMN category SET NOT NULL,
        ADD CHECK (category IN ('government', 'enterprise', 'school', 'research', 'industry_association', 'other'))`);
  }
}
