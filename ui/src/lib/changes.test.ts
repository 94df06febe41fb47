import { describe, expect, it } from "vitest";
import type { Fill, FillChange } from "./bindings";
import { describeChange, fillWords } from "./changes";

const put: Fill = {
  id: 4, seq: 4, date: "2026-11-20", time: null, action: "STO", symbol: "KO",
  option: { right: "P", strike: "66", expiry: "2026-12-18", multiplier: "100", deliverable: "100" },
  quantity: "1", price: "0.95", fees: "0.65", account: null, external_id: "ww-4", roll_id: null, note: null,
};

const change = (over: Partial<FillChange>): FillChange => ({ change: 9, at: "2026-11-22T15:00:00Z", source: "app", kind: "recorded", fill_id: 4, before: null, after: put, edits: [], undoable: true, undoes: null, part_of: null, ...over });

describe("changes", () => {
  it("says a fill in words, with an odd contract's size", () => {
    expect(fillWords(put)).toBe("Sell to open KO 2026-12-18 66P, 1 at 0.95 on 2026-11-20");
    const odd = { ...put, option: { ...put.option!, deliverable: "105" } };
    expect(fillWords(odd)).toContain("66P ×100/105sh");
    expect(fillWords({ ...put, action: "DEPOSIT", symbol: null, option: null, quantity: "0", price: "20000" })).toBe("Deposit, 0 at 20000 on 2026-11-20");
  });

  it("says what an edit changed by the core's field edits, and what a recording or deletion was", () => {
    const dearer = { ...put, price: "1.05", note: "rolled later" };
    const edits = [{ field: "price", before: "0.95", after: "1.05" }, { field: "note", before: "—", after: "rolled later" }];
    expect(describeChange(change({ kind: "edited", before: put, after: dearer, edits }))).toBe("Edited fill 4: price 0.95 → 1.05, note — → rolled later");
    expect(describeChange(change({}))).toBe("Recorded fill 4: Sell to open KO 2026-12-18 66P, 1 at 0.95 on 2026-11-20");
    expect(describeChange(change({ kind: "deleted", before: put, after: null }))).toMatch(/^Deleted fill 4: Sell to open KO/);
  });

  it("names the change an undo reversed", () => {
    expect(describeChange(change({ kind: "deleted", before: put, after: null, undoes: 7 }))).toMatch(/^Undo of change 7: Deleted fill 4: Sell to open KO/);
    const edits = [{ field: "price", before: "1.05", after: "0.95" }];
    expect(describeChange(change({ kind: "edited", before: put, after: put, edits, undoes: 8 }))).toBe("Undo of change 8: Edited fill 4: price 1.05 → 0.95");
    expect(describeChange(change({ part_of: 11 }))).toMatch(/^Recorded fill 4: .* \(one action with change 11, undone together\)$/);
  });
});
