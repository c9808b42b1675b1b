import type { Browser } from 'playwright-core';
import { creditCodeCheckCharacter } from '@chanjiao/consortia/domain/credit-code';
import { eventually, TestStack } from '@chanjiao/testing';
import { ConsoleTab, DEMO_LOGINS, describeInBrowser, PHONE, startConsoleStack } from './support/console-stack';

// Used inside the page (page.evaluate); the suite's tsconfig has no DOM types.
declare const document: { documentElement: { scrollWidth: number } };

const creditCode = (body: string) => body + creditCodeCheckCharacter(body);

describeInBrowser('platform-admin pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let admin: ConsoleTab;
  let secretariat: ConsoleTab;

  beforeAll(async () => {
    ({ stack, browser, baseUrl } = await startConsoleStack());
    admin = await ConsoleTab.open(browser, baseUrl);
    await admin.signIn(DEMO_LOGINS.admin);
    secretariat = await ConsoleTab.open(browser, baseUrl);
    await secretariat.signIn(DEMO_LOGINS.secretariat);
  });

  afterEach(() => {
    expect([...admin.takeProblems(), ...secretariat.takeProblems()]).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('creates a consortium with its lead units and first secretariat, checking the code before sending', async () => {
    const { page } = admin;
    await page.getByTestId('main-menu').getByText('联合体管理').click();
    await page.waitForURL(/\/admin\/consortia/);
    const table = page.getByTestId('consortia-table');
    await table.getByText('DEMO-SZ-ROBOTICS').waitFor();

    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/consortia')) posted = true;
    });
    await page.getByTestId('consortium-create').click();
    const form = page.getByTestId('onboard-form');
    await form.getByTestId('onboard-code').fill('-x');
    await form.getByTestId('onboard-name').fill('常州浏览器测试市域产教联合体');
    await form.getByTestId('onboard-province').fill('江苏省');
    await form.getByTestId('onboard-city').fill('常州市');
    await form.getByTestId('lead-government-name').fill('常州浏览器测试园区管委会');
    await form.getByTestId('lead-enterprise-name').fill('常州浏览器测试装备有限公司');
    await form.getByTestId('onboard-secretariat-email').fill('cz.secretariat@example.cn');
    await form.getByTestId('onboard-secretariat-name').fill('常秘书');
    await page.getByTestId('onboard-save').click();
    await form.getByText('编号应为 3–32 位字母、数字或短横线').waitFor();
    // Everything else is filled: the one missing field is the lead enterprise's credit code.
    await form.getByText('此项为必填项').waitFor();
    await expect(form.getByText('此项为必填项').count()).resolves.toBe(1);
    expect(posted).toBe(false);

    await form.getByTestId('onboard-code').fill('cz-browser-01');
    await form.getByTestId('lead-enterprise-credit-code').fill(creditCode('91320400MA1NXK8Y7'));
    await page.getByTestId('onboard-save').click();
    // A refusal would show in the drawer: fail with its text rather than a timeout.
    await page.getByTestId('initial-password').or(page.getByTestId('form-error')).first().waitFor();
    await expect(page.getByTestId('form-error').allTextContents()).resolves.toEqual([]);
    const password = await page.getByTestId('initial-password').textContent();
    expect(password?.length).toBeGreaterThanOrEqual(10);
    await page
      .getByTestId('initial-password-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();

    await table.getByText('CZ-BROWSER-01').waitFor();
    const found = await stack.admin.get('/api/v1/consortia?q=CZ-BROWSER-01');
    const created = found.body.items[0];
    expect(created).toMatchObject({ code: 'CZ-BROWSER-01', status: 'planning', city: '常州市' });
    expect(created.leadGovernmentOrgId).toEqual(expect.any(String));
    expect(created.leadEnterpriseOrgId).toEqual(expect.any(String));
    const people = await stack.admin.get(`/api/v1/consortia/${created.id}/users`);
    expect(people.body.items).toEqual([
      expect.objectContaining({ email: 'cz.secretariat@example.cn', role: 'secretariat' }),
    ]);

    // A row opens the consortium's own pages.
    await table.getByText('常州浏览器测试市域产教联合体').click();
    await page.waitForURL(new RegExp(`/c/${created.id}/profile`));
    await page.getByTestId('consortium-status').getByText('筹建中').waitFor();
  });

  it('creates an account with a one-time password and disables it', async () => {
    const { page } = admin;
    await admin.goto('/admin/users');
    const table = page.getByTestId('accounts-table');
    await table.getByText(DEMO_LOGINS.secretariat.email).waitFor();
    await page.getByTestId('account-create').click();
    const form = page.getByTestId('account-form');
    await form.getByTestId('account-email').fill('not-an-email');
    await form.getByTestId('account-name').fill('浏览器测试账号');
    await page.getByTestId('account-save').click();
    await form.getByText('请输入有效的邮箱地址').waitFor();
    await form.getByTestId('account-email').fill('browser.account@example.cn');
    await page.getByTestId('account-save').click();
    await page.getByTestId('initial-password').waitFor();
    await page
      .getByTestId('initial-password-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();

    await page.getByTestId('filter-q').fill('browser.account');
    await page.getByTestId('query-submit').click();
    const row = table.locator('tbody tr', { hasText: 'browser.account@example.cn' });
    await row.getByTestId('account-status').getByText('正常').waitFor();
    await row.getByTestId('account-disable').click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await row.getByTestId('account-status').getByText('已停用').waitFor();
    const listed = await stack.admin.get('/api/v1/users?q=browser.account');
    expect(listed.body.items).toEqual([expect.objectContaining({ status: 'disabled', mustChangePassword: true })]);
  });

  it('shows the platform audit trail: an account created by the API is there, filtered by action', async () => {
    const created = await stack.admin.post('/api/v1/users', {
      body: { email: 'audit.trail@example.cn', displayName: '审计测试账号' },
    });
    expect(created.status).toBe(201);
    const userId = created.body.user.id as string;
    const { page } = admin;
    await admin.goto('/admin/users');
    await page.getByTestId('main-menu').getByText('平台审计日志').click();
    await page.waitForURL(/\/admin\/audit/);
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    // Each read of the platform trail is itself recorded: the first page shows that entry too.
    await table.getByText('platform.cross_consortium_read').first().waitFor();
    await page.getByTestId('filter-action').fill('identity.user.created');
    await page.getByTestId('query-submit').click();
    await eventually(async () => {
      const texts = await table.locator('tbody tr.ant-table-row').allTextContents();
      return texts.length > 0 && texts.every((text) => text.includes('identity.user.created')) ? true : undefined;
    });
    const row = table.locator('tbody tr.ant-table-row', { hasText: userId.slice(0, 8) });
    // The actor is named: the platform admin's account.
    const admins = await stack.admin.get(`/api/v1/users?q=${encodeURIComponent(DEMO_LOGINS.admin.email)}`);
    await row.getByText(admins.body.items[0].displayName).waitFor();
  });

  it('offers the platform pages to platform admins only', async () => {
    const { page } = secretariat;
    await page.getByTestId('main-menu').getByText('成员单位').waitFor();
    await expect(page.getByTestId('main-menu').getByText('平台管理').count()).resolves.toBe(0);
    for (const path of ['/admin/consortia', '/admin/users', '/admin/audit']) {
      await secretariat.goto(path);
      await page.getByText('仅平台管理员可访问此页面。').waitFor();
    }
  });

  it('works on a 390-px phone: the consortia table scrolls inside itself, the create form stacks', async () => {
    const phone = await ConsoleTab.open(browser, baseUrl, PHONE);
    await phone.signIn(DEMO_LOGINS.admin);
    await phone.goto('/admin/consortia');
    await phone.page.getByTestId('consortia-table').getByText('DEMO-SZ-ROBOTICS').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.getByTestId('consortium-create').click();
    const code = phone.page.getByTestId('onboard-code');
    const name = phone.page.getByTestId('onboard-name');
    await name.waitFor();
    await phone.page.waitForTimeout(400);
    const [a, b] = [await code.boundingBox(), await name.boundingBox()];
    expect(b!.y).toBeGreaterThan(a!.y);
    expect(a!.width).toBeGreaterThan(300);
    expect(phone.takeProblems()).toEqual([]);
    await phone.close();
  });
});
