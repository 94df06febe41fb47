import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const wheel = vi.fn();
const addFill = vi.fn();
const undoChange = vi.fn();
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
});
