import type { Browser } from 'playwright-core';
import { DEMO_OFFERINGS } from '@chanjiao/programmes/demo/demo-offerings';
import { addPerson, chinaToday, eventually, TestStack } from '@chanjiao/testing';
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

const OFFERINGS = `/c/${DEMO_ID}/offerings`;
const CATALOGUE = `/c/${DEMO_ID}/catalogue`;
const PARK_COLLEGE = '苏州工业园区职业技术学院（演示）';

describeInBrowser('programme pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: ConsoleTab;
  let observer: ConsoleTab;
  // A user of a 高职 college (a member bound to the school).
  let school: ConsoleTab;
  let schoolId: string;
  const year = Number(chinaToday().slice(0, 4));

  beforeAll(async () => {
    ({ stack, browser, baseUrl } = await startConsoleStack());
    secretariat = await ConsoleTab.open(browser, baseUrl);
    await secretariat.signIn(DEMO_LOGINS.secretariat);
    observer = await ConsoleTab.open(browser, baseUrl);
    await observer.signIn(DEMO_LOGINS.observer);
    const found = await stack.admin.get(
      `/api/v1/consortia/${DEMO_ID}/organizations?q=${encodeURIComponent(PARK_COLLEGE)}`,
    );
    schoolId = found.body.items[0].id;
    const person = await addPerson(stack.admin, DEMO_ID, 'member', schoolId);
    school = await ConsoleTab.open(browser, baseUrl);
    await school.signIn({ email: person.email, password: person.password });
  });

  afterEach(() => {
    expect([...secretariat.takeProblems(), ...observer.takeProblems(), ...school.takeProblems()]).toEqual([]);
  });

  const offeringsOf = async (programmeCode: string) =>
    (
      await stack.admin.get(
        `/api/v1/consortia/${DEMO_ID}/programme-offerings?organizationId=${schoolId}&programmeCode=${programmeCode}`,
      )
    ).body.items;

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
    await choose(secretariat, page.getByTestId('filter-level'), '高等职业教育本科');
    await page.getByTestId('query-submit').click();
    await filtered;
    const expected = DEMO_OFFERINGS.filter((o) => o.programmeCode.startsWith('2') || o.programmeCode.startsWith('3'));
    await eventually(async () =>
      (await rows(secretariat, 'offerings-table').count()) === expected.length ? true : undefined,
    );
    for (const text of await rows(secretariat, 'offerings-table').allTextContents())
      expect(text).toContain('高等职业教育本科');
  });

  it('lets a school add an offering (a graduation year twice is refused before sending) and edit its own only', async () => {
    const { page } = school;
    await school.goto(OFFERINGS);
    await rows(school, 'offerings-table').first().waitFor();
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/programme-offerings')) posted = true;
    });
    await page.getByTestId('offering-create').click();
    const form = page.getByTestId('offering-form');
    await form.getByTestId('offering-school-name').getByText(PARK_COLLEGE).waitFor();
    // A 高职 college runs one level: it is chosen, and the programme is searched at it.
    await form.getByTestId('offering-level').getByText('高等职业教育专科').waitFor();
    await choose(school, form.getByTestId('offering-programme'), '460303 智能控制技术', '智能控制', { exact: false });
    await form.getByTestId('offering-start-year').fill(String(year - 2));
    await form.getByTestId('graduates-add').click();
    await form.getByTestId('graduates-year-0').fill(String(year + 1));
    await form.getByTestId('graduates-count-0').fill('40');
    await form.getByTestId('graduates-add').click();
    await form.getByTestId('graduates-year-1').fill(String(year + 1));
    await form.getByTestId('graduates-count-1').fill('42');
    await form.getByTestId('offering-skills').locator('input').fill('ＰＬＣ');
    await page.keyboard.press('Enter');
    await choose(school, form.getByTestId('offering-modes'), '订单班', undefined, { multiple: true });
    await page.getByTestId('offering-save').click();
    await form
      .getByText(`${year + 1} 年重复，每个年份只填一次`)
      .first()
      .waitFor();
    expect(posted).toBe(false);

    await form.getByTestId('graduates-year-1').fill(String(year + 2));
    await page.getByTestId('offering-save').click();
    await page.getByTestId('offering-form-drawer').waitFor({ state: 'hidden' });
    const [created] = await offeringsOf('460303');
    expect(created).toMatchObject({
      level: 'higher_vocational',
      startYear: year - 2,
      status: 'active',
      skills: ['plc'],
      trainingModes: ['order_class'],
      expectedGraduates: [
        { year: year + 1, count: 40 },
        { year: year + 2, count: 42 },
      ],
    });

    // Only the school's own five offerings (four from the demo and the new one) can be edited.
    const own = rows(school, 'offerings-table').filter({ hasText: PARK_COLLEGE });
    await own.filter({ hasText: '智能控制技术' }).waitFor();
    await expect(page.getByTestId('offering-edit').count()).resolves.toBe(5);
    await own.filter({ hasText: '智能控制技术' }).getByTestId('offering-edit').click();
    await choose(school, form.getByTestId('offering-status'), '升级改造中');
    await form.getByTestId('offering-contact-phone').fill('0512-66668888');
    await page.getByTestId('offering-save').click();
    await own.filter({ hasText: '智能控制技术' }).getByText('升级改造中').waitFor();
    const [edited] = await offeringsOf('460303');
    expect(edited).toMatchObject({ id: created.id, status: 'upgrading', contactPhone: '0512-66668888' });

    // An observer reads only.
    await observer.goto(OFFERINGS);
    await rows(observer, 'offerings-table').first().waitFor();
    await expect(observer.page.getByTestId('offering-create').count()).resolves.toBe(0);
    await expect(observer.page.getByTestId('offering-edit').count()).resolves.toBe(0);
  });

  it('imports a school’s sheet: a bad row is reported by row and column, the valid one added', async () => {
    const { page } = school;
    await school.goto(OFFERINGS);
    await page.getByTestId('offering-import').click();
    const modal = page.getByTestId('import-modal');
    const template = page.waitForEvent('download');
    await modal.getByTestId('import-template').click();
    expect((await template).suggestedFilename()).toMatch(/\.xlsx$/);

    const csv = [
      '专业代码,开设年份,状态,预计毕业生,技能标签',
      `510202,${year - 1},正常招生,${year + 2}:38,网络运维`,
      // A 中职 programme: the college does not run that level.
      `660301,${year - 1},正常招生,,`,
    ].join('\n');
    await modal.getByTestId('import-mode').getByText('只导入无误的行').click();
    await modal
      .getByTestId('import-dragger')
      .setInputFiles({ name: 'offerings.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await modal.locator('[data-testid="job-progress"][data-state="completed"]').waitFor();
    await modal.getByTestId('import-result').getByText('新增 1').waitFor();
    const report = modal.getByTestId('import-errors');
    await report.locator('tbody tr.ant-table-row').first().waitFor();
    await expect(report.locator('tbody tr.ant-table-row').count()).resolves.toBe(1);
    await expect(report.locator('tbody tr.ant-table-row').first().textContent()).resolves.toMatch(
      /^3专业代码学校类型与专业层次不符/,
    );
    await expect(offeringsOf('510202')).resolves.toEqual([
      expect.objectContaining({ startYear: year - 1, skills: ['网络运维'] }),
    ]);
    await expect(offeringsOf('660301')).resolves.toEqual([]);
    await page.keyboard.press('Escape');
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
