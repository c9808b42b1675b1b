import { Injectable } from '@nestjs/common';
import { queryRows, RequestContext, TransactionService } from '@chanjiao/core';
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
}
