import { describe, expect, it } from "vitest";
import type { FillPreview, TicketStanding } from "./bindings";
import { effectLines, leftWheelLines } from "./preview";

const standing = (over: Partial<TicketStanding>): TicketStanding => ({
  cash: "20040", collateral: "2500", free_cash: "17540", shares: "0", cost_basis_per_share: null, adjusted_basis_per_share: null,
  premium_collected: "40", realized_pnl: "0", state: "put_open", ...over,
});

describe("effectLines", () => {
  it("lists only what the fill changes, before → after, formatted", () => {
    const preview: FillPreview = {
      portfolio: "Main", symbol: "T", warnings: [], new_wheel: false, duplicate: false, moved_from: null,
      before: standing({}),
      after: standing({ cash: "17540", collateral: "0", shares: "100", cost_basis_per_share: "24.6", adjusted_basis_per_share: "24.6", state: "shares" }),
    };
    expect(effectLines(preview)).toEqual([
      { label: "Cash", before: "20,040.00", after: "17,540.00" },
      { label: "Collateral", before: "2,500.00", after: "0.00" },
      { label: "Shares", before: "0", after: "100" },
      { label: "Cost basis / share", before: "—", after: "24.6" },
      { label: "Adjusted basis / share", before: "—", after: "24.6" },
      { label: "State", before: "Put open", after: "Shares" },
    ]);
  });

  it("shows the wheel an edit moves the fill away from by its own figures", () => {
    const preview: FillPreview = {
      portfolio: "Main", symbol: "VZ", warnings: [], new_wheel: true, duplicate: false,
      before: standing({ premium_collected: "0", state: null }),
      after: standing({}),
      moved_from: { symbol: "T", before: standing({}), after: standing({ premium_collected: "0", state: "idle" }) },
    };
    expect(leftWheelLines(preview)).toEqual([
      { label: "Premium collected", before: "40.00", after: "0.00" },
      { label: "State", before: "Put open", after: "Idle" },
    ]);
    expect(leftWheelLines({ ...preview, moved_from: null })).toEqual([]);
  });
});
