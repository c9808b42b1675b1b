import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { withCheckCharacter } from '@chanjiao/training-plans/domain/id-number';
import { chinaToday, eventually, TestStack } from '@chanjiao/testing';
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

const TRAINING = `/c/${DEMO_ID}/training`;

describeInBrowser('training plans in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: ConsoleTab;
  let member: ConsoleTab;
  let planId: string;

  beforeAll(async () => {
    ({ stack, browser, baseUrl } = await startConsoleStack());
    // The demo plan is a follow-up of the consortium seed: wait until it is there.
    planId = await eventually(async () => {
      const plans = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/training-plans`);
      return plans.body?.[0]?.approvedVersionId ? (plans.body[0].id as string) : undefined;
    }, 60_000);
    secretariat = await ConsoleTab.open(browser, baseUrl);
    await secretariat.signIn(DEMO_LOGINS.secretariat);
    member = await ConsoleTab.open(browser, baseUrl);
    await member.signIn(DEMO_LOGINS.member);
    // The stack, the demo seed and its chained jobs on a shared machine.
  }, 180_000);

  afterEach(() => {
    expect([...secretariat.takeProblems(), ...member.takeProblems()]).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the needs inbox, and the secretariat accepts a need into a plan item', async () => {
    const { page } = secretariat;
    await secretariat.goto(TRAINING);
    const needs = page.getByTestId('needs-table');
    await needs.getByText('车间班组长管理能力提升').waitFor();
    await needs.getByText('已采纳').first().waitFor();
    const row = needs.locator('tr', { hasText: '车间班组长管理能力提升' });
    await row.getByTestId('need-accept').click();
    await choose(secretariat, page.locator('.ant-modal .ant-select'), '数控设备操作岗位技能提升培训', undefined, {
      exact: false,
    });
    await page.locator('.ant-modal .ant-btn-primary').click();
    await row.getByText('已采纳').waitFor();
  });

  it('edits the plan in a new version, shows its differences and approves it', async () => {
    const { page } = secretariat;
    await secretariat.goto(TRAINING);
    await page.getByRole('tab', { name: '年度规划' }).click();
    const editor = page.getByTestId('plan-editor');
    await editor.getByTestId('items-table').getByText('工业机器人系统运维岗前培训班').waitFor();
    await editor.getByTestId('version-new').click();
    await editor.getByTestId('version-diff').getByText('与所依据版本相同').waitFor();
    await editor.getByTestId('item-add').click();
    await page.getByTestId('item-title').fill('智能制造社会开放课');
    await choose(secretariat, page.getByTestId('item-type'), '社会培训');
    // A long, virtual list: search it.
    await choose(
      secretariat,
      page.getByTestId('item-provider'),
      '苏州工业园区职业技术学院（演示）',
      '苏州工业园区职业技术学院',
    );
    await page.getByTestId('item-public').click();
    await page.getByTestId('item-sessions').fill('1');
    await page.getByTestId('item-participants').fill('50');
    await page.getByTestId('item-hours').fill('6');
    await page.getByTestId('item-budget').fill('3000.00');
    await page.getByTestId('item-save').click();
    await editor.getByTestId('version-diff').getByText('智能制造社会开放课').waitFor();
    await editor.getByTestId('version-diff').getByText('新增').waitFor();
    await editor.getByTestId('version-submit').click();
    await editor.getByTestId('version-approve').click();
    await editor.getByText('已批准').first().waitFor();
    const plan = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/training-plans/${planId}`);
    expect(plan.body.versions.map((v: { status: string }) => v.status)).toEqual(['superseded', 'approved']);
  });

  it('lets the enterprise record a session of its own item, and the progress dashboard counts it', async () => {
    const { page } = member;
    const before = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/training-plans/${planId}/progress`);
    await member.goto(TRAINING);
    // A member has no plan-editing or decision actions.
    await page.getByTestId('needs-table').waitFor();
    await expect(page.getByTestId('need-accept').count()).resolves.toBe(0);
    await page.getByRole('tab', { name: '培训实施' }).click();
    await page.getByTestId('delivery-create').click();
    await page.getByTestId('delivery-item').click();
    // Only the enterprise's own items are offered.
    await expect(
      page.locator('.ant-select-item-option', { hasText: '工业机器人系统运维岗前培训班' }).count(),
    ).resolves.toBe(0);
    await page.locator('.ant-select-item-option', { hasText: '数控设备操作岗位技能提升培训' }).click();
    await page.getByTestId('delivery-date').click();
    await page.keyboard.type(chinaToday());
    await page.keyboard.press('Enter');
    await page.getByTestId('delivery-hours').fill('4');
    await page.getByTestId('delivery-participants').fill('21');
    await page.getByTestId('delivery-funds').fill('1000.00');
    await page.getByTestId('delivery-save').click();
    await page.getByTestId('deliveries-table').getByText(chinaToday()).first().waitFor();
    await page.getByRole('tab', { name: '完成进度' }).click();
    const expected = String(before.body.total.participantTimes + 21);
    await page.getByTestId('progress-participant-times').getByText(expected).waitFor();
    await page.getByTestId('progress-byType').getByText('岗位培训').waitFor();
  });

  it('uploads a session’s roster: a wrong ID number is reported by row and nothing stored, then the corrected file replaces the roster', async () => {
    const { page } = secretariat;
    const roster = async (idNumbers: string[]) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('签到名册');
      sheet.addRow(['姓名', '所在单位', '身份证号']);
      idNumbers.forEach((id, i) => sheet.addRow([`学员${i + 1}`, '苏州博睿机器人科技有限公司', id]));
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const good = withCheckCharacter('32050619900101123');
    const other = withCheckCharacter('32050619920315246');
    // The right check character's neighbour is wrong.
    const wrong = `${other.slice(0, 17)}${other.endsWith('0') ? '1' : '0'}`;
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

    await secretariat.goto(TRAINING);
    await page.getByRole('tab', { name: '培训实施' }).click();
    const sessions = page.getByTestId('deliveries-table');
    const uploaded = page.waitForRequest((r) => r.method() === 'PUT' && r.url().endsWith('/roster'));
    await sessions.getByTestId('roster-upload').first().click();
    const modal = page.getByTestId('import-modal');
    await modal
      .getByTestId('import-dragger')
      .setInputFiles({ name: 'roster.xlsx', mimeType: xlsx, buffer: await roster([good, wrong]) });
    const deliveryPath = new URL((await uploaded).url()).pathname.replace(/\/roster$/, '');
    const before = (await stack.admin.get(deliveryPath)).body.rosterSize as number;
    const report = modal.getByTestId('import-errors');
    await report.locator('tbody tr.ant-table-row').first().waitFor();
    await expect(report.locator('tbody tr.ant-table-row').count()).resolves.toBe(1);
    await expect(report.locator('tbody tr.ant-table-row').first().textContent()).resolves.toMatch(/^3身份证号/);
    await modal.getByText('本次未写入任何数据').waitFor();
    // ID numbers are never echoed.
    await expect(modal.textContent()).resolves.not.toContain(wrong);
    expect((await stack.admin.get(deliveryPath)).body.rosterSize).toBe(before);

    await modal
      .getByTestId('import-dragger')
      .setInputFiles({ name: 'roster.xlsx', mimeType: xlsx, buffer: await roster([good, other]) });
    await modal
      .getByTestId('import-result')
      .getByText(/已导入 2 人（其中 2 人有身份证号）/)
      .waitFor();
    const after = await stack.admin.get(deliveryPath);
    expect(after.body.rosterSize).toBe(2);
    expect(after.body.roster.map((r: { name: string }) => r.name)).toEqual(['学员1', '学员2']);
    await page.keyboard.press('Escape');
  });

  it('fits a phone: no page-wide horizontal scroll on the progress dashboard', async () => {
    const phone = await ConsoleTab.open(browser, baseUrl, PHONE);
    await phone.signIn(DEMO_LOGINS.secretariat);
    await phone.goto(TRAINING);
    await phone.page.getByRole('tab', { name: '完成进度' }).click();
    await phone.page.getByTestId('progress-dashboard').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(phone.takeProblems()).toEqual([]);
  });
});
