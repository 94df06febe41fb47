import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const performance = vi.fn();
const exportCsv = vi.fn();
const loads: Array<() => void> = [];
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    // The charts follow the ledger's events; there is no core to listen to here.
    // The ledger follower: loads at once; the test fires the reload a ledger change would.
    loadAndFollowLedger: (load: () => void) => {
      loads.push(load);
      void load();
      return () => {};
    },
    api: { performance: (...a: unknown[]) => performance(...a), exportCsv: (...a: unknown[]) => exportCsv(...a) },
  };
});

const { default: PerformancePanel } = await import("./PerformancePanel.svelte");
const { demoClock } = await import("../lib/demoClock.svelte");

const tally = (wins: number, losses: number, rate: number | null) => ({ wins, losses, even: 0, win_rate: rate });
const figures = {
  premium_collected: "1100.00", realized_pnl: "1090.45", unrealized_pnl: null, fees: "9.55", dividends: "0.00",
  legs: tally(3, 1, 0.75), legs_assigned: 1, cycles: tally(3, 1, 0.75), short_legs_opened: 5, average_premium: "220.00",
  average_days_in_trade: 19.4, collateral_days: "1418518.20", annualized_return_on_collateral: 0.2806,
};
const month = (m: string, realized: string, cash: string) =>
  ({ month: m, realized, premium: "0", buybacks: "0", dividends: "0", fees: "0", adjustments: "0", cash_flow: cash });

