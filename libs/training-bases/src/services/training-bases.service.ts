import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AuditService,
  CursorPage,
  DomainException,
  escapeLike,
  findOneOrThrow,
  keysetPage,
  queryRow,
  RequestContext,
  sortOrder,
  TransactionService,
  updateAudited,
} from '@chanjiao/core';
import { OrganizationsService } from '@chanjiao/consortia';
import { openingHoursProblems } from '../domain/opening-hours';
import {
  AreaInputDto,
  ClosureDto,
  CreateTrainingBaseDto,
  EquipmentInputDto,
  TrainingBaseListQueryDto,
  UpdateTrainingBaseDto,
} from '../dto/training-base.dto';
import { LIVE_BOOKING_STATUSES, TrainingBaseStatus } from '../entities/training-base-enums';
import { TrainingBase } from '../entities/training-base.entity';
import { TrainingBaseArea, TrainingBaseClosure, TrainingBaseEquipment } from '../entities/training-base-parts.entity';
import {
  baseNotFound,
  invalidBase,
  rejectNulls,
  TrainingBasesErrorCode,
  TrainingBasesException,
} from '../exceptions/training-bases.exception';
import { assertMayManage } from './access-rules';

export interface TrainingBaseDetail {
  base: TrainingBase;
  areas: TrainingBaseArea[];
  equipment: TrainingBaseEquipment[];
  closures: TrainingBaseClosure[];
}

const SORT_COLUMNS = { name: 'b.name', createdAt: 'b.created_at' };
const REQUIRED = [
  'name',
  'kind',
  'workstations',
  'openingHours',
  'minDurationMinutes',
  'maxDurationMinutes',
  'bufferMinutes',
  'leadTimeHours',
  'horizonDays',
  'approvalRequired',
  'noShowGraceMinutes',
  'feeMemberPerHour',
  'feeNonMemberPerHour',
  'status',
  'functions',
  'address',
  'allowedOrganizationTypes',
  'areas',
  'equipment',
  'closures',
];

