import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const fillChanges = vi.fn();
const undoChange = vi.fn();
// The list's ledger listener: the test fires what the undo's ledger change would.
let reload: (() => void | Promise<void>) | null = null;
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: { fillChanges: (...a: unknown[]) => fillChanges(...a), undoChange: (...a: unknown[]) => undoChange(...a) },
    loadAndFollowLedger: (load: () => void | Promise<void>) => {
      reload = load;
      void load();
      return () => {};
    },
  };
});

const { default: ChangeHistory } = await import("./ChangeHistory.svelte");

const put = {
  id: 4, seq: 4, date: "2026-11-20", time: null, action: "STO", symbol: "KO",
  option: { right: "P", strike: "66", expiry: "2026-12-18", multiplier: "100", deliverable: "100" },
  quantity: "1", price: "0.95", fees: "0.65", account: null, external_id: "ww-4", roll_id: null, note: null,
};

describe("ChangeHistory", () => {
  it("lists the portfolio's changes newest first, undoes one, and shows the undo on top", async () => {
    fillChanges.mockResolvedValueOnce([
      { change: 12, at: "2026-11-22T15:05:00Z", source: "cli", kind: "edited", fill_id: 4, before: put, after: { ...put, price: "1.05" }, edits: [{ field: "price", before: "0.95", after: "1.05" }], undoable: true, undoes: null, part_of: null },
      { change: 11, at: "2026-11-22T15:00:00Z", source: "app", kind: "recorded", fill_id: 4, before: null, after: put, edits: [], undoable: false, undoes: null, part_of: null },
    ]);
    render(ChangeHistory, { portfolio: "Main" });
    const rows = await screen.findAllByTestId("change-row");
    expect(fillChanges).toHaveBeenCalledWith("Main", 20);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^12.*cliEdited fill 4: price 0.95 → 1.05/),
      expect.stringMatching(/^11.*appRecorded fill 4: Sell to open KO/),
    ]);

    // Only the latest change to the fill offers Undo; the earlier one says why not.
    expect(screen.getAllByTestId("undo")).toHaveLength(1);
    expect(screen.getByTestId("change-superseded").getAttribute("title")).toContain("later change");
    undoChange.mockResolvedValueOnce({ change: 13, fill_id: 4, portfolio: "Main", description: "put fill 4 back as it was" });
    fillChanges.mockResolvedValueOnce([
      { change: 13, at: "2026-11-22T15:06:00Z", source: "app", kind: "edited", fill_id: 4, before: { ...put, price: "1.05" }, after: put, edits: [{ field: "price", before: "1.05", after: "0.95" }], undoable: true, undoes: 12, part_of: null },
    ]);
    await fireEvent.click(screen.getAllByTestId("undo")[0]!);
    expect(undoChange).toHaveBeenCalledWith(12);
    await reload!();
    const now = await screen.findAllByTestId("change-row");
    expect(now[0]!.textContent).toContain("Undo of change 12: Edited fill 4: price 1.05 → 0.95");
  });

  it("says when there is nothing to undo yet", async () => {
    fillChanges.mockResolvedValueOnce([]);
    render(ChangeHistory, { portfolio: "Main" });
    expect((await screen.findByTestId("changes-none")).textContent).toContain("listed here");
  });
});
