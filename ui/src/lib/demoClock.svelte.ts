// The Demo clock as the UI sees it: one shared state, refreshed after every step, with a
// version number that pages showing market data watch to reload.
import { api } from "./api";
import type { ClockStep, DemoClockState } from "./bindings";

class DemoClockView {
  state = $state<DemoClockState | null>(null);
  error = $state<unknown>(null);
  /** Bumped whenever the market's "now" moves by the user's hand. */
  version = $state(0);

  async refresh() {
    try {
      this.state = await api.demoClock();
      this.error = null;
    } catch (e) {
      this.error = e;
    }
  }

  async step(step: ClockStep) {
    await this.apply(() => api.stepDemoClock(step));
  }

  async run() {
    await this.apply(() => api.runDemoClock());
  }

  /** A step is under way: a second click would move the clock (and settle positions) twice. */
  moving = $state(false);

  private async apply(change: () => Promise<DemoClockState>) {
    if (this.moving) return;
    this.moving = true;
    try {
      this.state = await change();
      this.error = null;
      this.version += 1;
    } catch (e) {
      this.error = e;
    } finally {
      this.moving = false;
    }
  }
}

export const demoClock = new DemoClockView();

/** The market's date (ISO): the Demo clock's while the Demo market is in use, else today's in
 *  New York — the date the core reckons DTE by, so a ticket's date and "this month" agree with
 *  it. Before the clock is first read, today's in New York. */
export function marketToday(): string {
  return demoClock.state?.market_day ?? newYorkDate(new Date());
}

const newYorkDay = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" });

/** The date in New York at `at`, as ISO (built from its parts: no locale's format is ISO for sure). */
export function newYorkDate(at: Date): string {
  const parts = newYorkDay.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

const newYork = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York",
  weekday: "short",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** "Mon, Nov 23, 10:42 ET" */
export function newYorkTime(iso: string): string {
  return `${newYork.format(new Date(iso))} ET`;
}
