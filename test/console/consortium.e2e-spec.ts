import type { Browser } from 'playwright-core';
import { TestStack } from '@chanjiao/testing';
import { chinaToday } from '../support/clock';
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
declare const document: { documentElement: { scrollWidth: number } };

const PAGE = (path: string) => `/c/${DEMO_ID}/${path}`;

describeInBrowser('consortium profile, users and audit log in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: ConsoleTab;
  let member: ConsoleTab;

  beforeAll(async () => {
    ({ stack, browser, baseUrl } = await startConsoleStack());
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

  it('edits the profile, checking the park output value before sending, and moves the status on with a note', async () => {
    const { page } = secretariat;
    await secretariat.goto(PAGE('profile'));
    await page.getByTestId('consortium-status').getByText('建设中').waitFor();

    let patched = false;
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().endsWith(`/consortia/${DEMO_ID}`)) patched = true;
    });
    await page.getByTestId('profile-edit').click();
    const form = page.getByTestId('profile-form');
    await form.getByTestId('profile-park-output').fill('很多');
    await page.getByTestId('profile-save').click();
    await form.getByText('请输入金额（亿元），最多两位小数').waitFor();
    expect(patched).toBe(false);
    await form.getByTestId('profile-park-output').fill('16000.50');
    await form.getByTestId('profile-park-name').fill('苏州工业园区（浏览器测试）');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-park').getByText('苏州工业园区（浏览器测试）').waitFor();
    const profile = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}`);
    expect(profile.body).toMatchObject({ parkName: '苏州工业园区（浏览器测试）', parkOutputValue: '16000.50' });

    const status = page.getByTestId('status-form');
    await choose(secretariat, status.getByTestId('status-to'), '通过验收');
    await status.getByTestId('status-note').fill('验收文件（浏览器测试）');
    await status.getByTestId('status-submit').click();
    await page.getByTestId('consortium-status').getByText('通过验收').waitFor();
    await page.getByTestId('status-history').getByText('建设中 → 通过验收').waitFor();
    await page.getByTestId('status-history').getByText('· 验收文件（浏览器测试）').waitFor();
    const history = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/status-transitions`);
    expect(history.body.at(-1)).toMatchObject({
      fromStatus: 'under_construction',
      toStatus: 'accepted',
      effectiveOn: chinaToday(),
      note: '验收文件（浏览器测试）',
    });
  });

  it('adds a member user bound to an organization, shows the one-time password once, changes the role and disables access', async () => {
    const { page } = secretariat;
    await secretariat.goto(PAGE('users'));
    const table = page.getByTestId('users-table');
    await table.getByText(DEMO_LOGINS.member.email).waitFor();

    await page.getByTestId('user-add').click();
    const form = page.getByTestId('user-form');
    await form.getByTestId('user-email').fill('browser.hr@example.cn');
    await form.getByTestId('user-name').fill('浏览器测试专员');
    await choose(secretariat, form.getByTestId('user-role-select'), '成员单位用户');
    await page.getByTestId('user-save').click();
    // A member must name its organization before anything is sent.
    await form.getByText('此项为必填项').waitFor();
    await choose(secretariat, form.getByTestId('user-organization'), '苏州汇芯半导体有限公司', '汇芯');
    await page.getByTestId('user-save').click();
    const password = await page.getByTestId('initial-password').textContent();
    expect(password?.length).toBeGreaterThanOrEqual(10);
    await page
      .getByTestId('initial-password-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();

    const row = table.locator('tbody tr', { hasText: 'browser.hr@example.cn' });
    await row.getByText('苏州汇芯半导体有限公司').waitFor();
    await row.getByTestId('user-role').getByText('成员单位用户').waitFor();
    await row.getByTestId('user-change-role').click();
    await choose(secretariat, page.getByTestId('user-form').getByTestId('user-role-select'), '观察员');
    await page.getByTestId('user-save').click();
    await row.getByTestId('user-role').getByText('观察员').waitFor();

    await row.getByTestId('user-disable').click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await row.getByTestId('user-enable').waitFor();
    const listed = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/users?q=browser.hr`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        email: 'browser.hr@example.cn',
        role: 'observer',
        status: 'disabled',
        organizationId: null,
      }),
    ]);
  });

  it('filters the audit log by action prefix and by dates (the last day included)', async () => {
    const { page } = secretariat;
    await secretariat.goto(PAGE('audit'));
    const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();

    await page.getByTestId('filter-action').fill('identity.membership');
    const filtered = page.waitForResponse(
      (r) => r.url().includes('/audit-log?') && r.url().includes('action=identity.membership'),
    );
    await page.getByTestId('query-submit').click();
    await filtered;
    await page.waitForURL(/action=identity\.membership/);
    await rows.first().waitFor();
    for (const text of await rows.allTextContents()) expect(text).toContain('identity.membership.');
    // The people are named, not shown as ids.
    await page.getByTestId('audit-table').getByText('王秘书（秘书处）').first().waitFor();

    // A range of one day asks for from = that day and to = the next (exclusive).
    await secretariat.goto(`${PAGE('audit')}?on=${chinaToday()}~${chinaToday()}`);
    const ranged = await page.waitForResponse((r) => r.url().includes('/audit-log?'));
    expect(ranged.url()).toContain(`from=${chinaToday()}`);
    expect(ranged.url()).toContain(`to=${chinaToday(1)}`);
    await rows.first().waitFor();
  });

  it('shows a member the profile to read and refuses the users and audit pages', async () => {
    const { page } = member;
    await member.goto(PAGE('profile'));
    await page.getByTestId('consortium-status').waitFor();
    await page.getByTestId('status-history').waitFor();
    await expect(page.getByTestId('profile-edit').count()).resolves.toBe(0);
    await expect(page.getByTestId('status-form').count()).resolves.toBe(0);
    for (const path of ['users', 'audit']) {
      await member.goto(PAGE(path));
      await page.getByText('您的角色无权访问此页面。').waitFor();
    }
  });

  it('works on a 390-px phone: profile without sideways scroll, the users table scrolls inside itself', async () => {
    const phone = await ConsoleTab.open(browser, baseUrl, PHONE);
    await phone.signIn(DEMO_LOGINS.secretariat);
    await phone.goto(PAGE('profile'));
    await phone.page.getByTestId('consortium-status').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.goto(PAGE('users'));
    await phone.page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const scroller = phone.page.getByTestId('users-table').locator('.ant-table-content').first();
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(phone.takeProblems()).toEqual([]);
    await phone.close();
  });
});
