import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const wheel = vi.fn();
const addFill = vi.fn();
const undoChange = vi.fn();
const recommend = vi.fn().mockResolvedValue([]);
const loads: Array<() => void> = [];
const reload = () => loads.forEach((load) => load());
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      wheel: (...a: unknown[]) => wheel(...a),
      addFill: (...a: unknown[]) => addFill(...a),
      editFill: vi.fn(),
      previewFill: vi.fn().mockResolvedValue(null),
      onLedgerChanged: () => Promise.resolve(() => {}),
      undoChange: (...a: unknown[]) => undoChange(...a),
      wheelCriteria: () => new Promise(() => {}),
      recommend: (...a: unknown[]) => recommend(...a),
      positions: () => Promise.resolve([]),
    },
    // The ledger follower: the test fires the reload a ledger change would.
    loadAndFollowLedger: (load: () => void) => {
      loads.push(load);
      void load();
      return () => {};
    },
  };
});

const { default: WheelLedger } = await import("./WheelLedger.svelte");
const { CommandError } = await import("../lib/api");

const summary = {
  symbol: "T", state: "put_open", shares: "0", lots: [], adjusted_basis_per_share: null, breakeven: "24.60", premium_collected: "40",
  net_option_cash: "40", realized_pnl: "0", fees: "0", dividends: "0", net_cash: "40", open_options: [], cycle: 1, cycles: [], rolls: [], warnings: [],
};
const sale = { id: 7, seq: 7, date: "2026-11-23", time: null, action: "STO", symbol: "T", option: null, quantity: "1", price: "0.40", fees: "0", account: null, external_id: "x", roll_id: null, note: null };
const detail = { wheel: { id: 2, portfolio_id: 1, symbol: "T", profile: "moderate", capital_allocated: null, notes: "" }, summary, fills: [sale], legs: [], disposals: [], realizations: [] };

describe("WheelLedger", () => {
  it("keeps the ticket and its undo status when undoing the first fill takes the wheel away, and comes back when a fill starts it again", async () => {
    wheel.mockResolvedValueOnce(detail);
    render(WheelLedger, { portfolio: "Main", symbol: "T" });
    await vi.waitFor(() => expect(screen.getByTestId("fill-table")).toBeTruthy());

    // Record a fill from the ticket, then undo it: the core says the wheel went with it.
    addFill.mockResolvedValueOnce({ fill: { id: 8, seq: 8, action: "DIVIDEND" }, summary: null, warnings: [], duplicate: false, change: 31 });
    undoChange.mockResolvedValueOnce({ change: 32, fill_id: 8, portfolio: "Main", description: "deleted fill 8 and the T wheel it started" });
    await fireEvent.change(screen.getByTestId("fill-action"), { target: { value: "DIVIDEND" } });
    await fireEvent.input(screen.getByTestId("fill-price"), { target: { value: "0.28" } });
    await fireEvent.input(screen.getByTestId("fill-quantity"), { target: { value: "100" } });
    await fireEvent.submit(screen.getByTestId("fill-form"));
    await vi.waitFor(() => expect(screen.getByTestId("undo")).toBeTruthy());
    await fireEvent.click(screen.getByTestId("undo"));
    await vi.waitFor(() => expect(screen.getByTestId("undo-done")).toBeTruthy());

    // The ledger change reloads the page: the wheel is not found any more.
    wheel.mockRejectedValueOnce(new CommandError({ code: "not_found", message: "portfolio 'Main' has no T wheel", field: "symbol", row: null }));
    reload();
    await vi.waitFor(() => expect(screen.getByTestId("wheel-gone").textContent).toContain("Main has no T wheel any more"));
    expect(screen.queryByTestId("fill-table")).toBeNull();
    expect(screen.queryByTestId("wheel-cards")).toBeNull();
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(screen.getByTestId("undo-done").textContent).toBe("Undone: deleted fill 8 and the T wheel it started.");

    // A fill recorded again starts the wheel again: the page is whole.
    wheel.mockResolvedValueOnce(detail);
    reload();
    await vi.waitFor(() => expect(screen.getByTestId("fill-table")).toBeTruthy());
    expect(screen.queryByTestId("wheel-gone")).toBeNull();

    // Any other failure is shown as the error it is.
    wheel.mockRejectedValueOnce(new CommandError({ code: "database", message: "the database is busy", field: null, row: null }));
    reload();
    await vi.waitFor(() => expect(screen.getByText(/the database is busy/)).toBeTruthy());
  });

  it("asks for this wheel's recommendation and a candidate's Sell fills in the ticket at its bid", async () => {
    wheel.mockResolvedValueOnce({ ...detail, summary: { ...summary, state: "idle", cycle: null } });
    recommend.mockResolvedValueOnce([
      { symbol: "T", state: "idle", action: "sell_put", reason: "Sell 2 T Jan 15 24 puts at 0.52", positions: [], roll: null, candidates: [
        { symbol: "T", occ: "T     270115P00024000", right: "P", strike: 24, expiry: "2027-01-15", dte: 53, contracts: 2, spot: 25.4, bid: 0.52, mid: 0.55,
          spread: 0.1, width: 0.05, open_interest: 900, volume: 40, premium_yield: 0.02, annualized_yield: 0.14, capital_required: 4800, breakeven: 23.48,
          pop: 0.75, assignment_probability: 0.27, delta: -0.27, theta_per_day: -0.01, iv: 0.22, model: "american", warnings: [],
          score: { yield_part: 0.3, pop_part: 0.75, liquidity_part: 0.8, total: 52 }, reason: "" },
      ] },
    ]);
    render(WheelLedger, { portfolio: "Main", symbol: "T" });
    await vi.waitFor(() => expect(screen.getByTestId("candidate-sell")).toBeTruthy());
    expect(recommend).toHaveBeenLastCalledWith({ portfolio: "Main", symbol: "T", overrides: {} });
    expect(screen.getByTestId("recommendation-action").textContent).toBe("Sell a put");
    await fireEvent.click(screen.getByTestId("candidate-sell"));
    const value = (id: string) => (screen.getByTestId(id) as HTMLInputElement).value;
    expect([value("fill-action"), value("fill-right"), value("fill-strike"), value("fill-expiry"), value("fill-quantity"), value("fill-price")]).toEqual(["STO", "P", "24", "2027-01-15", "2", "0.52"]);
  });
});
