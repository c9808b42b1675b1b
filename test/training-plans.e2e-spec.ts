import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { systemContext } from '@chanjiao/core';
import { TrainingPlansIndicatorSources, withCheckCharacter } from '@chanjiao/training-plans';
import {
  addPerson,
  chinaToday,
  HttpClient,
  insertConsortium,
  startTestStack,
  TestPerson,
  TestStack,
} from '@chanjiao/testing';

/**
 * Training plans through HTTP: needs → plan → approval → new version with its diff →
 * deliveries with rosters (JSON and xlsx) → progress against hand-computed figures,
 * with providers limited to their own items, approved versions immutable (also in the
 * database), bad input named, and no ID number in clear in the database, the logs, an
 * export or an error body.
 */
const ID = {
  p1: withCheckCharacter('32058319900101001'),
  p2: withCheckCharacter('32058319910202002'),
  p3: withCheckCharacter('32058319920303003'),
  p4: withCheckCharacter('32058319930404004'),
  p5: withCheckCharacter('32058319940505005'),
};
/** Wrong check character: refused, and never echoed. */
const BAD_ID = `${ID.p1.slice(0, 17)}${ID.p1[17] === '1' ? '2' : '1'}`;

async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function raw(client: HttpClient, method: string, path: string, body?: Buffer, type?: string) {
  const response = await fetch(`${client.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${client.accessToken}`, ...(type ? { 'content-type': type } : {}) },
    body,
  });
  const buffer = Buffer.from(await response.arrayBuffer());
  let json: any;
  try {
    json = JSON.parse(buffer.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, buffer, json, text: buffer.toString('utf8') };
}

