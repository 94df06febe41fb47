import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const risk = vi.fn();
const checkTrade = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    // The charts follow the ledger's events; there is no core to listen to here.
    loadAndFollowLedger: () => () => {},
    api: { risk: (...a: unknown[]) => risk(...a), checkTrade: (...a: unknown[]) => checkTrade(...a) },
  };
});

const { default: RiskPanel } = await import("./RiskPanel.svelte");

const figure = (method: string, sessions: number, confidence: number, v: number) => ({ method, sessions, confidence, var: v, expected_shortfall: v * 1.2 });

const view = {
  portfolio: "Main", as_of: "2026-11-23T14:30:00Z", provider: "demo", notes: ["KO Dec 18 2026 50 put: the chain gives no implied volatility"],
  annual_vol: [0.2], limits: [], estimate: { symbols: ["KO"], daily_vol: [0.0126], correlation: [1], observations: 251, first: "2025-11-21", last: "2026-11-20" },
  report: {
    exposure: {
      holdings: [{ label: "KO 2026-12-18 67 put", symbol: "KO", quantity: -1, mark: 1.29, value: -129, delta_shares: 30, dollar_delta: 3044.36,
        gamma_shares: -7, dollar_gamma: -488.23, theta_per_day: 2.75, vega_per_point: -6.9, collateral: 6590, margin_estimate: 1500, exposure: 6700 }],
      dollar_delta: 3044.36, dollar_gamma: -488.23, theta_per_day: 2.75, vega_per_point: -6.9, cash: 50110, net_liquidation: 49981,
      collateral: 6490, free_cash: 43510, margin_estimate: 1429.8,
      names: [{ symbol: "KO", sector: "Consumer Staples", exposure: 6600, pct: 13.2, dollar_delta: 3044.36, dollar_gamma: -488.23, theta_per_day: 2.75, vega_per_point: -6.9 }],
      sectors: [{ sector: "Consumer Staples", exposure: 6600, pct: 13.2 }],
    },
    horizons: [{ sessions: 1, years: 0.0041 }, { sessions: 30, years: 0.117 }], distributions: [], simulation: { paths: 100000, seed: 1 }, shrinkage: 0,
    var: [
      figure("delta_normal", 1, 0.95, 61.2), figure("delta_gamma", 1, 0.95, 70.5), figure("monte_carlo", 1, 0.95, 69.9),
      figure("delta_normal", 30, 0.99, 420.1), figure("delta_gamma", 30, 0.99, 655.4), figure("monte_carlo", 30, 0.99, 640.2),
    ],
  },
};

