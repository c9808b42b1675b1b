import { ProgressReporter } from '../job-progress';

/** A job whose progress writes complete only when the test says so. */
class ControlledSink {
  readonly sent: number[] = [];
  readonly pending: Array<{ value: number; settle: (error?: Error) => void }> = [];

  updateProgress(value: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({
        value,
        settle: (error) => {
          if (error) return reject(error);
          this.sent.push(value);
          resolve();
        },
      });
    });
  }

  /** Settles the oldest write, then lets the reporter react. */
  async settleNext(error?: Error): Promise<void> {
    this.pending.shift()?.settle(error);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('ProgressReporter', () => {
  it('returns at once while a write is slow, and sends only the latest value afterwards', async () => {
    const sink = new ControlledSink();
    const reporter = new ProgressReporter(sink, () => undefined);
    let returned = 0;
    for (const percent of [10, 20, 30, 40]) {
      await reporter.report(percent);
      returned += 1;
    }
    expect(returned).toBe(4);
    expect(sink.pending.map((write) => write.value)).toEqual([10]);
    await sink.settleNext();
    expect(sink.pending.map((write) => write.value)).toEqual([40]);
    await sink.settleNext();
    expect(sink.sent).toEqual([10, 40]);
    expect(sink.pending).toEqual([]);
  });

  it('clamps and rounds what it sends', async () => {
    const sent: number[] = [];
    const reporter = new ProgressReporter({ updateProgress: async (v: number) => sent.push(v) }, () => undefined);
    for (const percent of [-5, 33.4, 150, Number.NaN]) {
      await reporter.report(percent);
      await reporter.flush();
    }
    expect(sent).toEqual([0, 33, 100, 0]);
  });

  it('logs a failed write instead of failing the job, and sends the value again on flush', async () => {
    const sink = new ControlledSink();
    const errors: string[] = [];
    const reporter = new ProgressReporter(sink, (error) => errors.push(error.message));
    await reporter.report(60);
    await sink.settleNext(new Error('Connection is closed'));
    expect(errors).toEqual(['Connection is closed']);
    expect(sink.sent).toEqual([]);

    const flushed = reporter.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.pending.map((write) => write.value)).toEqual([60]);
    await sink.settleNext();
    await flushed;
    expect(sink.sent).toEqual([60]);
  });

  it('sends nothing twice and nothing when nothing was reported', async () => {
    const sent: number[] = [];
    const reporter = new ProgressReporter({ updateProgress: async (v: number) => sent.push(v) }, () => undefined);
    await reporter.flush();
    await reporter.report(50);
    await reporter.flush();
    await reporter.report(50);
    await reporter.flush();
    expect(sent).toEqual([50]);
  });
});
