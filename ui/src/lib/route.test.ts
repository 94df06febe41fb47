import { describe, expect, it } from "vitest";
import { href, parse } from "./route.svelte";

describe("routes", () => {
  it("round-trip through the hash, names with spaces included", () => {
    for (const route of [
      { page: "portfolios" as const },
      { page: "about" as const },
      { page: "settings" as const },
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
