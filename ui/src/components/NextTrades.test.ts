import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const recommend = vi.fn();
const positions = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return { ...real, api: { recommend: (...a: unknown[]) => recommend(...a), positions: (...a: unknown[]) => positions(...a) } };
});

const { default: NextTrades } = await import("./NextTrades.svelte");

const candidate = {
  symbol: "KO", occ: "KO    261218P00067000", right: "P", strike: 67, expiry: "2026-12-18", dte: 25, contracts: 1, spot: 70.2,
  bid: 0.56, mid: 0.59, spread: 0.1, width: 0.06, open_interest: 1209, volume: 10, premium_yield: 0.0088, annualized_yield: 0.128,
  capital_required: 6641, breakeven: 66.41, pop: 0.83, assignment_probability: 0.2, delta: -0.21, theta_per_day: -0.02, iv: 0.2,
  model: "american", warnings: [{ code: "earnings_before_expiry", message: "earnings on 2026-11-25, before expiry" }],
  score: { yield_part: 0.21, pop_part: 0.83, liquidity_part: 0.9, total: 48.6 }, reason: "Sell 1 KO Dec 18 67 put at 0.59",
};

describe("NextTrades", () => {
  it("asks for every wheel of the portfolio and shows the action, reason, candidates and risk", async () => {
    recommend.mockResolvedValueOnce([
      { symbol: "KO", state: "idle", action: "sell_put", reason: "Sell 1 KO Dec 18 67 put at 0.59", candidates: [candidate], positions: [], roll: null },
      { symbol: "T", state: "put_open", action: "roll", reason: "Consider rolling the Dec 4 25 put", candidates: [], positions: [], roll: null },
    ]);
    positions.mockResolvedValueOnce([
      { symbol: "T", leg_id: 3, right: "P", side: "short", strike: 25, expiry: "2026-12-04", contracts: 1, open_price: 0.4, spot: 23.5,
        dte_calendar: 11, dte_trading: 8, moneyness: -0.064, moneyness_label: "ITM by 6.4%", intrinsic: 1.5, extrinsic: 0.1, mark: 1.6,
        unrealized_pnl: -120, max_profit_captured: -3, early_assignment: null, risk: "HIGH", risk_rule: "in the money by 5% or more",
        delta: -0.8, theta_per_day: -0.01, iv: 0.3 },
    ]);
    render(NextTrades, { portfolio: "Main" });
    await fireEvent.click(screen.getByTestId("suggest"));
    await vi.waitFor(() => expect(screen.getAllByTestId("recommendation")).toHaveLength(2));
    expect(recommend).toHaveBeenCalledWith({ portfolio: "Main", overrides: {} });
    expect(positions).toHaveBeenCalledWith("Main");
    const actions = screen.getAllByTestId("recommendation-action").map((a) => a.textContent);
    expect(actions).toEqual(["Sell a put", "Roll"]);
    const row = screen.getByTestId("candidate-row").textContent ?? "";
    expect(row).toContain("0.56 / 0.59");
    expect(row).toContain("12.8%");
    expect(row).toContain("earnings on 2026-11-25, before expiry");
    expect(screen.getByTestId("position-risk").textContent).toBe("HIGH");
    expect(screen.getByTestId("position-risk").getAttribute("title")).toBe("in the money by 5% or more");
  });

  it("prices the rolls of a position the core says to roll", async () => {
    const roll = {
      symbol: "T", right: "P", strike: 25, expiry: "2026-12-04", close_cost: 1.62, current_pop: 0.3, credit_available: true,
      summary: "Roll to Jan 15 24 put for a 0.12 credit",
      rolls: [{ kind: "down_and_out", strike: 24, expiry: "2027-01-15", days_added: 42, net: 0.12, net_mid: 0.18, breakeven: 23.3, pop: 0.55, pop_change: 0.25, capital_change: -100, delta: -0.4, moneyness_label: "ITM by 2%" }],
    };
    recommend.mockResolvedValueOnce([{ symbol: "T", state: "put_open", action: "roll", reason: "Consider rolling", candidates: [], positions: [], roll }]);
    positions.mockResolvedValueOnce([]);
    render(NextTrades, { portfolio: "Main" });
    await fireEvent.click(screen.getByTestId("suggest"));
    await vi.waitFor(() => expect(screen.getByTestId("roll-row")).toBeTruthy());
    expect(screen.getByTestId("roll-summary").textContent).toBe("Roll to Jan 15 24 put for a 0.12 credit");
    const cells = Array.from(screen.getByTestId("roll-row").querySelectorAll("td")).map((td) => td.textContent);
    expect(cells).toEqual(["Down and out", "2027-01-15 24 put", "42", "+0.12 credit", "55.0% (+25.0 pts)", "−100.00"]);
    // The portfolio's list has no ticket to fill in: no Sell.
    expect(screen.queryByTestId("candidate-sell")).toBeNull();
  });
});
