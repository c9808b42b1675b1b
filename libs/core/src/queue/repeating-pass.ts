/**
 * Runs a pass again and again until stopped: `pass` does one round (handling its
 * own errors) and answers how long to wait before the next. `stop` lets a pass
 * under way finish.
 */
export class RepeatingPass {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private halted = false;

  constructor(private readonly pass: () => Promise<number>) {}

  get stopped(): boolean {
    return this.halted;
  }

  start(firstDelayMs: number): void {
    if (this.halted) return;
    this.timer = setTimeout(() => {
      this.running = this.pass().then((nextDelayMs) => this.start(nextDelayMs));
    }, firstDelayMs);
  }

  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
