import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { addPerson, HttpClient, insertConsortium, startTestStack, TestStack } from '@chanjiao/testing';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The Ministry's construction standard as published: three first-level indicators
 * (基础性 / 实质性 / 否定性), 16 second-level and 44 third-level ones, each with
 * observation points — built as a document to prove the structure loads through the import.
 */
function threeTierStandard(code: string) {
  const seconds = [5, 8, 3]; // 16 second-level indicators under the three first-level ones
  const thirdsPerSecond = [3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 2, 3, 3, 2, 2, 3]; // 44 third-level indicators
  const firsts = [
    ['基础性指标', 'Foundational'],
    ['实质性指标', 'Substantive'],
    ['否定性指标', 'Veto'],
  ];
  let second = 0;
  return {
    code,
    name: { 'zh-CN': '市域产教联合体建设标准（试行）', en: 'Construction standard (trial)' },
    nodes: firsts.map(([zh, en], f) => ({
      code: `${f + 1}`,
      name: { 'zh-CN': zh, en },
      weight: f === 2 ? 0 : 50,
      children: Array.from({ length: seconds[f] }, () => {
        const s = second++;
        return {
          code: `${f + 1}.${s + 1}`,
          name: { 'zh-CN': `二级指标${s + 1}`, en: `Second-level ${s + 1}` },
          children: Array.from({ length: thirdsPerSecond[s] }, (_, t) => ({
            code: `${f + 1}.${s + 1}.${t + 1}`,
            name: { 'zh-CN': `三级指标${s + 1}-${t + 1}`, en: `Third-level ${s + 1}-${t + 1}` },
            children: [
              {
                code: `${f + 1}.${s + 1}.${t + 1}.p`,
                name: { 'zh-CN': `观测点${s + 1}-${t + 1}`, en: `Observation point ${s + 1}-${t + 1}` },
                point:
                  f === 2
                    ? {
                        unit: '',
                        valueType: 'boolean',
                        direction: 'lower_better',
                        aggregation: 'any_true',
                        reporter: 'secretariat',
                        target: false,
                        veto: true,
                      }
                    : {
                        unit: '个',
                        valueType: 'count',
                        direction: 'higher_better',
                        aggregation: 'sum',
                        reporter: t % 2 === 0 ? 'school' : 'enterprise',
                        target: 10,
                        min: 0,
                      },
              },
            ],
          })),
        };
      }),
    })),
  };
}

