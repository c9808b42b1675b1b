import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  typeDate,
} from './support/console-stack';

// Used inside the page (page.evaluate); the suite's tsconfig has no DOM types.
declare const document: { documentElement: { scrollWidth: number } };

const COUNCIL = `/c/${DEMO_ID}/council`;
const DEMO_MEETING = '第一届理事会第二次全体会议';

describeInBrowser('council pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let downloads: string;
  let secretariat: ConsoleTab;
  let member: ConsoleTab;
  let observer: ConsoleTab;

  beforeAll(async () => {
    ({ stack, browser, baseUrl, downloads } = await startConsoleStack());
    secretariat = await ConsoleTab.open(browser, baseUrl);
    await secretariat.signIn(DEMO_LOGINS.secretariat);
    member = await ConsoleTab.open(browser, baseUrl);
    await member.signIn(DEMO_LOGINS.member);
    observer = await ConsoleTab.open(browser, baseUrl);
    await observer.signIn(DEMO_LOGINS.observer);
  });

  afterEach(() => {
    expect([...secretariat.takeProblems(), ...member.takeProblems(), ...observer.takeProblems()]).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the charter and the multi-party make-up, and checks a ratio before sending', async () => {
    const { page } = secretariat;
    await secretariat.goto(COUNCIL);
    const charter = page.getByTestId('council-charter');
    await charter.getByTestId('charter-quorum').getByText('2/3').waitFor();
    await expect(charter.getByTestId('charter-seats').textContent()).resolves.toBe('9');
    await charter.getByTestId('multi-party').getByText('政府、企业、学校、科研机构均已就座').waitFor();

    let patched = false;
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().endsWith('/council')) patched = true;
    });
    await page.getByTestId('charter-edit').click();
    const form = page.getByTestId('charter-form');
    await form.getByTestId('charter-quorum').fill('0/3');
    await page.getByTestId('charter-save').click();
    await form.getByText('请输入“分子/分母”形式的比例').waitFor();
    expect(patched).toBe(false);
    await form.getByTestId('charter-quorum').fill('3/5');
    await page.getByTestId('charter-save').click();
    await charter.getByTestId('charter-quorum').getByText('3/5').waitFor();
    const council = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/council`);
    expect(council.body.quorum).toEqual({ numerator: 3, denominator: 5 });
  });

  it('lists the seats with their terms and seats a new director', async () => {
    const { page } = secretariat;
    await secretariat.goto(COUNCIL);
    await page.getByTestId('tab-seats').click();
    const table = page.getByTestId('seats-table');
    await table.getByText('陈建国').waitFor();
    await expect(table.locator('tbody tr.ant-table-row').count()).resolves.toBe(9);
    await table.locator('tbody tr', { hasText: '陈建国' }).getByText('理事长').waitFor();

    await page.getByTestId('seat-add').click();
    const form = page.getByTestId('seat-form');
    await choose(secretariat, form.getByTestId('seat-organization'), '苏州汇芯半导体有限公司', '汇芯');
    await form.getByTestId('seat-person').fill('浏览器测试理事');
    await typeDate(form.getByTestId('seat-term-start'), chinaToday());
    await typeDate(form.getByTestId('seat-term-end'), chinaToday(-1));
    await page.getByTestId('seat-save').click();
    await form.getByText('任期结束不能早于开始').waitFor();
    await typeDate(form.getByTestId('seat-term-end'), chinaToday(365));
    await page.getByTestId('seat-save').click();
    await table.getByText('浏览器测试理事').waitFor();
    const seats = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/council/seats`);
    expect(seats.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          personName: '浏览器测试理事',
          role: 'director',
          termStart: chinaToday(),
          termEnd: chinaToday(365),
          inOffice: true,
        }),
      ]),
    );
  });

  it('schedules a meeting, records attendance to quorum, votes a resolution, assigns a task, downloads and approves the minutes', async () => {
    const { page } = secretariat;
    await secretariat.goto(COUNCIL);
    await page.getByTestId('tab-meetings').click();
    await page.getByTestId('meetings-table').getByText(DEMO_MEETING).waitFor();

    await page.getByTestId('meeting-schedule').click();
    const form = page.getByTestId('meeting-form');
    await form.getByTestId('meeting-title').fill('浏览器测试理事会会议');
    await typeDate(form.getByTestId('meeting-time'), `${chinaToday(7)} 09:30`);
    await form.getByTestId('meeting-agenda').fill('审议年度计划\n审议新成员');
    await page.getByTestId('meeting-save').click();

    const drawer = page.getByTestId('meeting-drawer');
    await drawer.getByTestId('meeting-status').getByText('已安排').waitFor();
    await drawer.getByText('审议新成员').waitFor();
    const created = (await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/council/meetings?limit=50`)).body.items.find(
      (m: { title: string }) => m.title === '浏览器测试理事会会议',
    );
    expect(created.scheduledAt).toBe(new Date(`${chinaToday(7)}T09:30:00+08:00`).toISOString());
    await drawer.getByTestId('quorum-state').getByText('未达法定人数').waitFor();

    // Everyone present, then one absent and one represented by the chair.
    const attendance = drawer.getByTestId('attendance');
    await attendance.getByTestId('attendance-all-present').click();
    const rows = attendance.locator('tbody tr.ant-table-row');
    await choose(secretariat, rows.nth(1).getByTestId('attendance-status'), '缺席');
    await choose(secretariat, rows.nth(2).getByTestId('attendance-status'), '委托');
    await expect(attendance.getByTestId('attendance-save').isDisabled()).resolves.toBe(true);
    await choose(secretariat, rows.nth(2).getByTestId('attendance-proxy'), '陈建国（理事长）');
    await attendance.getByTestId('attendance-save').click();
    await drawer.getByTestId('quorum-state').getByText('已达法定人数').waitFor();
    // Seats in office on the meeting's day (the demo's and any seated above), the charter's quorum.
    const { body: charter } = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/council`);
    const seats: number = charter.seats;
    const required = Math.ceil((seats * charter.quorum.numerator) / charter.quorum.denominator);
    await drawer
      .getByTestId('quorum-summary')
      .getByText(`应到 ${seats} 席，出席 ${seats - 2} 席，委托 1 席，需 ${required} 席`)
      .waitFor();

    await drawer.getByTestId('meeting-to-held').click();
    await page.getByTestId('transition-confirm').click();
    await drawer.getByTestId('meeting-status').getByText('已召开').waitFor();

    const resolutionForm = drawer.getByTestId('resolution-form');
    await resolutionForm.getByTestId('resolution-title').fill('关于浏览器测试的决议');
    await resolutionForm.getByTestId('resolution-add').click();
    const resolution = drawer.locator('[data-testid="resolution"][data-title="关于浏览器测试的决议"]');
    await resolution.getByTestId('resolution-outcome').waitFor();
    const votes = resolution.getByTestId('votes').locator('tbody tr.ant-table-row');
    // Voters: the present seats and the one represented.
    await expect(votes.count()).resolves.toBe(seats - 1);
    for (const [index, choice] of [
      [0, '赞成'],
      [1, '赞成'],
      [2, '反对'],
    ] as const) {
      await choose(secretariat, votes.nth(index).getByTestId('vote-choice'), choice);
      await resolution
        .getByTestId('resolution-tally')
        .getByText(`共 ${index + 1} 票`)
        .waitFor();
    }
    await resolution.getByTestId('resolution-tally').getByText('赞成 2，反对 1，弃权 0（共 3 票）').waitFor();
    await resolution.getByTestId('resolution-outcome').getByText('通过').waitFor();

    const taskForm = resolution.getByTestId('task-form');
    await taskForm.getByTestId('task-title').fill('编制浏览器测试方案');
    await choose(secretariat, taskForm.getByTestId('task-assignee'), '苏州汇芯半导体有限公司', '汇芯');
    await typeDate(taskForm.getByTestId('task-due'), chinaToday(30));
    await taskForm.getByTestId('task-add').click();
    const task = resolution.getByTestId('tasks').locator('tbody tr', { hasText: '编制浏览器测试方案' });
    await task.getByText(chinaToday(30)).waitFor();
    await choose(secretariat, task.getByTestId('task-status'), '进行中');
    await task.getByTestId('task-status').getByText('进行中').waitFor();

    for (const [format, magic] of [
      ['xlsx', 'PK'],
      ['pdf', '%PDF'],
    ] as const) {
      const download = page.waitForEvent('download');
      await drawer.getByTestId(`minutes-${format}`).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
      const path = join(downloads, `minutes.${format}`);
      await file.saveAs(path);
      expect(readFileSync(path).subarray(0, magic.length).toString()).toBe(magic);
    }

    await drawer.getByTestId('meeting-to-minutes_approved').click();
    await page.getByTestId('transition-confirm').click();
    await drawer.getByTestId('meeting-status').getByText('纪要已审定').waitFor();
    await resolution.getByText('已定稿').waitFor();
    // Over: no more attendance, votes or resolutions.
    await expect(drawer.getByTestId('attendance-save').count()).resolves.toBe(0);
    await expect(drawer.getByTestId('vote-choice').count()).resolves.toBe(0);
    await expect(drawer.getByTestId('resolution-form').count()).resolves.toBe(0);

    const meeting = await stack.admin.get(`/api/v1/consortia/${DEMO_ID}/council/meetings/${created.id}`);
    expect(meeting.body.status).toBe('minutes_approved');
    expect(meeting.body.resolutions[0]).toMatchObject({
      outcome: 'passed',
      final: true,
      tally: { for: 2, against: 1, abstain: 0, cast: 3 },
      tasks: [expect.objectContaining({ title: '编制浏览器测试方案', status: 'in_progress', dueOn: chinaToday(30) })],
    });
    await page.keyboard.press('Escape');
  });

  it.each(['member', 'observer'] as const)(
    'shows a %s the council to read, without the secretariat’s actions',
    async (role) => {
      const tab = role === 'member' ? member : observer;
      const { page } = tab;
      await tab.goto(COUNCIL);
      await page.getByTestId('council-charter').getByTestId('multi-party').waitFor();
      await expect(page.getByTestId('charter-edit').count()).resolves.toBe(0);
      await page.getByTestId('tab-seats').click();
      await page.getByTestId('seats-table').getByText('陈建国').waitFor();
      await expect(page.getByTestId('seat-add').count()).resolves.toBe(0);
      await expect(page.getByTestId('seat-edit').count()).resolves.toBe(0);
      await page.getByTestId('tab-meetings').click();
      await page.getByTestId('meetings-table').getByText(DEMO_MEETING).click();
      const drawer = page.getByTestId('meeting-drawer');
      await drawer.getByTestId('quorum-state').waitFor();
      await drawer.getByTestId('resolution-tally').first().waitFor();
      await drawer.getByTestId('minutes-pdf').waitFor();
      for (const action of [
        'meeting-transitions',
        'attendance-save',
        'vote-choice',
        'task-form',
        'resolution-form',
        'task-status',
      ]) {
        await expect({ action, count: await drawer.getByTestId(action).count() }).toEqual({ action, count: 0 });
      }
      await expect(page.getByTestId('meeting-schedule').count()).resolves.toBe(0);
      // The menu offers no users or audit pages to these roles.
      const menu = page.getByTestId('main-menu');
      await menu.getByText('理事会').waitFor();
      await expect(menu.getByText('用户与角色').count()).resolves.toBe(0);
      await expect(menu.getByText('审计日志').count()).resolves.toBe(0);
      await page.keyboard.press('Escape');
    },
  );

  it('works on a 390-px phone: the meetings table scrolls inside itself and the meeting fills the screen', async () => {
    const phone = await ConsoleTab.open(browser, baseUrl, PHONE);
    await phone.signIn(DEMO_LOGINS.secretariat);
    await phone.goto(COUNCIL);
    await phone.page.getByTestId('tab-meetings').click();
    await phone.page.getByTestId('meetings-table').getByText(DEMO_MEETING).waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.getByTestId('meetings-table').getByText(DEMO_MEETING).click();
    await phone.page.getByTestId('quorum-state').waitFor();
    // The drawer takes the whole width (measured once it has slid in).
    await phone.page.waitForTimeout(400);
    const box = await phone.page.locator('.ant-drawer-content-wrapper').first().boundingBox();
    expect(box?.width).toBeGreaterThan(380);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(phone.takeProblems()).toEqual([]);
    await phone.close();
  });
});
