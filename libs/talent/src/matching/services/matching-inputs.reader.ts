import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRow, queryRows } from '@chanjiao/core';
import { CatalogueIndex } from '../domain/matcher';
import {
  buildSynonyms,
  CatalogueInput,
  checkSettings,
  DEFAULT_SETTINGS,
  MatchingSettings,
  MatchingWeights,
  OfferingInput,
  PostingInput,
  SkillSynonyms,
  WeightedSkill,
} from '../domain/scoring-model';

interface PostingRow {
  id: string;
  organizationId: string;
  status: string;
  title: string;
  description: string;
  occupationCode: string | null;
  programmeCodes: string[];
  programmeClassCodes: string[];
  minLevel: string | null;
  headcount: number;
  requiredSkills: WeightedSkill[];
  preferredSkills: WeightedSkill[];
  employmentType: string;
  district: string | null;
  inPark: boolean;
  startYear: number | null;
}

export interface LoadedPosting extends PostingInput {
  organizationId: string;
  status: string;
}

const POSTING_COLUMNS = `p.id, p.organization_id AS "organizationId", p.status, p.title, p.description,
  p.occupation_code AS "occupationCode", p.programme_codes AS "programmeCodes",
  p.programme_class_codes AS "programmeClassCodes", p.min_level AS "minLevel", p.headcount,
  p.required_skills AS "requiredSkills", p.preferred_skills AS "preferredSkills",
  p.employment_type AS "employmentType", p.district, p.in_park AS "inPark",
  extract(year FROM p.start_date)::int AS "startYear"`;

/**
 * Reads what matching needs, in a few set-based queries (never one per pair): the
 * catalogue (indexed once per edition and cached in the process), a consortium's
 * offerings with their committed headcount and school district, its settings and
 * synonyms, and postings. Runs inside the caller's tenant transaction.
 */
@Injectable()
export class MatchingInputsReader {
  private cached: { key: string; index: CatalogueIndex } | null = null;
  private readonly building = new Map<string, Promise<CatalogueIndex>>();

  async catalogue(m: EntityManager): Promise<CatalogueIndex> {
    const edition = await queryRow<{ programmes: string | null; occupations: string | null; stamp: string }>(
      m,
      `SELECT (SELECT edition FROM catalogue_editions WHERE list = 'programmes' AND is_current) AS programmes,
              (SELECT edition FROM catalogue_editions WHERE list = 'occupations' AND is_current) AS occupations,
              (SELECT coalesce(max(updated_at)::text, '') || count(*) FROM catalogue_programmes)
                || '/' || (SELECT coalesce(max(updated_at)::text, '') || count(*) FROM catalogue_occupations)
                || '/' || (SELECT count(*) FROM catalogue_programme_occupations) AS stamp`,
    );
    const key = `${edition?.programmes}|${edition?.occupations}|${edition?.stamp}`;
    if (this.cached?.key === key) return this.cached.index;
    // Chunks running at once in this worker wait for one build instead of each indexing the catalogue.
    const pending = this.building.get(key);
    if (pending) return pending;
    const build = this.buildCatalogue(m, key, edition).finally(() => this.building.delete(key));
    this.building.set(key, build);
    return build;
  }

  private async buildCatalogue(
    m: EntityManager,
    key: string,
    edition: { programmes: string | null; occupations: string | null } | undefined,
  ): Promise<CatalogueIndex> {
    const input: CatalogueInput = {
      programmes: await queryRows(
        m,
        `SELECT code, name, class_code AS "classCode", category_code AS "categoryCode"
           FROM catalogue_programmes WHERE edition = $1 ORDER BY code`,
        [edition?.programmes ?? null],
      ),
      occupations: await queryRows(
        m,
        `SELECT code, name, definition, main_tasks AS "mainTasks" FROM catalogue_occupations WHERE edition = $1 ORDER BY code`,
        [edition?.occupations ?? null],
      ),
      mapping: await queryRows(
        m,
        `SELECT programme_code AS "programmeCode", occupation_code AS "occupationCode"
           FROM catalogue_programme_occupations WHERE edition = $1 ORDER BY programme_code, occupation_code`,
        [edition?.programmes ?? null],
      ),
    };
    const index = new CatalogueIndex(input);
    this.cached = { key, index };
    return index;
  }

  async settings(m: EntityManager, consortiumId: string): Promise<MatchingSettings> {
    const row = await queryRow<{ weights: Partial<MatchingWeights>; textMin: string; minScore: string }>(
      m,
      `SELECT weights, text_min AS "textMin", min_score AS "minScore" FROM matching_settings WHERE consortium_id = $1`,
      [consortiumId],
    );
    if (!row) return DEFAULT_SETTINGS;
    const settings: MatchingSettings = {
      weights: { ...DEFAULT_SETTINGS.weights, ...row.weights },
      textMin: Number(row.textMin),
      minScore: Number(row.minScore),
    };
    return checkSettings(settings).length === 0 ? settings : DEFAULT_SETTINGS;
  }