describe("RiskPanel", () => {
  it("shows the book's figures, VaR by method side by side, and concentration", async () => {
    risk.mockResolvedValueOnce(view);
    render(RiskPanel, { portfolio: "Main" });
    await fireEvent.click(screen.getByTestId("measure-risk"));
    await vi.waitFor(() => expect(screen.getAllByTestId("var-row")).toHaveLength(2));
    expect(risk).toHaveBeenCalledWith({ portfolio: "Main" });
    expect(screen.getByTestId("risk-nlv").textContent).toBe("49,981.00");
    expect(screen.getByTestId("risk-free-cash").textContent).toBe("43,510.00");
    const [one, thirty] = screen.getAllByTestId("var-row").map((r) => r.textContent ?? "");
    expect(one).toContain("1 session");
    expect(one).toMatch(/61\.20 \/ 73\.44.*70\.50 \/ 84\.60.*69\.90 \/ 83\.88/);
    expect(thirty).toContain("30 sessions");
    expect(thirty).toContain("99%");
    // Greeks by symbol: each name's own, in the order of the header.
    const cells = Array.from(screen.getByTestId("name-row").querySelectorAll("td")).map((td) => td.textContent);
    expect(cells).toEqual(["KO", "Consumer Staples", "6,600.00", "13.2%", "3,044.36", "-488.23", "2.75", "-6.90"]);
    expect(screen.getByText(/251 daily returns/)).toBeTruthy();
    expect(screen.getByText(/no implied volatility/)).toBeTruthy();
    // The core's charts of this measurement: the distribution over one session first, and no
    // correlation map for a single name.
    expect(screen.getByTestId("risk-charts")).toBeTruthy();
    for (const id of ["risk-distribution", "risk-names", "risk-sectors", "risk-limits"]) expect(screen.getByTestId(id)).toBeTruthy();
    expect(screen.queryByTestId("risk-correlation")).toBeNull();
    expect(screen.getByTestId("risk-horizon-1").getAttribute("aria-pressed")).toBe("true");
    await fireEvent.click(screen.getByTestId("risk-horizon-30"));
    expect(screen.getByTestId("risk-horizon-30").getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("risk-horizon-1").getAttribute("aria-pressed")).toBe("false");
  });

  it("maps the names' correlation once two names are held", async () => {
    const two = { ...view, estimate: { ...view.estimate, symbols: ["KO", "PEP"], correlation: [1, 0.6, 0.6, 1] } };
    risk.mockResolvedValueOnce(two);
    render(RiskPanel, { portfolio: "Main", open: true });
    await vi.waitFor(() => expect(screen.getByTestId("risk-correlation")).toBeTruthy());
  });

  it("measures at once on the Risk page, and a book with nothing open says so with no −0.00", async () => {
    const empty = { ...view, report: { ...view.report, var: [], exposure: { ...view.report.exposure, holdings: [], names: [], dollar_delta: -0, collateral: -0 } } };
    let answer: (v: unknown) => void = () => {};
    risk.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    render(RiskPanel, { portfolio: "Main", open: true });
    // While the simulation runs the page says so, and the button cannot start a second one.
    await vi.waitFor(() => expect(screen.getByTestId("risk-loading")).toBeTruthy());
    expect(screen.queryByTestId("risk-not-measured")).toBeNull();
    expect((screen.getByTestId("measure-risk") as HTMLButtonElement).disabled).toBe(true);
    answer(empty);
    await vi.waitFor(() => expect(screen.getByTestId("risk-nothing-open")).toBeTruthy());
    expect(screen.queryByTestId("risk-loading")).toBeNull();
    expect(screen.queryByTestId("var-table")).toBeNull();
    expect(screen.getByTestId("risk-figures").textContent).not.toContain("-0.00");
    expect(screen.getByTestId("risk-figures").textContent).toContain("0.00");
  });

  it("sends a trade to the pre-trade check and shows the verdict with each check", async () => {
    checkTrade.mockResolvedValueOnce({
      trade: "Sell 2 KO Dec 18 2026 66 put at 1.05", price: 1.05, limits: {},
      result: {
        verdict: "violations", before: {}, after: {},
        checks: [
          { limit: "position", subject: "KO Dec 18 2026 66 put", value_pct: 26.4, limit_pct: 20, status: "violation", message: "This position would be 26.4% of the book (limit 20.0%)" },
          { limit: "cash", value_pct: 60, limit_pct: 10, status: "ok", message: "Free cash would be 60.0% of the book (minimum 10.0%)" },
        ],
      },
    });
    render(RiskPanel, { portfolio: "Main" });
    // Off the Risk page nothing is measured until asked, and the panel says what the button does.
    expect(screen.getByTestId("risk-not-measured").textContent).toContain("Not measured yet");
    await fireEvent.input(screen.getByTestId("pretrade-symbol"), { target: { value: "KO" } });
    await fireEvent.input(screen.getByTestId("pretrade-quantity"), { target: { value: "2" } });
    await fireEvent.input(screen.getByTestId("pretrade-strike"), { target: { value: "66" } });
    await fireEvent.input(screen.getByTestId("pretrade-expiry"), { target: { value: "2026-12-18" } });
    await fireEvent.click(screen.getByTestId("pretrade-check"));
    await vi.waitFor(() => expect(screen.getByTestId("pretrade-result")).toBeTruthy());
    expect(checkTrade).toHaveBeenCalledWith({ portfolio: "Main", symbol: "KO", action: "sell", kind: "put", quantity: 2, strike: 66, expiry: "2026-12-18", price: undefined });
    expect(screen.getByTestId("pretrade-result").dataset.verdict).toBe("violations");
    expect(screen.getByTestId("pretrade-result").textContent).toContain("violates the limits");
    const rows = screen.getAllByTestId("pretrade-check-row").map((r) => r.textContent ?? "");
    expect(rows[0]).toContain("✗ This position would be 26.4%");
    expect(rows[1]).toContain("✓ Free cash");
  });
});
