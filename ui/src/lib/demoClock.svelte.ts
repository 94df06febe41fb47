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

  private async apply(change: () => Promise<DemoClockState>) {
    try {
      this.state = await change();
      this.error = null;
      this.version += 1;
    } catch (e) {
      this.error = e;
    }
  }
}

export const demoClock = new DemoClockView();

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
