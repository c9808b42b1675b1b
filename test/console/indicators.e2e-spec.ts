import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { addPerson, chinaToday, eventually, TestStack } from '@chanjiao/testing';
import { ConsoleTab, DEMO_ID, DEMO_LOGINS, describeInBrowser, PHONE, startConsoleStack } from './support/console-stack';

// Used inside the page (page.evaluate); the suite's tsconfig has no DOM types.
declare const document: { documentElement: { scrollWidth: number } };

const PERIODS = `/c/${DEMO_ID}/indicators`;
const REPORTING = `/c/${DEMO_ID}/indicator-reports`;
const REVIEW = `/c/${DEMO_ID}/indicator-review`;
const SCORES = `/c/${DEMO_ID}/indicator-scores`;
const PDF = Buffer.from('%PDF-1.4\n% 产业学院共建协议\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'utf8');

describeInBrowser('construction indicators in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let downloads: string;
  let secretariat: ConsoleTab;
  let school: ConsoleTab;
  let schoolLogin: { email: string; password: string };
  let periodId: string;
  const periodName = `建设自评测试周期 ${chinaToday()}`;

  beforeAll(async () => {
    ({ stack, browser, baseUrl, downloads } = await startConsoleStack());
    const frameworks = await stack.admin.get('/api/v1/indicator-frameworks?code=CHANJIAO-DEFAULT&status=published');
    const schools = await stack.admin.get(
      `/api/v1/consortia/${DEMO_ID}/organizations?type=higher_vocational&status=active&limit=1`,
    );
    const schoolId = schools.body.items[0].id as string;
    // A period of its own, dated from the test clock: a month in, due in two months.
    const period = await stack.admin.post(`/api/v1/consortia/${DEMO_ID}/indicator-periods`, {
      body: {
        name: periodName,
        frameworkId: frameworks.body.items[0].id,
        startsOn: chinaToday(-30),
        endsOn: chinaToday(300),
        dueOn: chinaToday(60),
      },
    });
    expect(period.status).toBe(201);
    periodId = period.body.id;
    const person = await addPerson(stack.admin, DEMO_ID, 'member', schoolId);
    schoolLogin = { email: person.email, password: person.password };
    secretariat = await ConsoleTab.open(browser, baseUrl);
    await secretariat.signIn(DEMO_LOGINS.secretariat);
    school = await ConsoleTab.open(browser, baseUrl);
    await school.signIn(schoolLogin);
  }, 180_000);

  afterEach(() => {
    expect([...secretariat.takeProblems(), ...school.takeProblems()]).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const rows = (tab: ConsoleTab, testId: string) => tab.page.getByTestId(testId).locator('tbody tr.ant-table-row');
  const reportsOfD25 = async () =>
    (await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/indicator-reports?periodId=${periodId}&pointCode=D2.5`)).body
      .items as Array<{ status: string; value: number }>;

  /** Chooses the test's period on the periods page (each tab remembers its own choice). */
  const choosePeriod = async (tab: ConsoleTab) => {
    await tab.goto(PERIODS);
    await rows(tab, 'periods-table').filter({ hasText: periodName }).click();
    await tab.page.getByTestId('chosen-period').getByText(periodName).waitFor();
  };

  it('lists the periods; a school user chooses one and gets the form, not the review queue', async () => {
    const { page } = school;
    await choosePeriod(school);
    const row = rows(school, 'periods-table').filter({ hasText: periodName });
    await row.getByText(chinaToday(60)).waitFor();
    await row.getByText('填报中').waitFor();
    await row.getByTestId('period-chosen').waitFor();
    const menu = page.getByTestId('main-menu');
    await menu.getByText('指标填报').waitFor();
    await expect(menu.getByText('指标审核').count()).resolves.toBe(0);
    await page.getByTestId('go-report').click();
    await page.waitForURL(/\/indicator-reports$/);
    await page.getByTestId('dimension-D2').getByTestId('point-D2.5').waitFor();
  });

  it('checks a value before sending it, refuses a wrong evidence file readably, uploads a PDF and submits', async () => {
    const { page } = school;
    await school.goto(REPORTING);
    const entry = page.getByTestId('point-D2.5');
    // The InputNumber's own <input> carries the test id.
    const value = entry.getByTestId('value-D2.5');
    await value.fill('2.5');
    await entry.getByTestId('save-D2.5').click();
    await entry.getByText('请填写整数').waitFor();
    await value.fill('-1');
    await entry.getByTestId('save-D2.5').click();
    await entry.getByText('不能小于 0').waitFor();
    // Refused in the page: nothing reached the API.
    expect(await reportsOfD25()).toEqual([]);

    await value.fill('3');
    await entry.getByTestId('save-D2.5').click();
    await entry.getByTestId('report-status-D2.5').getByText('草稿').waitFor();

    // The dragger's file <input> carries the test id.
    const input = entry.getByTestId('evidence-dragger-D2.5');
    await input.setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('纯文本') });
    await entry.getByTestId('evidence-error-D2.5').getByText('不支持该文件类型').waitFor();
    // Named .pdf but not one: the API recognises files by their content, and says so readably.
    await input.setInputFiles({ name: '伪装.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
    await eventually(async () =>
      ((await entry.getByTestId('evidence-error-D2.5').textContent()) ?? '').includes('PDF, PNG') ? true : undefined,
    );
    await input.setInputFiles({ name: '产业学院协议.pdf', mimeType: 'application/pdf', buffer: PDF });
    await entry.getByTestId('evidence-link').getByText('产业学院协议.pdf').waitFor();
    await expect(entry.getByTestId('evidence-error-D2.5').count()).resolves.toBe(0);

    await entry.getByTestId('submit-D2.5').click();
    await entry.getByTestId('report-status-D2.5').getByText('已提交').waitFor();
    await entry.getByTestId('lock-D2.5').getByText('已提交，等待审核').waitFor();
    await expect(entry.getByTestId('submit-D2.5').count()).resolves.toBe(0);
    expect(await reportsOfD25()).toMatchObject([{ status: 'submitted', value: 3 }]);
  });

  it('the secretariat returns the report with a comment, the school resubmits, the secretariat approves', async () => {
    const { page } = secretariat;
    await choosePeriod(secretariat);
    await page.getByTestId('go-review').click();
    const row = rows(secretariat, 'review-table').filter({ hasText: 'D2.5' });
    await row.getByTestId('review-value').getByText('3 个').waitFor();
    // The evidence opens as a download with its name.
    const download = page.waitForEvent('download');
    await row.getByTestId('evidence-link').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('产业学院协议.pdf');
    const path = join(downloads, 'evidence.pdf');
    await file.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');

    await row.getByTestId('return').click();
    await page.getByTestId('comment-input').fill('协议缺少盖章页，请补充后重新提交');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.getByText('已退回').first().waitFor();
    await eventually(async () => ((await row.count()) === 0 ? true : undefined));

    await school.goto(REPORTING);
    const entry = school.page.getByTestId('point-D2.5');
    await entry.getByTestId('return-comment-D2.5').getByText('协议缺少盖章页').waitFor();
    await entry.getByTestId('report-status-D2.5').getByText('已退回').waitFor();
    await entry.getByTestId('value-D2.5').fill('4');
    await entry.getByTestId('submit-D2.5').click();
    await entry.getByTestId('report-status-D2.5').getByText('已提交').waitFor();

    await secretariat.goto(REVIEW);
    await row.getByTestId('review-value').getByText('4 个').waitFor();
    await row.getByTestId('approve').click();
    await page.getByText('已审核通过').waitFor();
    await eventually(async () => ((await row.count()) === 0 ? true : undefined));
    expect(await reportsOfD25()).toMatchObject([{ status: 'approved', value: 4 }]);
  });

  it('runs the roll-up and shows the score tree in status colours with the chart; downloads the self-assessment', async () => {
    const { page } = secretariat;
    await secretariat.goto(SCORES);
    await page.getByTestId('run-rollup').click();
    await page.locator('[data-testid="job-progress"][data-state="completed"]').waitFor();
    // 4 of 5 industry colleges a month into the period: on track, part of the way.
    const status = page.getByTestId('status-D2.5');
    await status.getByText('进展正常').waitFor();
    await expect(status.getAttribute('data-tone')).resolves.toBe('partly');
    await page.getByTestId('score-D2.5').getByText('80.0').waitFor();
    await page.getByTestId('score-tree').locator('[data-tone="met"]').first().waitFor();
    await page.getByTestId('dimension-chart').locator('canvas').waitFor();

    const download = page.waitForEvent('download');
    await page.getByTestId('self-assessment-xlsx').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`建设自评报告-${periodName}.xlsx`);
    const path = join(downloads, 'self-assessment.xlsx');
    await file.saveAs(path);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
  });

  it('works on a 390-px phone: the periods, the form and the score tree fit; the tree scrolls inside itself', async () => {
    const phone = await ConsoleTab.open(browser, baseUrl, PHONE);
    await phone.signIn(schoolLogin);
    await choosePeriod(phone);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.goto(REPORTING);
    await phone.page.getByTestId('point-D2.5').getByTestId('evidence-link').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.goto(SCORES);
    await phone.page.getByTestId('score-tree').locator('tbody tr.ant-table-row').first().waitFor();
    await phone.page.getByTestId('dimension-chart').locator('canvas').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(phone.takeProblems()).toEqual([]);
    await phone.close();
  });
});
