import { describe, expect, it } from "vitest";
import type { OptionChain, OptionQuote, Quote } from "./bindings";
import { change, expiries, percent, price, rows } from "./chainTable";

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

  it("formats prices, percentages and changes with fixed decimals and a sign", () => {
    expect(price(1.5)).toBe("1.50");
    expect(price(null)).toBe("—");
    expect(percent(0.2534)).toBe("25.3%");
    expect(change(101.2, 100)).toEqual({ text: "+1.20%", tone: "gain" });
    expect(change(99, 100)).toEqual({ text: "−1.00%", tone: "loss" });
    expect(change(null, 100)).toEqual({ text: "—", tone: "" });
  });
});
