import type { Browser } from 'playwright-core';
import { TestStack } from '@chanjiao/testing';
import { ConsoleTab, DEMO_ID, DEMO_LOGINS, describeInBrowser, PHONE, startConsoleStack } from './support/console-stack';

// Used inside the page (page.evaluate); the suite's tsconfig has no DOM types.
declare const document: { documentElement: { scrollWidth: number; lang: string } };
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

describeInBrowser('console shell in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  const tabs: ConsoleTab[] = [];

  const open = async (viewport?: { width: number; height: number }) => {
    const tab = await ConsoleTab.open(browser, baseUrl, viewport);
    tabs.push(tab);
    return tab;
  };

  beforeAll(async () => {
    ({ stack, browser, baseUrl } = await startConsoleStack());
  });

  afterEach(() => {
    // No console.error or uncaught error in any tab during the test.
    expect(tabs.flatMap((tab) => tab.takeProblems())).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows each demo role the menu its permissions allow', async () => {
    for (const role of ['secretariat', 'member', 'observer', 'admin'] as const) {
      const tab = await open();
      await tab.signIn(DEMO_LOGINS[role]);
      expect(tab.page.url()).toContain(`/c/${DEMO_ID}/dashboard`);
      const menu = tab.page.getByTestId('main-menu');
      await menu.getByText('工作台').waitFor();
      await menu.getByText('成员单位').waitFor();
      // Only roles with audit:read see the recent audit entries on the dashboard.
      await tab.page.getByTestId('stat-total').getByText('31').waitFor();
      const auditCard = await tab.page.getByTestId('audit-card').count();
      expect({ role, auditCard }).toEqual({ role, auditCard: role === 'secretariat' || role === 'admin' ? 1 : 0 });
      await tab.close();
    }
  });

  it('lets a user in two consortia, and a platform admin, switch between them', async () => {
    // The demo observer becomes the new consortium's secretariat: two consortia, two roles.
    const created = await stack.admin.post('/api/v1/consortia', {
      body: {
        code: 'WX-SWITCH-01',
        name: '无锡切换测试市域产教联合体',
        province: '江苏省',
        city: '无锡市',
        secretariat: { email: DEMO_LOGINS.observer.email, displayName: '刘理事（观察员）' },
      },
    });
    if (created.status !== 201) throw new Error(created.text);
    const otherId = created.body.consortium.id as string;

    for (const role of ['observer', 'admin'] as const) {
      const tab = await open();
      await tab.signIn(DEMO_LOGINS[role]);
      await tab.goto(`/c/${DEMO_ID}/organizations`);
      await tab.page.getByTestId('list-total').getByText('31').waitFor();
      await tab.page.getByTestId('consortium-switcher').click();
      await tab.page.locator('.ant-select-item-option').getByText('无锡切换测试市域产教联合体').click();
      // The same page, in the other consortium (which has no members yet).
      await tab.page.waitForURL(`**/c/${otherId}/organizations`);
      await tab.page.getByTestId('list-total').getByText('共 0 条').waitFor();
      // Here the observer is the secretariat, so the secretariat's actions appear.
      await tab.page.getByTestId('org-create').waitFor();
      await tab.close();
    }
  });

  it('answers a wrong password with a readable message and stays on the sign-in page', async () => {
    const tab = await open();
    await tab.goto('/');
    await tab.page.waitForURL(/\/sign-in/);
    await tab.page.getByTestId('sign-in-form').locator('input').first().fill(DEMO_LOGINS.member.email);
    await tab.page.locator('input[type="password"]').fill('not-the-password');
    await tab.page.getByTestId('sign-in-submit').click();
    await expect(tab.page.getByTestId('sign-in-error').textContent()).resolves.toContain('登录已失效或账号密码错误');
    expect(tab.page.url()).toContain('/sign-in');
  });

  it('makes a user with a one-time password choose a new one before anything else', async () => {
    const created = await stack.admin.post(`/api/v1/consortia/${DEMO_ID}/users`, {
      body: { email: 'new.observer@demo.chanjiao.cn', displayName: '新观察员', role: 'observer' },
    });
    expect(created.status).toBe(201);
    const initialPassword = created.body.initialPassword as string;

    const tab = await open();
    await tab.goto('/sign-in');
    await tab.page.getByTestId('sign-in-form').locator('input').first().fill('new.observer@demo.chanjiao.cn');
    await tab.page.locator('input[type="password"]').fill(initialPassword);
    await tab.page.getByTestId('sign-in-submit').click();
    const form = tab.page.getByTestId('change-password-form');
    await form.waitFor();
    // Checked before sending, with the API's policy.
    const passwords = form.locator('input[type="password"]');
    await passwords.nth(0).fill('short');
    await passwords.nth(1).fill('short');
    await tab.page.getByTestId('change-password-submit').click();
    await form.getByText('密码至少 10 个字符').waitFor();
    await passwords.nth(0).fill('A-new-password-2027');
    await passwords.nth(1).fill('A-new-password-2027');
    await tab.page.getByTestId('change-password-submit').click();
    await tab.page.waitForURL(/\/c\/[0-9a-f-]+\/dashboard/);

    // The new password is the one that works now.
    const login = await stack.http.post('/api/v1/auth/login', {
      body: { email: 'new.observer@demo.chanjiao.cn', password: 'A-new-password-2027' },
    });
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(false);
  });

  it('switches to English and back, and remembers the choice across a reload', async () => {
    const tab = await open();
    await tab.signIn(DEMO_LOGINS.secretariat);
    await tab.page.getByTestId('language-switch').getByText('English').click();
    const menu = tab.page.getByTestId('main-menu');
    await menu.getByText('Member organizations').waitFor();
    await tab.page.reload();
    await menu.getByText('Dashboard').waitFor();
    await expect(tab.page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await tab.page.getByTestId('language-switch').getByText('中文').click();
    await menu.getByText('工作台').waitFor();
  });

  it('keeps the session across a reload of a deep link, and signs out', async () => {
    const tab = await open();
    await tab.signIn(DEMO_LOGINS.observer);
    // History fallback: the API answers the console's own route with index.html.
    await tab.goto(`/c/${DEMO_ID}/organizations`);
    await tab.page.getByTestId('organizations-page').waitFor();
    await tab.page.getByTestId('user-menu').click();
    await tab.page.getByTestId('sign-out').click();
    await tab.page.waitForURL(/\/sign-in/);
    await tab.goto(`/c/${DEMO_ID}/organizations`);
    await tab.page.waitForURL(/\/sign-in\?next=/);
  });

  it('refreshes the access token when it has expired, without signing the user out', async () => {
    const tab = await open();
    await tab.signIn(DEMO_LOGINS.secretariat);
    const before = await tab.page.evaluate(() => JSON.parse(sessionStorage.getItem('chanjiao.session') as string));
    // Pretend the access token expired: the next calls refresh first, several at once.
    await tab.page.evaluate(() => {
      const saved = JSON.parse(sessionStorage.getItem('chanjiao.session') as string);
      sessionStorage.setItem('chanjiao.session', JSON.stringify({ ...saved, accessExpiresAt: 0 }));
    });
    await tab.page.reload();
    await tab.page.getByTestId('stat-total').getByText('31').waitFor();
    const after = await tab.page.evaluate(() => JSON.parse(sessionStorage.getItem('chanjiao.session') as string));
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessExpiresAt).toBeGreaterThan(Date.now());
    expect(tab.page.url()).toContain('/dashboard');
  });

  it('fits a 390-px phone: the menu folds away and the dashboard stacks', async () => {
    const tab = await open(PHONE);
    await tab.signIn(DEMO_LOGINS.secretariat);
    await tab.page.getByTestId('stat-total').getByText('31').waitFor();
    const width = await tab.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await expect(tab.page.getByTestId('main-menu').isVisible()).resolves.toBe(false);
    // The header's menu button opens it; choosing a page closes it again.
    await tab.page.getByTestId('menu-button').click();
    await tab.page.getByTestId('main-menu').getByText('成员单位').click();
    await tab.page.getByTestId('organizations-page').waitFor();
    await tab.page.getByTestId('main-menu').waitFor({ state: 'hidden' });
  });
});
