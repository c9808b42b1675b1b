import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  addPerson,
  chinaToday,
  HttpClient,
  insertConsortium,
  startTestStack,
  TestPerson,
  TestStack,
} from '@chanjiao/testing';

/** Every file (not folder) under a directory, relative to it; none when it does not exist. */
function filesUnder(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path).map((f) => `${name}/${f}`) : [name];
  });
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('佐证材料 evidence '.repeat(200))]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * Evidence files (佐证材料) through HTTP: multipart upload to a report while it is editable,
 * type and size limits that name themselves and leave nothing on disk, download with the
 * report's visibility and a safe file name, delete, and submission refused without the
 * evidence a point requires.
 */
describe('indicator evidence files', () => {
  let stack: TestStack;
  let cid: string;
  let base: string;
  let sec: HttpClient;
  let observer: HttpClient;
  let school: TestPerson;
  let otherSchool: TestPerson;
  let periodId: string;
  let evidenceRoot: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}`;
    evidenceRoot = join(stack.config.paths.storageDir, 'evidence', cid);
    sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    observer = (await addPerson(stack.admin, cid, 'observer')).http;
    const orgs: string[] = [];
    for (const name of ['第一职业技术学院', '第二职业技术学院']) {
      const created = await sec.post(`${base}/organizations`, { body: { type: 'higher_vocational', name } });
      await sec.post(`${base}/organizations/${created.body.id}/membership-transitions`, {
        body: { to: 'active', effectiveOn: chinaToday(-100) },
      });
      orgs.push(created.body.id);
    }
    school = await addPerson(stack.admin, cid, 'member', orgs[0]);
    otherSchool = await addPerson(stack.admin, cid, 'member', orgs[1]);
    const frameworks = await sec.get('/api/v1/indicator-frameworks?code=CHANJIAO-DEFAULT&status=published');
    const period = await sec.post(`${base}/indicator-periods`, {
      body: {
        name: '佐证材料测试',
        frameworkId: frameworks.body.items[0].id,
        startsOn: chinaToday(-60),
        endsOn: chinaToday(300),
        dueOn: chinaToday(200),
      },
    });
    expect(period.status).toBe(201);
    periodId = period.body.id;
  });

  afterAll(() => stack?.close());

  const upload = async (who: HttpClient, reportId: string, content: Buffer, fileName: string, type: string) => {
    const form = new FormData();
    form.append('note', 'ignored');
    form.append('file', new Blob([new Uint8Array(content)], { type }), fileName);
    const response = await fetch(`${who.baseUrl}${base}/indicator-reports/${reportId}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.accessToken}` },
      body: form,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const newReport = async (who: HttpClient, pointCode = 'D2.5', value: unknown = 2) => {
    const created = await who.post(`${base}/indicator-reports`, { body: { periodId, pointCode, value } });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  it('refuses to submit a point that needs evidence until a file is uploaded, then keeps and serves it', async () => {
    const reportId = await newReport(school.http);
    const early = await school.http.post(`${base}/indicator-reports/${reportId}/submit`);
    expect(early.status).toBe(422);
    expect(early.body.details).toMatchObject({ code: 'evidence_required', field: 'evidence' });

    const uploaded = await upload(
      school.http,
      reportId,
      PDF,
      '../../产业学院/协议"书".pdf',
      'application/octet-stream',
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      fileName: '协议_书_.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    expect(filesUnder(evidenceRoot)).toEqual([`${reportId}/${uploaded.body.id}`]);

    const detail = await school.http.get(`${base}/indicator-reports/${reportId}`);
    expect(detail.body.evidence).toEqual([expect.objectContaining({ id: uploaded.body.id, fileName: '协议_书_.pdf' })]);
    expect(detail.body.evidenceCount).toBe(1);

    const download = await fetch(
      `${stack.http.baseUrl}${base}/indicator-reports/${reportId}/evidence/${uploaded.body.id}`,
      {
        headers: { authorization: `Bearer ${sec.accessToken}` },
      },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence.pdf"; filename*=UTF-8''${encodeURIComponent('协议_书_.pdf')}`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    // Another school and (before approval) an observer do not see it.
    const path = `${base}/indicator-reports/${reportId}/evidence/${uploaded.body.id}`;
    expect((await otherSchool.http.get(path)).status).toBe(404);
    expect((await observer.get(path)).status).toBe(404);

    const submitted = await school.http.post(`${base}/indicator-reports/${reportId}/submit`);
    expect(submitted.status).toBe(200);
    // Submitted: the evidence is locked with the report, and the lock names why.
    const late = await upload(school.http, reportId, PNG, 'photo.png', 'image/png');
    expect(late.status).toBe(423);
    expect(late.body.details.reason).toBe('submitted');
    expect((await school.http.delete(path)).status).toBe(423);
    expect(filesUnder(evidenceRoot)).toHaveLength(1);

    await sec.post(`${base}/indicator-reports/${reportId}/approve`);
    expect((await observer.get(path)).status).toBe(200);
  });

  it('refuses a file of a wrong type (by its content) with 415 and a file too large with 413, leaving nothing on disk', async () => {
    const reportId = await newReport(otherSchool.http);
    const before = filesUnder(evidenceRoot);

    const disguised = await upload(otherSchool.http, reportId, EXE, '证明.pdf', 'application/pdf');
    expect(disguised.status).toBe(415);
    expect(disguised.body.details).toMatchObject({ code: 'evidence_type_not_allowed', field: 'file' });
    expect(disguised.body.message).toContain('PDF, PNG, JPEG');
    expect(disguised.body.details.accepted).toContain('application/pdf');

    const zipNamedTxt = await upload(
      otherSchool.http,
      reportId,
      Buffer.from('PK\u0003\u0004rest'),
      'a.zip',
      'application/zip',
    );
    expect(zipNamedTxt.status).toBe(415);

    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_BYTES, 0x20)]);
    const tooLarge = await upload(otherSchool.http, reportId, big, 'scan.pdf', 'application/pdf');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.details).toMatchObject({ code: 'evidence_too_large', limitBytes: MAX_BYTES });
    expect(tooLarge.body.message).toContain('20 MiB');

    const empty = await upload(otherSchool.http, reportId, Buffer.alloc(0), 'empty.pdf', 'application/pdf');
    expect(empty.status).toBe(422);
    expect(empty.body.details.field).toBe('file');

    expect(filesUnder(evidenceRoot)).toEqual(before);
    expect((await otherSchool.http.get(`${base}/indicator-reports/${reportId}`)).body.evidence).toEqual([]);
  });

  it('answers 4xx, never 5xx, to bodies that are not a proper form, and stores nothing', async () => {
    const reportId = await newReport(sec, 'D3.3', true);
    const url = `${base}/indicator-reports/${reportId}/evidence`;
    const json = await sec.post(url, { body: { file: 'x' } });
    expect(json.status).toBe(415);
    expect(json.body.message).toContain('multipart/form-data');
    const malformed = await sec.post(url, {
      rawBody: '--b\r\n\r\nx\r\n--b--',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(malformed.status).toBe(400);
    const noBoundary = await sec.post(url, { rawBody: 'x', headers: { 'content-type': 'multipart/form-data' } });
    expect(noBoundary.status).toBe(400);
    const wrongField = new FormData();
    wrongField.append('attachment', new Blob([new Uint8Array(PDF)]), 'a.pdf');
    const response = await fetch(`${sec.baseUrl}${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sec.accessToken}` },
      body: wrongField,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('"file"');
    // Multipart is taken by upload routes only.
    const elsewhere = await sec.post(`${base}/indicator-reports/${reportId}/submit`, {
      rawBody: '--b\r\n\r\nx\r\n--b--',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(elsewhere.status).toBe(415);
    expect(filesUnder(join(evidenceRoot, reportId))).toEqual([]);
  });

  it('lets only the reporting organization (or the secretariat) add and remove evidence, while editable', async () => {
    const reportId = await newReport(school.http, 'D4.1', 3);
    expect((await upload(otherSchool.http, reportId, PDF, 'a.pdf', 'application/pdf')).status).toBe(404);
    expect((await upload(observer, reportId, PDF, 'a.pdf', 'application/pdf')).status).toBe(403);
    const photo = await upload(school.http, reportId, PNG, 'IMG 0001.PNG', 'image/png');
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({ contentType: 'image/png', fileName: 'IMG 0001.PNG' });
    const bySecretariat = await upload(sec, reportId, PDF, '说明', 'application/pdf');
    expect(bySecretariat.body.fileName).toBe('说明.pdf');

    await school.http.post(`${base}/indicator-reports/${reportId}/submit`);
    await sec.post(`${base}/indicator-reports/${reportId}/return`, { body: { comment: '照片不清晰' } });
    const path = `${base}/indicator-reports/${reportId}/evidence/${photo.body.id}`;
    expect((await otherSchool.http.delete(path)).status).toBe(404);
    expect((await school.http.delete(path)).status).toBe(204);
    expect((await school.http.delete(path)).status).toBe(404);
    expect(filesUnder(join(evidenceRoot, reportId))).toEqual([bySecretariat.body.id]);
    const detail = await school.http.get(`${base}/indicator-reports/${reportId}`);
    expect(detail.body.evidence.map((e: { id: string }) => e.id)).toEqual([bySecretariat.body.id]);
  });
});
