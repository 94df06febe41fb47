import { describe, expect, it } from "vitest";
import type { Candidate } from "./bindings";
import { DEFAULT_FILTER, deletePreset, filterOf, loadPresets, savePreset, sortCandidates } from "./scanner";

function candidate(symbol: string, score: number, delta: number, dte: number): Candidate {
  return {
    symbol, occ: `${symbol}-${dte}`, right: "P", strike: 50, expiry: "2026-12-18", dte, contracts: 1, spot: 52, bid: 1, mid: 1.05,
    spread: 0.1, width: 0.1, open_interest: 500, volume: 10, premium_yield: 0.02, annualized_yield: 0.3, capital_required: 5000,
    breakeven: 49, pop: 0.7, assignment_probability: 0.3, delta, theta_per_day: 0.02, iv: 0.3, model: "american", warnings: [],
    score: { yield_part: 0, pop_part: 0, liquidity_part: 0, total: score }, reason: "",
  };
}

class Memory {
  items = new Map<string, string>();
  getItem(key: string) { return this.items.get(key) ?? null; }
  setItem(key: string, value: string) { this.items.set(key, value); }
}

describe("scanner results", () => {
  const list = [candidate("PEP", 7, -0.3, 30), candidate("KO", 9, -0.2, 45), candidate("T", 7, -0.25, 14)];

  it("sort by a column either way, ties in the core's order", () => {
    expect(sortCandidates(list, "score", true).map((c) => c.symbol)).toEqual(["KO", "PEP", "T"]);
    expect(sortCandidates(list, "score", false).map((c) => c.symbol)).toEqual(["PEP", "T", "KO"]);
    expect(sortCandidates(list, "symbol", false).map((c) => c.symbol)).toEqual(["KO", "PEP", "T"]);
    // Delta by size: −0.2 is the smallest.
    expect(sortCandidates(list, "delta", false).map((c) => c.symbol)).toEqual(["KO", "T", "PEP"]);
    expect(sortCandidates(list, "dte", true).map((c) => c.dte)).toEqual([45, 30, 14]);
    expect(list.map((c) => c.symbol)).toEqual(["PEP", "KO", "T"]);
  });
});

describe("the scan filter", () => {
  it("takes a price cap only as a positive number, and names a cleared field", () => {
    expect(filterOf(DEFAULT_FILTER, "")).toEqual({ filter: DEFAULT_FILTER });
    expect(filterOf({ ...DEFAULT_FILTER, max_price: 80 }, "")).toEqual({ filter: DEFAULT_FILTER });
    expect(filterOf(DEFAULT_FILTER, " 80.5 ")).toEqual({ filter: { ...DEFAULT_FILTER, max_price: 80.5 } });
    expect(filterOf(DEFAULT_FILTER, "80,5")).toEqual({ field: "max_price", message: expect.stringContaining('"80,5" is not a price') });
    expect(filterOf(DEFAULT_FILTER, "0")).toHaveProperty("field", "max_price");
    const cleared = { ...DEFAULT_FILTER, dte_max: null as unknown as number };
    expect(filterOf(cleared, "")).toEqual({ field: "dte_max", message: "DTE to: enter a number" });
  });
});

describe("scan presets", () => {
  it("save, replace by name, fill missing fields and delete", () => {
    const storage = new Memory();
    expect(loadPresets(storage)).toEqual([]);
    savePreset(" Tight ", { ...DEFAULT_FILTER, delta_max: 0.2 }, storage);
    savePreset("Aggressive", { ...DEFAULT_FILTER, delta_max: 0.45 }, storage);
    const replaced = savePreset("Tight", { ...DEFAULT_FILTER, delta_max: 0.22 }, storage);
    expect(replaced.map((p) => [p.name, p.filter.delta_max])).toEqual([["Aggressive", 0.45], ["Tight", 0.22]]);
    expect(() => savePreset("  ", DEFAULT_FILTER, storage)).toThrow(/Name the preset/);
    storage.setItem("wheelwright.scan-presets", JSON.stringify([{ name: "Old", filter: { dte_max: 30 } }]));
    expect(loadPresets(storage)[0]!.filter).toEqual({ ...DEFAULT_FILTER, dte_max: 30 });
    storage.setItem("wheelwright.scan-presets", JSON.stringify([{ name: "Old", filter: { dte_max: null, limit: 20 } }]));
    expect(loadPresets(storage)[0]!.filter).toEqual({ ...DEFAULT_FILTER, limit: 20 });
    expect(deletePreset("Old", storage)).toEqual([]);
    storage.setItem("wheelwright.scan-presets", "not json");
    expect(loadPresets(storage)).toEqual([]);
  });
});
