import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";

const dashboard = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: { dashboard: (...a: unknown[]) => dashboard(...a) },
    // The ledger follower would listen over IPC: here it only loads.
    loadAndFollowLedger: (load: () => void) => {
      void load();
      return () => {};
    },
  };
});

const { default: Dashboard } = await import("./Dashboard.svelte");

const position = {
  symbol: "T", leg_id: 3, right: "P", side: "short", strike: 25, expiry: "2026-12-04", contracts: 1, open_price: 0.4, spot: 23.5,
  dte_calendar: 11, dte_trading: 8, moneyness: -0.064, moneyness_label: "ITM by 6.4%", intrinsic: 1.5, extrinsic: 0.1, mark: 1.6,
  unrealized_pnl: -120, max_profit_captured: -3, early_assignment: null, risk: "HIGH", risk_rule: "in the money by 5% or more",
  delta: -0.8, theta_per_day: -0.01, iv: 0.3,
};

const board = {
  portfolio: "Main", today: "2026-11-23", provider: "demo", capital: null, cash: "44110.00", collateral: "2500", free_cash: "41610.00",
  premium_month: "150.00", premium_year: "1210.50", realized_month: "40", realized_year: "-35.20", unrealized_pnl: "-120.00", open_wheels: 2,
  positions: [position],
  expirations: [{ expiry: "2026-12-04", days: 11, legs: [{ symbol: "T", right: "P", side: "short", strike: 25, contracts: 1 }], cash_if_assigned: 2500, shares_if_called: 0 }],
  ex_dividends: [{ symbol: "KO", ex_date: "2026-11-24", days: 1, amount: 0.61, shares: 100, income: 61, calls_open_over_it: [70] }],
  alerts: [{ id: 9, rule_id: 1, kind: "price_cross", severity: "warning", title: "T crossed 24", body: "T traded at 23.50", link: { page: "wheel", portfolio: "Main", symbol: "T" },
    portfolio: "Main", symbol: "T", created_at: "2026-11-23T15:00:00Z", read: false, dismissed: false, delivery: "notified" }],
  notes: ["open options are not watched: example"],
};

describe("Dashboard", () => {
  it("lays out the core's figures: cards with their sign, risk badges, the agenda and the alerts", async () => {
    dashboard.mockResolvedValueOnce(board);
    render(Dashboard, { portfolio: "main" });
    await vi.waitFor(() => expect(screen.getByTestId("dashboard-cards")).toBeTruthy());
    expect(dashboard).toHaveBeenCalledWith("main");
    expect(screen.getByTestId("dashboard-title").textContent).toBe("Main");
    // No capital set: no capital card.
    expect(screen.queryByTestId("card-capital")).toBeNull();
    expect(screen.getByTestId("card-cash").textContent).toContain("44,110.00");
    expect(screen.getByTestId("card-premium-year").textContent).toContain("1,210.50");
    const realized = screen.getByTestId("card-realized-year");
    expect(realized.textContent).toContain("−35.20");
    expect(realized.querySelector("dd")?.className).toContain("loss");
    expect(realized.getAttribute("title")).toContain("this month 40.00");
    const badge = screen.getByTestId("risk-badge");
    expect(badge.textContent).toBe("HIGH");
    expect(badge.getAttribute("title")).toBe("in the money by 5% or more");
    const expiry = screen.getByTestId("dashboard-expiry").textContent ?? "";
    expect(expiry).toContain("in 11 days");
    expect(expiry).toContain("T 25 put");
    expect(expiry).toContain("Needs 2,500.00 if the puts are assigned");
    const dividend = screen.getByTestId("dashboard-ex-dividend").textContent ?? "";
    expect(dividend).toContain("tomorrow");
    expect(dividend).toContain("61.00 on 100 shares");
    expect(dividend).toContain("Short call 70 open over it");
    expect(screen.getByTestId("dashboard-alert").textContent).toContain("T crossed 24");
    expect(screen.getByTestId("dashboard-note").textContent).toContain("not watched");
  });

  it("keeps an option past its expiry on the agenda until its settlement is recorded", async () => {
    const overdue = { expiry: "2026-11-20", days: -3, legs: [{ symbol: "KO", right: "P", side: "short", strike: 66, contracts: 1 }], cash_if_assigned: 6600, shares_if_called: 0 };
    dashboard.mockResolvedValueOnce({ ...board, expirations: [overdue, ...board.expirations] });
    render(Dashboard, { portfolio: "Main" });
    await vi.waitFor(() => expect(screen.getAllByTestId("dashboard-expiry")).toHaveLength(2));
    const [first, second] = screen.getAllByTestId("dashboard-expiry") as [HTMLElement, HTMLElement];
    expect(first.querySelector("[data-testid=expiry-overdue]")?.textContent).toBe("expired 3 days ago, still open — record how it settled");
    expect(first.textContent).toContain("KO 66 put");
    expect(second.querySelector("[data-testid=expiry-overdue]")).toBeNull();
    expect(second.textContent).toContain("in 11 days");
  });

  it("says what to do when nothing is open, and shows a failure with its code", async () => {
    dashboard.mockResolvedValueOnce({ ...board, positions: [], expirations: [], ex_dividends: [], alerts: [], notes: [] });
    const first = render(Dashboard, { portfolio: "Main" });
    await vi.waitFor(() => expect(screen.getByTestId("dashboard-no-positions").textContent).toContain("sell a put"));
    first.unmount();
    dashboard.mockRejectedValueOnce({ code: "not_found", message: "no portfolio named 'Gone'", field: "portfolio", row: null });
    render(Dashboard, { portfolio: "Gone" });
    await vi.waitFor(() => expect(screen.getByRole("alert").textContent).toContain("no portfolio named 'Gone'"));
  });
});
