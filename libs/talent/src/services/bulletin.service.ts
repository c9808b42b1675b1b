import { Injectable } from '@nestjs/common';
import {
  addDays,
  chinaStartOfDay,
  Clock,
  findIndustry,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { OrganizationsService } from '@chanjiao/consortia';
import { CatalogueService } from '@chanjiao/programmes';
import ExcelJS from 'exceljs';
import { BulletinPosting, BulletinRow, bulletinTables } from '../domain/bulletin';
import { BulletinDto, BulletinRowDto } from '../dto/talent-stats.dto';

interface PostingRow {
  id: string;
  organizationId: string;
  headcount: number;
  occupationCode: string | null;
  programmeCodes: string[];
  programmeClassCodes: string[];
  salaryMin: string | null;
  salaryMax: string | null;
}

/**
 * Statuses that count as published demand: open, filled or run out. A closed posting
 * does not (withdrawn by its enterprise or closed by the secretariat's moderation).
 */
export const BULLETIN_STATUSES = ['published', 'filled', 'expired'];

export const UNCLASSIFIED = '未分类';

const OCCUPATION_LEVEL_NAMES = { 1: '大类', 2: '中类', 3: '小类', 4: '细类（职业）' } as const;

/**
 * The talent demand bulletin (人才需求发布) for a China-time year: the demand published
 * that year and still open, filled or expired (not closed), by programme class,
 * occupation level and enterprise industry. The arithmetic is `bulletinTables`.
 */
@Injectable()
export class BulletinService {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly catalogue: CatalogueService,
  ) {}

  async bulletin(ctx: RequestContext, year: number): Promise<BulletinDto> {
    const rows = await this.tx.run(ctx, (m) =>
      queryRows<PostingRow>(
        m,
        `SELECT id, organization_id AS "organizationId", headcount, occupation_code AS "occupationCode",
                programme_codes AS "programmeCodes", programme_class_codes AS "programmeClassCodes",
                salary_min AS "salaryMin", salary_max AS "salaryMax"
           FROM talent_demand_postings
          WHERE consortium_id = $1 AND status = ANY($2::text[]) AND published_at >= $3 AND published_at < $4
          ORDER BY id`,
        [
          ctx.consortiumId,
          BULLETIN_STATUSES,
          chinaStartOfDay(`${year}-01-01`),
          chinaStartOfDay(addDays(`${year}-12-31`, 1)),
        ],
      ),
    );
    const organizations = await this.organizations.summaries(ctx, rows.map((r) => r.organizationId));
    const industryOf = new Map(organizations.map((o) => [o.id, o.industryCode]));
    const programmes = await this.catalogue.findProgrammes(ctx, [...new Set(rows.flatMap((r) => r.programmeCodes))]);
    const classOf = new Map(programmes.map((p) => [p.code, p.classCode]));
    const postings: BulletinPosting[] = rows.map((r) => ({
      id: r.id,
      organizationId: r.organizationId,
      headcount: r.headcount,
      classCodes: [...new Set([...r.programmeClassCodes, ...r.programmeCodes.map((c) => classOf.get(c) ?? c.slice(0, 4))])],
      occupationCode: r.occupationCode,
      industryCode: divisionOf(industryOf.get(r.organizationId) ?? null),
      salaryMin: r.salaryMin,
      salaryMax: r.salaryMax,
    }));
    const tables = bulletinTables(postings);

    const classNames = new Map<string, string>();
    for (const row of tables.programmeClasses) {
      if (row.code) classNames.set(row.code, (await this.catalogue.findClass(ctx, row.code))?.className ?? row.code);
    }
    const occupationCodes = tables.occupations.flatMap((level) => level.rows.map((r) => r.code)).filter(isString);
    const occupationNames = new Map(
      (await this.catalogue.findOccupations(ctx, occupationCodes)).map((o) => [o.code, o.name]),
    );
    const named = (names: (code: string) => string | undefined) => (row: BulletinRow): BulletinRowDto => ({
      ...row,
      name: row.code === null ? UNCLASSIFIED : (names(row.code) ?? row.code),
    });
    return {
      year,
      asOf: this.clock.chinaToday(),
      total: { ...tables.total, name: '合计' },
      programmeClasses: tables.programmeClasses.map(named((code) => classNames.get(code))),
      occupations: tables.occupations.map((level) => ({
        level: level.level,
        rows: level.rows.map(named((code) => occupationNames.get(code))),
      })),
      industries: tables.industries.map(named((code) => findIndustry(code)?.name)),
    };
  }

  /** The bulletin as the secretariat publishes it: one sheet per table, zh-CN headers, A4 landscape. */
  async workbook(ctx: RequestContext, year: number, consortiumName?: string): Promise<Buffer> {
    const bulletin = await this.bulletin(ctx, year);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Chanjiao';
    const title = `${consortiumName ? `${consortiumName} ` : ''}${year}年度人才需求发布`;
    addSheet(workbook, '汇总', title, '范围', [bulletin.total], bulletin.asOf);
    addSheet(workbook, '按专业类', `${title}（按专业类）`, '专业类', bulletin.programmeClasses, bulletin.asOf);
    for (const level of bulletin.occupations) {
      const levelName = OCCUPATION_LEVEL_NAMES[level.level as 1 | 2 | 3 | 4];
      addSheet(workbook, `按职业${levelName.slice(0, 2)}`, `${title}（按职业${levelName}）`, `职业${levelName}`, level.rows, bulletin.asOf);
    }
    addSheet(workbook, '按行业', `${title}（按企业所属行业）`, '行业（国民经济行业分类大类）', bulletin.industries, bulletin.asOf);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}

/** The division (大类, e.g. C34) of a GB/T 4754 code; a section code (C) stays as it is. */
export function divisionOf(code: string | null): string | null {
  if (!code) return null;
  return code.length >= 3 ? code.slice(0, 3) : code;
}

function isString(value: string | null): value is string {
  return value !== null;
}

export const BULLETIN_HEADERS = ['代码', '名称', '需求人数', '企业数', '岗位数', '月薪中位数（元）'];

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  groupHeader: string,
  rows: readonly BulletinRowDto[],
  asOf: string,
): void {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.mergeCells('A1:F1');
  sheet.getCell('A1').value = title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.getCell('A2').value = `统计截至 ${asOf}（北京时间）；同一企业在每一行只计一次；未标注代码的岗位计入“${UNCLASSIFIED}”。`;
  sheet.mergeCells('A2:F2');
  const header = sheet.getRow(3);
  header.values = [`${groupHeader}代码`, `${groupHeader}名称`, ...BULLETIN_HEADERS.slice(2)];
  header.font = { bold: true };
  sheet.columns = [{ width: 16 }, { width: 36 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 18 }];
  for (const row of rows) {
    sheet.addRow([
      row.code ?? '',
      row.name,
      row.headcount,
      row.enterprises,
      row.postings,
      row.salaryMedian === null ? '' : Number(row.salaryMedian),
    ]);
  }
  sheet.pageSetup.printTitlesRow = '3:3';
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
}
