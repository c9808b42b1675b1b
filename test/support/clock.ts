import { addDays, AppConfig, Clock } from '@chanjiao/core';

/**
 * The suite's business clock. `CHANJIAO_TEST_CLOCK` (an instant) runs the suite as on
 * another day: the apps under test get it as CLOCK_START and tests read dates from
 * this clock, so no test compares with a literal date that will pass.
 */
export const TEST_CLOCK_VAR = 'CHANJIAO_TEST_CLOCK';

export function testClockStart(): string | undefined {
  return process.env[TEST_CLOCK_VAR] || undefined;
}

export const testClock = new Clock({
  clockStart: testClockStart() ? new Date(testClockStart() as string) : undefined,
} as AppConfig);

/** Today in China by the suite's clock, or that many days from it. */
export function chinaToday(offsetDays = 0): string {
  return addDays(testClock.chinaToday(), offsetDays);
}