async function cellsOf(file: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as never);
  const cells: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value == null ? '' : String(cell.value)))),
  );
  return cells;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('training plans: needs → plan → approval → new version → deliveries → progress', () => {
  let stack: TestStack;
  let cid: string;
  let base: string;
  let sec: HttpClient;
  let observer: HttpClient;
  let hr: TestPerson;
  let schoolStaff: TestPerson;
  let instituteStaff: TestPerson;
  let logFile: string;
  const org: Record<string, string> = {};
  const year = Number(chinaToday().slice(0, 4));
  /** A day `n` days ago, kept inside the plan's year (early January: 1 January). */
  const dayIn = (n: number) => {
    const day = chinaToday(-n);
    return Number(day.slice(0, 4)) === year ? day : `${year}-01-01`;
  };
  let planId: string;
  let v1: string;
  let v2: string;
  const items: Record<string, { id: string; itemKey: string }> = {};
  const sessions: Record<string, string> = {};
  const errorBodies: string[] = [];

  beforeAll(async () => {
    logFile = join(mkdtempSync(join(tmpdir(), 'chanjiao-training-logs-')), 'app.log');
    stack = await startTestStack({ env: { LOG_LEVEL: 'debug', LOG_FILE: logFile } });
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}`;
    sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    observer = (await addPerson(stack.admin, cid, 'observer')).http;
    for (const [key, body] of Object.entries({
      school: { type: 'higher_vocational', name: '园区职业技术学院' },
      institute: { type: 'research_institute', name: '智能制造研究院' },
      enterprise: { type: 'enterprise', name: '精密机械有限公司', creditCode: '91350100M000100Y43' },
    })) {
      const created = await sec.post(`${base}/organizations`, { body });
      expect(created.status).toBe(201);
      org[key] = created.body.id;
    }
    hr = await addPerson(stack.admin, cid, 'member', org.enterprise);
    schoolStaff = await addPerson(stack.admin, cid, 'member', org.school);
    instituteStaff = await addPerson(stack.admin, cid, 'member', org.institute);
  });

  afterAll(() => stack?.close());

  const expectField = (response: { status: number; body: any; text: string }, status: number, field: string) => {
    errorBodies.push(response.text);
    expect(response.status).toBe(status);
    const named = [response.body?.details?.field, ...(response.body?.details?.fields ?? []).map((f: any) => f.field)];
    expect(named).toContain(field);
  };

  describe('needs', () => {
    let hrNeed: string;

    it('an enterprise submits, sees and edits only its own needs', async () => {
      const created = await hr.http.post(`${base}/training-needs`, {
        body: {
          topic: '工业机器人运维岗前培训',
          type: 'pre_job',
          occupationCode: '6-31-07-03',
          trainees: 40,
          budget: '20000.00',
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ organizationId: org.enterprise, status: 'submitted', trainees: 40 });
      hrNeed = created.body.id;
      const foreign = await hr.http.post(`${base}/training-needs`, {
        body: { organizationId: org.school, topic: '冒名需求', type: 'on_job', trainees: 5 },
      });
      expect(foreign.status).toBe(403);
      const school = await schoolStaff.http.post(`${base}/training-needs`, {
        body: { topic: '教师企业实践', type: 'teacher', trainees: 6 },
      });
      expect(school.status).toBe(201);
      expect((await hr.http.get(`${base}/training-needs/${school.body.id}`)).status).toBe(404);
      expect((await hr.http.patch(`${base}/training-needs/${school.body.id}`, { body: { trainees: 1 } })).status).toBe(
        404,
      );
      const own = await hr.http.get(`${base}/training-needs`);
      expect(own.body.items.map((n: any) => n.id)).toEqual([hrNeed]);
      const all = await sec.get(`${base}/training-needs`);
      expect(all.body.items).toHaveLength(2);
      const edited = await hr.http.patch(`${base}/training-needs/${hrNeed}`, { body: { trainees: 45 } });
      expect(edited.body.trainees).toBe(45);
    });

    it('refuses bad needs, naming the field', async () => {
      expectField(
        await hr.http.post(`${base}/training-needs`, { body: { topic: '零人', type: 'pre_job', trainees: 0 } }),
        400,
        'trainees',
      );
      expectField(
        await hr.http.post(`${base}/training-needs`, {
          body: { topic: '钱', type: 'pre_job', trainees: 1, budget: 'abc' },
        }),
        400,
        'budget',
      );
      expectField(
        await hr.http.post(`${base}/training-needs`, {
          body: {
            topic: '反了',
            type: 'pre_job',
            trainees: 1,
            preferredFrom: `${year}-06-01`,
            preferredTo: `${year}-05-01`,
          },
        }),
        422,
        'preferredTo',
      );
      expectField(
        await sec.post(`${base}/training-needs`, { body: { topic: '谁的', type: 'social', trainees: 3 } }),
        422,
        'organizationId',
      );
      expect(
        (await observer.post(`${base}/training-needs`, { body: { topic: '观察', type: 'social', trainees: 3 } }))
          .status,
      ).toBe(403);
    });

    it('keeps the id for the plan step', () => {
      items.need = { id: hrNeed, itemKey: '' };
    });
  });

  describe('plan and versions', () => {
    it('creates one plan per year, also under parallel requests', async () => {
      const created = await sec.post(`${base}/training-plans`, { body: { year, title: `${year}年度职工培训规划` } });
      expect(created.status).toBe(201);
      planId = created.body.id;
      v1 = created.body.versions[0].id;
      expect(created.body).toMatchObject({ year, openVersionId: v1, approvedVersionId: null });
      expectField(await sec.post(`${base}/training-plans`, { body: { year, title: '重复' } }), 409, 'year');
      const racing = await Promise.all(
        [1, 2, 3].map(() => sec.post(`${base}/training-plans`, { body: { year: year + 1, title: '并发' } })),
      );
      expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect((await hr.http.post(`${base}/training-plans`, { body: { year: year + 2, title: '成员' } })).status).toBe(
        403,
      );
    });

    it('adds items to the draft, refusing bad ones by field', async () => {
      const add = (body: object) => sec.post(`${base}/training-plans/${planId}/versions/${v1}/items`, { body });
      const item1 = {
        title: '工业机器人运维岗前培训',
        type: 'pre_job',
        providerOrganizationId: org.school,
        targetOrganizationIds: [org.enterprise],
        plannedSessions: 4,
        plannedParticipantTimes: 100,
        plannedHours: 32,
        budget: '40000.00',
        fundingSource: 'fiscal',
      };
      for (const [key, body] of Object.entries({
        item1,
        item2: {
          ...item1,
          title: '数控岗位培训',
          type: 'on_job',
          providerOrganizationId: org.institute,
          plannedSessions: 2,
          plannedParticipantTimes: 40,
          plannedHours: 16.5,
          budget: '10000.50',
          fundingSource: 'enterprise',
        },
        item3: {
          ...item1,
          title: '安全生产岗前培训',
          providerOrganizationId: org.institute,
          plannedSessions: 1,
          plannedParticipantTimes: 20,
          plannedHours: 8,
          budget: '0.00',
          fundingSource: 'enterprise',
        },
      })) {
        const created = await add(body);
        expect(created.status).toBe(201);
        items[key] = { id: created.body.id, itemKey: created.body.itemKey };
      }
      expectField(await add({ ...item1, plannedHours: 0 }), 400, 'plannedHours');
      expectField(await add({ ...item1, plannedHours: -2 }), 400, 'plannedHours');
      expectField(await add({ ...item1, budget: '12.345' }), 400, 'budget');
      expectField(
        await add({ ...item1, providerOrganizationId: '00000000-0000-4000-8000-00000000dead' }),
        422,
        'providerOrganizationId',
      );
      expectField(await add({ ...item1, targetOrganizationIds: [] }), 422, 'targetOrganizationIds');
      expectField(await add({ ...item1, fundingSource: 'lottery' }), 400, 'fundingSource');
    });

    it('accepts a need into an item and refuses deciding twice', async () => {
      const needs = `${base}/training-needs/${items.need.id}/decision`;
      expectField(await sec.post(needs, { body: { decision: 'accepted' } }), 422, 'itemId');
      expect((await hr.http.post(needs, { body: { decision: 'declined', reason: '自己拒绝' } })).status).toBe(403);
      const accepted = await sec.post(needs, { body: { decision: 'accepted', itemId: items.item1.id } });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', planId, itemKey: items.item1.itemKey });
      expect((await sec.post(needs, { body: { decision: 'declined', reason: '再次' } })).status).toBe(409);
      expect((await hr.http.patch(`${base}/training-needs/${items.need.id}`, { body: { trainees: 2 } })).status).toBe(
        409,
      );
    });

    it('submits and approves; the approved version is immutable, in the database too', async () => {
      const move = (to: string) =>
        sec.post(`${base}/training-plans/${planId}/versions/${v1}/status-transitions`, { body: { to } });
      expect((await move('approved')).status).toBe(409);
      expect((await move('submitted')).status).toBe(200);
      expect((await sec.post(`${base}/training-plans/${planId}/versions/${v1}/items`, { body: {} })).status).toBe(400);
      const approved = await move('approved');
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      const version = await hr.http.get(`${base}/training-plans/${planId}/versions/${v1}`);
      expect(version.body.items.find((i: any) => i.id === items.item1.id).linkedNeedIds).toEqual([items.need.id]);
      const patch = await sec.patch(`${base}/training-plans/${planId}/versions/${v1}/items/${items.item1.id}`, {
        body: { title: '改名' },
      });
      expect(patch.status).toBe(409);
      expect(patch.body.details.code).toBe('version_frozen');
      expect((await sec.delete(`${base}/training-plans/${planId}/versions/${v1}/items/${items.item1.id}`)).status).toBe(
        409,
      );
      const owner = new Client({ connectionString: stack.db.ownerUrl });
      await owner.connect();
      try {
        await expect(
          owner.query(`UPDATE training_plan_item SET title = 'x' WHERE id = $1`, [items.item1.id]),
        ).rejects.toThrow(/cannot change/);
        await expect(owner.query(`DELETE FROM training_plan_item WHERE id = $1`, [items.item1.id])).rejects.toThrow(
          /cannot change/,
        );
        await expect(owner.query(`UPDATE training_plan_version SET note = 'x' WHERE id = $1`, [v1])).rejects.toThrow(
          /cannot change/,
        );
        await expect(
          owner.query(`UPDATE training_plan_version SET status = 'draft' WHERE id = $1`, [v1]),
        ).rejects.toThrow(/cannot change/);
        await expect(owner.query(`DELETE FROM training_plan_version WHERE id = $1`, [v1])).rejects.toThrow(
          /cannot be deleted/,
        );
      } finally {
        await owner.end();
      }
    });
  });

  describe('deliveries', () => {
    const record = (who: HttpClient, body: object) => who.post(`${base}/training-plans/${planId}/deliveries`, { body });

    it('a provider records sessions of its own items only', async () => {
      const d1 = await record(schoolStaff.http, {
        itemKey: items.item1.itemKey,
        heldOn: dayIn(40),
        hours: 8,
        participantCount: 25,
        participantOrganizationIds: [org.enterprise],
        fundsReceived: '10000.00',
        roster: [
          { name: '李明', organizationId: org.enterprise, idNumber: ID.p1 },
          { name: '王芳', idNumber: ID.p2 },
          { name: '赵强', organizationName: '外协单位', idNumber: ID.p3.toLowerCase() },
          { name: '孙丽' },
        ],
      });
      expect(d1.status).toBe(201);
      expect(d1.body.roster.map((r: any) => r.idLast4)).toEqual([
        ID.p1.slice(-4),
        ID.p2.slice(-4),
        ID.p3.slice(-4).toUpperCase(),
        null,
      ]);
      expect(d1.text).not.toContain(ID.p1);
      sessions.d1 = d1.body.id;
      const d2 = await record(schoolStaff.http, {
        itemKey: items.item1.itemKey,
        heldOn: dayIn(20),
        hours: 8.5,
        participantCount: 30,
        fundsReceived: '12000.25',
      });
      expect(d2.status).toBe(201);
      sessions.d2 = d2.body.id;
      const d3 = await record(instituteStaff.http, {
        itemKey: items.item2.itemKey,
        heldOn: dayIn(10),
        hours: 4,
        participantCount: 18,
        participantOrganizationIds: [org.enterprise],
        fundsReceived: '2500.10',
        roster: [
          { name: '李明', idNumber: ID.p1 },
          { name: '周杰', idNumber: ID.p5 },
        ],
      });
      expect(d3.status).toBe(201);
      sessions.d3 = d3.body.id;
      const d4 = await record(instituteStaff.http, {
        itemKey: items.item3.itemKey,
        heldOn: dayIn(5),
        hours: 2,
        participantCount: 5,
      });
      expect(d4.status).toBe(201);
      sessions.d4 = d4.body.id;

      const foreign = await record(instituteStaff.http, {
        itemKey: items.item1.itemKey,
        heldOn: dayIn(3),
        hours: 2,
        participantCount: 3,
      });
      expect(foreign.status).toBe(403);
      expect(foreign.body.details.code).toBe('own_items_only');
      expect((await hr.http.delete(`${base}/training-plans/${planId}/deliveries/${sessions.d1}`)).status).toBe(403);
      expect(
        (
          await observer.post(`${base}/training-plans/${planId}/deliveries`, {
            body: { itemKey: items.item1.itemKey, heldOn: dayIn(3), hours: 2, participantCount: 3 },
          })
        ).status,
      ).toBe(403);
      // The roster: the provider and the secretariat see it; another member sees the session only.
      expect(
        (await schoolStaff.http.get(`${base}/training-plans/${planId}/deliveries/${sessions.d1}`)).body.roster,
      ).toHaveLength(4);
      expect((await sec.get(`${base}/training-plans/${planId}/deliveries/${sessions.d1}`)).body.roster).toHaveLength(4);
      const other = await instituteStaff.http.get(`${base}/training-plans/${planId}/deliveries/${sessions.d1}`);
      expect(other.status).toBe(200);
      expect(other.body.roster).toBeUndefined();
      expect(other.body.rosterSize).toBe(4);
    });

    it('refuses bad sessions, naming the field, never echoing an ID number', async () => {
      const good = { itemKey: items.item1.itemKey, heldOn: dayIn(2), hours: 2, participantCount: 3 };
      expectField(await record(schoolStaff.http, { ...good, hours: 0 }), 400, 'hours');
      expectField(await record(schoolStaff.http, { ...good, hours: -1 }), 400, 'hours');
      expectField(await record(schoolStaff.http, { ...good, hours: 25 }), 400, 'hours');
      expectField(await record(schoolStaff.http, { ...good, heldOn: `${year - 1}-12-31` }), 422, 'heldOn');
      expectField(await record(schoolStaff.http, { ...good, heldOn: chinaToday(3) }), 422, 'heldOn');
      expectField(await record(schoolStaff.http, { ...good, heldOn: `${year}-02-30` }), 400, 'heldOn');
      expectField(
        await record(schoolStaff.http, { ...good, itemKey: '00000000-0000-4000-8000-00000000beef' }),
        422,
        'itemKey',
      );
      expectField(await record(schoolStaff.http, { ...good, participantCount: undefined }), 422, 'participantCount');
      expectField(
        await record(schoolStaff.http, {
          ...good,
          participantOrganizationIds: ['00000000-0000-4000-8000-00000000dead'],
        }),
        422,
        'participantOrganizationIds',
      );
      expectField(
        await record(schoolStaff.http, { ...good, roster: [{ name: '李明', idNumber: ID.p1 }, { name: '' }] }),
        422,
        'roster.1.name',
      );
      const badId = await record(schoolStaff.http, { ...good, roster: [{ name: '李明', idNumber: BAD_ID }] });
      expectField(badId, 422, 'roster.0.idNumber');
      expect(badId.text).not.toContain(BAD_ID);
      expectField(
        await record(schoolStaff.http, {
          ...good,
          participantCount: 1,
          roster: [
            { name: '甲', idNumber: ID.p1 },
            { name: '乙', idNumber: ID.p2 },
          ],
        }),
        422,
        'participantCount',
      );
      expectField(
        await record(schoolStaff.http, {
          ...good,
          roster: [
            { name: '甲', idNumber: ID.p1 },
            { name: '乙', idNumber: ID.p1 },
          ],
        }),
        422,
        'roster.1.idNumber',
      );
    });

    it('imports a roster from xlsx with a row report, all or nothing', async () => {
      const url = `${base}/training-plans/${planId}/deliveries/${sessions.d2}/roster`;
      const template = await raw(
        schoolStaff.http,
        'GET',
        `${base}/training-plans/${planId}/deliveries/roster-template`,
      );
      expect(template.status).toBe(200);
      expect((await cellsOf(template.buffer)).slice(0, 3)).toEqual(['姓名*', '所在单位', '身份证号']);

      const bad = await workbook([
        ['姓名', '所在单位', '身份证号'],
        ['李明', '精密机械有限公司', ID.p1],
        ['', '精密机械有限公司', ID.p2],
        ['王芳', '', BAD_ID],
      ]);
      const refused = await raw(schoolStaff.http, 'PUT', url, bad, XLSX);
      errorBodies.push(refused.text);
      expect(refused.status).toBe(422);
      expect(refused.json.details.errors).toEqual([
        { row: 3, column: '姓名', reason: 'name is required', reasonZh: '姓名不能为空' },
        expect.objectContaining({ row: 4, column: '身份证号', reasonZh: '身份证号校验码错误（GB 11643）' }),
      ]);
      expect(refused.text).not.toContain(BAD_ID);
      expect((await sec.get(`${base}/training-plans/${planId}/deliveries/${sessions.d2}`)).body.rosterSize).toBe(0);

      expect((await raw(instituteStaff.http, 'PUT', url, bad, XLSX)).status).toBe(403);
      expect((await raw(schoolStaff.http, 'PUT', url, Buffer.from('not a workbook'), XLSX)).status).toBe(400);

      const good = await workbook([
        ['姓名', '所在单位', '身份证号'],
        ['李明', '精密机械有限公司', ID.p1],
        ['王芳', '精密机械有限公司', ID.p2],
        ['钱伟', '', ID.p4],
      ]);
      const imported = await raw(schoolStaff.http, 'PUT', url, good, XLSX);
      expect(imported.status).toBe(200);
      expect(imported.json).toEqual({ rows: 3, withIdNumber: 3, participantCount: 30 });
    });
  });

  describe('a new version from the approved one', () => {
    it('starts one at a time (parallel requests), copies the items and shows its differences', async () => {
      const racing = await Promise.all([1, 2, 3].map(() => sec.post(`${base}/training-plans/${planId}/versions`)));
      expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      v2 = racing.find((r) => r.status === 201)?.body.id;
      const copy = await sec.get(`${base}/training-plans/${planId}/versions/${v2}`);
      expect(copy.body).toMatchObject({ version: 2, status: 'draft', basedOnId: v1 });
      const byKey = new Map(copy.body.items.map((i: any) => [i.itemKey, i.id]));
      expect([...byKey.keys()].sort()).toEqual([items.item1.itemKey, items.item2.itemKey, items.item3.itemKey].sort());
      const path = `${base}/training-plans/${planId}/versions/${v2}/items`;
      expect((await sec.delete(`${path}/${byKey.get(items.item3.itemKey)}`)).status).toBe(204);
      expect(
        (await sec.patch(`${path}/${byKey.get(items.item2.itemKey)}`, { body: { plannedSessions: 3 } })).status,
      ).toBe(200);
      const added = await sec.post(path, {
        body: {
          title: '智能制造社会开放课',
          type: 'social',
          providerOrganizationId: org.school,
          openToPublic: true,
          plannedSessions: 1,
          plannedParticipantTimes: 50,
          plannedHours: 6,
          budget: '3000.00',
          fundingSource: 'social',
        },
      });
      expect(added.status).toBe(201);
      items.item4 = { id: added.body.id, itemKey: added.body.itemKey };
      const diff = await observer.get(`${base}/training-plans/${planId}/versions/${v2}/diff`);
      expect(diff.body).toEqual({
        basedOnId: v1,
        basedOnVersion: 1,
        added: [{ itemKey: items.item4.itemKey, title: '智能制造社会开放课' }],
        removed: [{ itemKey: items.item3.itemKey, title: '安全生产岗前培训' }],
        changed: [
          {
            itemKey: items.item2.itemKey,
            title: '数控岗位培训',
            changes: [{ field: 'plannedSessions', from: 2, to: 3 }],
          },
        ],
        unchanged: 1,
      });
      // v1 still answers progress until v2 is approved; then v1 is superseded.
      for (const to of ['submitted', 'approved']) {
        expect(
          (await sec.post(`${base}/training-plans/${planId}/versions/${v2}/status-transitions`, { body: { to } }))
            .status,
        ).toBe(200);
      }
      const plan = await sec.get(`${base}/training-plans/${planId}`);
      expect(plan.body.versions.map((v: any) => [v.version, v.status])).toEqual([
        [1, 'superseded'],
        [2, 'approved'],
      ]);
      expect(plan.body.approvedVersionId).toBe(v2);
      // Sessions of the dropped item can no longer be recorded.
      expectField(
        await instituteStaff.http.post(`${base}/training-plans/${planId}/deliveries`, {
          body: { itemKey: items.item3.itemKey, heldOn: dayIn(1), hours: 1, participantCount: 1 },
        }),
        422,
        'itemKey',
      );
    });
  });

  describe('progress and reports', () => {
    // Hand-computed (docs/training-plans.md, "Progress"): v2 plans item1, item2 (3 sessions) and item4;
    // d1 (8 h, 25, 10000.00), d2 (8.5 h, 30, 12000.25) on item1; d3 (4 h, 18, 2500.10) on item2;
    // d4 (2 h, 5, 0) on item3, which v2 dropped. Rosters: d1 p1 p2 p3 + one without ID; d2 p1 p2 p4; d3 p1 p5.
    const figures = (
      plannedSessions: number,
      sessions: number,
      plannedParticipantTimes: number,
      participantTimes: number,
      plannedHours: string,
      hours: string,
      budget: string,
      fundsReceived: string,
      distinctPersons: number,
    ) => ({
      plannedSessions,
      sessions,
      plannedParticipantTimes,
      participantTimes,
      plannedHours,
      hours,
      budget,
      fundsReceived,
      distinctPersons,
    });

    it('adds up per item, type, provider and in total', async () => {
      const progress = await observer.get(`${base}/training-plans/${planId}/progress`);
      expect(progress.status).toBe(200);
      expect(progress.body).toMatchObject({ planId, year, versionId: v2, version: 2 });
      const item = (key: string) => progress.body.byItem.find((r: any) => r.key === key);
      expect(item(items.item1.itemKey)).toMatchObject({
        ...figures(4, 2, 100, 55, '32.0', '16.5', '40000.00', '22000.25', 4),
        inPlan: true,
        rosterEntries: 7,
        entriesWithoutId: 1,
        participantTimesRate: 0.55,
      });
      expect(item(items.item2.itemKey)).toMatchObject({
        ...figures(3, 1, 40, 18, '16.5', '4.0', '10000.50', '2500.10', 2),
        inPlan: true,
      });
      expect(item(items.item4.itemKey)).toMatchObject({
        ...figures(1, 0, 50, 0, '6.0', '0.0', '3000.00', '0.00', 0),
        inPlan: true,
      });
      expect(item(items.item3.itemKey)).toMatchObject({
        ...figures(0, 1, 0, 5, '0.0', '2.0', '0.00', '0.00', 0),
        inPlan: false,
        title: '安全生产岗前培训',
      });
      const byType = Object.fromEntries(progress.body.byType.map((r: any) => [r.key, r]));
      expect(byType.pre_job).toMatchObject({
        ...figures(4, 3, 100, 60, '32.0', '18.5', '40000.00', '22000.25', 4),
        label: '岗前培训',
      });
      expect(byType.on_job).toMatchObject(figures(3, 1, 40, 18, '16.5', '4.0', '10000.50', '2500.10', 2));
      expect(byType.social).toMatchObject(figures(1, 0, 50, 0, '6.0', '0.0', '3000.00', '0.00', 0));
      const byProvider = Object.fromEntries(progress.body.byProvider.map((r: any) => [r.key, r]));
      expect(byProvider[org.school]).toMatchObject({
        ...figures(5, 2, 150, 55, '38.0', '16.5', '43000.00', '22000.25', 4),
        label: '园区职业技术学院',
      });
      expect(byProvider[org.institute]).toMatchObject(figures(3, 2, 40, 23, '16.5', '6.0', '10000.50', '2500.10', 2));
      expect(progress.body.total).toEqual({
        ...figures(8, 4, 190, 78, '54.5', '22.5', '53000.50', '24500.35', 5),
        participantTimesRate: 0.4105,
        hoursRate: 0.4128,
        fundsRate: 0.4623,
        rosterEntries: 9,
        entriesWithoutId: 1,
      });
      // Against the superseded version, on request.
      const old = await observer.get(`${base}/training-plans/${planId}/progress?versionId=${v1}`);
      expect(old.body.total).toMatchObject({ plannedSessions: 7, participantTimes: 78 });
    });

    it('exports plan and progress as xlsx with zh-CN headers, and prints the annual report', async () => {
      const progress = await raw(observer, 'GET', `${base}/training-plans/${planId}/progress/export`);
      expect(progress.status).toBe(200);
      expect(progress.headers.get('content-type')).toBe(XLSX);
      const progressCells = await cellsOf(progress.buffer);
      expect(progressCells).toEqual(
        expect.arrayContaining(['完成人次', '到账经费（元）', '培训人数（去重）', '78', '24500.35']),
      );
      const plan = await raw(observer, 'GET', `${base}/training-plans/${planId}/versions/${v2}/export`);
      expect(plan.status).toBe(200);
      const planCells = await cellsOf(plan.buffer);
      expect(planCells).toEqual(
        expect.arrayContaining(['培训项目', '承训单位', '智能制造社会开放课', '面向社会', '园区职业技术学院']),
      );
      const report = await raw(observer, 'GET', `${base}/training-plans/${planId}/annual-report`);
      expect(report.status).toBe(200);
      expect(report.headers.get('content-type')).toMatch(/^text\/html/);
      expect(report.text).toContain(`${year}年度培训情况`);
      expect(report.text).toMatch(
        /<tr class="total"><td>合计<\/td><td class="n">8<\/td><td class="n">4<\/td><td class="n">190<\/td><td class="n">78<\/td>/,
      );
      errorBodies.push(progress.buffer.toString('latin1'), report.text, ...progressCells, ...planCells);
    });

    it('feeds the indicators: participant-times, funds received (万元), enterprises served', async () => {
      const sources = stack.worker!.get(TrainingPlansIndicatorSources, { strict: false });
      const ctx = systemContext({ consortiumId: cid });
      const period = { startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
      expect((await sources.participantTimes(ctx, period)).value).toBe(78);
      expect((await sources.fundsReceived(ctx, period)).value).toBe(2.450035);
      const served = await sources.enterprisesServed(ctx, period);
      expect(served.value).toBe(1);
      expect(served.trace).toEqual([
        { entityType: 'organization', entityId: org.enterprise, label: '精密机械有限公司' },
      ]);
      expect(
        (await sources.participantTimes(ctx, { startsOn: `${year - 1}-01-01`, endsOn: `${year - 1}-12-31` })).value,
      ).toBe(0);
    });

    it('closes the year: no more sessions, progress stays readable', async () => {
      expect(
        (
          await sec.post(`${base}/training-plans/${planId}/versions/${v2}/status-transitions`, {
            body: { to: 'closed' },
          })
        ).status,
      ).toBe(200);
      const refused = await schoolStaff.http.post(`${base}/training-plans/${planId}/deliveries`, {
        body: { itemKey: items.item1.itemKey, heldOn: dayIn(1), hours: 1, participantCount: 1 },
      });
      expect(refused.status).toBe(409);
      expect((await sec.post(`${base}/training-plans/${planId}/versions`)).status).toBe(409);
      expect((await observer.get(`${base}/training-plans/${planId}/progress`)).body.total.participantTimes).toBe(78);
    });
  });

  it('keeps no ID number in clear: not in the database, the logs, the exports or an error body', async () => {
    const clear = [...Object.values(ID), BAD_ID, ID.p3.toLowerCase()];
    const owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    let dump = '';
    try {
      const tables = await owner.query<{ name: string }>(
        `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      for (const { name } of tables.rows) {
        const rows = await owner.query<{ t: string }>(`SELECT t::text AS t FROM ${name} t`);
        dump += rows.rows.map((r) => r.t).join('\n');
      }
    } finally {
      await owner.end();
    }
    expect(dump).toContain(ID.p1.slice(-4)); // the last four are kept
    expect(dump.length).toBeGreaterThan(1000);
    const logs = readFileSync(logFile, 'utf8');
    expect(logs.length).toBeGreaterThan(0);
    const everything = { database: dump, logs, errorsAndExports: errorBodies.join('\n') };
    for (const [where, text] of Object.entries(everything)) {
      for (const number of clear) expect({ where, found: text.includes(number) }).toEqual({ where, found: false });
    }
  });
});
