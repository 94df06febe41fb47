import { describe, expect, it } from "vitest";
import type { OptionChain, OptionQuote, Quote } from "./bindings";
import { allRows, change, expiries, mid, percent, price, rows, shortYield } from "./chainTable";

function contract(right: "P" | "C", strike: number, expiry: string): OptionQuote {
  return {
    occ: `XYZ   ${expiry.replace(/-/g, "").slice(2)}${right}${String(strike * 1000).padStart(8, "0")}`,
    underlying: "XYZ",
    right,
    strike,
    expiry,
    multiplier: 100,
    standard: true,
    bid: 1,
    ask: 1.1,
    last: 1.05,
    volume: 10,
    open_interest: 100,
    iv: 0.3,
    greeks: null,
    flags: [],
  };
}

const underlying: Quote = {
  symbol: "XYZ",
  time: "2026-03-02T16:00:00Z",
  last: 101.2,
  bid: 101.19,
  ask: 101.21,
  previous_close: 100,
  volume: 1,
  name: null,
  sector: null,
  dividend: null,
  next_earnings: null,
  flags: [],
};

describe("the chain table", () => {
  const chain: OptionChain = {
    underlying,
    time: underlying.time,
    rate: 0.04,
    contracts: [
      contract("P", 105, "2026-03-20"),
      contract("C", 95, "2026-03-20"),
      contract("C", 100, "2026-03-20"),
      contract("P", 100, "2026-03-20"),
      contract("C", 105, "2026-03-20"),
      contract("C", 100, "2026-03-13"),
    ],
  };

  it("lists expiries in date order", () => {
    expect(expiries(chain)).toEqual(["2026-03-13", "2026-03-20"]);
  });

  it("pairs calls and puts by strike, marks the money and the nearest strike", () => {
    const table = rows(chain, "2026-03-20");
    expect(table.map((r) => r.strike)).toEqual([95, 100, 105]);
    expect(table[0]!.put).toBeNull();
    expect(table[1]!.call?.right).toBe("C");
    expect(table[1]!.put?.right).toBe("P");
    expect(table.map((r) => r.callInTheMoney)).toEqual([true, true, false]);
    expect(table.map((r) => r.putInTheMoney)).toEqual([false, false, true]);
    expect(table.map((r) => r.atTheMoney)).toEqual([false, true, false]);
  });

  it("lists every expiry's rows for the All tab, soonest first, each with its expiry", () => {
    const all = allRows(chain);
    expect(all.map((r) => [r.expiry, r.strike])).toEqual([["2026-03-13", 100], ["2026-03-20", 95], ["2026-03-20", 100], ["2026-03-20", 105]]);
    // Each expiry has its own nearest strike.
    expect(all.filter((r) => r.atTheMoney).map((r) => r.expiry)).toEqual(["2026-03-13", "2026-03-20"]);
  });

  it("works a short option's yield as the core does: on the strike for a put, the spot for a call", () => {
    // Mid 1.05 on the 100 put, 18 days: 1.05% for the period, 21.29% a year.
    const put = shortYield(contract("P", 100, "2026-03-20"), 101.2, 18)!;
    expect(put.period).toBeCloseTo(0.0105, 10);
    expect(put.annual).toBeCloseTo((0.0105 * 365) / 18, 10);
    const call = shortYield(contract("C", 105, "2026-03-20"), 101.2, 18)!;
    expect(call.period).toBeCloseTo(1.05 / 101.2, 10);
    // No two-sided quote, no spot for a call, or no time left: no yield.
    expect(shortYield({ ...contract("P", 100, "2026-03-20"), bid: null }, 101.2, 18)).toBeNull();
    expect(shortYield({ ...contract("P", 100, "2026-03-20"), bid: 0 }, 101.2, 18)).toBeNull();
    expect(shortYield(contract("C", 105, "2026-03-20"), null, 18)).toBeNull();
    expect(shortYield(contract("P", 100, "2026-03-20"), 101.2, 0)).toBeNull();
    expect(mid({ ...contract("P", 100, "2026-03-20"), bid: 1.2, ask: 1.1 })).toBeNull();
  });

  it("formats prices, percentages and changes with fixed decimals and a sign", () => {
    expect(price(1.5)).toBe("1.50");
    expect(price(null)).toBe("—");
    expect(percent(0.2534)).toBe("25.3%");
    expect(change(101.2, 100)).toEqual({ text: "+1.20%", tone: "gain" });
    expect(change(99, 100)).toEqual({ text: "−1.00%", tone: "loss" });
    expect(change(null, 100)).toEqual({ text: "—", tone: "" });
  });
});
