// Runs the date-sensitive e2e suites again with the business clock moved, so a rule
// or a test that reads "today" in the wrong zone, or compares with a literal date,
// fails now rather than on some later day: once at 00:30 Beijing time on the first
// of next month (UTC is still on the previous day, in the previous month), once a
// year ahead. Part of `npm test`.
import { spawnSync } from 'node:child_process';

const DATE_SENSITIVE = [
  'test/consortium-onboarding',
  'test/organizations',
  'test/organization-import',
  'test/council',
  'test/users',
  'test/training-bases',
];

const pad = (n) => String(n).padStart(2, '0');
const chinaNow = new Date(Date.now() + 8 * 3600_000);
const nextMonth = new Date(Date.UTC(chinaNow.getUTCFullYear(), chinaNow.getUTCMonth() + 1, 1));
const firstOfMonth = `${nextMonth.getUTCFullYear()}-${pad(nextMonth.getUTCMonth() + 1)}-01T00:30:00+08:00`;
const yearAhead = new Date(Date.now() + 365 * 86400_000).toISOString();

for (const clock of [firstOfMonth, yearAhead]) {
  process.stdout.write(`\nDate-sensitive suites with the clock at ${clock}\n`);
  const run = spawnSync('npx', ['jest', ...DATE_SENSITIVE, '--selectProjects=e2e'], {
    stdio: 'inherit',
    env: { ...process.env, CHANJIAO_TEST_CLOCK: clock },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
