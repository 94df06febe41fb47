import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import type { DemoClockState } from "../lib/bindings";

const demoClockCall = vi.fn();
const stepDemoClock = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return { ...real, api: { demoClock: () => demoClockCall(), stepDemoClock: (...a: unknown[]) => stepDemoClock(...a) } };
});

const { default: ClockBar } = await import("./ClockBar.svelte");
const { marketToday, newYorkDate } = await import("../lib/demoClock.svelte");

const stepped = (over: Partial<DemoClockState>): DemoClockState => ({
  clock: { mode: "stepped", at: "2027-01-15T21:00:00Z" }, now: "2027-01-15T21:00:00Z", market_open: false, settled: [],
  active: true, market_day: "2027-01-15", ...over,
});

describe("ClockBar", () => {
  it("shows the Demo clock while the Demo market is in use, and the market's date follows it", async () => {
    demoClockCall.mockResolvedValueOnce(stepped({}));
    render(ClockBar);
    expect((await screen.findByTestId("demo-clock-now")).textContent).toContain("Jan 15");
    expect(marketToday()).toBe("2027-01-15");
    // Stopped, Run is offered; every control keeps its place.
    expect((screen.getByTestId("clock-run") as HTMLButtonElement).disabled).toBe(false);
    // A step the core refuses is said, not swallowed.
    stepDemoClock.mockRejectedValueOnce({ code: "market_data", message: "no expiration ahead in the Demo calendar" });
    await fireEvent.click(screen.getByTestId("clock-next-expiration"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("no expiration ahead");
  });

  it("hides itself on another provider, whose market runs on the real date", async () => {
    demoClockCall.mockResolvedValueOnce(stepped({ active: false, market_day: "2026-11-23" }));
    render(ClockBar);
    await vi.waitFor(() => expect(marketToday()).toBe("2026-11-23"));
    expect(screen.queryByTestId("demo-clock")).toBeNull();
  });

  it("reads a date in New York, whatever the time in UTC", () => {
    expect(newYorkDate(new Date("2026-11-24T02:30:00Z"))).toBe("2026-11-23");
    expect(newYorkDate(new Date("2026-07-04T04:30:00Z"))).toBe("2026-07-04");
  });

  it("takes one step at a time: a second press while the first is under way moves nothing", async () => {
    demoClockCall.mockResolvedValueOnce(stepped({}));
    render(ClockBar);
    await screen.findByTestId("demo-clock");
    stepDemoClock.mockReset();
    let moved: (v: DemoClockState) => void = () => {};
    stepDemoClock.mockImplementationOnce(() => new Promise((resolve) => (moved = resolve)));
    await fireEvent.click(screen.getByTestId("clock-next-session"));
    for (const id of ["clock-to-close", "clock-next-session", "clock-next-expiration", "clock-run"]) {
      expect((screen.getByTestId(id) as HTMLButtonElement).disabled, id).toBe(true);
    }
    // A shortcut or a click the button did not stop still reaches no second step.
    const { demoClock } = await import("../lib/demoClock.svelte");
    await demoClock.step("next_session");
    expect(stepDemoClock).toHaveBeenCalledTimes(1);
    moved(stepped({ now: "2027-01-19T14:30:00Z", market_day: "2027-01-19" }));
    await vi.waitFor(() => expect(marketToday()).toBe("2027-01-19"));
    expect((screen.getByTestId("clock-next-session") as HTMLButtonElement).disabled).toBe(false);
  });

  it("offers no Run while the clock runs live", async () => {
    demoClockCall.mockResolvedValueOnce(stepped({ clock: { mode: "live", offset_seconds: 3600 } }));
    render(ClockBar);
    await screen.findByTestId("demo-clock");
    expect((screen.getByTestId("clock-run") as HTMLButtonElement).disabled).toBe(true);
  });
});
