import {
  SAMPLE_OCCUPATIONS,
  SAMPLE_PROGRAMME_OCCUPATIONS,
  SAMPLE_PROGRAMMES,
} from '@chanjiao/programmes/demo/catalogue-sample';
import { Client } from 'pg';
import { checkMappingRows, checkOccupationRows, checkProgrammeRows } from '@chanjiao/programmes/domain/catalogue-rows';
import { eventually, HttpClient } from './http-client';
import { JobStatusBody } from './job-helpers';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 4180 text of a header and rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** POSTs a file as the raw body. */
export async function uploadFile(client: HttpClient, path: string, body: Buffer | string, contentType: string) {
  const response = await fetch(`${client.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.accessToken}`, 'content-type': contentType },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Uploads a file to an import route and waits for its job; the job's status (its result is the row report). */
export async function runUploadJob(
  client: HttpClient,
  path: string,
  body: Buffer | string,
  contentType = CSV_TYPE,
  timeoutMs = 120_000,
): Promise<JobStatusBody & { progressSeen: number[] }> {
  const accepted = await uploadFile(client, path, body, contentType);
  if (accepted.status !== 202) throw new Error(`${path} answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  const progressSeen: number[] = [];
  const done = await eventually(async () => {
    const status = await client.get<JobStatusBody>(accepted.body.statusUrl);
    progressSeen.push(status.body.progress);
    if (status.body.state === 'failed') throw new Error(`${path} job failed: ${status.body.failedReason}`);
    return status.body.state === 'completed' ? status.body : undefined;
  }, timeoutMs);
  return { ...done, progressSeen };
}

/** Imports the shipped sample lists (programmes 2021, occupations 2022, the mapping) as the platform admin. */
export async function importSampleCatalogue(admin: HttpClient): Promise<void> {
  await runUploadJob(
    admin,
    '/api/v1/catalogue/programmes/import?edition=2021',
    toCsv(SAMPLE_PROGRAMMES.header, SAMPLE_PROGRAMMES.rows),
  );
  await runUploadJob(
    admin,
    '/api/v1/catalogue/occupations/import?edition=2022',
    toCsv(SAMPLE_OCCUPATIONS.header, SAMPLE_OCCUPATIONS.rows),
  );
  await runUploadJob(
    admin,
    '/api/v1/catalogue/programme-occupations/import?edition=2021&occupationEdition=2022',
    toCsv(SAMPLE_PROGRAMME_OCCUPATIONS.header, SAMPLE_PROGRAMME_OCCUPATIONS.rows),
  );
}

const gridOf = (sheet: { header: string[]; rows: string[][] }) => ({
  header: sheet.header,
  records: sheet.rows.map((values, index) => ({ row: index + 2, values })),
});

/**
 * Writes the sample lists directly as the owner (for stacks without a worker), checked by
 * the same row rules as the import. Editions 2021 / 2022, current; idempotent.
 */
export async function insertSampleCatalogue(ownerUrl: string): Promise<void> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(
      `INSERT INTO catalogue_editions (list, edition, name, is_current)
       VALUES ('programmes', '2021', '职业教育专业目录（2021年）', true), ('occupations', '2022', '职业分类大典（2022年版）', true)
       ON CONFLICT DO NOTHING`,
    );
    for (const { values: p } of checkProgrammeRows(gridOf(SAMPLE_PROGRAMMES)).valid) {
      await owner.query(
        `INSERT INTO catalogue_programmes (edition, code, name, level, category_code, category_name, class_code, class_name, national_control)
         VALUES ('2021', $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [p.code, p.name, p.level, p.categoryCode, p.categoryName, p.classCode, p.className, p.nationalControl],
      );
    }
    for (const { values: o } of checkOccupationRows(gridOf(SAMPLE_OCCUPATIONS)).valid) {
      await owner.query(
        `INSERT INTO catalogue_occupations (edition, code, level, parent_code, name, is_digital, is_green, definition, main_tasks)
         VALUES ('2022', $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [o.code, o.level, o.parentCode, o.name, o.isDigital, o.isGreen, o.definition, o.mainTasks],
      );
    }
    for (const { values: m } of checkMappingRows(gridOf(SAMPLE_PROGRAMME_OCCUPATIONS)).valid) {
      await owner.query(
        `INSERT INTO catalogue_programme_occupations (edition, programme_code, occupation_edition, occupation_code)
         VALUES ('2021', $1, '2022', $2) ON CONFLICT DO NOTHING`,
        [m.programmeCode, m.occupationCode],
      );
    }
  } finally {
    await owner.end();
  }
}
