import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService, findOneOrThrow, normalizeSkill, RequestContext, TransactionService } from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { canonicalSkill, canonicalSkills, searchText, SynonymMap } from '../domain/skills';
import { CreateSkillSynonymDto } from '../dto/skill-synonym.dto';
import { DemandPosting } from '../entities/demand-posting.entity';
import { SkillSynonym } from '../entities/skill-synonym.entity';
import { SupplyPosting } from '../entities/supply-posting.entity';
import { invalidField, synonymNotFound, TalentErrorCode, TalentException } from '../exceptions/talent.exception';

/**
 * The consortium's skill synonym list (secretariat-managed): a normalised variant maps
 * to one spelling. Postings store skills in that spelling; adding a synonym rewrites
 * the postings that used the variant, in the same transaction.
 */
@Injectable()
export class SkillSynonymsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext): Promise<SkillSynonym[]> {
    return this.tx.run(ctx, (m) =>
      m.find(SkillSynonym, { where: { consortiumId: ctx.consortiumId }, order: { skill: 'ASC', variant: 'ASC' } }),
    );
  }

  /** The consortium's map, for writing postings inside `m`'s transaction. */
  async synonymMap(m: EntityManager, ctx: RequestContext): Promise<SynonymMap> {
    const rows = await m.find(SkillSynonym, { where: { consortiumId: ctx.consortiumId } });
    return new Map(rows.map((row) => [row.variant, row.skill]));
  }

  /** A skill as postings store it (normalised, synonyms applied): for filters. */
  canonical(ctx: RequestContext, skill: string): Promise<string> {
    return this.tx.run(ctx, async (m) => canonicalSkill(skill, await this.synonymMap(m, ctx)));
  }

  create(ctx: RequestContext, dto: CreateSkillSynonymDto): Promise<SkillSynonym> {
    return this.tx.run(ctx, async (m) => {
      const variant = normalizeSkill(dto.variant);
      const map = await this.synonymMap(m, ctx);
      // The target is itself resolved, so chains never form (A→B, B→C stores A→C).
      const skill = canonicalSkill(dto.skill, map);
      if (!variant) throw invalidField('variant', 'variant must not be blank');
      if (!skill) throw invalidField('skill', 'skill must not be blank');
      if (variant === skill) throw invalidField('variant', 'variant and skill are the same skill once normalised');
      if (map.has(variant)) {
        throw new TalentException(TalentErrorCode.DuplicateSynonym, `variant ${variant} is already mapped to ${map.get(variant)}`, {
          field: 'variant',
          fields: [{ field: 'variant', problems: ['variant is already in the synonym list'] }],
        });
      }
      if ([...map.values()].includes(variant)) {
        throw invalidField('variant', `variant ${variant} is the target of other synonyms; map those first`);
      }
      const row = m.create(SkillSynonym, { id: randomUUID(), consortiumId: ctx.consortiumId, variant, skill });
      await m.insert(SkillSynonym, row);
      await this.audit.record(ctx, {
        action: 'talent.skill_synonym.created',
        entityType: 'talent_skill_synonym',
        entityId: row.id,
        changes: { variant, skill },
      });
      const rewritten = await this.rewritePostings(m, ctx, new Map([...map, [variant, skill]]), variant);
      if (rewritten > 0) {
        await this.audit.record(ctx, {
          action: 'talent.skill_synonym.applied',
          entityType: 'talent_skill_synonym',
          entityId: row.id,
          changes: { postingsRewritten: rewritten },
        });
      }
      return findOneOrThrow(m, SkillSynonym, { id: row.id, consortiumId: ctx.consortiumId }, () => synonymNotFound(row.id));
    });
  }

  remove(ctx: RequestContext, id: string): Promise<void> {
    return this.tx.run(ctx, async (m) => {
      const row = await findOneOrThrow(m, SkillSynonym, { id, consortiumId: ctx.consortiumId }, () => synonymNotFound(id), {
        lock: 'update',
      });
      await m.delete(SkillSynonym, { id, consortiumId: ctx.consortiumId });
      await this.audit.record(ctx, {
        action: 'talent.skill_synonym.deleted',
        entityType: 'talent_skill_synonym',
        entityId: id,
        changes: { variant: row.variant, skill: row.skill },
      });
    });
  }

  /** Postings that still use `variant` get the canonical spelling (and their search text). */
  private async rewritePostings(m: EntityManager, ctx: RequestContext, map: SynonymMap, variant: string): Promise<number> {
    const needle = JSON.stringify([{ skill: variant }]);
    const demand = await m
      .createQueryBuilder(DemandPosting, 'p')
      .setLock('pessimistic_write')
      .where('p.consortium_id = :cid', { cid: ctx.consortiumId })
      .andWhere('(p.required_skills @> :needle::jsonb OR p.preferred_skills @> :needle::jsonb)', { needle })
      .getMany();
    for (const p of demand) {
      const requiredSkills = canonicalSkills(p.requiredSkills, map);
      const preferredSkills = canonicalSkills(p.preferredSkills, map);
      await m.update(
        DemandPosting,
        { id: p.id, consortiumId: ctx.consortiumId },
        { requiredSkills, preferredSkills, searchText: searchText([p.title, p.description], [...requiredSkills, ...preferredSkills]) },
      );
    }
    const supply = await m
      .createQueryBuilder(SupplyPosting, 'p')
      .setLock('pessimistic_write')
      .where('p.consortium_id = :cid', { cid: ctx.consortiumId })
      .andWhere('p.skills @> :needle::jsonb', { needle })
      .getMany();
    for (const p of supply) {
      const skills = canonicalSkills(p.skills, map);
      await m.update(
        SupplyPosting,
        { id: p.id, consortiumId: ctx.consortiumId },
        { skills, searchText: searchText([p.title, p.note], skills) },
      );
    }
    return demand.length + supply.length;
  }
}
