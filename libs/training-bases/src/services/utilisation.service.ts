import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { addMonths, Clock, queryRows, RequestContext, TransactionService } from '@chanjiao/core';
import { OrganizationsService } from '@chanjiao/consortia';
import {
  availableWorkstationHours,
  breakdown,
  feeDue,
  monthBounds,
  UtilisationBooking,
  utilisationFigures,
} from '../domain/utilisation';
import { BaseUtilisationDto, UtilisationDto, UtilisationQueryDto } from '../dto/booking.dto';
import { BookingPurpose } from '../entities/training-base-enums';
import { TrainingBase } from '../entities/training-base.entity';
import { OccupancyService } from './occupancy.service';
import { TrainingBasesService } from './training-bases.service';

interface BookingRow extends UtilisationBooking {
  baseId: string;
}

const PURPOSE_ZH: Record<BookingPurpose, string> = {
  course: '课程教学',
  training: '培训',
  competition: '技能竞赛',
  production: '生产',
  research: '研发',
};

/**
 * Utilisation per base per China-time month: workstation-hours open (opening hours minus
 * closures), booked, used (check-in to check-out), no-shows, by organization and purpose,
 * organizations served from outside the host, and the fees due.
 */
@Injectable()
export class UtilisationService {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly bases: TrainingBasesService,
    private readonly occupancy: OccupancyService,
    private readonly organizations: OrganizationsService,
  ) {}

  report(ctx: RequestContext, query: UtilisationQueryDto): Promise<UtilisationDto> {
    return this.tx.run(ctx, async (m) => {
      const bases = query.baseId
        ? [await this.bases.find(m, ctx, query.baseId)]
        : await m.find(TrainingBase, { where: { consortiumId: ctx.consortiumId }, order: { name: 'ASC', id: 'ASC' } });
      if (bases.length === 0) return { month: query.month, bases: [] };
      const { from, to, firstDay, lastDay } = monthBounds(query.month);
      const ids = bases.map((b) => b.id);
      const closures = await this.occupancy.closures(m, ctx, ids, firstDay, lastDay);
      const rows = (
        await queryRows<BookingRow>(
          m,
          `SELECT base_id AS "baseId", organization_id AS "organizationId", purpose, status, workstations,
                  starts_at AS "startsAt", ends_at AS "endsAt", checked_in_at AS "checkedInAt",
                  checked_out_at AS "checkedOutAt", expected_participants AS "expectedParticipants"
             FROM training_booking
            WHERE consortium_id = $1 AND base_id = ANY($2::uuid[]) AND starts_at < $4
              AND greatest(ends_at, coalesce(checked_out_at, ends_at)) > $3`,
          [ctx.consortiumId, ids, from, to],
        )
      ).map((r) => ({
        ...r,
        startsAt: new Date(r.startsAt),
        endsAt: new Date(r.endsAt),
        checkedInAt: r.checkedInAt ? new Date(r.checkedInAt) : null,
        checkedOutAt: r.checkedOutAt ? new Date(r.checkedOutAt) : null,
      }));
      const organizations = new Map<string, { name: string; member: boolean }>();
      for (const id of new Set(rows.map((r) => r.organizationId))) {
        const organization = await this.organizations.get(ctx, id);
        organizations.set(id, { name: organization.name, member: organization.membershipStatus === 'active' });
      }
      const now = this.clock.now();
      const result: BaseUtilisationDto[] = bases.map((base) => {
        const own = rows.filter((r) => r.baseId === base.id);
        const available = availableWorkstationHours(
          base.openingHours,
          closures.get(base.id) ?? [],
          query.month,
          base.workstations,
        );
        const figures = utilisationFigures(available, own, query.month, now);
        const byOrganization = breakdown(own, (r) => r.organizationId, query.month, now).map((g) => ({
          ...g,
          name: organizations.get(g.key)?.name ?? '',
        }));
        const fees = byOrganization
          .filter((g) => g.key !== base.hostOrganizationId)
          .map((g) => {
            const info = organizations.get(g.key);
            const rate = info?.member ? base.feeMemberPerHour : base.feeNonMemberPerHour;
            return {
              organizationId: g.key,
              organizationName: g.name,
              member: info?.member ?? false,
              ratePerHour: Number(rate).toFixed(2),
              feeYuan: feeDue(
                own.filter((r) => r.organizationId === g.key),
                query.month,
                rate,
              ),
            };
          });
        return {
          baseId: base.id,
          baseName: base.name,
          month: query.month,
          workstations: base.workstations,
          ...figures,
          externalOrganizations: byOrganization.filter((g) => g.key !== base.hostOrganizationId).length,
          byOrganization,
          byPurpose: breakdown(own, (r) => r.purpose, query.month, now),
          fees,
        };
      });
      return { month: query.month, bases: result };
    });
  }

  /** Totals of every base over the months from `startsOn` to `endsOn` (for the indicators). */
  async totals(
    ctx: RequestContext,
    startsOn: string,
    endsOn: string,
  ): Promise<{ available: number; used: number; bases: BaseUtilisationDto[] }> {
    let available = 0;
    let used = 0;
    const bases: BaseUtilisationDto[] = [];
    for (
      let month = startsOn.slice(0, 7);
      month <= endsOn.slice(0, 7);
      month = addMonths(`${month}-01`, 1).slice(0, 7)
    ) {
      const report = await this.report(ctx, { month });
      for (const base of report.bases) {
        available += base.availableHours;
        used += base.usedHours;
        bases.push(base);
      }
    }
    return { available, used, bases };
  }

  /** The month's report as a workbook with zh-CN headers: one sheet per view. */
  async export(ctx: RequestContext, query: UtilisationQueryDto): Promise<Buffer> {
    const report = await this.report(ctx, query);
    const workbook = new ExcelJS.Workbook();
    const summary = workbook.addWorksheet('利用率');
    summary.columns = [
      { header: '基地', key: 'base', width: 30 },
      { header: '月份', key: 'month', width: 10 },
      { header: '工位数', key: 'workstations', width: 8 },
      { header: '可用工位时', key: 'available', width: 12 },
      { header: '预约工位时', key: 'booked', width: 12 },
      { header: '实际使用工位时', key: 'used', width: 14 },
      { header: '利用率', key: 'utilisation', width: 10 },
      { header: '预约数', key: 'bookings', width: 8 },
      { header: '未到场', key: 'noShows', width: 8 },
      { header: '服务人数', key: 'participants', width: 10 },
      { header: '服务外单位数', key: 'external', width: 12 },
    ];
    for (const base of report.bases) {
      summary.addRow({
        base: base.baseName,
        month: base.month,
        workstations: base.workstations,
        available: base.availableHours,
        booked: base.bookedHours,
        used: base.usedHours,
        utilisation: base.utilisation,
        bookings: base.bookings,
        noShows: base.noShows,
        participants: base.participants,
        external: base.externalOrganizations,
      });
    }
    summary.getColumn('utilisation').numFmt = '0.00%';
    const byOrganization = workbook.addWorksheet('按单位');
    byOrganization.columns = [
      { header: '基地', key: 'base', width: 30 },
      { header: '单位', key: 'organization', width: 30 },
      { header: '预约工位时', key: 'booked', width: 12 },
      { header: '实际使用工位时', key: 'used', width: 14 },
      { header: '预约数', key: 'bookings', width: 8 },
      { header: '未到场', key: 'noShows', width: 8 },
    ];
    const byPurpose = workbook.addWorksheet('按用途');
    byPurpose.columns = [
      { header: '基地', key: 'base', width: 30 },
      { header: '用途', key: 'purpose', width: 12 },
      { header: '预约工位时', key: 'booked', width: 12 },
      { header: '实际使用工位时', key: 'used', width: 14 },
      { header: '预约数', key: 'bookings', width: 8 },
      { header: '未到场', key: 'noShows', width: 8 },
    ];
    const fees = workbook.addWorksheet('费用');
    fees.columns = [
      { header: '基地', key: 'base', width: 30 },
      { header: '单位', key: 'organization', width: 30 },
      { header: '是否成员单位', key: 'member', width: 12 },
      { header: '单价（元/工位时）', key: 'rate', width: 16 },
      { header: '应收费用（元）', key: 'fee', width: 14 },
    ];
    for (const base of report.bases) {
      for (const g of base.byOrganization) {
        byOrganization.addRow({
          base: base.baseName,
          organization: g.name,
          booked: g.bookedHours,
          used: g.usedHours,
          bookings: g.bookings,
          noShows: g.noShows,
        });
      }
      for (const g of base.byPurpose) {
        byPurpose.addRow({
          base: base.baseName,
          purpose: PURPOSE_ZH[g.key as BookingPurpose] ?? g.key,
          booked: g.bookedHours,
          used: g.usedHours,
          bookings: g.bookings,
          noShows: g.noShows,
        });
      }
      for (const f of base.fees) {
        fees.addRow({
          base: base.baseName,
          organization: f.organizationName,
          member: f.member ? '是' : '否',
          rate: Number(f.ratePerHour),
          fee: Number(f.feeYuan),
        });
      }
    }
    for (const sheet of [summary, byOrganization, byPurpose, fees]) sheet.getRow(1).font = { bold: true };
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
