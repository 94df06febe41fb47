import { describe, expect, it } from "vitest";
import { href, linkRoute, parse, portfolioRoute, switchPortfolio } from "./route.svelte";

describe("routes", () => {
  it("round-trip through the hash, names with spaces included", () => {
    for (const route of [
      { page: "portfolios" as const },
      { page: "about" as const },
      { page: "settings" as const },
      { page: "alerts" as const },
      { page: "scheduler" as const },
      { page: "scanner" as const },
      { page: "dashboard" as const, portfolio: "Roth IRA" },
      { page: "wheels" as const, portfolio: "Roth IRA" },
      { page: "risk" as const, portfolio: "Roth IRA" },
      { page: "performance" as const, portfolio: "Roth IRA" },
      { page: "wheel" as const, portfolio: "Roth IRA", symbol: "BRK.B" },
      { page: "market" as const },
      { page: "chain" as const, symbol: "BRK.B" },
      { page: "chain" as const, symbol: "" },
      { page: "chain" as const, symbol: "BRK.B", sell: { expiry: "2026-12-18", strike: 452.5, right: "P" as const } },
    ]) {
      expect(parse(href(route))).toEqual(route);
    }
    expect(parse("#/nonsense")).toEqual({ page: "portfolios" });
    // A contract that does not read is the chain without a ticket.
    expect(parse("#/market/KO/sell/2026-12-18/fifty/P")).toEqual({ page: "chain", symbol: "KO" });
    expect(parse("#/market/KO/sell/2026-12-18/50/X")).toEqual({ page: "chain", symbol: "KO" });
    // An unknown page of a portfolio is its wheels.
    expect(parse("#/portfolio/Main/nonsense")).toEqual({ page: "wheels", portfolio: "Main" });
  });

  it("keep the kind of page when the portfolio is switched", () => {
    expect(switchPortfolio({ page: "risk", portfolio: "A" }, "B")).toEqual({ page: "risk", portfolio: "B" });
    expect(switchPortfolio({ page: "wheel", portfolio: "A", symbol: "KO" }, "B")).toEqual({ page: "wheels", portfolio: "B" });
    expect(switchPortfolio({ page: "alerts" }, "B")).toEqual({ page: "dashboard", portfolio: "B" });
    expect(switchPortfolio({ page: "risk", portfolio: "A" }, null)).toEqual({ page: "portfolios" });
    expect(portfolioRoute("performance", null)).toEqual({ page: "portfolios" });
    expect(portfolioRoute("performance", "A")).toEqual({ page: "performance", portfolio: "A" });
  });
});

describe("alert links", () => {
  it("lead to the page the alert is about", () => {
    expect(linkRoute({ page: "wheel", portfolio: "Main", symbol: "KO" })).toEqual({ page: "wheel", portfolio: "Main", symbol: "KO" });
    expect(linkRoute({ page: "symbol", symbol: "KO" })).toEqual({ page: "chain", symbol: "KO" });
    expect(linkRoute({ page: "risk", portfolio: "Main" })).toEqual({ page: "risk", portfolio: "Main" });
    expect(linkRoute({ page: "scanner" })).toEqual({ page: "scanner" });
    expect(linkRoute({ page: "scheduler", job: "risk-monitor" })).toEqual({ page: "scheduler" });
    expect(linkRoute({ page: "settings" })).toEqual({ page: "settings" });
  });
});
