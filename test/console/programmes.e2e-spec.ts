import type { Browser } from 'playwright-core';
import { DEMO_OFFERINGS } from '@chanjiao/programmes/demo/demo-offerings';
import { eventually, TestStack } from '@chanjiao/testing';
import { ConsoleTab, DEMO_ID, DEMO_LOGINS, describeInBrowser, PHONE, startConsoleStack } from './support/console-stack';

// Used inside the page (page.evaluate); the suite's tsconfig has no DOM types.
declare const document: { documentElement: { scrollWidth: number } };

const OFFERINGS = `/c/${DEMO_ID}/offerings`;
const CATALOGUE = `/c/${DEMO_ID}/catalogue`;

describeInBrowser('programme pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: ConsoleTab;
  let observer: ConsoleTab;

  beforeAll(async () => {
    ({ stack, browser, baseUrl } = await startConsoleStack());
    secretariat = await ConsoleTab.open(browser, baseUrl);
    await secretariat.signIn(DEMO_LOGINS.secretariat);
    observer = await ConsoleTab.open(browser, baseUrl);
    await observer.signIn(DEMO_LOGINS.observer);
  });

  afterEach(() => {
    expect([...secretariat.takeProblems(), ...observer.takeProblems()]).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const rows = (tab: ConsoleTab, table: string) => tab.page.getByTestId(table).locator('tbody tr.ant-table-row');

  it("lists the demo schools' offerings in keyset pages and filters them by level", async () => {
    const { page } = secretariat;
    await secretariat.goto(OFFERINGS);
    await rows(secretariat, 'offerings-table').first().waitFor();
    await expect(rows(secretariat, 'offerings-table').count()).resolves.toBe(20);
    await page.getByTestId('page-next').click();
    await page.getByText('第 2 页').waitFor();
    await expect(rows(secretariat, 'offerings-table').count()).resolves.toBe(DEMO_OFFERINGS.length - 20);

    const filtered = page.waitForResponse((r) => r.url().includes('level=vocational_bachelor'));
    await page.getByTestId('filter-level').click();
    await page.locator('.ant-select-item-option').getByText('高等职业教育本科').click();
    await page.getByTestId('query-submit').click();
    await filtered;
    const expected = DEMO_OFFERINGS.filter((o) => o.programmeCode.startsWith('2') || o.programmeCode.startsWith('3'));
    await eventually(async () =>
      (await rows(secretariat, 'offerings-table').count()) === expected.length ? true : undefined,
    );
    for (const text of await rows(secretariat, 'offerings-table').allTextContents())
      expect(text).toContain('高等职业教育本科');
  });

  it('lets an observer browse the catalogue and see a programme’s occupations', async () => {
    const { page } = observer;
    await observer.goto(CATALOGUE);
    await rows(observer, 'catalogue-table').first().waitFor();
    await page.getByTestId('filter-q').fill('机器人');
    await page.getByTestId('query-submit').click();
    await eventually(async () => ((await rows(observer, 'catalogue-table').count()) === 3 ? true : undefined));
    await rows(observer, 'catalogue-table').filter({ hasText: '460305' }).click();
    const occupations = page.getByTestId('programme-occupations');
    await occupations.getByText('6-31-07-03 工业机器人系统操作员').waitFor();
    // The observer's menu has both pages.
    await page.locator('.ant-menu').getByText('开设专业').first().waitFor();
  });

  it('keeps the offerings page within a phone screen, the table scrolling inside itself', async () => {
    const phone = await ConsoleTab.open(browser, baseUrl, PHONE);
    await phone.signIn(DEMO_LOGINS.secretariat);
    await phone.goto(OFFERINGS);
    await rows(phone, 'offerings-table').first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const scroller = phone.page.getByTestId('offerings-table').locator('.ant-table-content').first();
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(phone.takeProblems()).toEqual([]);
    await phone.close();
  });
});
