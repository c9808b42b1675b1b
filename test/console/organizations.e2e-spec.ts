import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { creditCodeCheckCharacter } from '@chanjiao/consortia/domain/credit-code';
import { TestStack } from '@chanjiao/testing';
import {
  choose,
  ConsoleTab,
  DEMO_ID,
  DEMO_LOGINS,
  describeInBrowser,
  PHONE,
  startConsoleStack,
} from './support/console-stack';

// Used inside the page (page.evaluate); the suite's tsconfig has no DOM types.
declare const document: {
  documentElement: { scrollWidth: number };
  querySelector(selector: string): { getBoundingClientRect(): { x: number; y: number; width: number } } | null;
};

const creditCode = (body: string) => body + creditCodeCheckCharacter(body);
const ORGANIZATIONS = `/c/${DEMO_ID}/organizations`;

describeInBrowser('member organizations in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let downloads: string;
  let secretariat: ConsoleTab;
  let member: ConsoleTab;

  beforeAll(async () => {
    ({ stack, browser, baseUrl, downloads } = await startConsoleStack());
    // One tab per role for the whole file (a tab keeps its session in sessionStorage).
    secretariat = await ConsoleTab.open(browser, baseUrl);
    await secretariat.signIn(DEMO_LOGINS.secretariat);
    member = await ConsoleTab.open(browser, baseUrl);
    await member.signIn(DEMO_LOGINS.member);
  });

  afterEach(() => {
    expect([...secretariat.takeProblems(), ...member.takeProblems()]).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const rows = (tab: ConsoleTab) => tab.page.getByTestId('organizations-table').locator('tbody tr.ant-table-row');

  it('lists the demo’s organizations with server-side search, sort and keyset pages', async () => {
    const { page } = secretariat;
    await secretariat.goto(ORGANIZATIONS);
    await page.getByTestId('list-total').getByText('共 31 条').waitFor();
    await expect(rows(secretariat).count()).resolves.toBe(20);
    const firstPageFirst = await rows(secretariat).first().textContent();

    await page.getByTestId('page-next').click();
    await page.getByText('第 2 页').waitFor();
    await expect(rows(secretariat).count()).resolves.toBe(11);
    await page.getByTestId('page-previous').click();
    await page.getByText('第 1 页').waitFor();
    await expect(rows(secretariat).first().textContent()).resolves.toBe(firstPageFirst);

    // Sorting by name descending asks the API for sort=-name.
    const sorted = page.waitForResponse((r) => r.url().includes('sort=-name'));
    await page.getByTestId('organizations-table').locator('th').getByText('单位名称').click();
    await sorted;
    await page.getByTestId('organizations-table').locator('th').getByText('单位名称').click();
    // Back to ascending by name, the list's default order.
    await page.getByTestId('organizations-table').locator('th[aria-sort="ascending"]').waitFor();

    await page.getByTestId('filter-q').fill('职业技术学院');
    await page.getByTestId('query-submit').click();
    await page.getByTestId('list-total').filter({ hasNotText: '共 31 条' }).waitFor();
    const total = Number((await page.getByTestId('list-total').textContent())?.match(/\d+/)?.[0]);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(31);
    for (const text of await rows(secretariat).allTextContents()) expect(text).toContain('职业技术学院');
  });

  it('registers an organization, checking the credit code before sending, then accepts it as a member', async () => {
    const { page } = secretariat;
    await secretariat.goto(ORGANIZATIONS);
    await page.getByTestId('org-create').click();
    const drawer = page.getByTestId('organization-form-drawer');
    await drawer.getByTestId('org-name').fill('苏州浏览器测试科技有限公司');
    const body = '91320594MA1NXK8Y2';
    const wrongCheck = creditCodeCheckCharacter(body) === 'A' ? 'B' : 'A';
    await drawer.getByTestId('org-credit-code').fill(body + wrongCheck);
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/organizations')) posted = true;
    });
    await page.getByTestId('org-save').click();
    await drawer.getByText(`校验位应为“${creditCodeCheckCharacter(body)}”`).waitFor();
    expect(posted).toBe(false);

    await drawer.getByTestId('org-credit-code').fill(creditCode(body));
    await page.getByTestId('org-save').click();
    const detail = page.getByTestId('organization-drawer');
    await detail.getByText('苏州浏览器测试科技有限公司').first().waitFor();
    await expect(detail.getByTestId('org-status').textContent()).resolves.toBe('申请中');

    // A name already taken is refused by the API and the message names the field.
    await page.getByTestId('org-edit').click();
    const edit = page.getByTestId('organization-form-drawer');
    await edit.getByTestId('org-name').fill('苏州云帆软件有限公司');
    await page.getByTestId('org-save').click();
    await edit.getByTestId('form-error').getByText('与现有数据冲突').waitFor();
    await edit.getByRole('button', { name: /取\s*消/ }).click();

    await choose(secretariat, detail.getByTestId('transition-to'), '正式成员');
    await detail.getByTestId('transition-submit').click();
    await detail.getByTestId('org-status').getByText('正式成员').waitFor();
    await detail.getByTestId('org-history').getByText('申请中 → 正式成员').waitFor();

    const listed = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/organizations?q=浏览器测试`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        name: '苏州浏览器测试科技有限公司',
        membershipStatus: 'active',
        creditCode: creditCode(body),
      }),
    ]);
  });

  it('imports a file with a bad row: the report names the row, and nothing is written until only valid rows are asked for', async () => {
    const { page } = secretariat;
    await secretariat.goto(ORGANIZATIONS);
    await page.getByTestId('org-import').click();
    const modal = page.getByTestId('import-modal');

    const template = page.waitForEvent('download');
    await modal.getByTestId('import-template').click();
    const templateFile = join(downloads, 'template.xlsx');
    await (await template).saveAs(templateFile);
    expect(readFileSync(templateFile).subarray(0, 2).toString()).toBe('PK');

    const csv = [
      '单位名称,单位类型,统一社会信用代码',
      `苏州导入测试机器人有限公司,企业,${creditCode('91320594MA1NXK8Y3')}`,
      '苏州错误类型有限公司,公司,',
    ].join('\n');
    const file = { name: 'organizations.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') };
    await modal.getByTestId('import-dragger').setInputFiles(file);
    await modal.locator('[data-testid="job-progress"][data-state="completed"]').waitFor();
    const report = modal.getByTestId('import-errors');
    await report.getByText('单位类型', { exact: true }).waitFor();
    await expect(report.locator('tbody tr.ant-table-row').first().textContent()).resolves.toMatch(/^3单位类型.*公司/);
    await modal.getByText('本次未写入任何数据').waitFor();
    const before = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/organizations?q=导入测试`);
    expect(before.body.total).toBe(0);

    await modal.getByTestId('import-mode').getByText('只导入无误的行').click();
    await modal.getByTestId('import-dragger').setInputFiles(file);
    await modal.getByTestId('import-result').getByText('新增 1').waitFor();
    const after = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/organizations?q=导入测试`);
    expect(after.body.total).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('exports the filtered list as xlsx', async () => {
    const { page } = secretariat;
    await secretariat.goto(`${ORGANIZATIONS}?type=enterprise`);
    await page.getByTestId('list-total').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('org-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = join(downloads, file.suggestedFilename());
    await file.saveAs(path);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
  });

  it('shows a member the list and details without the secretariat’s actions', async () => {
    const { page } = member;
    await member.goto(ORGANIZATIONS);
    await page.getByTestId('list-total').waitFor();
    const toolbar = page.getByTestId('toolbar');
    await toolbar.getByTestId('org-export').waitFor();
    for (const action of ['org-create', 'org-import', 'org-batch']) {
      await expect(toolbar.getByTestId(action).count()).resolves.toBe(0);
    }
    await expect(page.getByTestId('organizations-table').locator('.ant-checkbox').count()).resolves.toBe(0);
    await rows(member).first().click();
    const detail = page.getByTestId('organization-drawer');
    await detail.getByTestId('org-history').waitFor();
    await expect(detail.getByTestId('org-edit').count()).resolves.toBe(0);
    await expect(detail.getByTestId('transition-form').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
  });

  it('works on a 390-px phone: the table scrolls sideways and the form stacks', async () => {
    const phone = await ConsoleTab.open(browser, baseUrl, PHONE);
    await phone.signIn(DEMO_LOGINS.secretariat);
    await phone.goto(ORGANIZATIONS);
    await phone.page.getByTestId('list-total').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const scroller = phone.page.getByTestId('organizations-table').locator('.ant-table-content').first();
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);

    await phone.page.getByTestId('org-create').click();
    const form = phone.page.getByTestId('organization-form');
    await form.getByTestId('org-name').waitFor();
    // Measured at one instant (the drawer may still be sliding in).
    const [name, code] = await phone.page.evaluate(() =>
      ['org-name', 'org-credit-code'].map((id) => {
        const box = document
          .querySelector(`[data-testid="organization-form"] [data-testid="${id}"]`)!
          .getBoundingClientRect();
        return { x: box.x, y: box.y, width: box.width };
      }),
    );
    // One field per line: the credit code sits below the name, not beside it, as wide.
    expect(code.y).not.toBe(name.y);
    expect(Math.abs(code.x - name.x)).toBeLessThan(4);
    expect(name.width).toBeGreaterThan(300);
    expect(phone.takeProblems()).toEqual([]);
    await phone.close();
  });
});