  async synonyms(m: EntityManager, consortiumId: string): Promise<SkillSynonyms> {
    const rows = await queryRows<{ variant: string; canonical: string }>(
      m,
      `SELECT variant, skill AS canonical FROM talent_skill_synonyms WHERE consortium_id = $1`,
      [consortiumId],
    );
    return buildSynonyms(rows);
  }

  /**
   * A cheap fingerprint of everything a consortium's prepared matcher is built from: its
   * offerings and their schools, its cooperations, synonyms and settings (every row's id and
   * xmin, so any committed or own change shows). Equal fingerprints, same matcher: a worker
   * reuses the matcher it prepared for the run's previous chunk.
   */
  async matcherFingerprint(m: EntityManager, consortiumId: string): Promise<string> {
    const row = await queryRow<{ fingerprint: string }>(
      m,
      `SELECT concat_ws('/',
         (SELECT md5(coalesce(string_agg(o.id::text || ':' || o.xmin::text || ':' || org.xmin::text, ',' ORDER BY o.id), ''))
            FROM programme_offerings o
            JOIN organization org ON org.consortium_id = o.consortium_id AND org.id = o.organization_id
           WHERE o.consortium_id = $1),
         (SELECT md5(coalesce(string_agg(c.id::text || ':' || c.xmin::text, ',' ORDER BY c.id), ''))
            FROM cooperations c WHERE c.consortium_id = $1),
         (SELECT md5(coalesce(string_agg(s.variant || ':' || s.xmin::text, ',' ORDER BY s.variant), ''))
            FROM talent_skill_synonyms s WHERE s.consortium_id = $1),
         (SELECT coalesce(max(ms.xmin::text), '-') FROM matching_settings ms WHERE ms.consortium_id = $1)
       ) AS fingerprint`,
      [consortiumId],
    );
    return row?.fingerprint ?? '';
  }

  /** Every offering of the consortium (filters are the matcher's), with active cooperations' headcount per year. */
  offerings(m: EntityManager, consortiumId: string): Promise<OfferingInput[]> {
    return queryRows<OfferingInput>(
      m,
      `SELECT o.id, o.organization_id AS "organizationId", o.programme_code AS "programmeCode", o.level, o.status,
              o.skills, o.training_modes AS "trainingModes", o.expected_graduates AS "expectedGraduates",
              coalesce(c.committed, '[]'::jsonb) AS committed, org.district, false AS "inPark"
         FROM programme_offerings o
         JOIN organization org ON org.consortium_id = o.consortium_id AND org.id = o.organization_id
         LEFT JOIN LATERAL (
           SELECT jsonb_agg(jsonb_build_object('year', y.cohort_year, 'count', y.n) ORDER BY y.cohort_year) AS committed
             FROM (SELECT cohort_year, sum(headcount)::int AS n FROM cooperations
                    WHERE consortium_id = o.consortium_id AND offering_id = o.id AND status = 'active'
                    GROUP BY cohort_year) y
         ) c ON true
        WHERE o.consortium_id = $1
        ORDER BY o.id`,
      [consortiumId],
    );
  }

  /** Postings by id (any status: the caller decides what a non-published one means). */
  async postings(
    m: EntityManager,
    consortiumId: string,
    ids: readonly string[],
    thisYear: number,
  ): Promise<LoadedPosting[]> {
    const rows = await queryRows<PostingRow>(
      m,
      `SELECT ${POSTING_COLUMNS} FROM talent_demand_postings p WHERE p.consortium_id = $1 AND p.id = ANY($2::uuid[]) ORDER BY p.id`,
      [consortiumId, ids],
    );
    return rows.map((r) => toPosting(r, thisYear));
  }

  /** Published postings with `afterId < id <= lastId`, in id order. */
  async publishedRange(
    m: EntityManager,
    consortiumId: string,
    afterId: string | null,
    lastId: string,
    thisYear: number,
  ): Promise<LoadedPosting[]> {
    const rows = await queryRows<PostingRow>(
      m,
      `SELECT ${POSTING_COLUMNS} FROM talent_demand_postings p
        WHERE p.consortium_id = $1 AND p.status = 'published' AND ($2::uuid IS NULL OR p.id > $2) AND p.id <= $3
        ORDER BY p.id`,
      [consortiumId, afterId, lastId],
    );
    return rows.map((r) => toPosting(r, thisYear));
  }
}

function toPosting(r: PostingRow, thisYear: number): LoadedPosting {
  return {
    id: r.id,
    organizationId: r.organizationId,
    status: r.status,
    title: r.title,
    description: r.description || null,
    occupationCode: r.occupationCode,
    programmeCodes: r.programmeCodes,
    programmeClassCodes: r.programmeClassCodes,
    minLevel: r.minLevel,
    headcount: r.headcount,
    requiredSkills: r.requiredSkills,
    preferredSkills: r.preferredSkills,
    employmentType: r.employmentType,
    district: r.district,
    inPark: r.inPark,
    startYear: r.startYear ?? thisYear,
  };
}
