import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const scan = vi.fn();
let progress: ((p: { done: number; total: number; symbol: string }) => void) | null = null;
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      scan: (...a: unknown[]) => scan(...a),
      watchlists: async () => [{ name: "Dividend", symbols: 3 }],
      onScanProgress: async (handler: typeof progress) => {
        progress = handler;
        return () => {};
      },
    },
  };
});

const { default: ScannerPage } = await import("./ScannerPage.svelte");

function candidate(symbol: string, total: number, yieldPerYear: number) {
  return {
    symbol, occ: `${symbol}    261218P00050000`, right: "P", strike: 50, expiry: "2026-12-18", dte: 25, contracts: 1, spot: 52, bid: 0.8, mid: 0.85,
    spread: 0.1, width: 0.1, open_interest: 900, volume: 10, premium_yield: 0.016, annualized_yield: yieldPerYear, capital_required: 5000,
    breakeven: 49.2, pop: 0.8, assignment_probability: 0.2, delta: -0.22, theta_per_day: -0.02, iv: 0.25, model: "american",
    warnings: symbol === "KO" ? [{ code: "earnings_before_expiry", message: "earnings on 2026-12-01" }] : [],
    score: { yield_part: 0.3, pop_part: 0.8, liquidity_part: 0.9, total }, reason: `Sell ${symbol}`,
  };
}

describe("ScannerPage", () => {
  it("scans the watchlist with the filter, shows progress, then sorts the results by a column", async () => {
    let finish: (value: unknown) => void = () => {};
    scan.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    render(ScannerPage, { portfolio: "Main" });
    await vi.waitFor(() => expect((screen.getByTestId("scan-watchlist") as HTMLSelectElement).value).toBe("Dividend"));
    await fireEvent.input(screen.getByTestId("scan-dte-max"), { target: { value: "45" } });
    await fireEvent.click(screen.getByTestId("scan-run"));
    expect(scan).toHaveBeenCalledWith({ watchlist: "Dividend", symbols: [], portfolio: "Main", filter: expect.objectContaining({ dte_max: 45, delta_max: 0.35 }) });
    progress!({ done: 1, total: 3, symbol: "PEP" });
    await vi.waitFor(() => expect(screen.getByText("1 of 3 · PEP")).toBeTruthy());
    finish({ id: 4, created_at: "2026-11-23T15:00:00Z", provider: "demo", scanned: 3, skipped: [{ symbol: "T", reason: "no chain" }],
      candidates: [candidate("KO", 61.2, 0.18), candidate("PEP", 55.0, 0.31)] });
    await vi.waitFor(() => expect(screen.getAllByTestId("scan-row")).toHaveLength(2));
    expect(screen.getByTestId("scan-summary").textContent).toContain("3 symbols scanned on demo · 2 opportunities · 1 skipped");
    const order = () => screen.getAllByTestId("scan-row").map((r) => r.getAttribute("data-symbol"));
    expect(order()).toEqual(["KO", "PEP"]);
    await fireEvent.click(screen.getByTestId("sort-annualized_yield"));
    expect(order()).toEqual(["PEP", "KO"]);
    await fireEvent.click(screen.getByTestId("sort-annualized_yield"));
    expect(order()).toEqual(["KO", "PEP"]);
    expect(screen.getAllByTestId("scan-row")[0]!.textContent).toContain("earnings on 2026-12-01");
    // The score's parts are read under it, not only on hover.
    expect(screen.getAllByTestId("scan-score-parts")[0]!.textContent).toBe("yield 0.30 · POP 0.80 · liquidity 0.90");
    // Sell opens the contract's chain with its ticket.
    await fireEvent.click(screen.getAllByTestId("scan-sell")[1]!);
    expect(location.hash).toBe("#/market/PEP/sell/2026-12-18/50/P");
  });

  it("finds the scan as it was left after a Sell and Back, but not on another portfolio", async () => {
    scan.mockResolvedValueOnce({ id: 5, created_at: "2026-11-23T15:00:00Z", provider: "demo", scanned: 2, skipped: [],
      candidates: [candidate("KO", 61.2, 0.18), candidate("PEP", 55.0, 0.31)] });
    const first = render(ScannerPage, { portfolio: "Main" });
    await fireEvent.input(screen.getByTestId("scan-dte-max"), { target: { value: "30" } });
    await fireEvent.click(screen.getByTestId("scan-run"));
    await vi.waitFor(() => expect(screen.getAllByTestId("scan-row")).toHaveLength(2));
    await fireEvent.click(screen.getByTestId("sort-annualized_yield"));
    const order = () => screen.getAllByTestId("scan-row").map((r) => r.getAttribute("data-symbol"));
    expect(order()).toEqual(["PEP", "KO"]);
    first.unmount();

    // Back on the page: the same rows in the same order, the same filter, no second scan.
    const calls = scan.mock.calls.length;
    const back = render(ScannerPage, { portfolio: "Main" });
    expect(order()).toEqual(["PEP", "KO"]);
    expect((screen.getByTestId("scan-dte-max") as HTMLInputElement).value).toBe("30");
    expect(screen.getByTestId("scan-summary").textContent).toContain("2 opportunities");
    expect(scan.mock.calls.length).toBe(calls);
    back.unmount();

    // Another portfolio's covered calls are not these: its page keeps the form, not the results.
    render(ScannerPage, { portfolio: "Taxable" });
    expect(screen.queryByTestId("scan-results")).toBeNull();
    expect((screen.getByTestId("scan-dte-max") as HTMLInputElement).value).toBe("30");
  });

  it("typed symbols replace the watchlist, and a refused filter shows its field", async () => {
    scan.mockRejectedValueOnce({ code: "invalid_input", message: "dte_min 50 is after dte_max 45", field: "dte_min", row: null });
    render(ScannerPage, { portfolio: null });
    await fireEvent.input(screen.getByTestId("scan-symbols"), { target: { value: "ko, pep  t" } });
    await fireEvent.click(screen.getByTestId("scan-run"));
    expect(scan).toHaveBeenLastCalledWith(expect.objectContaining({ symbols: ["ko", "pep", "t"] }));
    expect(scan.mock.lastCall![0]).not.toHaveProperty("watchlist");
    expect(scan.mock.lastCall![0]).not.toHaveProperty("portfolio");
    await vi.waitFor(() => expect(screen.getByRole("alert").textContent).toContain("dte_min 50 is after dte_max 45"));
  });
});
