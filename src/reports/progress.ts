/**
 * A progress line on stderr — files done / total, redirects found — only on a terminal,
 * never in CI, and only once a run has taken more than a second. It draws no colours
 * (NO_COLOR holds trivially) and erases itself before the summary is printed.
 */
const DELAY_MS = 1000;
const REDRAW_MS = 100;

export class Progress {
  private readonly enabled: boolean;
  private readonly started: number;
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    env: NodeJS.ProcessEnv,
    private readonly now: () => number = Date.now,
  ) {
    this.enabled = stream.isTTY === true && !env.CI && env.TERM !== 'dumb';
    this.started = now();
  }

  update(done: number, total: number, sites: number): void {
    if (!this.enabled) return;
    const now = this.now();
    if (now - this.started < DELAY_MS || (now - this.lastDraw < REDRAW_MS && done < total)) return;
    this.lastDraw = now;
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 50));
    const filled = total === 0 ? width : Math.round((width * done) / total);
    this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files, ${sites} redirects\u001b[K`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}