describe("PerformancePanel", () => {
  it("asks for the chosen period and lays out totals, months in both views, wheels and cycles", async () => {
    performance.mockResolvedValueOnce({
      scope: "portfolio Main", today: "2026-11-23", provider: "demo", notes: ["unrealized P&L is only known as of today"],
      performance: {
        period: { from: "2026-01-01", to: "2026-05-31" }, total: figures,
        wheels: [{ portfolio: "Main", symbol: "AAPL", figures }],
        months: [month("2026-01", "199.35", "498.70"), month("2026-04", "697.40", "-201.30")],
        best_cycles: [{ portfolio: "Main", symbol: "AAPL", number: 3, started: "2026-02-12", ended: "2026-04-17", days: 64,
          premium_collected: "400.00", realized_pnl: "898.70", annualized_return_on_collateral: 0.369 }],
        worst_cycles: [],
      },
    });
    render(PerformancePanel, { portfolio: "Main" });
    await fireEvent.change(screen.getByTestId("performance-period"), { target: { value: "custom" } });
    await fireEvent.input(screen.getByTestId("performance-from"), { target: { value: "2026-01-01" } });
    await fireEvent.input(screen.getByTestId("performance-to"), { target: { value: "2026-05-31" } });
    await fireEvent.click(screen.getByTestId("performance-load"));
    await vi.waitFor(() => expect(screen.getByTestId("performance-total")).toBeTruthy());
    expect(performance).toHaveBeenCalledWith({ portfolio: "Main", from: "2026-01-01", to: "2026-05-31" });
    const total = screen.getByTestId("performance-total").textContent!;
    expect(total).toContain("1,090.45");
    expect(total).toContain("3 won · 1 lost (75.0%) · 1 assigned");
    expect(total).toContain("28.1%");
    expect(total).toMatch(/Unrealized P&L\s*—/);
    expect(screen.getByTestId("performance-note").textContent).toContain("only known as of today");
    const rows = () => screen.getAllByTestId("month-row").map((r) => r.textContent);
    expect(rows()[1]).toContain("697.40");
    await fireEvent.click(screen.getByTestId("view-cash-flow"));
    expect(rows()[1]).toContain("−201.30");
    expect(screen.getByTestId("cycles").textContent).toContain("AAPL cycle 3 (2026-02-12 → 2026-04-17, 64 days): 898.70, 36.9% a year");
  });

  it("exports with the same scope and says where the file went", async () => {
    // "This year" is the market's year: the Demo clock's, stepped into 2027.
    demoClock.state = {
      clock: { mode: "stepped", at: "2027-01-15T21:00:00Z" }, now: "2027-01-15T21:00:00Z", market_open: false, settled: [],
      active: true, market_day: "2027-01-15",
    };
    exportCsv.mockResolvedValueOnce({ path: "/home/me/Downloads/wheelwright-monthly-income-Main-2026-11-23.csv", rows: 5 });
    render(PerformancePanel, { portfolio: "Main" });
    await fireEvent.change(screen.getByTestId("performance-period"), { target: { value: "year" } });
    await fireEvent.click(screen.getByTestId("export-monthly"));
    await vi.waitFor(() => expect(screen.getByTestId("export-saved")).toBeTruthy());
    expect(exportCsv).toHaveBeenCalledWith({ kind: "monthly_income", scope: { portfolio: "Main", from: "2027-01-01" } });
    expect(screen.getByTestId("export-saved").textContent).toBe("Saved 5 row(s) to /home/me/Downloads/wheelwright-monthly-income-Main-2026-11-23.csv");
  });

  it("on its page, measures at once and again after a change to the ledger", async () => {
    performance.mockReset();
    performance.mockResolvedValue({
      scope: "portfolio Main", today: "2026-11-23", provider: "demo", notes: [],
      performance: { period: { from: null, to: "2026-11-23" }, total: figures, wheels: [], months: [], best_cycles: [], worst_cycles: [] },
    });
    loads.length = 0;
    render(PerformancePanel, { portfolio: "Main", open: true });
    await vi.waitFor(() => expect(performance).toHaveBeenCalledTimes(1));
    loads.forEach((load) => load());
    await vi.waitFor(() => expect(performance).toHaveBeenCalledTimes(2));
    expect(performance).toHaveBeenLastCalledWith({ portfolio: "Main" });
  });

  it("a change to the ledger while a new period is measured asks for that period, not the one shown", async () => {
    performance.mockReset();
    const shown = {
      scope: "portfolio Main", today: "2026-11-23", provider: "demo", notes: [],
      performance: { period: { from: null, to: "2026-11-23" }, total: figures, wheels: [], months: [], best_cycles: [], worst_cycles: [] },
    };
    performance.mockResolvedValueOnce(shown);
    loads.length = 0;
    render(PerformancePanel, { portfolio: "Main", open: true });
    await vi.waitFor(() => expect(screen.getByTestId("performance-total")).toBeTruthy());
    performance.mockImplementation(() => new Promise(() => {}));
    await fireEvent.change(screen.getByTestId("performance-period"), { target: { value: "custom" } });
    await fireEvent.input(screen.getByTestId("performance-from"), { target: { value: "2026-03-01" } });
    await fireEvent.click(screen.getByTestId("performance-load"));
    loads.forEach((load) => load());
    expect(performance).toHaveBeenCalledTimes(3);
    expect(performance).toHaveBeenLastCalledWith({ portfolio: "Main", from: "2026-03-01" });
  });

  it("says it is measuring while the first answer is out, and an older answer landing last is not shown", async () => {
    performance.mockReset();
    const answers: Array<(v: unknown) => void> = [];
    performance.mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
    const view = (realized: string) => ({
      scope: "portfolio Main", today: "2026-11-23", provider: "demo", notes: [],
      performance: { period: { from: null, to: "2026-11-23" }, total: { ...figures, realized_pnl: realized }, wheels: [], months: [], best_cycles: [], worst_cycles: [] },
    });
    loads.length = 0;
    render(PerformancePanel, { portfolio: "Main", open: true });
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    expect(screen.getByTestId("performance-loading").textContent).toContain("Replaying the ledger");
    expect(screen.getByTestId("performance-load").textContent).toBe("Measuring…");
    expect((screen.getByTestId("performance-load") as HTMLButtonElement).disabled).toBe(true);
    // A fill lands while the first measurement is out: the second answer is the newer one.
    loads.forEach((load) => load());
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!(view("500.00"));
    await vi.waitFor(() => expect(screen.getByTestId("performance-total").textContent).toContain("500.00"));
    expect(screen.queryByTestId("performance-loading")).toBeNull();
    expect(screen.getByTestId("performance-load").textContent).toBe("Show performance");
    answers[0]!(view("777.77"));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("performance-total").textContent).toContain("500.00");
    expect(screen.getByTestId("performance-total").textContent).not.toContain("777.77");
  });
});
