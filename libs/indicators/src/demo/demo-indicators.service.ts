import { writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { addDays, Clock, ConsortiumRole, JobName, JobResult, RequestContext } from '@chanjiao/core';
import { DEFAULT_FRAMEWORK_CODE } from '../domain/default-framework';
import { FrameworkStatus } from '../entities/indicator-enums';
import { IndicatorsException } from '../exceptions/indicators.exception';
import { EvidenceService } from '../services/evidence.service';
import { FrameworksService } from '../services/frameworks.service';
import { PeriodsService } from '../services/periods.service';
import { ReportsService } from '../services/reports.service';
import { RollupService } from '../services/rollup.service';

type Outcome = 'approved' | 'submitted' | 'returned' | 'draft';

/**
 * What the demo's schools, enterprises and secretariat report, and how far each report got:
 * values per reporter kind (the n-th organization of the kind gets the n-th value).
 */
const DEMO_REPORTS: Array<{ pointCode: string; values: Array<number | boolean>; outcomes: Outcome[]; note?: string }> =
  [
    {
      pointCode: 'D4.1',
      values: [3, 2, 1],
      outcomes: ['approved', 'approved', 'submitted'],
      note: '中高职贯通 3+2 项目',
    },
    { pointCode: 'D4.2', values: [180, 95, 40], outcomes: ['approved', 'submitted', 'draft'] },
    { pointCode: 'D4.3w', values: [1200, 800, 300], outcomes: ['approved', 'approved', 'approved'] },
    { pointCode: 'D4.3', values: [72, 65, 58], outcomes: ['approved', 'returned', 'submitted'] },
    { pointCode: 'D2.5', values: [2, 1, 1], outcomes: ['approved', 'submitted', 'draft'] },
    { pointCode: 'D5.1', values: [320, 150], outcomes: ['approved', 'returned'] },
    { pointCode: 'D5.2', values: [12, 6], outcomes: ['approved', 'draft'] },
    { pointCode: 'D6.2', values: [800, 650, 300, 120], outcomes: ['approved', 'approved', 'submitted', 'returned'] },
    { pointCode: 'D1.1', values: [3], outcomes: ['approved'] },
    { pointCode: 'D3.3', values: [true], outcomes: ['approved'] },
    { pointCode: 'D6.1', values: [1200], outcomes: ['approved'] },
    { pointCode: 'D6.3', values: [5], outcomes: ['submitted'] },
    { pointCode: 'D7.1', values: [false], outcomes: ['approved'] },
    { pointCode: 'D7.2', values: [false], outcomes: ['approved'] },
  ];

/** A one-page PDF standing in for a scanned certificate (佐证材料) of the demo. */
function demoEvidencePdf(title: string): Buffer {
  const text = `Chanjiao demo evidence: ${title}`;
  const stream = `BT /F1 14 Tf 72 760 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * The demo consortium's current reporting period (本年度建设自评), dated from the clock, with
 * reports of its member organizations and the secretariat in every state (draft, submitted,
 * returned with a comment, approved, some with evidence) and a computed roll-up. Idempotent:
 * a period of that name already there is left as it is.
 */
@Injectable()
export class DemoIndicatorsService {
  private readonly logger = new Logger(DemoIndicatorsService.name);

  constructor(
    private readonly clock: Clock,
    private readonly frameworks: FrameworksService,
    private readonly periods: PeriodsService,
    private readonly reports: ReportsService,
    private readonly evidence: EvidenceService,
    private readonly rollups: RollupService,
  ) {}

  async seed(jobCtx: RequestContext): Promise<JobResult<JobName.SeedDemoIndicators>> {
    const consortiumId = jobCtx.consortiumId as string;
    // The demo acts as the secretariat (no user of its own: audit entries carry no actor).
    const ctx: RequestContext = {
      ...jobCtx,
      actor: { userId: undefined as unknown as string, platformAdmin: false, role: ConsortiumRole.Secretariat },
    };
    const empty = { consortiumId, periodId: null, reports: 0, rollupId: null };
    const published = await this.frameworks.list(ctx, {
      code: DEFAULT_FRAMEWORK_CODE,
      status: FrameworkStatus.Published,
      limit: 1,
    });
    const framework = published.items[0];
    if (!framework) {
      this.logger.warn('No published default framework yet: the demo period is skipped');
      return empty;
    }
    const today = this.clock.chinaToday();
    const name = `${today.slice(0, 4)}年度建设自评（演示）`;
    const existing = (await this.periods.list(ctx, { limit: 100 })).items.find((p) => p.name === name);
    if (existing) return { ...empty, periodId: existing.id };

    const period = await this.periods.create(ctx, {
      name,
      frameworkId: framework.id,
      startsOn: addDays(today, -150),
      endsOn: addDays(today, 215),
      dueOn: addDays(today, 40),
      graceDays: 7,
    });
    const expected = await this.periods.expectedReporters(ctx, period.id);
    let reports = 0;
    const toApprove: string[] = [];
    for (const plan of DEMO_REPORTS) {
      const reporters = expected.filter((e) => e.pointCode === plan.pointCode);
      for (const [index, reporter] of reporters.entries()) {
        if (index >= plan.values.length) break;
        const outcome = plan.outcomes[index];
        try {
          const report = await this.reports.create(ctx, {
            periodId: period.id,
            pointCode: plan.pointCode,
            value: plan.values[index],
            ...(plan.note ? { note: plan.note } : {}),
            ...(reporter.organizationId ? { organizationId: reporter.organizationId } : {}),
          });
          reports += 1;
          if (outcome === 'draft') continue;
          if (['D2.5', 'D5.1', 'D3.3', 'D6.2'].includes(plan.pointCode)) {
            const pdf = demoEvidencePdf(`${plan.pointCode} ${reporter.organizationName ?? 'secretariat'}`);
            await this.evidence.upload(ctx, report.id, async (destination) => {
              await writeFile(destination, pdf);
              return {
                fileName: `${plan.pointCode}-佐证材料.pdf`,
                declaredType: 'application/pdf',
                sizeBytes: pdf.length,
                sha256: createHash('sha256').update(pdf).digest('hex'),
                head: pdf.subarray(0, 16),
                tooLarge: false,
              };
            });
          }
          await this.reports.submit(ctx, report.id);
          if (outcome === 'approved') toApprove.push(report.id);
          if (outcome === 'returned') {
            await this.reports.returnForChanges(ctx, report.id, '请补充佐证材料并核对数据口径');
          }
        } catch (error) {
          // A framework edited since the demo was written: that report is left out, the rest goes on.
          if (!(error instanceof IndicatorsException)) throw error;
          this.logger.warn(`Demo report ${plan.pointCode} left out: ${error.message}`);
        }
      }
    }
    // In one go, as the secretariat's bulk approval does: one incremental roll-up job, not one per report.
    await this.reports.approveMany(ctx, toApprove);
    const rollup = await this.rollups.runFull(ctx, period.id);
    return { consortiumId, periodId: period.id, reports, rollupId: rollup.id };
  }
}
