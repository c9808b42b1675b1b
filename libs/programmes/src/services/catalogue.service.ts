import { Injectable } from '@nestjs/common';
import { CursorPage, escapeLike, keysetPage, queryRows, RequestContext, TransactionService } from '@chanjiao/core';
import { OccupationListQueryDto, ProgrammeListQueryDto, ProgrammeTreeDto, ProgrammeTreeQueryDto } from '../dto/catalogue.dto';
import { editionNotFound, occupationNotFound, programmeNotFound } from '../exceptions/programmes.exception';
import { EntityManager, In } from 'typeorm';
import { normalizeOccupationCode, normalizeProgrammeCode } from '../domain/catalogue-codes';
import { CatalogueEdition } from '../entities/catalogue-edition.entity';
import { CatalogueOccupation } from '../entities/catalogue-occupation.entity';
import { CatalogueProgramme } from '../entities/catalogue-programme.entity';
import { CatalogueList, ProgrammeLevel } from '../entities/programme-enums';

/** A programme's 专业类 and 专业大类 with their names. */
export interface ProgrammeClass {
  edition: string;
  classCode: string;
  className: string;
  categoryCode: string;
  categoryName: string;
  level: ProgrammeLevel;
}

/**
 * Read side of the national reference lists, for other contexts (talent, matching) and
 * this one: programmes, occupations and their editions. Codes are accepted as people
 * write them (a lower-case `k`, a three-segment 小类) and looked up in their stored form.
 * Without `edition`, the list's current edition is read; a list never imported has none
 * (and every lookup answers null).
 */
@Injectable()
export class CatalogueService {
  constructor(private readonly tx: TransactionService) {}

  /** The current edition of a list, or null when none was imported yet. */
  currentEdition(ctx: RequestContext, list: CatalogueList): Promise<string | null> {
    return this.tx.run(ctx, (m) => this.currentEditionIn(m, list));
  }

  async currentEditionIn(m: EntityManager, list: CatalogueList): Promise<string | null> {
    const row = await m.findOne(CatalogueEdition, { where: { list, isCurrent: true } });
    return row?.edition ?? null;
  }

  /** Every edition of every list, newest first within a list. */
  editions(ctx: RequestContext): Promise<CatalogueEdition[]> {
    return this.tx.run(ctx, (m) => m.find(CatalogueEdition, { order: { list: 'ASC', createdAt: 'DESC' } }));
  }

  findProgramme(ctx: RequestContext, code: string, edition?: string): Promise<CatalogueProgramme | null> {
    return this.findProgrammes(ctx, [code], edition).then((found) => found[0] ?? null);
  }

  /** The programmes of these codes that exist in the edition (unknown codes are left out). */
  findProgrammes(ctx: RequestContext, codes: readonly string[], edition?: string): Promise<CatalogueProgramme[]> {
    const normalized = codes.map(normalizeProgrammeCode).filter((c): c is string => c !== undefined);
    return this.tx.run(ctx, async (m) => {
      const inEdition = edition ?? (await this.currentEditionIn(m, CatalogueList.Programmes));
      if (!inEdition || normalized.length === 0) return [];
      return m.find(CatalogueProgramme, { where: { edition: inEdition, code: In(normalized) }, order: { code: 'ASC' } });
    });
  }

  findOccupation(ctx: RequestContext, code: string, edition?: string): Promise<CatalogueOccupation | null> {
    return this.findOccupations(ctx, [code], edition).then((found) => found[0] ?? null);
  }

  /** The occupations of these codes (any level) that exist in the edition. */
  findOccupations(ctx: RequestContext, codes: readonly string[], edition?: string): Promise<CatalogueOccupation[]> {
    const normalized = codes.map(normalizeOccupationCode).filter((c): c is string => c !== undefined);
    return this.tx.run(ctx, async (m) => {
      const inEdition = edition ?? (await this.currentEditionIn(m, CatalogueList.Occupations));
      if (!inEdition || normalized.length === 0) return [];
      return m.find(CatalogueOccupation, {
        where: { edition: inEdition, code: In(normalized) },
        order: { code: 'ASC' },
      });
    });
  }

  /** The 专业类 / 专业大类 of a programme code, or null when the programme is not in the edition. */
  async programmeClass(ctx: RequestContext, code: string, edition?: string): Promise<ProgrammeClass | null> {
    const programme = await this.findProgramme(ctx, code, edition);
    if (!programme) return null;
    return {
      edition: programme.edition,
      classCode: programme.classCode,
      className: programme.className,
      categoryCode: programme.categoryCode,
      categoryName: programme.categoryName,
      level: programme.level,
    };
  }

