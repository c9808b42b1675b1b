import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A catalogue edition for tests, with the known programmes and occupations (as the owner; idempotent). */
export const TEST_PROGRAMMES: Array<[code: string, name: string, level: string, className: string, categoryName: string]> = [
  ['460301', '机电一体化技术', 'higher_vocational', '自动化类', '装备制造大类'],
  ['460305', '工业机器人技术', 'higher_vocational', '自动化类', '装备制造大类'],
  ['510201', '计算机应用技术', 'higher_vocational', '计算机类', '电子与信息大类'],
  ['660303', '工业机器人技术应用', 'secondary_vocational', '自动化类', '装备制造大类'],
  ['260304', '机器人技术', 'vocational_bachelor', '自动化类', '装备制造大类'],
];

export const TEST_OCCUPATIONS: Array<[code: string, name: string]> = [
  ['2-00-00-00', '专业技术人员'],
  ['2-02-00-00', '工程技术人员'],
  ['2-02-07-00', '电子工程技术人员'],
  ['2-02-07-07', '自动控制工程技术人员'],
  ['6-00-00-00', '生产制造及有关人员'],
  ['6-31-00-00', '机械设备修理人员'],
  ['6-31-07-00', '智能制造设备操作人员'],
  ['6-31-07-03', '工业机器人系统操作员'],
];

async function withOwner<T>(ownerUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Makes sure the catalogue's current editions hold the test programmes and occupations:
 * into the current edition of each list when there is one, else a new `test` edition.
 */
export function ensureTestCatalogue(ownerUrl: string): Promise<{ programmes: string; occupations: string }> {
  return withOwner(ownerUrl, async (client) => {
    const edition = async (list: string) => {
      const current = await client.query<{ edition: string }>(
        `SELECT edition FROM catalogue_editions WHERE list = $1 AND is_current`,
        [list],
      );
      if (current.rows[0]) return current.rows[0].edition;
      await client.query(
        `INSERT INTO catalogue_editions (list, edition, name, is_current) VALUES ($1, 'test', '测试目录', true)
         ON CONFLICT DO NOTHING`,
        [list],
      );
      return 'test';
    };
    const programmes = await edition('programmes');
    const occupations = await edition('occupations');
    for (const [code, name, level, className, categoryName] of TEST_PROGRAMMES) {
      const classCode = code.slice(0, 4);
      await client.query(
        `INSERT INTO catalogue_programmes (edition, code, name, level, category_code, category_name, class_code, class_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [programmes, code, name, level, classCode.slice(0, 2), categoryName, classCode, className],
      );
    }
    for (const [code, name] of TEST_OCCUPATIONS) {
      const parts = code.split('-');
      const level = parts[1] === '00' ? 1 : parts[2] === '00' ? 2 : parts[3] === '00' ? 3 : 4;
      const parent =
        level === 1 ? null : level === 2 ? `${parts[0]}-00-00-00` : level === 3 ? `${parts[0]}-${parts[1]}-00-00` : `${parts[0]}-${parts[1]}-${parts[2]}-00`;
      await client.query(
        `INSERT INTO catalogue_occupations (edition, code, level, parent_code, name) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [occupations, code, level, parent, name],
      );
    }
    return { programmes, occupations };
  });
}

/** An active member organization of any type (enterprises get a credit code and the industry given), as the owner. */
export function insertMember(
  ownerUrl: string,
  consortiumId: string,
  fields: { type: string; name?: string; industryCode?: string },
): Promise<{ id: string; name: string }> {
  const id = randomUUID();
  const name = fields.name ?? `测试单位-${id.slice(0, 8)}`;
  const creditCode =
    fields.type === 'enterprise'
      ? `913205${Array.from({ length: 12 }, () => CREDIT_CHARS[Math.floor(Math.random() * CREDIT_CHARS.length)]).join('')}`
      : null;
  return withOwner(ownerUrl, async (client) => {
    await client.query(
      `INSERT INTO organization (id, consortium_id, type, name, credit_code, industry_code, membership_status)
       VALUES ($1, $2, $3, $4, $5, $6, 'active')`,
      [id, consortiumId, fields.type, name, creditCode, fields.industryCode ?? null],
    );
    return { id, name };
  });
}

/** A programme offering of a school (the programme must be in the current edition), as the owner. */
export function insertOffering(
  ownerUrl: string,
  consortiumId: string,
  fields: { organizationId: string; programmeCode: string; level: string; skills?: string[] },
): Promise<{ id: string }> {
  const id = randomUUID();
  return withOwner(ownerUrl, async (client) => {
    const edition = await client.query<{ edition: string }>(
      `SELECT edition FROM catalogue_editions WHERE list = 'programmes' AND is_current`,
    );
    await client.query(
      `INSERT INTO programme_offerings (id, consortium_id, organization_id, catalogue_edition, programme_code, level, start_year, skills)
       VALUES ($1, $2, $3, $4, $5, $6, 2020, $7)`,
      [id, consortiumId, fields.organizationId, edition.rows[0].edition, fields.programmeCode, fields.level, fields.skills ?? []],
    );
    return { id };
  });
}