describe('indicator frameworks (/api/v1/indicator-frameworks)', () => {
  let stack: TestStack;
  let member: HttpClient;
  const base = '/api/v1/indicator-frameworks';

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    const cid = (await insertConsortium(stack.db.ownerUrl)).id;
    member = (await addPerson(stack.admin, cid, 'member')).http;
  });

  afterAll(() => stack?.close());

  const upload = async (path: string, content: Buffer) => {
    const response = await fetch(`${stack.http.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.admin.accessToken}`, 'content-type': XLSX },
      body: content,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const download = async (path: string) => {
    const response = await fetch(`${stack.http.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${stack.admin.accessToken}` },
    });
    expect(response.status).toBe(200);
    return { type: response.headers.get('content-type'), content: Buffer.from(await response.arrayBuffer()) };
  };

  it('ships the default framework, published, readable by every signed-in user', async () => {
    const list = await member.get(`${base}?code=CHANJIAO-DEFAULT`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ code: 'CHANJIAO-DEFAULT', version: 1, status: 'published' }),
    ]);
    const detail = await member.get(`${base}/${list.body.items[0].id}`);
    expect(detail.body.levels[0]).toEqual({ depth: 1, nodes: 7, points: 0 });
    expect(detail.body.nodes.map((n: { name: { 'zh-CN': string } }) => n.name['zh-CN'])).toEqual([
      '产业基础',
      '教育资源',
      '组织治理',
      '人才培养',
      '服务发展',
      '保障条件',
      '否定性指标',
    ]);
    expect(detail.body.points).toBeGreaterThanOrEqual(25);
    expect((await stack.http.get(base)).status).toBe(401);
  });

  it('loads the three-tier standard (3 first-level, 16 second-level, 44 third-level with points) through the import', async () => {
    const imported = await stack.admin.post(`${base}?publish=true`, { body: threeTierStandard('MOE-2024-STANDARD') });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ created: true, framework: { version: 1, status: 'published' } });
    const detail = await stack.admin.get(`${base}/${imported.body.framework.id}`);
    expect(detail.body.levels).toEqual([
      { depth: 1, nodes: 3, points: 0 },
      { depth: 2, nodes: 16, points: 0 },
      { depth: 3, nodes: 44, points: 0 },
      { depth: 4, nodes: 44, points: 44 },
    ]);
    // Importing the same document again writes nothing.
    const again = await stack.admin.post(`${base}?publish=true`, { body: threeTierStandard('MOE-2024-STANDARD') });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, framework: { id: imported.body.framework.id } });
    expect((await member.post(base, { body: threeTierStandard('X') })).status).toBe(403);
  });

  it('refuses an invalid document with 422 naming every field', async () => {
    const document = threeTierStandard('BROKEN') as any;
    document.nodes[0].children[0].children[0].children[0].point.aggregation = 'all_true';
    document.nodes[1].children[0].children[0].children[0].code = '1.1.1.p';
    const response = await stack.admin.post(base, { body: document });
    expect(response.status).toBe(422);
    expect(response.body.details.code).toBe('invalid_framework');
    expect(response.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining([
        'nodes.0.children.0.children.0.children.0.point.aggregation',
        'nodes.1.children.0.children.0.children.0.code',
      ]),
    );
    for (const body of [[], 'text', { code: 'X', nodes: 'no' }]) {
      const bad = await stack.admin.post(base, { body });
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
    }
  });

  it('edits drafts, publishes them, and keeps published versions immutable (also in the database)', async () => {
    const draft = await stack.admin.post(base, { body: threeTierStandard('EDITABLE') });
    expect(draft.body.framework.status).toBe('draft');
    const id = draft.body.framework.id;
    const changed = threeTierStandard('EDITABLE');
    changed.nodes[0].children[0].children[0].children[0].point.target = 12;
    expect((await stack.admin.put(`${base}/${id}/document`, { body: changed })).status).toBe(200);
    const renamed = await stack.admin.put(`${base}/${id}/document`, { body: threeTierStandard('OTHER') });
    expect(renamed.status).toBe(422);
    expect(renamed.body.details).toMatchObject({ code: 'framework_code_changed', field: 'code' });

    expect((await stack.admin.post(`${base}/${id}/publish`)).body.status).toBe('published');
    const late = await stack.admin.put(`${base}/${id}/document`, { body: changed });
    expect(late.status).toBe(409);
    expect(late.body.details.code).toBe('framework_published');
    expect((await stack.admin.post(`${base}/${id}/publish`)).status).toBe(409);

    // Whatever the code path, the database keeps a published version as it is.
    const app = new Client({ connectionString: stack.config.database.appUrl });
    await app.connect();
    try {
      await expect(
        app.query(`UPDATE indicator_node SET target_number = 1 WHERE framework_id = $1`, [id]),
      ).rejects.toThrow(/published/);
      await expect(app.query(`UPDATE indicator_framework SET name_zh = 'x' WHERE id = $1`, [id])).rejects.toThrow(
        /published/,
      );
      await expect(app.query(`DELETE FROM indicator_framework WHERE id = $1`, [id])).rejects.toThrow(/published/);
    } finally {
      await app.end();
    }

    // Changes make a new version, with a diff.
    const copy = await stack.admin.post(`${base}/${id}/versions`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ code: 'EDITABLE', version: 2, status: 'draft', basedOnId: id });
    const next = threeTierStandard('EDITABLE') as any;
    next.nodes[0].children[0].children[0].children[0].point.target = 15;
    next.nodes[2].children.pop();
    expect((await stack.admin.put(`${base}/${copy.body.id}/document`, { body: next })).status).toBe(200);
    const diff = await member.get(`${base}/${copy.body.id}/diff?against=${id}`);
    expect(diff.status).toBe(200);
    expect(diff.body.changed).toEqual(
      expect.arrayContaining([{ code: '1.1.1.p', fields: { 'point.target': { from: 12, to: 15 } } }]),
    );
    expect(diff.body.removed.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['3.16', '3.16.1', '3.16.1.p']),
    );
  });

  it('exports JSON and xlsx that import again, and names workbook problems by row and column', async () => {
    const list = await stack.admin.get(`${base}?code=CHANJIAO-DEFAULT`);
    const id = list.body.items[0].id;
    const json = await download(`${base}/${id}/export`);
    expect(json.type).toContain('application/json');
    expect(JSON.parse(json.content.toString()).code).toBe('CHANJIAO-DEFAULT');

    const xlsx = await download(`${base}/${id}/export?format=xlsx`);
    expect(xlsx.type).toBe(XLSX);
    const roundTrip = await upload(`${base}/import`, xlsx.content);
    expect(roundTrip.status).toBe(200);
    expect(roundTrip.body).toMatchObject({ created: false, framework: { id } });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.content as never);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    sheet.getRow(3).getCell(headers.indexOf('汇总方式') + 1).value = '随便';
    sheet.getRow(4).getCell(headers.indexOf('上级编码') + 1).value = 'NOPE';
    const broken = await upload(`${base}/import`, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(broken.status).toBe(422);
    expect(broken.body.details.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: '汇总方式' }),
        expect.objectContaining({ row: 4, field: '上级编码' }),
      ]),
    );

    // A changed target in the workbook makes version 2 of the default framework.
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.load(xlsx.content as never);
    const rows = edited.worksheets[0];
    for (let r = 2; r <= rows.rowCount; r += 1) {
      if (rows.getRow(r).getCell(1).value === 'D2.5') rows.getRow(r).getCell(headers.indexOf('目标值') + 1).value = 8;
    }
    const v2 = await upload(`${base}/import`, Buffer.from(await edited.xlsx.writeBuffer()));
    expect(v2.status).toBe(201);
    expect(v2.body.framework).toMatchObject({ code: 'CHANJIAO-DEFAULT', version: 2, status: 'draft' });
    const diff = await stack.admin.get(`${base}/${v2.body.framework.id}/diff?against=${id}`);
    expect(diff.body.changed).toEqual([{ code: 'D2.5', fields: { 'point.target': { from: 5, to: 8 } } }]);
  });
});
