import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import { findConsoleDir } from '@chanjiao/core/http/serve-console';
import {
  startTestStack,
  TEST_ADMIN_EMAIL,
  TEST_ADMIN_PASSWORD,
  TEST_DEMO_PASSWORD,
  eventually,
  TestStack,
  testServer,
  waitForJobState,
  withServerClient,
} from '@chanjiao/testing';

/** Debian's Chromium (package `chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_ID = DEMO_CONSORTIUM_ID;

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export const DEMO_LOGINS = {
  secretariat: { email: 'secretariat@demo.chanjiao.cn', password: TEST_DEMO_PASSWORD },
  member: { email: 'hr@demo.chanjiao.cn', password: TEST_DEMO_PASSWORD },
  observer: { email: 'observer@demo.chanjiao.cn', password: TEST_DEMO_PASSWORD },
  admin: { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD },
} as const;
export type DemoRole = keyof typeof DEMO_LOGINS;

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserTestsUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
  if (!findConsoleDir()) return 'the console is not built (npm run build:console)';
  return undefined;
}

/**
 * `describe` for a browser test file: when Chromium or the console build is missing, one
 * skipped test says why (and the reason is printed), so `npm test` shows what it did not run.
 */
export function describeInBrowser(name: string, body: () => void): void {
  const missing = browserTestsUnavailable();
  if (missing) {
    process.stdout.write(`\nBrowser tests skipped (${name}): ${missing}\n`);
    describe(name, () => it.skip(`skipped: ${missing}`, () => undefined));
    return;
  }
  // Starting the stack with the whole demo and a browser takes over a minute on a loaded 2-core machine.
  jest.setTimeout(180_000);
  describe(name, body);
}

/** Seeds the demo consortium and its users through the API and waits for the whole job chain. */
export async function seedDemo(stack: TestStack): Promise<void> {
  const accepted = await stack.admin.post('/api/v1/demo/seed');
  if (accepted.status !== 202) throw new Error(`demo seed answered ${accepted.status}: ${accepted.text}`);
  let jobId: string | undefined = accepted.body.jobId;
  while (jobId) {
    const done = await waitForJobState(stack.admin, jobId, 'completed', 60_000);
    jobId = (done.result as { nextJobId?: string } | null)?.nextJobId;
  }
}

export async function launchChromium(): Promise<Browser> {
  // Loaded lazily: a machine without Chromium never needs playwright-core's driver.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright starts each browser with a fresh temporary --user-data-dir of its own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * A browser tab that records what must not happen: uncaught page errors and console.error
 * output. The browser's own "Failed to load resource … status of 4xx" lines are not counted:
 * they are the API refusing on purpose (a wrong password, a duplicate), which the page shows.
 */
export class ConsoleTab {
  readonly problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('pageerror', (error) => this.problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
      this.problems.push(`console.error: ${text}`);
    });
  }

  static async open(
    browser: Browser,
    baseUrl: string,
    viewport: { width: number; height: number } = DESKTOP,
  ): Promise<ConsoleTab> {
    const context = await browser.newContext({
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
    return new ConsoleTab(context, await context.newPage(), baseUrl);
  }

  goto(path: string) {
    return this.page.goto(`${this.baseUrl}${path}`);
  }

  /** Signs in through the sign-in form and waits for the first page of the console. */
  async signIn(login: { email: string; password: string }): Promise<void> {
    await this.goto('/sign-in');
    await this.page.getByTestId('sign-in-form').locator('input').first().fill(login.email);
    await this.page.locator('input[type="password"]').fill(login.password);
    await this.page.getByTestId('sign-in-submit').click();
    await this.page.waitForURL(/\/c\/[0-9a-f-]+\/dashboard/);
  }

  /** Fails the test that caused them, then starts counting again. */
  takeProblems(): string[] {
    return this.problems.splice(0);
  }

  close() {
    return this.context.close();
  }
}

/** The API + worker on a fresh database with the demo seeded, and one Chromium for the file. */
/**
 * The demo, seeded once per test run into a database the console suites clone: the first
 * suite to get here seeds it (the others wait on an advisory lock, then find it). Seeding the
 * whole demo chain in every suite cost a minute of CPU each on a 2-core machine. Clones share
 * the seeding stack's data directory, where the demo's files (evidence) live.
 */
async function seededDemoTemplate(): Promise<{ name: string; dataDir: string }> {
  const { serverUrl, template } = testServer();
  const name = `${template}_demo`;
  const dataDir = join(tmpdir(), `chanjiao-demo-data-${name}`);
  const lock = new Client({ connectionString: serverUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
    const found = await lock.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      mkdirSync(dataDir, { recursive: true });
      const seeding = await startTestStack({ keepDatabase: true, env: { DATA_DIR: dataDir } });
      try {
        await seedDemo(seeding);
        // And every follow-up it caused (capability demos, re-matches, demo cooperations), except
        // those delayed on purpose (no-show checks, due hours later). `available_at` is the app
        // clock's (the test clock, offset from the database's) and `created_at` the database's:
        // a delayed row is one whose gap between the two exceeds the undelayed rows' offset.
        await eventually(async () => {
          const pending = await withServerClient(seeding.db.ownerUrl, (client) =>
            client.query(
              `SELECT count(*)::int AS n FROM outbox_message
                WHERE completed_at IS NULL
                  AND available_at - created_at
                      <= (SELECT min(available_at - created_at) FROM outbox_message) + interval '1 minute'`,
            ),
          );
          return pending.rows[0].n === 0 ? true : undefined;
        }, 120_000);
      } finally {
        await seeding.close();
      }
      // Pools close their sockets asynchronously: nobody may be connected to a database renamed.
      await lock.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [seeding.db.name]);
      await lock.query(`ALTER DATABASE "${seeding.db.name}" RENAME TO "${name}"`);
    }
  } finally {
    await lock.end();
  }
  return { name, dataDir };
}