  /** A 专业类 (4 digits) by code with its names, or null when no programme of the edition is in it. */
  findClass(ctx: RequestContext, classCode: string, edition?: string): Promise<Omit<ProgrammeClass, 'level'> | null> {
    return this.tx.run(ctx, async (m) => {
      const inEdition = edition ?? (await this.currentEditionIn(m, CatalogueList.Programmes));
      if (!inEdition || !/^[0-9]{4}$/.test(classCode)) return null;
      const programme = await m.findOne(CatalogueProgramme, { where: { edition: inEdition, classCode } });
      return programme
        ? {
            edition: inEdition,
            classCode,
            className: programme.className,
            categoryCode: programme.categoryCode,
            categoryName: programme.categoryName,
          }
        : null;
    });
  }

  /** The occupation codes a programme leads to (职业面向), in the programme's edition. */
  occupationCodesOf(ctx: RequestContext, programmeCode: string, edition?: string): Promise<string[]> {
    const code = normalizeProgrammeCode(programmeCode);
    return this.tx.run(ctx, async (m) => {
      const inEdition = edition ?? (await this.currentEditionIn(m, CatalogueList.Programmes));
      if (!inEdition || !code) return [];
      const rows = await queryRows<{ code: string }>(
        m,
        `SELECT occupation_code AS code FROM catalogue_programme_occupations
          WHERE edition = $1 AND programme_code = $2 ORDER BY occupation_code`,
        [inEdition, code],
      );
      return rows.map((r) => r.code);
    });
  }

  /** The edition a read uses: the one asked for (404 naming `edition` when it does not exist), else the current one. */
  private async readEdition(m: EntityManager, list: CatalogueList, edition?: string): Promise<string | null> {
    if (!edition) return this.currentEditionIn(m, list);
    const found = await m.findOne(CatalogueEdition, { where: { list, edition } });
    if (!found) throw editionNotFound(list, edition);
    return edition;
  }

  /** Programmes by level, 大类, 专业类, control flag and `q` (a code prefix, else part of the name), by code. */
  listProgrammes(ctx: RequestContext, query: ProgrammeListQueryDto): Promise<CursorPage<CatalogueProgramme>> {
    return this.tx.run(ctx, async (m) => {
      const edition = await this.readEdition(m, CatalogueList.Programmes, query.edition);
      if (!edition) return { items: [], nextCursor: null };
      const qb = m.createQueryBuilder(CatalogueProgramme, 'p').where('p.edition = :edition', { edition });
      if (query.level) qb.andWhere('p.level = :level', { level: query.level });
      if (query.categoryCode) qb.andWhere('p.category_code = :categoryCode', { categoryCode: query.categoryCode });
      if (query.classCode) qb.andWhere('p.class_code = :classCode', { classCode: query.classCode });
      if (query.nationalControl !== undefined) qb.andWhere('p.national_control = :nc', { nc: query.nationalControl });
      if (query.q) {
        const q = query.q.normalize('NFKC').trim();
        if (/^[0-9]{1,6}[Kk]?$/.test(q)) qb.andWhere('p.code LIKE :prefix', { prefix: `${q.toUpperCase()}%` });
        else
          qb.andWhere(`(p.name ILIKE :q ESCAPE '\\' OR p.class_name ILIKE :q ESCAPE '\\')`, { q: `%${escapeLike(q)}%` });
      }
      return keysetPage(qb, [{ expression: 'p.code', direction: 'ASC' }], query);
    });
  }

  /** A programme with the occupations it leads to (职业面向, in the mapping's occupation edition). */
  async programmeDetail(
    ctx: RequestContext,
    code: string,
    edition?: string,
  ): Promise<{ programme: CatalogueProgramme; occupations: CatalogueOccupation[] }> {
    return this.tx.run(ctx, async (m) => {
      const inEdition = await this.readEdition(m, CatalogueList.Programmes, edition);
      const normalized = normalizeProgrammeCode(code);
      const programme =
        inEdition && normalized
          ? await m.findOne(CatalogueProgramme, { where: { edition: inEdition, code: normalized } })
          : null;
      if (!programme) throw programmeNotFound(code, inEdition ?? '(none)');
      const occupations = await m
        .createQueryBuilder(CatalogueOccupation, 'o')
        .innerJoin(
          'catalogue_programme_occupations',
          'po',
          'po.occupation_edition = o.edition AND po.occupation_code = o.code',
        )
        .where('po.edition = :edition AND po.programme_code = :code', { edition: programme.edition, code: programme.code })
        .orderBy('o.code', 'ASC')
        .getMany();
      return { programme, occupations };
    });
  }

