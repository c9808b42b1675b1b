import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { addPerson, chinaToday, eventually, HttpClient, signIn, TestPerson, TestStack } from '@chanjiao/testing';
import { ConsoleTab, DEMO_ID, DEMO_LOGINS, describeInBrowser, PHONE, startConsoleStack } from './support/console-stack';

// Used inside the page (page.evaluate); the suite's tsconfig has no DOM types.
declare const document: { documentElement: { scrollWidth: number } };

const BASE = `/api/v1/consortia/${DEMO_ID}`;

/**
 * Matching, cooperations and the talent gap in Chromium: a posting of the demo enterprise
 * and a new school's offering seeded through the API, the matching job awaited, then the
 * enterprise sees the ranked offering with its factor bars and proposes a cooperation, the
 * school accepts it (and is told in a sentence why a second one would exceed its graduates),
 * the secretariat pins the match, reads the gap table, changes a weight (a bad value refused
 * in the form) and follows the re-match into the runs list, which a member reads without the
 * weights.
 */
describeInBrowser('matching pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let downloads: string;
  let enterprise: ConsoleTab;
  let school: ConsoleTab;
  let secretariat: ConsoleTab;
  let hr: HttpClient;
  let teacher: TestPerson;
  let postingId: string;
  let offeringId: string;
  const start = chinaToday(30);
  const year = Number(start.slice(0, 4));
  const SCHOOL = '苏州机器人职业技术学院（测试）';
  const TITLE = '工业机器人订单班学员（测试）';

  const matchesPage = () => `/c/${DEMO_ID}/demand-postings/${postingId}/matches`;
  const cardOf = (tab: ConsoleTab) => tab.page.locator(`[data-testid="match-card"][data-offering="${offeringId}"]`);

  beforeAll(async () => {
    ({ stack, browser, baseUrl, downloads } = await startConsoleStack());
    const admin = stack.admin;
    const org = await admin.post(`${BASE}/organizations`, { body: { type: 'higher_vocational', name: SCHOOL } });
    expect(org.status).toBe(201);
    const schoolId = org.body.id as string;
    const joined = await admin.post(`${BASE}/organizations/${schoolId}/membership-transitions`, {
      body: { to: 'active', effectiveOn: chinaToday() },
    });
    expect(joined.status).toBe(200);
    const offering = await admin.post(`${BASE}/programme-offerings`, {
      body: {
        organizationId: schoolId,
        programmeCode: '460305',
        startYear: 2019,
        status: 'active',
        skills: ['PLC编程', '工业机器人操作'],
        trainingModes: ['order_class'],
        expectedGraduates: [{ year, count: 10 }],
      },
    });
    expect(offering.status).toBe(201);
    offeringId = offering.body.id as string;
    teacher = await addPerson(admin, DEMO_ID, 'member', schoolId);
    hr = admin.as((await signIn(admin.as(''), DEMO_LOGINS.member.email, DEMO_LOGINS.member.password)).accessToken);
    const posting = await hr.post(`${BASE}/demand-postings`, {
      body: {
        title: TITLE,
        description: '与合作院校共建工业机器人订单班，学员毕业后进入本公司机器人集成事业部。',
        programmeCodes: ['460305'],
        requiredSkills: [
          { skill: 'PLC编程', weight: 3 },
          { skill: '电气识图', weight: 1 },
        ],
        headcount: 6,
        employmentType: 'order_class',
        startDate: start,
      },
    });
    expect(posting.status).toBe(201);
    postingId = posting.body.id as string;
    const published = await hr.post(`${BASE}/demand-postings/${postingId}/transitions`, {
      body: { action: 'publish' },
    });
    expect(published.status).toBe(200);
    // The matching job (enqueued by the publish's trigger) ranks the new offering among the demo's.
    await eventually(async () => {
      const res = await admin.get(`${BASE}/demand-postings/${postingId}/matches`);
      return res.body.matchedAt && res.body.items.some((m: { offeringId: string }) => m.offeringId === offeringId)
        ? true
        : undefined;
    }, 30_000);
    [enterprise, school, secretariat] = await Promise.all([
      ConsoleTab.open(browser, baseUrl),
      ConsoleTab.open(browser, baseUrl),
      ConsoleTab.open(browser, baseUrl),
    ]);
    await Promise.all([
      enterprise.signIn(DEMO_LOGINS.member),
      school.signIn({ email: teacher.email, password: teacher.password }),
      secretariat.signIn(DEMO_LOGINS.secretariat),
    ]);
  });

  afterEach(() => {
    expect([...enterprise.takeProblems(), ...school.takeProblems(), ...secretariat.takeProblems()]).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the enterprise its posting’s ranked offerings with a bar per factor and the skills had and lacking', async () => {
    const { page } = enterprise;
    await enterprise.goto(matchesPage());
    await page.getByTestId('posting-summary').getByText(TITLE).waitFor();
    const card = cardOf(enterprise);
    await card.waitFor();
    await card.getByText(SCHOOL).waitFor();
    await card.getByText('460305 工业机器人技术').waitFor();
    await expect(card.getByTestId('match-rank').textContent()).resolves.toMatch(/^第 \d+ 名$/);
    for (const factor of ['programme', 'text', 'skills', 'capacity', 'mode'])
      await card.getByTestId(`factor-${factor}`).locator('.ant-progress').waitFor();
    // The posting names no district and is not in the park: locality does not apply.
    await card.getByTestId('factor-locality').getByText('不适用').waitFor();
    await expect(card.getByTestId('skill-matched').allTextContents()).resolves.toEqual(['plc编程']);
    await expect(card.getByTestId('skill-missing').allTextContents()).resolves.toEqual(['电气识图']);
    await card.getByText(`${year} 年预计毕业 10 人，已承诺 0 人，可供 10 人，岗位需求 6 人`).waitFor();
    // Every card is ranked in order of score.
    const scores = (await page.getByTestId('match-score').allTextContents()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The enterprise marks relevance; it cannot pin or hide.
    await expect(card.getByTestId('match-pin').count()).resolves.toBe(0);
    await card.getByTestId('match-not-relevant').waitFor();
  });

  it('lets the enterprise propose a cooperation from the match', async () => {
    const { page } = enterprise;
    await enterprise.goto(matchesPage());
    await cardOf(enterprise).getByTestId('match-propose').click();
    const form = page.getByTestId('proposal-form');
    await form.waitFor();
    // Defaults from the posting: an order class of its headcount from its start date.
    await expect(form.getByTestId('proposal-headcount').inputValue()).resolves.toBe('6');
    await expect(form.getByTestId('proposal-start').inputValue()).resolves.toBe(start);
    await page.getByTestId('proposal-submit').click();
    await page.getByText('已发起合作，等待对方确认').waitFor();
    const listed = await hr.get(`${BASE}/cooperations?postingId=${postingId}`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        postingId,
        offeringId,
        kind: 'order_class',
        headcount: 6,
        cohortYear: year,
        status: 'proposed',
        proposedBySide: 'enterprise',
      }),
    ]);
  });

  it('lets the school see the posting among its offering’s matches, accept the proposal, and says why a second one cannot be accepted', async () => {
    const { page } = school;
    await school.goto(`/c/${DEMO_ID}/offerings/${offeringId}/matches`);
    const card = page.locator(`[data-testid="match-card"][data-posting="${postingId}"]`);
    await card.getByText(TITLE).waitFor();
    await card.getByTestId('factor-skills').locator('.ant-progress').waitFor();

    // A second proposal of 6 from the enterprise: both together would need 12 of the 10 graduates.
    const second = await hr.post(`${BASE}/cooperations`, {
      body: { postingId, offeringId, kind: 'internship', headcount: 6, startDate: start },
    });
    expect(second.status).toBe(201);
    const first = (await hr.get(`${BASE}/cooperations?status=proposed`)).body.items.find(
      (c: { id: string; offeringId: string }) => c.id !== second.body.id && c.offeringId === offeringId,
    ) as { id: string };

    await school.goto(`/c/${DEMO_ID}/cooperations`);
    const row = (id: string) => page.getByTestId('cooperations-table').locator(`tr[data-row-key="${id}"]`);
    await row(first.id).getByTestId('coop-accept').click();
    await page.getByText('已接受合作').waitFor();
    await row(first.id).getByTestId('coop-status').getByText('进行中').waitFor();
    await row(second.body.id).getByTestId('coop-accept').click();
    await page
      .getByTestId('coop-refusal')
      .getByText(`容量不足：接受后 ${year} 届将承诺 12 名毕业生，超过该专业预计的 10 名（已承诺 6 名，本次 6 名）。`)
      .waitFor();
    await row(second.body.id).getByTestId('coop-status').getByText('待确认').waitFor();
    const active = await hr.get(`${BASE}/cooperations?status=active&postingId=${postingId}`);
    expect(active.body.items.map((c: { id: string }) => c.id)).toEqual([first.id]);
  });

  it('lets the secretariat pin the match, which then comes first', async () => {
    const { page } = secretariat;
    await secretariat.goto(matchesPage());
    const card = cardOf(secretariat);
    await card.getByTestId('match-pin').click();
    await card.getByTestId('match-pinned').waitFor();
    await expect(page.getByTestId('match-card').first().getAttribute('data-offering')).resolves.toBe(offeringId);
    const matches = await stack.admin.get(`${BASE}/demand-postings/${postingId}/matches`);
    expect(matches.body.items[0]).toMatchObject({ offeringId, pinned: true });
    // The secretariat could also hide it (a reason is asked for); the enterprise's relevance button is not here.
    await expect(card.getByTestId('match-hide').count()).resolves.toBe(1);
    await expect(card.getByTestId('match-not-relevant').count()).resolves.toBe(0);
  });

  it('shows the secretariat the gap table per programme class with a chart of demand and supply', async () => {
    const { page } = secretariat;
    const gap = await stack.admin.get(`${BASE}/talent-gap?year=${year}`);
    const automation = (gap.body.byClass as Array<{ key: string; demand: number; supply: number }>).find(
      (r) => r.key === '4603',
    );
    expect(automation?.demand).toBeGreaterThanOrEqual(6);
    expect(automation?.supply).toBeGreaterThanOrEqual(10);
    await secretariat.goto(`/c/${DEMO_ID}/talent-gap?year=${year}`);
    const row = page.getByTestId('gap-class-table').locator('tr[data-row-key="4603"]');
    await row.getByText('自动化类').waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[1]).toBe(String(automation?.demand));
    expect(cells[3]).toBe(String(automation?.supply));
    await row.getByTestId('gap-recommendation').waitFor();
    await page.getByTestId('gap-chart').locator('canvas').waitFor();
    await page.getByRole('tab', { name: '按职业' }).click();
    await page.getByTestId('gap-occupation-table').locator('tbody tr.ant-table-row').first().waitFor();

    // The table as xlsx (the class row with the API's figures) and the advice as a printable page.
    const xlsx = page.waitForEvent('download');
    await page.getByTestId('gap-export').click();
    const saved = join(downloads, `gap-${year}.xlsx`);
    await (await xlsx).saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(saved) as never);
    const classRows: unknown[][] = [];
    workbook.getWorksheet('按专业类')?.eachRow((r) => {
      if (r.getCell(1).value === '4603') classRows.push((r.values as unknown[]).slice(1));
    });
    expect(classRows).toHaveLength(1);
    expect(classRows[0]).toEqual(expect.arrayContaining([automation?.demand, automation?.supply]));
    const advice = page.waitForEvent('download');
    await page.getByTestId('gap-advice').click();
    const advicePath = join(downloads, `advice-${year}.html`);
    await (await advice).saveAs(advicePath);
    expect(readFileSync(advicePath, 'utf8')).toContain('专业动态调整建议');
  });

  type Bound = { min: number; max: number };
  type Settings = { weights: Record<string, number>; textMin: number; minScore: number };
  type Weights = Settings & {
    custom: boolean;
    updatedAt: string | null;
    defaults: Settings;
    bounds: { weights: Record<string, Bound>; textMin: Bound; minScore: Bound };
  };
  type Run = {
    id: string;
    trigger: string;
    status: string;
    postingsTotal: number;
    postingsMatched: number;
    postingsNoMatch: number;
    matchesWritten: number;
  };
  const FACTOR_NAMES = ['programme', 'text', 'skills', 'capacity', 'mode', 'locality'];
  const rowKeys = (tab: ConsoleTab) =>
    tab.page
      .getByTestId('runs-table')
      .locator('tbody tr.ant-table-row')
      .evaluateAll((rows: Array<{ getAttribute(name: string): string | null }>) =>
        rows.map((r) => r.getAttribute('data-row-key')),
      );

  it('lets the secretariat reset and change the weights, refuses a bad value naming the field, and follows the re-match into the runs list', async () => {
    const { page } = secretariat;
    const before = (await stack.admin.get(`${BASE}/matching-weights`)).body as Weights;
    const puts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().endsWith('/matching-weights')) puts.push(request.url());
    });
    await secretariat.goto(`/c/${DEMO_ID}/matching-weights`);
    const input = (field: string) => page.getByTestId(`weight-${field}`);
    await expect(input('programme').inputValue()).resolves.toBe(String(before.weights.programme));
    // One field per factor with its bounds and default from the API; reset fills in the defaults.
    for (const f of FACTOR_NAMES) {
      const { min, max } = before.bounds.weights[f];
      await page
        .getByTestId(`weight-field-${f}`)
        .getByText(`范围 ${min}–${max}，默认 ${before.defaults.weights[f]}`)
        .waitFor();
    }
    await page.getByTestId('weights-reset').click();
    for (const f of FACTOR_NAMES) await expect(input(f).inputValue()).resolves.toBe(String(before.defaults.weights[f]));
    await expect(input('textMin').inputValue().then(Number)).resolves.toBe(before.defaults.textMin);
    await expect(input('minScore').inputValue().then(Number)).resolves.toBe(before.defaults.minScore);

    // Above its bound: refused in the form, under the field and naming it; nothing is sent.
    const { min, max } = before.bounds.weights.programme;
    await input('programme').fill(String(max + 1));
    await page.getByTestId('weights-save').click();
    const programmeError = page.getByTestId('weight-field-programme').locator('.ant-form-item-explain-error');
    await programmeError.getByText(`专业对口：应为 ${min}–${max} 之间的整数`).waitFor();
    expect(puts).toEqual([]);

    const chosen = before.defaults.weights.programme === max ? max - 1 : before.defaults.weights.programme + 1;
    await input('programme').fill(String(chosen));
    await programmeError.waitFor({ state: 'detached' });
    await page.getByTestId('weights-save').click();
    // The 202's re-match, followed until the run has finished.
    await page.locator('[data-testid="run-progress"][data-state="completed"]').waitFor({ timeout: 60_000 });
    expect(puts).toHaveLength(1);
    const after = (await stack.admin.get(`${BASE}/matching-weights`)).body as Weights;
    expect(after).toMatchObject({
      custom: true,
      weights: { ...before.defaults.weights, programme: chosen },
      textMin: before.defaults.textMin,
      minScore: before.defaults.minScore,
    });
    await page.getByTestId('weights-custom').getByText('已自定义').waitFor();
    const runs = (await stack.admin.get(`${BASE}/matching-runs`)).body.items as Run[];
    expect(runs[0]).toMatchObject({ trigger: 'weights', status: 'completed' });

    // The runs list: the API's runs newest first, the new one on top with its counts.
    await page.getByTestId('weights-view-runs').click();
    await page.waitForURL(/\/matching-runs$/);
    const first = page.getByTestId('runs-table').locator('tbody tr.ant-table-row').first();
    await first.getByTestId('run-trigger').getByText('权重调整').waitFor();
    await expect(rowKeys(secretariat)).resolves.toEqual(runs.slice(0, 10).map((r) => r.id));
    await first.getByTestId('run-status').getByText('已完成').waitFor();
    const cells = await first.locator('td').allTextContents();
    expect(cells.slice(5, 9)).toEqual(
      [runs[0].postingsTotal, runs[0].postingsMatched, runs[0].postingsNoMatch, runs[0].matchesWritten].map(String),
    );
    await expect(first.getByTestId('run-duration').textContent()).resolves.toMatch(/^\d+ (秒|分 \d+ 秒)$/);
    await page.getByTestId('runs-start').waitFor();
  });

  it('shows a member the runs, without the weights or a button to start one', async () => {
    const { page } = enterprise;
    await enterprise.goto(`/c/${DEMO_ID}/matching-runs`);
    await page.getByTestId('runs-table').locator('tbody tr.ant-table-row').first().waitFor();
    const runs = (await hr.get(`${BASE}/matching-runs`)).body.items as Run[];
    await expect(rowKeys(enterprise)).resolves.toEqual(runs.slice(0, 10).map((r) => r.id));
    await expect(page.getByTestId('runs-start').count()).resolves.toBe(0);
    // The weights are the secretariat's (matching:manage): no menu item, and a typed URL is refused.
    const menu = page.getByTestId('main-menu');
    await menu.getByText('匹配运行记录').waitFor();
    await expect(menu.getByText('匹配权重').count()).resolves.toBe(0);
    await enterprise.goto(`/c/${DEMO_ID}/matching-weights`);
    await page.locator('.ant-result-403').waitFor();
    await expect(page.getByTestId('weights-form').count()).resolves.toBe(0);
    expect((await hr.get(`${BASE}/matching-weights`)).status).toBe(403);
  });

  it('works on a 390-px phone: the cards stack and the gap table scrolls inside itself', async () => {
    // The secretariat's tab, narrowed (the last test of the file): the layout follows the viewport.
    const phone = secretariat;
    await phone.page.setViewportSize(PHONE);
    await phone.goto(matchesPage());
    await cardOf(phone).getByTestId('factor-bars').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.goto(`/c/${DEMO_ID}/talent-gap?year=${year}`);
    await phone.page.getByTestId('gap-class-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const scroller = phone.page.getByTestId('gap-class-table').locator('.ant-table-content').first();
    const [scrollWidth, clientWidth] = await scroller.evaluate((el: { scrollWidth: number; clientWidth: number }) => [
      el.scrollWidth,
      el.clientWidth,
    ]);
    expect(scrollWidth).toBeGreaterThan(clientWidth);

    // The weights form's fields stack; the runs table scrolls inside itself.
    await phone.goto(`/c/${DEMO_ID}/matching-weights`);
    await phone.page.getByTestId('weight-programme').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const [programme, text] = await Promise.all(
      ['programme', 'text'].map((f) => phone.page.getByTestId(`weight-field-${f}`).boundingBox()),
    );
    expect(text?.x).toBe(programme?.x);
    expect(text!.y).toBeGreaterThan(programme!.y + programme!.height - 1);
    await phone.goto(`/c/${DEMO_ID}/matching-runs`);
    await phone.page.getByTestId('runs-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const runsScroller = phone.page.getByTestId('runs-table').locator('.ant-table-content').first();
    const [runsScrollWidth, runsClientWidth] = await runsScroller.evaluate(
      (el: { scrollWidth: number; clientWidth: number }) => [el.scrollWidth, el.clientWidth],
    );
    expect(runsScrollWidth).toBeGreaterThan(runsClientWidth);
  });
});
