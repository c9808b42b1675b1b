import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * Test data factories: the one place tests create rows directly. They write as
 * the owner (bypassing row-level security) so a test can set up several tenants.
 */
export interface ConsortiumRow {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  province: string;
  city: string;
  status: string;
}

let sequence = 0;

export function buildConsortium(overrides: Partial<ConsortiumRow> = {}): ConsortiumRow {
  sequence += 1;
  return {
    id: randomUUID(),
    code: `TEST-${sequence}-${randomUUID().slice(0, 6)}`,
    name: `测试市域产教联合体${sequence}`,
    name_en: `Test consortium ${sequence}`,
    province: '江苏省',
    city: '无锡市',
    status: 'planning',
    ...overrides,
  };
}

export async function insertConsortium(
  ownerUrl: string,
  overrides: Partial<ConsortiumRow> = {},
): Promise<ConsortiumRow> {
  const row = buildConsortium(overrides);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO consortium (id, code, name, name_en, province, city, status) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, row.code, row.name, row.name_en, row.province, row.city, row.status],
    );
  } finally {
    await client.end();
  }
  return row;
}

/** A member organization of a consortium (type `other` unless told), written as the owner. */
export async function insertOrganization(
  ownerUrl: string,
  consortiumId: string,
  overrides: { id?: string; name?: string; type?: string } = {},
): Promise<{ id: string; name: string }> {
  sequence += 1;
  const row = {
    id: overrides.id ?? randomUUID(),
    name: overrides.name ?? `测试成员单位${sequence}-${randomUUID().slice(0, 6)}`,
  };
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO organization (id, consortium_id, type, name) VALUES ($1, $2, $3, $4)`, [
      row.id,
      consortiumId,
      overrides.type ?? 'other',
      row.name,
    ]);
  } finally {
    await client.end();
  }
  return row;
}
