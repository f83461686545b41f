/**
 * Polls the provider while the view is visible, never when hidden; doubles the wait after each
 * failed refresh (up to 30 min) and returns to the setting after a success.
 */
import * as vscode from 'vscode';

const MAX_BACKOFF_MS = 30 * 60 * 1000;

export class RefreshScheduler implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private lastRun = 0;
  private visible = false;

  constructor(
    private readonly run: (asked: boolean) => Promise<boolean>,
    private intervalMs: () => number,
  ) {}

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) return this.stop();
    // Coming back after a long time hidden: refresh now rather than show stale data for a whole interval.
    const interval = this.intervalMs();
    if (interval > 0 && Date.now() - this.lastRun >= interval) void this.tick();
    else this.arm();
  }

  /** A refresh someone else started (a command, a setting change): restart the clock from it. */
  async runNow(asked = false): Promise<boolean> {
    this.stop();
    return this.tick(asked);
  }

  reschedule(): void {
    this.stop();
    this.arm();
  }

  /** `asked`: the user started it (a command), so its progress can be cancelled. */
  private async tick(asked = false): Promise<boolean> {
    this.stop();
    this.lastRun = Date.now();
    const ok = await this.run(asked).catch(() => false);
    this.failures = ok ? 0 : this.failures + 1;
    this.arm();
    return ok;
  }

  private arm(): void {
    const interval = this.intervalMs();
    if (!this.visible || interval <= 0 || this.timer) return;
    const wait = Math.min(MAX_BACKOFF_MS, interval * 2 ** Math.min(this.failures, 10));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, wait);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stop();
  }
}
