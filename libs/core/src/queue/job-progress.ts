/** The part of a BullMQ job progress reporting needs. */
export interface ProgressSink {
  updateProgress(progress: number): Promise<unknown>;
}

/**
 * A handler's progress reports, sent in the background: `report` returns at once,
 * only the latest value is sent (reports made while a send is under way collapse
 * into one), and a failed send is logged, not thrown, and made good by the next
 * report or `flush`.
 */
export class ProgressReporter {
  private latest?: number;
  private sent?: number;
  private sending?: Promise<void>;

  constructor(
    private readonly job: ProgressSink,
    private readonly onError: (error: Error) => void,
  ) {}

  report(percent: number): Promise<void> {
    this.latest = Math.max(0, Math.min(100, Math.round(Number.isFinite(percent) ? percent : 0)));
    this.kick();
    return Promise.resolve();
  }

  /** Waits until the value reported last has been sent (or has failed to send once more). */
  async flush(): Promise<void> {
    await this.sending;
    if (this.latest !== undefined && this.latest !== this.sent) {
      this.kick();
      await this.sending;
    }
  }

  private kick(): void {
    this.sending ??= this.drain().finally(() => {
      this.sending = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.latest !== undefined && this.latest !== this.sent) {
      const value = this.latest;
      try {
        await this.job.updateProgress(value);
        this.sent = value;
      } catch (error) {
        this.onError(error as Error);
        return;
      }
    }
  }
}