/** Shared training bases: the host organization's users and the secretariat manage them. */
@Injectable()
export class TrainingBasesService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
  ) {}

  list(ctx: RequestContext, query: TrainingBaseListQueryDto): Promise<CursorPage<TrainingBase>> {
    return this.tx.run(ctx, (m) => {
      const qb = m.createQueryBuilder(TrainingBase, 'b').where('b.consortium_id = :cid', { cid: ctx.consortiumId });
      if (query.status) qb.andWhere('b.status = :status', { status: query.status });
      if (query.function) qb.andWhere(':fn = ANY(b.functions)', { fn: query.function });
      if (query.hostOrganizationId) qb.andWhere('b.host_organization_id = :host', { host: query.hostOrganizationId });
      if (query.q) qb.andWhere(`b.name ILIKE :q ESCAPE '\\'`, { q: `%${escapeLike(query.q)}%` });
      return keysetPage(qb, sortOrder(query.sort ?? 'name', SORT_COLUMNS, 'b.id'), query);
    });
  }

  get(ctx: RequestContext, id: string): Promise<TrainingBase> {
    return this.tx.run(ctx, (m) => this.find(m, ctx, id));
  }

  find(m: EntityManager, ctx: RequestContext, id: string, lock?: 'update' | 'share'): Promise<TrainingBase> {
    return findOneOrThrow(m, TrainingBase, { id, consortiumId: ctx.consortiumId }, () => baseNotFound(id), { lock });
  }

  detail(ctx: RequestContext, id: string): Promise<TrainingBaseDetail> {
    return this.tx.run(ctx, async (m) => {
      const base = await this.find(m, ctx, id);
      return { base, ...(await this.parts(m, ctx, id)) };
    });
  }

  async parts(m: EntityManager, ctx: RequestContext, baseId: string): Promise<Omit<TrainingBaseDetail, 'base'>> {
    const where = { consortiumId: ctx.consortiumId, baseId };
    const [areas, equipment, closures] = await Promise.all([
      m.find(TrainingBaseArea, { where, order: { name: 'ASC' } }),
      m.find(TrainingBaseEquipment, { where, order: { position: 'ASC' } }),
      m.find(TrainingBaseClosure, { where, order: { startsOn: 'ASC' } }),
    ]);
    return { areas, equipment, closures };
  }

  async create(ctx: RequestContext, dto: CreateTrainingBaseDto): Promise<TrainingBaseDetail> {
    assertMayManage(ctx, dto.hostOrganizationId);
    this.validate(dto);
    return this.tx.run(ctx, async (m) => {
      await this.assertOrganization(ctx, dto.hostOrganizationId, 'hostOrganizationId');
      const id = randomUUID();
      const { areas, equipment, closures, ...fields } = dto;
      await m.insert(TrainingBase, {
        ...fields,
        id,
        consortiumId: ctx.consortiumId,
        functions: dto.functions ?? [],
        allowedOrganizationTypes: dto.allowedOrganizationTypes ?? [],
        monthlyQuotaHours: dto.monthlyQuotaHours ?? null,
      });
      await this.replaceAreas(m, ctx, id, areas ?? []);
      await this.replaceEquipment(m, ctx, id, equipment ?? []);
      await this.replaceClosures(m, ctx, id, closures ?? []);
      await this.audit.record(ctx, {
        action: 'training_bases.base.created',
        entityType: 'training_base',
        entityId: id,
        changes: { name: dto.name, hostOrganizationId: dto.hostOrganizationId, workstations: dto.workstations },
      });
      return { base: await this.find(m, ctx, id), ...(await this.parts(m, ctx, id)) };
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateTrainingBaseDto): Promise<TrainingBaseDetail> {
    rejectNulls(dto, REQUIRED);
    this.validate(dto);
    return this.tx.run(ctx, async (m) => {
      const { areas, equipment, closures, ...patch } = dto;
      // The base row stays locked (updateAudited locks it for update) until commit: bookings of this base wait.
      await updateAudited(m, this.audit, ctx, {
        entity: TrainingBase,
        where: { id, consortiumId: ctx.consortiumId },
        notFound: () => baseNotFound(id),
        patch,
        action: 'training_bases.base.updated',
        entityType: 'training_base',
        entityId: id,
        check: async (current, changes) => {
          assertMayManage(ctx, current.hostOrganizationId);
          const min = changes.minDurationMinutes ?? current.minDurationMinutes;
          const max = changes.maxDurationMinutes ?? current.maxDurationMinutes;
          if (max < min)
            throw invalidBase('maxDurationMinutes', 'maxDurationMinutes must not be below minDurationMinutes');
          if (changes.workstations !== undefined && changes.workstations < current.workstations) {
            await this.assertCapacityHolds(m, ctx, id, null, changes.workstations, 'workstations');
          }
        },
      });
      if (areas || equipment || closures) {
        const base = await this.find(m, ctx, id, 'update');
        assertMayManage(ctx, base.hostOrganizationId);
        if (areas) await this.replaceAreas(m, ctx, id, areas);
        if (equipment) await this.replaceEquipment(m, ctx, id, equipment);
        if (closures) await this.replaceClosures(m, ctx, id, closures);
        await this.audit.record(ctx, {
          action: 'training_bases.base.parts_replaced',
          entityType: 'training_base',
          entityId: id,
          changes: {
            ...(areas ? { areas: areas.map((a) => ({ name: a.name, workstations: a.workstations })) } : {}),
            ...(equipment ? { equipment: equipment.length } : {}),
            ...(closures ? { closures } : {}),
          },
        });
      }
      return { base: await this.find(m, ctx, id), ...(await this.parts(m, ctx, id)) };
    });
  }

  /** Whether the base takes bookings (used by the booking rules). */
  static isActive(base: TrainingBase): boolean {
    return base.status === TrainingBaseStatus.Active;
  }

  private validate(dto: UpdateTrainingBaseDto): void {
    if (dto.openingHours) {
      const [problem] = openingHoursProblems(dto.openingHours);
      if (problem) throw invalidBase('openingHours', problem);
    }
    if (dto.minDurationMinutes !== undefined && dto.maxDurationMinutes !== undefined) {
      if (dto.maxDurationMinutes < dto.minDurationMinutes) {
        throw invalidBase('maxDurationMinutes', 'maxDurationMinutes must not be below minDurationMinutes');
      }
    }
    dto.closures?.forEach((closure, index) => {
      if (closure.endsOn < closure.startsOn) {
        throw invalidBase(`closures.${index}.endsOn`, 'a closure ends on or after the day it starts');
      }
    });
    const names = new Set<string>();
    dto.areas?.forEach((area, index) => {
      if (names.has(area.name.trim())) throw invalidBase(`areas.${index}.name`, `two areas are named ${area.name}`);
      names.add(area.name.trim());
      if (dto.workstations !== undefined && area.workstations > dto.workstations) {
        throw invalidBase(`areas.${index}.workstations`, 'an area cannot hold more workstations than the base');
      }
    });
  }

  private async assertOrganization(ctx: RequestContext, organizationId: string, field: string): Promise<void> {
    try {
      await this.organizations.get(ctx, organizationId);
    } catch (error) {
      if (error instanceof DomainException && error.code === 'organization_not_found') {
        throw new TrainingBasesException(
          TrainingBasesErrorCode.OrganizationNotFound,
          `${field}: no organization ${organizationId} in this consortium`,
          { field, fields: [{ field, problems: [`${field} must be a member organization`] }] },
        );
      }
      throw error;
    }
  }

  /**
   * Refuses a lower workstation count than the live bookings from now on already hold
   * (the base row is locked, so no booking slips in meanwhile).
   */
  private async assertCapacityHolds(
    m: EntityManager,
    ctx: RequestContext,
    baseId: string,
    areaId: string | null,
    workstations: number,
    field: string,
  ): Promise<void> {
    const row = await queryRow<{ peak: number }>(
      m,
      `SELECT coalesce(max(training_booking_peak($1, $2, $3, b.starts_at, b.occupied_until)), 0)::int AS peak
         FROM training_booking b
        WHERE b.consortium_id = $1 AND b.base_id = $2 AND ($3::uuid IS NULL OR b.area_id = $3)
          AND b.status = ANY($4::text[]) AND b.occupied_until > now()`,
      [ctx.consortiumId, baseId, areaId, LIVE_BOOKING_STATUSES],
    );
    if ((row?.peak ?? 0) > workstations) {
      throw new TrainingBasesException(
        TrainingBasesErrorCode.CapacityReduced,
        `${field}: live bookings already hold ${row?.peak} workstations at once; cancel or move them first`,
        { field, peak: row?.peak },
      );
    }
  }

  private async replaceAreas(m: EntityManager, ctx: RequestContext, baseId: string, areas: AreaInputDto[]) {
    const existing = await m.find(TrainingBaseArea, { where: { consortiumId: ctx.consortiumId, baseId } });
    const keep = new Set(areas.filter((a) => a.id).map((a) => a.id as string));
    for (const area of existing) {
      if (keep.has(area.id)) continue;
      const used = await queryRow<{ n: number }>(
        m,
        `SELECT count(*)::int AS n FROM training_booking WHERE consortium_id = $1 AND area_id = $2`,
        [ctx.consortiumId, area.id],
      );
      if ((used?.n ?? 0) > 0) {
        throw new TrainingBasesException(
          TrainingBasesErrorCode.CapacityReduced,
          `areas: area ${area.name} has bookings and cannot be removed`,
          { field: 'areas', areaId: area.id },
        );
      }
      await m.delete(TrainingBaseArea, { id: area.id, consortiumId: ctx.consortiumId });
    }
    for (const [index, area] of areas.entries()) {
      if (area.id) {
        const current = existing.find((e) => e.id === area.id);
        if (!current) throw invalidBase(`areas.${index}.id`, `no area ${area.id} in this base`);
        if (area.workstations < current.workstations) {
          await this.assertCapacityHolds(m, ctx, baseId, area.id, area.workstations, `areas.${index}.workstations`);
        }
        await m.update(
          TrainingBaseArea,
          { id: area.id, consortiumId: ctx.consortiumId },
          {
            name: area.name,
            workstations: area.workstations,
          },
        );
      } else {
        await m.insert(TrainingBaseArea, {
          id: randomUUID(),
          consortiumId: ctx.consortiumId,
          baseId,
          name: area.name,
          workstations: area.workstations,
        });
      }
    }
  }

  private async replaceEquipment(m: EntityManager, ctx: RequestContext, baseId: string, items: EquipmentInputDto[]) {
    await m.delete(TrainingBaseEquipment, { consortiumId: ctx.consortiumId, baseId });
    if (items.length === 0) return;
    await m.insert(
      TrainingBaseEquipment,
      items.map((item, position) => ({
        id: randomUUID(),
        consortiumId: ctx.consortiumId,
        baseId,
        position,
        name: item.name,
        model: item.model ?? '',
        quantity: item.quantity,
        valueYuan: item.valueYuan ?? '0',
      })),
    );
  }

  private async replaceClosures(m: EntityManager, ctx: RequestContext, baseId: string, items: ClosureDto[]) {
    await m.delete(TrainingBaseClosure, { consortiumId: ctx.consortiumId, baseId });
    if (items.length === 0) return;
    await m.insert(
      TrainingBaseClosure,
      items.map((item) => ({
        id: randomUUID(),
        consortiumId: ctx.consortiumId,
        baseId,
        startsOn: item.startsOn,
        endsOn: item.endsOn,
        reason: item.reason ?? '',
      })),
    );
  }
}
