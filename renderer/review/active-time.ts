import { IDLE_THRESHOLD_MS } from './timing';

/**
 * Measures a reviewer's active time: time counts while the window is visible and focused and the reviewer
 * has interacted (key, pointer, wheel, scroll) within the last `idleMs`. Time past the idle threshold is
 * not counted, even when the reviewer comes back: a pause of five minutes adds at most `idleMs`.
 *
 * The clock is injected so that the rules can be tested without waiting. One timer serves the whole screen;
 * `reset` hands it to the next item with that item's stored time.
 */
export class ActiveTimer {
  private accumulated = 0;
  /** Start of the segment being counted now, or null while not counting. */
  private segmentStart: number | null = null;
  private lastInteraction = Number.NEGATIVE_INFINITY;
  private visible = true;
  private focused = true;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly idleMs: number = IDLE_THRESHOLD_MS,
  ) {}

  private activeUntil(): number {
    return this.lastInteraction + this.idleMs;
  }

  private close(at: number): void {
    if (this.segmentStart === null) return;
    const end = Math.min(at, this.activeUntil());
    this.accumulated += Math.max(0, end - this.segmentStart);
    this.segmentStart = null;
  }

  private open(at: number): void {
    if (this.segmentStart === null && this.visible && this.focused && at < this.activeUntil()) this.segmentStart = at;
  }

  /**
   * The reviewer did something. A key press or a click proves the window has focus (`provesFocus`); a wheel
   * turn or a scroll may reach a window in the background, so it does not.
   */
  interaction(provesFocus = true): void {
    const t = this.now();
    if (this.segmentStart !== null && t >= this.activeUntil()) this.close(t);
    if (provesFocus) this.focused = true;
    if (!this.focused || !this.visible) return;
    this.lastInteraction = t;
    this.open(t);
  }

  setVisible(visible: boolean): void {
    const t = this.now();
    if (!visible) this.close(t);
    this.visible = visible;
    this.open(t);
  }

  setFocused(focused: boolean): void {
    const t = this.now();
    if (!focused) this.close(t);
    this.focused = focused;
    this.open(t);
  }

  /** Active milliseconds counted so far (whole milliseconds). */
  elapsed(): number {
    if (this.segmentStart === null) return Math.round(this.accumulated);
    const end = Math.min(this.now(), this.activeUntil());
    return Math.round(this.accumulated + Math.max(0, end - this.segmentStart));
  }

  /** Starts counting afresh from `ms` (0 after a commit, a stored draft's time when an item opens). */
  reset(ms = 0): void {
    const t = this.now();
    const counting = this.segmentStart !== null && t < this.activeUntil();
    this.accumulated = Math.max(0, ms);
    this.segmentStart = counting ? t : null;
  }
}