  /** 大类 → 专业类 with programme counts, for browsing (the programmes of a class: the list with classCode). */
  programmeTree(ctx: RequestContext, query: ProgrammeTreeQueryDto): Promise<ProgrammeTreeDto> {
    return this.tx.run(ctx, async (m) => {
      const edition = await this.readEdition(m, CatalogueList.Programmes, query.edition);
      if (!edition) return { edition: '', categories: [] };
      const rows = await queryRows<{ categoryCode: string; categoryName: string; classCode: string; className: string; n: number }>(
        m,
        `SELECT category_code AS "categoryCode", min(category_name) AS "categoryName",
                class_code AS "classCode", min(class_name) AS "className", count(*)::int AS n
           FROM catalogue_programmes
          WHERE edition = $1 AND ($2::text IS NULL OR level = $2)
          GROUP BY category_code, class_code
          ORDER BY category_code, class_code`,
        [edition, query.level ?? null],
      );
      const categories: ProgrammeTreeDto['categories'] = [];
      for (const row of rows) {
        let category = categories.at(-1);
        if (category?.code !== row.categoryCode) {
          category = { code: row.categoryCode, name: row.categoryName, programmeCount: 0, classes: [] };
          categories.push(category);
        }
        category.programmeCount += row.n;
        category.classes.push({ code: row.classCode, name: row.className, programmeCount: row.n });
      }
      return { edition, categories };
    });
  }

  /** Occupations by level, parent (browse: `root` for the 大类), flags and `q` (a code prefix, else part of the name). */
  listOccupations(ctx: RequestContext, query: OccupationListQueryDto): Promise<CursorPage<CatalogueOccupation>> {
    return this.tx.run(ctx, async (m) => {
      const edition = await this.readEdition(m, CatalogueList.Occupations, query.edition);
      if (!edition) return { items: [], nextCursor: null };
      const qb = m.createQueryBuilder(CatalogueOccupation, 'o').where('o.edition = :edition', { edition });
      if (query.level) qb.andWhere('o.level = :level', { level: query.level });
      if (query.parentCode === 'root') qb.andWhere('o.parent_code IS NULL');
      else if (query.parentCode) qb.andWhere('o.parent_code = :parent', { parent: query.parentCode });
      if (query.digital !== undefined) qb.andWhere('o.is_digital = :digital', { digital: query.digital });
      if (query.green !== undefined) qb.andWhere('o.is_green = :green', { green: query.green });
      if (query.q) {
        const q = query.q.normalize('NFKC').trim();
        if (/^[0-9](-[0-9]{0,2}){0,3}$/.test(q)) qb.andWhere('o.code LIKE :prefix', { prefix: `${q}%` });
        else qb.andWhere(`o.name ILIKE :q ESCAPE '\\'`, { q: `%${escapeLike(q)}%` });
      }
      return keysetPage(qb, [{ expression: 'o.code', direction: 'ASC' }], query);
    });
  }

  /** An occupation with its ancestors, its number of children and the programmes leading to it or below it. */
  async occupationDetail(
    ctx: RequestContext,
    code: string,
    edition?: string,
  ): Promise<{ occupation: CatalogueOccupation; path: CatalogueOccupation[]; childCount: number; programmes: CatalogueProgramme[] }> {
    return this.tx.run(ctx, async (m) => {
      const inEdition = await this.readEdition(m, CatalogueList.Occupations, edition);
      const normalized = normalizeOccupationCode(code);
      const occupation =
        inEdition && normalized ? await m.findOne(CatalogueOccupation, { where: { edition: inEdition, code: normalized } }) : null;
      if (!occupation) throw occupationNotFound(code, inEdition ?? '(none)');
      const path: CatalogueOccupation[] = [];
      for (let parent = occupation.parentCode; parent; ) {
        const found = await m.findOne(CatalogueOccupation, { where: { edition: occupation.edition, code: parent } });
        if (!found) break;
        path.unshift(found);
        parent = found.parentCode;
      }
      const childCount = await m.count(CatalogueOccupation, { where: { edition: occupation.edition, parentCode: occupation.code } });
      const programmeEdition = await this.currentEditionIn(m, CatalogueList.Programmes);
      const programmes = programmeEdition
        ? await m
            .createQueryBuilder(CatalogueProgramme, 'p')
            .innerJoin('catalogue_programme_occupations', 'po', 'po.edition = p.edition AND po.programme_code = p.code')
            .innerJoin(
              'catalogue_occupations',
              'o',
              'o.edition = po.occupation_edition AND o.code = po.occupation_code',
            )
            .where('p.edition = :pe AND po.occupation_edition = :oe', { pe: programmeEdition, oe: occupation.edition })
            .andWhere('(o.code = :code OR o.parent_code = :code)', { code: occupation.code })
            .distinct(true)
            .orderBy('p.code', 'ASC')
            .getMany()
        : [];
      return { occupation, path, childCount, programmes };
    });
  }
}