export async function startConsoleStack(): Promise<{
  stack: TestStack;
  browser: Browser;
  baseUrl: string;
  downloads: string;
}> {
  const demo = await seededDemoTemplate();
  const stack = await startTestStack({ template: demo.name, env: { DATA_DIR: demo.dataDir } });
  const browser = await launchChromium();
  return { stack, browser, baseUrl: stack.http.baseUrl, downloads: mkdtempSync(join(tmpdir(), 'chanjiao-downloads-')) };
}

/**
 * Opens an Ant Design Select, types `search` when given (a searching Select), picks the visible
 * option with this text, and checks the Select shows it. A multiple Select keeps its list open,
 * so it is closed with Escape. `exact: false` matches an option that contains the text.
 */
export async function choose(
  tab: ConsoleTab,
  select: Locator,
  option: string,
  search?: string,
  { multiple = false, exact = true }: { multiple?: boolean; exact?: boolean } = {},
): Promise<void> {
  const openList = tab.page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt += 1) {
    try {
      // A retry after a slow render: the choice may have landed after all (a second click on a
      // multiple Select's option would take it away again).
      if (attempt > 1 && (await select.getByText(option, { exact }).count())) return;
      await select.click();
      if (search !== undefined) await tab.page.keyboard.type(search);
      await openList.locator('.ant-select-item-option').getByText(option, { exact }).first().click({ timeout: 15_000 });
      if (multiple) await tab.page.keyboard.press('Escape');
      // Wait until the list has closed, so the next Select's options are the only ones on screen,
      // and the Select shows the choice (a click landing while the list opens chooses nothing).
      await openList.first().waitFor({ state: 'hidden', timeout: 10_000 });
      await select.getByText(option, { exact }).first().waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      // Close a list left open; Escape with no list open would close the drawer or modal.
      if (await openList.count()) await tab.page.keyboard.press('Escape');
    }
  }
}

/** The input of an Ant Design field whose data-testid sits on the input itself or on a wrapper. */
export async function inputOf(field: Locator): Promise<Locator> {
  return ['INPUT', 'TEXTAREA'].includes(await field.evaluate((el) => el.tagName))
    ? field
    : field.locator('input, textarea').first();
}

/** Types a date (and time) into an Ant Design DatePicker, confirms it, and checks the field kept it. */
export async function typeDate(picker: Locator, value: string): Promise<void> {
  const input = await inputOf(picker);
  for (let attempt = 1; ; attempt += 1) {
    await input.click();
    await input.fill(value);
    await input.press('Enter');
    // On a loaded machine the panel can re-render over the typed text; a blur then restores the
    // old value. Check what stays in the field once the panel has closed.
    await input
      .page()
      .locator('.ant-picker-dropdown:visible')
      .first()
      .waitFor({ state: 'hidden', timeout: 10_000 })
      .catch(() => undefined);
    if ((await input.inputValue()) === value) return;
    if (attempt === 3) throw new Error(`the date field kept "${await input.inputValue()}", not "${value}"`);
  }
}
