import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ENTERPRISE_ORGANIZATION_ID } from '@chanjiao/consortia';
import { addPerson, eventually, TestStack } from '@chanjiao/testing';
import { chinaToday } from '../support/clock';
import {
  choose,
  ConsoleTab,
  DEMO_ID,
  DEMO_LOGINS,
  describeInBrowser,
  DESKTOP,
  inputOf,
  PHONE,
  startConsoleStack,
  typeDate,
} from './support/console-stack';

// Used inside the page (page.evaluate); the suite's tsconfig has no DOM types.
declare const document: { documentElement: { scrollWidth: number } };

const DEMAND = `/c/${DEMO_ID}/demand-postings`;
const SUPPLY = `/c/${DEMO_ID}/supply-postings`;
const BULLETIN = `/c/${DEMO_ID}/talent-bulletin`;
const API = `/api/v1/consortia/${DEMO_ID}`;
/** 设备工程技术人员: an occupation no demo posting names, so its bulletin row is this test's posting alone. */
const OCCUPATION = '2-02-07-04';
const TITLE = '浏览器测试设备工程师';

describeInBrowser('talent pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let downloads: string;
  let enterprise: ConsoleTab;
  let school: ConsoleTab;
  let secretariat: ConsoleTab;
  let schoolId: string;

  beforeAll(async () => {
    ({ stack, browser, baseUrl, downloads } = await startConsoleStack());
    // The demo's postings and offerings are seeded by follow-up jobs of the demo seed.
    const offering = await eventually(async () => {
      const [postings, offerings] = await Promise.all([
        stack.admin.get(`${API}/demand-postings?limit=1`),
        stack.admin.get(`${API}/programme-offerings?limit=1`),
      ]);
      return postings.body.items?.length && offerings.body.items?.length ? offerings.body.items[0] : undefined;
    }, 60_000);
    schoolId = offering.organizationId as string;
    const teacher = await addPerson(stack.admin, DEMO_ID, 'member', schoolId);
    [enterprise, school, secretariat] = await Promise.all([
      ConsoleTab.open(browser, baseUrl),
      ConsoleTab.open(browser, baseUrl),
      ConsoleTab.open(browser, baseUrl),
    ]);
    await Promise.all([
      enterprise.signIn(DEMO_LOGINS.member),
      school.signIn(teacher),
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

  const rows = (tab: ConsoleTab, table: string) => tab.page.getByTestId(table).locator('tbody tr.ant-table-row');
  const fill = async (page: Page, testId: string, value: string) =>
    (await inputOf(page.getByTestId(testId))).fill(value);

  it('lets an enterprise draft a demand posting, checked before sending, and publish it', async () => {
    const { page } = enterprise;
    await enterprise.goto(DEMAND);
    await rows(enterprise, 'demand-table').first().waitFor();
    await page.getByTestId('demand-create').click();
    const form = page.getByTestId('demand-form');
    await fill(page, 'demand-title', TITLE);
    await fill(page, 'demand-description', '负责产线设备的点检计划、检修与备件管理。');
    await fill(page, 'demand-headcount', '3');
    await choose(enterprise, form.getByTestId('demand-occupation'), `${OCCUPATION} 设备工程技术人员`, OCCUPATION);
    await choose(enterprise, form.getByTestId('demand-programmes'), '460301 机电一体化技术', '460301', {
      multiple: true,
    });
    await fill(page, 'required-skills-skill', 'ＰＬＣ编程');
    await fill(page, 'demand-district', '浏览器测试区');
    await fill(page, 'demand-salaryMin', '9000');
    await fill(page, 'demand-salaryMax', '8000');
    await typeDate(form.getByTestId('demand-valid-until'), chinaToday(30));

    // The form refuses an unordered salary range itself: nothing is sent.
    const posted: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/demand-postings') && posted.push(r.url()));
    await page.getByTestId('demand-save').click();
    await form.getByText('月薪上限不能低于下限').waitFor();
    expect(posted).toEqual([]);

    await fill(page, 'demand-salaryMax', '12000');
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/demand-postings'),
    );
    await page.getByTestId('demand-save').click();
    expect((await created).status()).toBe(201);
    const drawer = page.getByTestId('demand-drawer');
    await drawer.getByTestId('posting-status').getByText('草稿').waitFor();
    await drawer.getByTestId('posting-publish').click();
    await drawer.getByTestId('posting-status').getByText('已发布').waitFor();

    const mine = await stack.admin.get(`${API}/demand-postings?q=${encodeURIComponent(TITLE)}`);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        title: TITLE,
        organizationId: DEMO_ENTERPRISE_ORGANIZATION_ID,
        status: 'published',
        headcount: 3,
        occupationCode: OCCUPATION,
        programmeCodes: ['460301'],
        requiredSkills: [{ skill: 'plc编程', weight: 3 }],
        employmentType: 'full_time',
        district: '浏览器测试区',
        salaryMin: '9000.00',
        salaryMax: '12000.00',
        validUntil: chinaToday(30),
      }),
    ]);
    await page.keyboard.press('Escape');
  });

  it('finds the posting in the list with filters, links it to its matches, and fits a 390-px phone', async () => {
    const { page } = enterprise;
    await enterprise.goto(DEMAND);
    await rows(enterprise, 'demand-table').first().waitFor();
    await fill(page, 'filter-q', '设备工程师');
    const filtered = page.waitForResponse((r) => r.url().includes('/demand-postings?') && r.url().includes('q='));
    await page.getByTestId('query-submit').click();
    await filtered;
    await eventually(async () => ((await rows(enterprise, 'demand-table').count()) === 1 ? true : undefined));
    const row = rows(enterprise, 'demand-table').first();
    await row.getByText(TITLE).waitFor();
    const posting = (await stack.admin.get(`${API}/demand-postings?q=${encodeURIComponent(TITLE)}`)).body.items[0];
    await expect(row.getByTestId('posting-matches').getAttribute('href')).resolves.toBe(
      `/c/${DEMO_ID}/demand-postings/${posting.id}/matches`,
    );
    await row.getByTestId('posting-matches').click();
    await page.getByTestId('posting-matches-page').getByText(TITLE).first().waitFor();

    // Filters live in the URL: the district and status find it.
    await enterprise.goto(`${DEMAND}?district=${encodeURIComponent('浏览器测试区')}&status=published`);
    await rows(enterprise, 'demand-table').getByText(TITLE).waitFor();
    await expect(rows(enterprise, 'demand-table').count()).resolves.toBe(1);
    // On a 390-px phone the table scrolls inside itself, the page does not.
    await page.setViewportSize(PHONE);
    await eventually(async () =>
      (await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width ? true : undefined,
    );
    await page.setViewportSize(DESKTOP);
    // Another employment type does not.
    await choose(enterprise, page.getByTestId('filter-employment-type'), '实习');
    await page.getByTestId('query-submit').click();
    await page.getByTestId('demand-table').locator('.ant-empty').waitFor();
  });

  it('lets a school post supply from one of its offerings', async () => {
    const { page } = school;
    await school.goto(SUPPLY);
    await page.getByTestId('supply-create').click();
    const form = page.getByTestId('supply-form');
    await form.getByTestId('supply-offering').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    // Picking the offering fills in its skills.
    await form.getByTestId('supply-skills-skill').first().waitFor();
    await fill(page, 'supply-headcount', '0');
    await page.getByTestId('supply-save').click();
    await form.getByText('应为 1–100000 之间的整数').waitFor();
    await fill(page, 'supply-headcount', '25');
    await fill(page, 'supply-note', '可安排顶岗实习。');
    await typeDate(form.getByTestId('supply-valid-until'), chinaToday(60));
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/supply-postings'),
    );
    await page.getByTestId('supply-save').click();
    const body = (await (await created).json()) as { id: string };
    const drawer = page.getByTestId('supply-drawer');
    await drawer.getByTestId('posting-publish').click();
    await drawer.getByTestId('posting-status').getByText('已发布').waitFor();

    const saved = await stack.admin.get(`${API}/supply-postings/${body.id}`);
    expect(saved.body).toEqual(
      expect.objectContaining({
        organizationId: schoolId,
        status: 'published',
        headcount: 25,
        note: '可安排顶岗实习。',
        validUntil: chinaToday(60),
      }),
    );
    expect(saved.body.skills.length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
  });

  it('lets the secretariat close another enterprise’s posting, saying why', async () => {
    const { page } = secretariat;
    const published = await stack.admin.get(`${API}/demand-postings?status=published&limit=100`);
    const other = (published.body.items as Array<{ title: string; organizationId: string }>).find(
      (p) => p.organizationId !== DEMO_ENTERPRISE_ORGANIZATION_ID && p.title !== TITLE,
    );
    if (!other) throw new Error('the demo has no published posting of another enterprise');
    // Any of the API's filters can be put in the URL; the list asks the API with them.
    await secretariat.goto(
      `${DEMAND}?status=published&organizationId=${other.organizationId}&q=${encodeURIComponent(other.title)}`,
    );
    await rows(secretariat, 'demand-table').first().click();
    const drawer = page.getByTestId('demand-drawer');
    await drawer.getByTestId('posting-close').click();
    // Moderation needs a reason: the form asks for it before sending.
    await page.getByTestId('close-confirm').click();
    await page.locator('.ant-modal').getByText('此项为必填项').waitFor();
    await page.getByTestId('close-reason').fill('岗位信息不实，经秘书处核实后关闭');
    const closed = page.waitForResponse((r) => r.url().endsWith('/transitions'));
    await page.getByTestId('close-confirm').click();
    const response = await closed;
    expect(response.status()).toBe(200);
    const { id } = (await response.json()) as { id: string };
    await drawer.getByTestId('close-reason-shown').getByText('岗位信息不实，经秘书处核实后关闭').waitFor();
    const posting = await stack.admin.get(`${API}/demand-postings/${id}`);
    expect(posting.body).toEqual(
      expect.objectContaining({ status: 'closed', closeReason: '岗位信息不实，经秘书处核实后关闭' }),
    );
    expect(posting.body.organizationId).toBe(other.organizationId);
    await page.keyboard.press('Escape');
  });

  it('shows the secretariat the year’s bulletin and downloads it as xlsx counting the new posting', async () => {
    const { page } = secretariat;
    const year = chinaToday().slice(0, 4);
    await secretariat.goto(BULLETIN);
    await choose(secretariat, page.getByTestId('bulletin-year'), year);
    await page.getByTestId('bulletin-chart').waitFor();
    await page.getByTestId('bulletin-section').getByText('按职业').click();
    await page.getByText('细类', { exact: true }).click();
    const row = rows(secretariat, 'bulletin-table').filter({ hasText: OCCUPATION });
    await row.getByText('设备工程技术人员').waitFor();

    const download = page.waitForEvent('download');
    await page.getByTestId('bulletin-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${year}年度人才需求发布.xlsx`);
    const path = join(downloads, file.suggestedFilename());
    await file.saveAs(path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(path) as never);
    const sheet = workbook.getWorksheet('按职业细类');
    const found: unknown[][] = [];
    sheet?.eachRow((r) => {
      if (r.getCell(1).value === OCCUPATION) found.push((r.values as unknown[]).slice(1, 6));
    });
    // Code, name, headcount, enterprises, postings: the browser's posting alone.
    expect(found).toEqual([[OCCUPATION, '设备工程技术人员', 3, 1, 1]]);
  });

  it('lets the secretariat add and remove a skill synonym', async () => {
    const { page } = secretariat;
    // Still on the bulletin page.
    await page.getByRole('tab', { name: '技能同义词' }).click();
    await fill(page, 'synonym-variant', '可编程逻辑控制器');
    await fill(page, 'synonym-skill', 'PLC编程');
    await page.getByTestId('synonym-add').click();
    const row = rows(secretariat, 'synonyms-table').filter({ hasText: '可编程逻辑控制器' });
    await row.waitFor();
    const listed = await stack.admin.get(`${API}/skill-synonyms`);
    expect(listed.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ variant: '可编程逻辑控制器', skill: 'plc编程' })]),
    );
    await row.getByTestId('synonym-remove').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.waitFor({ state: 'detached' });
    const after = await stack.admin.get(`${API}/skill-synonyms`);
    expect(after.body.map((s: { variant: string }) => s.variant)).not.toContain('可编程逻辑控制器');
  });
});
