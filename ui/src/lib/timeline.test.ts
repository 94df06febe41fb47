import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import type { Cycle, Fill, Roll, WheelDetail } from "./bindings";
import { timeline } from "./timeline";
import CycleTimeline from "../components/CycleTimeline.svelte";

const fill = (id: number, date: string, action: Fill["action"], roll_id: string | null = null, strike = "25"): Fill => ({
  id, seq: id, date, time: null, action, symbol: "T", quantity: action === "DIVIDEND" ? "100" : "1", price: action === "DIVIDEND" ? "0.28" : "0.40", fees: "0",
  option: action === "DIVIDEND" ? null : { right: "P", strike, expiry: "2026-12-18", multiplier: "100", deliverable: "100" },
  account: null, external_id: null, roll_id, note: null,
});
const cycle = (number: number, fills: number[], ended: string | null): Cycle => ({
  number, started: "2026-10-01", ended, premium_collected: "40", net_option_cash: "40", realized_pnl: "12.50", dividends: "0", fees: "0", fills,
});
const roll: Roll = { roll_id: "r1", date: "2026-11-02", closed_legs: [2], opened_legs: [4], net: "23.70", chain_net: "23.70" };

// A dividend before any cycle (fill 1), cycle 1: a sale (2), its roll (3 closes, 4 opens), the
// new leg expiring (5); cycle 2: a new sale (6).
const fills = [fill(1, "2026-09-15", "DIVIDEND"), fill(2, "2026-10-01", "STO"), fill(3, "2026-11-02", "BTC", "r1"), fill(4, "2026-11-02", "STO", "r1", "24"), fill(5, "2026-12-18", "EXPIRE"), fill(6, "2026-12-21", "STO")];
const detail = {
  summary: { cycles: [cycle(1, [2, 3, 4, 5], "2026-12-18"), cycle(2, [6], null)], rolls: [roll] },
  fills,
} as unknown as WheelDetail;

describe("the cycle timeline", () => {
  it("lists the newest cycle first, folds a roll's fills into one step, and keeps fills outside any cycle apart", () => {
    const groups = timeline(detail);
    expect(groups.map((g) => g.cycle?.number ?? null)).toEqual([2, 1, null]);
    // Each step as the fill ids it shows, a roll's under its roll id.
    const shown = groups.map((g) => g.steps.map((s) => (s.kind === "fill" ? s.fill.id : { [s.roll.roll_id]: s.fills.map((f) => f.id) })));
    expect(shown).toEqual([[6], [2, { r1: [3, 4] }, 5], [1]]);
  });

  it("reads the roll as one line with its net", () => {
    render(CycleTimeline, { detail });
    const roll = screen.getAllByTestId("timeline-step").find((s) => s.dataset.kind === "roll");
    expect(roll?.textContent?.replace(/\s+/g, " ")).toContain("Rolled: Buy to close 2026-12-18 25P 1 at 0.40 → Sell to open 2026-12-18 24P 1 at 0.40 · net credit 23.70");
    expect(screen.getAllByTestId("timeline-cycle").map((c) => c.querySelector("strong")?.textContent)).toEqual(["Cycle 2", "Cycle 1", "Before the first cycle"]);
  });
});

describe("a roll the ledger split across two cycles", () => {
  it("is one step, in the cycle of its first leg; its later leg reads as a fill", () => {
    // Bought back on Nov 2 (flat), a dividend ended cycle 1, the new put sold on Nov 4 began cycle 2.
    const split = {
      summary: { cycles: [cycle(1, [2, 3, 7], "2026-11-03"), cycle(2, [4], null)], rolls: [roll] },
      fills: [...fills.slice(1, 4), { ...fill(7, "2026-11-03", "DIVIDEND") }],
    } as unknown as WheelDetail;
    const shown = timeline(split).map((g) => g.steps.map((s) => (s.kind === "fill" ? s.fill.id : { [s.roll.roll_id]: s.fills.map((f) => f.id) })));
    expect(shown).toEqual([[4], [2, { r1: [3] }, 7]]);
  });
});
