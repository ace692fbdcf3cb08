/**
 * Limits how often one address may start a sign-in, and how often a failing identity provider is
 * logged. The sign-in start is anonymous and each one costs a request to the provider (and, while it is
 * down, an error line): unlimited, anyone could flood both.
 */
export class SignInThrottle {
  private windowStart = 0;
  private readonly starts = new Map<string, number>();
  private readonly events = new Map<string, number>();
  /** Events of the last window that were not logged, told with the next one logged. */
  private readonly suppressedBefore = new Map<string, number>();

  constructor(
    /** Sign-in starts one address may make per window. */
    private readonly perAddress: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this address may start one more sign-in now. */
  allow(address: string): boolean {
    this.roll();
    const had = this.starts.get(address);
    // Bounded memory: with the table full, unknown addresses wait for the next window.
    if (had === undefined && this.starts.size >= MAX_ADDRESSES) return false;
    const count = (had ?? 0) + 1;
    this.starts.set(address, count);
    return count <= this.perAddress;
  }

  /**
   * Counts an event; returns how many happened in this window before it when it is the first of the
   * window (log it then, with that number), or undefined (do not log).
   */
  firstInWindow(event: string): { readonly suppressed: number } | undefined {
    this.roll();
    const count = (this.events.get(event) ?? 0) + 1;
    this.events.set(event, count);
    if (count > 1) return undefined;
    const suppressed = this.suppressedBefore.get(event) ?? 0;
    this.suppressedBefore.delete(event);
    return { suppressed };
  }

  private roll(): void {
    const now = this.now();
    if (now - this.windowStart < this.windowMs) return;
    this.windowStart = now;
    this.starts.clear();
    for (const [event, count] of this.events) if (count > 1) this.suppressedBefore.set(event, count - 1);
    this.events.clear();
  }
}

const MAX_ADDRESSES = 10_000;
