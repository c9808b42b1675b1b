import type { Browser } from 'playwright-core';
import { eventually, TestStack } from '@chanjiao/testing';
import { ConsoleTab, DEMO_ID, DEMO_LOGINS, describeInBrowser, PHONE, startConsoleStack } from './support/console-stack';

// Used inside the page (page.evaluate); the suite's tsconfig has no DOM types.
declare const document: { documentElement: { scrollWidth: number } };

const PAGE = `/c/${DEMO_ID}/training-bases`;

describeInBrowser('training bases in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: ConsoleTab;
  let member: ConsoleTab;

  beforeAll(async () => {
    ({ stack, browser, baseUrl } = await startConsoleStack());
    // The demo's bases are seeded by a follow-up job of the demo seed.
    await eventually(async () => {
      const bases = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/training-bases`);
      return bases.body.items?.length === 3 ? true : undefined;
    }, 60_000);
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

  const rows = (tab: ConsoleTab, testId: string) => tab.page.getByTestId(testId).locator('tbody tr.ant-table-row');

  it('lists the demo bases and shows one in a drawer', async () => {
    const { page } = secretariat;
    await secretariat.goto(PAGE);
    await rows(secretariat, 'bases-table').nth(2).waitFor();
    await expect(rows(secretariat, 'bases-table').count()).resolves.toBe(3);
    await rows(secretariat, 'bases-table').first().click();
    const drawer = page.getByTestId('base-drawer');
    await drawer.getByText('预约规则').waitFor();
    await page.keyboard.press('Escape');
  });

  it('requests a booking by clicking a free window of the week calendar', async () => {
    const { page } = secretariat;
    await secretariat.goto(PAGE);
    await rows(secretariat, 'bases-table').first().waitFor();
    const bases = (await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/training-bases`)).body.items as Array<{
      id: string;
    }>;
    await page.getByTestId(`open-calendar-${bases[0].id}`).click();
    await page.getByTestId('week-grid').waitFor();
    // Next week: past the demo's lead time of a day, so free windows show.
    await page.getByTestId('week-next').click();
    const before = (
      await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/training-bases/${bases[0].id}/bookings?limit=200`)
    ).body.items.length as number;
    await page.getByTestId('free-window').first().click();
    const form = page.getByTestId('booking-form');
    await form.getByTestId('booking-organization').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('booking-submit').click();
    await page.getByText('已提交预约申请').waitFor();
    const after = await eventually(async () => {
      const listed = await stack.admin.get(
        `/api/v1/consortia/${DEMO_ID}/training-bases/${bases[0].id}/bookings?limit=200`,
      );
      return listed.body.items.length > before ? listed.body.items.length : undefined;
    });
    expect(after).toBe(before + 1);
  });

  it('approves a booking from the approval queue', async () => {
    const { page } = secretariat;
    await secretariat.goto(PAGE);
    await page.getByRole('tab', { name: '待审批' }).click();
    await rows(secretariat, 'approvals-table').first().waitFor();
    const waiting = await rows(secretariat, 'approvals-table').count();
    await rows(secretariat, 'approvals-table').first().getByTestId('approve').click();
    await page.getByText('已批准').first().waitFor();
    await eventually(async () => ((await rows(secretariat, 'approvals-table').count()) < waiting ? true : undefined));
  });

  it('shows the month’s utilisation as a chart and a table', async () => {
    const { page } = secretariat;
    await secretariat.goto(PAGE);
    await page.getByRole('tab', { name: '利用率' }).click();
    await page.getByTestId('utilisation-chart').waitFor();
    await rows(secretariat, 'utilisation-table').nth(2).waitFor();
  });

  it('shows a member the bases and the calendar', async () => {
    const { page } = member;
    await member.goto(PAGE);
    await rows(member, 'bases-table').nth(2).waitFor();
    await page.getByRole('tab', { name: '预约日历' }).click();
    await page.getByTestId('week-grid').waitFor();
  });

  it('works on a 390-px phone: the week scrolls inside itself, the page does not', async () => {
    const phone = await ConsoleTab.open(browser, baseUrl, PHONE);
    await phone.signIn(DEMO_LOGINS.secretariat);
    await phone.goto(PAGE);
    await rows(phone, 'bases-table').first().waitFor();
    await phone.page.getByRole('tab', { name: '预约日历' }).click();
    await phone.page.getByTestId('week-grid').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(phone.takeProblems()).toEqual([]);
    await phone.close();
  });
});
