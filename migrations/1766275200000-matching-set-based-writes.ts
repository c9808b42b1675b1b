import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Set-based match writes (docs/matching.md, "How it is fast"): each stored match carries a
 * hash of its content, so a re-match that finds the same match only stamps the row with its
 * run (a small UPDATE) instead of rewriting its breakdown and explanation. Half-empty pages
 * (fillfactor 50) let those stamps stay HOT updates: no index entry is touched.
 */
export class MatchingSetBasedWrites1766275200000 implements MigrationInterface {
  name = 'MatchingSetBasedWrites1766275200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE demand_matches ADD COLUMN content_hash text`);
    await q.query(`ALTER TABLE demand_matches SET (fillfactor = 50)`);
    await q.query(`ALTER TABLE demand_match_summaries SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE demand_match_summaries RESET (fillfactor)`);
    await q.query(`ALTER TABLE demand_matches RESET (fillfactor)`);
    await q.query(`ALTER TABLE demand_matches DROP COLUMN content_hash`);
  }
}
