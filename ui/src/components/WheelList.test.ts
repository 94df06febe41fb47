import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { CommandError } from "../lib/api";

const performance = vi.fn();
const importFills = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      wheels: () => Promise.resolve([summary("KO"), summary("T")]),
      portfolios: () => Promise.resolve([]),
      performance: (...a: unknown[]) => performance(...a),
      importFills: (...a: unknown[]) => importFills(...a),
      previewFill: vi.fn().mockResolvedValue(null),
      onLedgerChanged: async () => () => {},
      fillChanges: () => new Promise(() => {}),
      expiration: () => new Promise(() => {}),
    },
    loadAndFollowLedger: (load: () => void) => {
      void load();
      return () => {};
    },
  };
});

const { default: WheelList } = await import("./WheelList.svelte");

function summary(symbol: string) {
  return {
    symbol, state: "put_open", shares: "0", lots: [], adjusted_basis_per_share: null, breakeven: "24.60", premium_collected: "40", net_option_cash: "40",
    realized_pnl: "0", fees: "0", dividends: "0", net_cash: "40", open_options: [], cycle: 1, cycles: [], rolls: [], warnings: [],
  };
}
const figures = (annualized_return_on_collateral: number | null) => ({ annualized_return_on_collateral });

describe("WheelList", () => {
  it("shows each wheel's annualized return and links each symbol to its page for the keyboard", async () => {
    performance.mockResolvedValueOnce({ performance: { wheels: [{ portfolio: "Main", symbol: "KO", figures: figures(0.1284) }, { portfolio: "Main", symbol: "T", figures: figures(null) }] } });
    render(WheelList, { portfolio: "Main" });
    await vi.waitFor(() => expect(screen.getAllByTestId("wheel-return").map((c) => c.textContent)).toEqual(["12.8%", "—"]));
    expect(performance).toHaveBeenCalledWith({ portfolio: "Main" });
    const link = screen.getAllByTestId("wheel-row")[1]?.querySelector("a");
    expect(link?.getAttribute("href")).toBe("#/portfolio/Main/wheel/T");
  });

  it("keeps the list when the returns cannot be measured, and says why they are blank", async () => {
    performance.mockRejectedValueOnce(new CommandError({ code: "upstream_unavailable", message: "Tradier did not answer", field: null, row: null }));
    render(WheelList, { portfolio: "Main" });
    await vi.waitFor(() => expect(screen.getByTestId("returns-unavailable").textContent).toContain("Tradier did not answer"));
    expect(screen.getAllByTestId("wheel-row")).toHaveLength(2);
    expect(screen.getAllByTestId("wheel-return").map((c) => c.textContent)).toEqual(["—", "—"]);
  });

  it("says a CSV import is under way until the core has booked it, and what it booked", async () => {
    performance.mockResolvedValue({ performance: { wheels: [] } });
    let finish: (report: unknown) => void = () => {};
    importFills.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    render(WheelList, { portfolio: "Main" });
    const input = screen.getByTestId("import-file") as HTMLInputElement;
    // jsdom's File cannot read itself: the text a real one would give.
    const file = Object.assign(new File([], "fills.csv", { type: "text/csv" }), { text: async () => "date,action\n" });
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    await fireEvent.change(input);
    await vi.waitFor(() => expect(screen.getByTestId("import-progress").textContent).toContain("Importing fills.csv"));
    expect(input.disabled).toBe(true);
    expect(importFills).toHaveBeenCalledWith("Main", "date,action\n");
    finish({ added: 3, rows: 4, skipped: [{ row: 2, external_id: "x" }] });
    await vi.waitFor(() => expect(screen.queryByTestId("import-progress")).toBeNull());
    expect(screen.getByText("Imported 3 of 4 rows, 1 already recorded")).toBeTruthy();
    expect(input.disabled).toBe(false);
  });
});
