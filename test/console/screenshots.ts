import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { eventually, TestStack } from '@chanjiao/testing';

// Used inside the page (page.evaluate); the suite's tsconfig has no DOM types.
declare const window: { scrollTo(x: number, y: number): void };
import { ConsoleTab, DEMO_ID, DEMO_LOGINS, DESKTOP, PHONE, startConsoleStack } from './support/console-stack';

/**
 * `npm run screenshots`: the stack with the demo, signed in as the demo secretariat, one PNG
 * per main page into docs/screenshots/ (the README shows them). Not part of `npm test`.
 */
const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');

describe('console screenshots', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    ({ stack, browser, baseUrl } = await startConsoleStack());
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const shoot = async (tab: ConsoleTab, name: string, fullPage = false) => {
    // Let spinners and chart animations finish.
    await tab.page
      .locator('.ant-spin-spinning, .ant-spin-blur')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await tab.page.waitForTimeout(600);
    await tab.page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  };

  it('writes the main pages', async () => {
    const tab = await ConsoleTab.open(browser, baseUrl, DESKTOP);
    await tab.goto('/sign-in');
    await tab.page.getByTestId('sign-in-form').waitFor();
    await shoot(tab, 'sign-in');

    await tab.signIn(DEMO_LOGINS.secretariat);
    await tab.page.getByTestId('stat-total').getByText('31').waitFor();
    await shoot(tab, 'dashboard', true);

    await tab.goto(`/c/${DEMO_ID}/organizations`);
    await tab.page.getByTestId('list-total').waitFor();
    await shoot(tab, 'organizations');

    await tab.page.getByTestId('organizations-table').locator('tbody tr.ant-table-row').first().click();
    await tab.page.getByTestId('org-history').waitFor();
    await shoot(tab, 'organization-detail');
    await tab.page.keyboard.press('Escape');

    await tab.page.evaluate(() => window.scrollTo(0, 0));
    await tab.page.getByTestId('org-import').click();
    await tab.page.getByTestId('import-template').waitFor();
    // A file with a wrong row (all-or-nothing: nothing is written), to show the error report.
    const csv =
      '单位名称,单位类型,统一社会信用代码\n苏州示例智能装备有限公司,企业,91320594MA1NXK8Y2A\n苏州示例服务中心,公司,\n';
    await tab.page
      .getByTestId('import-dragger')
      .setInputFiles({ name: '成员单位.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await tab.page.getByTestId('import-errors').waitFor();
    await shoot(tab, 'organization-import');

    await tab.goto(`/c/${DEMO_ID}/training-bases`);
    await tab.page.getByTestId('bases-table').locator('tbody tr.ant-table-row').first().waitFor();
    await tab.page.getByRole('tab', { name: '预约日历' }).click();
    await tab.page.getByTestId('week-grid').waitFor();
    await shoot(tab, 'training-bases-calendar');
    await tab.page.keyboard.press('Escape');

    await tab.goto(`/c/${DEMO_ID}/training`);
    await tab.page.getByTestId('needs-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shoot(tab, 'training-needs');
    await tab.page.getByRole('tab', { name: '完成进度' }).click();
    await tab.page.getByTestId('progress-dashboard').waitFor();
    await shoot(tab, 'training-progress', true);

    await tab.goto(`/c/${DEMO_ID}/offerings`);
    await tab.page.getByTestId('offerings-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shoot(tab, 'programme-offerings');
    await tab.goto(`/c/${DEMO_ID}/catalogue?q=460305`);
    await tab.page.getByTestId('catalogue-table').locator('tbody tr.ant-table-row').first().click();
    await tab.page.getByTestId('programme-occupations').waitFor();
    await shoot(tab, 'programme-catalogue');
    await tab.page.keyboard.press('Escape');

    await tab.goto(`/c/${DEMO_ID}/demand-postings`);
    await tab.page.getByTestId('demand-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shoot(tab, 'talent-demand');
    await tab.goto(`/c/${DEMO_ID}/talent-bulletin`);
    await tab.page.getByTestId('bulletin-chart').waitFor();
    await shoot(tab, 'talent-bulletin', true);
    // A published demo posting's matches (the demo seed's matching job has run by now).
    const published = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/demand-postings?status=published&limit=1`);
    await tab.goto(`/c/${DEMO_ID}/demand-postings/${published.body.items[0].id}/matches`);
    await tab.page.getByTestId('match-list').or(tab.page.getByTestId('no-match')).first().waitFor();
    await shoot(tab, 'posting-matches');
    await tab.goto(`/c/${DEMO_ID}/cooperations`);
    await tab.page.getByTestId('cooperations-table').waitFor();
    await shoot(tab, 'cooperations');
    await tab.goto(`/c/${DEMO_ID}/talent-gap`);
    await tab.page.getByTestId('gap-class-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shoot(tab, 'talent-gap', true);
    await tab.goto(`/c/${DEMO_ID}/matching-weights`);
    await tab.page.getByTestId('weights-form').waitFor();
    await shoot(tab, 'matching-weights', true);
    // A run asked for now, so the list shows one beside the demo's.
    await tab.goto(`/c/${DEMO_ID}/matching-runs`);
    await tab.page.getByTestId('runs-start').click();
    await tab.page.locator('[data-testid="run-progress"][data-state="completed"]').waitFor({ timeout: 60_000 });
    await tab.page.getByTestId('runs-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shoot(tab, 'matching-runs');

    await tab.goto(`/c/${DEMO_ID}/council`);
    await tab.page.getByTestId('multi-party').waitFor();
    await shoot(tab, 'council');
    await tab.page.getByTestId('tab-meetings').click();
    await tab.page.getByTestId('meetings-table').locator('tbody tr.ant-table-row').first().click();
    await tab.page.getByTestId('resolution-tally').first().waitFor();
    await shoot(tab, 'council-meeting');
    await tab.page.keyboard.press('Escape');

    await tab.goto(`/c/${DEMO_ID}/profile`);
    await tab.page.getByTestId('status-history').waitFor();
    await shoot(tab, 'profile');

    await tab.goto(`/c/${DEMO_ID}/users`);
    await tab.page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shoot(tab, 'users');

    // The demo's indicator period is seeded and rolled up by a later job of the demo chain.
    await eventually(async () => {
      const periods = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/indicator-periods`);
      const id = periods.body.items?.[0]?.id as string | undefined;
      if (!id) return undefined;
      const scores = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/indicator-scores?periodId=${id}`);
      return scores.status === 200 ? true : undefined;
    }, 90_000);
    await tab.goto(`/c/${DEMO_ID}/indicators`);
    await tab.page.getByTestId('chosen-period').waitFor();
    await shoot(tab, 'indicator-periods');
    await tab.goto(`/c/${DEMO_ID}/indicator-reports`);
    await tab.page.getByTestId('reporting-summary').waitFor();
    await shoot(tab, 'indicator-reporting');
    await tab.goto(`/c/${DEMO_ID}/indicator-review`);
    await tab.page.getByTestId('review-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shoot(tab, 'indicator-review');
    await tab.goto(`/c/${DEMO_ID}/indicator-scores`);
    await tab.page.getByTestId('dimension-chart').locator('canvas').waitFor();
    await shoot(tab, 'indicator-scores', true);

    await tab.goto(`/c/${DEMO_ID}/audit`);
    await tab.page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shoot(tab, 'audit-log');
    await tab.close();

    const admin = await ConsoleTab.open(browser, baseUrl, DESKTOP);
    await admin.signIn(DEMO_LOGINS.admin);
    await admin.goto('/admin/consortia');
    await admin.page.getByTestId('consortia-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shoot(admin, 'platform-consortia');
    await admin.page.getByTestId('consortium-create').click();
    await admin.page.getByTestId('onboard-form').waitFor();
    await shoot(admin, 'platform-consortium-create');
    await admin.close();
    expect(admin.takeProblems()).toEqual([]);

    const phone = await ConsoleTab.open(browser, baseUrl, PHONE);
    await phone.signIn(DEMO_LOGINS.secretariat);
    await phone.goto(`/c/${DEMO_ID}/organizations`);
    await phone.page.getByTestId('list-total').waitFor();
    await shoot(phone, 'organizations-phone');
    await phone.close();
    expect([...tab.takeProblems(), ...phone.takeProblems()]).toEqual([]);
  });
});
