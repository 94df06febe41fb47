import { describe, expect, it } from "vitest";
import { href, linkRoute, parse } from "./route.svelte";

describe("routes", () => {
  it("round-trip through the hash, names with spaces included", () => {
    for (const route of [
      { page: "portfolios" as const },
      { page: "about" as const },
      { page: "settings" as const },
      { page: "alerts" as const },
      { page: "scheduler" as const },
      { page: "wheels" as const, portfolio: "Roth IRA" },
      { page: "wheel" as const, portfolio: "Roth IRA", symbol: "BRK.B" },
      { page: "market" as const },
      { page: "chain" as const, symbol: "BRK.B" },
    ]) {
      expect(parse(href(route))).toEqual(route);
    }
    expect(parse("#/nonsense")).toEqual({ page: "portfolios" });
  });
});

describe("alert links", () => {
  it("lead to the page the alert is about", () => {
    expect(linkRoute({ page: "wheel", portfolio: "Main", symbol: "KO" })).toEqual({ page: "wheel", portfolio: "Main", symbol: "KO" });
    expect(linkRoute({ page: "symbol", symbol: "KO" })).toEqual({ page: "chain", symbol: "KO" });
    expect(linkRoute({ page: "risk", portfolio: "Main" })).toEqual({ page: "wheels", portfolio: "Main" });
    expect(linkRoute({ page: "scheduler", job: "risk-monitor" })).toEqual({ page: "scheduler" });
    expect(linkRoute({ page: "settings" })).toEqual({ page: "settings" });
  });
});
