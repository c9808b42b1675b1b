import { Injectable } from '@nestjs/common';
import { queryRows, RequestContext, TransactionService } from '@chanjiao/core';

/** What started a run: the nightly re-match, a change of the weights, or someone asking for one. */
export type MatchingRunTrigger = 'nightly' | 'weights' | 'manual';

/**
 * Tells the runs' triggers apart for the runs list (docs/matching.md, "Jobs"). `kind` says
 * nightly or full; a full run started by a change of the weights is the one whose
 * `talent.matching_run.requested` audit entry shares its request with a
 * `talent.matching_settings.updated` entry (both are written in the PUT's one transaction).
 * One query for a page of runs, through the audit log's entity index.
 */
@Injectable()
export class MatchingRunTriggersReader {
  constructor(private readonly tx: TransactionService) {}

  async of(ctx: RequestContext, runs: ReadonlyArray<{ id: string; kind: string }>): Promise<MatchingRunTrigger[]> {
    const full = runs.filter((r) => r.kind !== 'nightly').map((r) => r.id);
    const byWeights = new Set<string>();
    if (full.length > 0) {
      const cid = ctx.consortiumId as string;
      const rows = await this.tx.run(ctx, (m) =>
        queryRows<{ runId: string }>(
          m,
          `SELECT r.entity_id AS "runId"
             FROM audit_log r
            WHERE r.consortium_id = $1 AND r.entity_type = 'matching_run' AND r.entity_id = ANY($2::text[])
              AND r.action = 'talent.matching_run.requested' AND r.request_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM audit_log s
                           WHERE s.consortium_id = $1 AND s.entity_type = 'matching_settings' AND s.entity_id = $1::text
                             AND s.action = 'talent.matching_settings.updated' AND s.request_id = r.request_id)`,
          [cid, full],
        ),
      );
      for (const row of rows) byWeights.add(row.runId);
    }
    return runs.map((r) => (r.kind === 'nightly' ? 'nightly' : byWeights.has(r.id) ? 'weights' : 'manual'));
  }
}
