import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly full re-match (docs/matching.md, "Jobs"): its tick runs without a tenant and
 * learns which consortia to re-match (ids only) from this function, then enqueues one run
 * job per consortium, which works under that tenant's RLS — as the daily expiry tick does.
 */
export class MatchingNightly1766102400000 implements MigrationInterface {
  name = 'MatchingNightly1766102400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION matching_consortia_to_rematch() RETURNS SETOF uuid
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
          -- FORCE ROW LEVEL SECURITY binds the owner too unless it bypasses RLS: fail loudly
          -- rather than find nothing and never re-match.
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)) THEN
            RAISE EXCEPTION 'matching_consortia_to_rematch: its owner % must be a superuser or BYPASSRLS', current_user;
          END IF;
          -- Consortia with something to match, or matches that may have gone stale.
          RETURN QUERY
            SELECT consortium_id FROM talent_demand_postings WHERE status = 'published'
            UNION
            SELECT consortium_id FROM demand_matches;
        END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION matching_consortia_to_rematch()`);
  }
}
