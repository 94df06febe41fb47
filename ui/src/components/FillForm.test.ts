import { describe, expect, it, vi, beforeEach } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const addFill = vi.fn();
const editFill = vi.fn();
const previewFill = vi.fn();
const previewEdit = vi.fn();
const undoChange = vi.fn();
// The ticket's ledger listener: the test fires what a ledger change would.
const ledgerListeners: Array<(event: { kind: string }) => void> = [];
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      addFill: (...a: unknown[]) => addFill(...a),
      editFill: (...a: unknown[]) => editFill(...a),
      previewFill: (...a: unknown[]) => previewFill(...a),
      previewEdit: (...a: unknown[]) => previewEdit(...a),
      onLedgerChanged: (handler: (event: { kind: string }) => void) => {
        ledgerListeners.push(handler);
        return Promise.resolve(() => ledgerListeners.splice(ledgerListeners.indexOf(handler), 1));
      },
      undoChange: (...a: unknown[]) => undoChange(...a),
    },
  };
});

const { default: FillForm } = await import("./FillForm.svelte");
const { CommandError } = await import("../lib/api");
const { emptyDraft } = await import("../lib/fillForm");

describe("FillForm", () => {
  beforeEach(() => {
    addFill.mockReset();
    editFill.mockReset();
    previewFill.mockReset();
    previewEdit.mockReset();
    undoChange.mockReset();
    previewFill.mockResolvedValue(null);
  });

  it("shows only the fields the action takes", async () => {
    render(FillForm, { portfolio: "Main", symbol: "AAPL", actions: ["STO", "EXPIRE"] });
    expect(screen.queryByTestId("fill-price")).not.toBeNull();
    await fireEvent.change(screen.getByTestId("fill-action"), { target: { value: "EXPIRE" } });
    expect(screen.queryByTestId("fill-price")).toBeNull();
    expect(screen.queryByTestId("fill-strike")).not.toBeNull();
  });

  it("catches bad input before calling the core", async () => {
    render(FillForm, { portfolio: "Main", symbol: "AAPL", actions: ["STO"] });
    await fireEvent.input(screen.getByTestId("fill-strike"), { target: { value: "fifty" } });
    await fireEvent.submit(screen.getByTestId("fill-form"));
    expect(screen.getByTestId("field-error-strike").textContent).toContain("plain number");
    expect(addFill).not.toHaveBeenCalled();
  });

  it("puts the core's field error on the field it names", async () => {
    addFill.mockRejectedValueOnce(new CommandError({ code: "close_exceeds_open", message: "needs 1 short contract open, but 0 are open", field: "quantity", row: null }));
    render(FillForm, { portfolio: "Main", symbol: "AAPL", actions: ["BTC"] });
    await fireEvent.input(screen.getByTestId("fill-strike"), { target: { value: "50" } });
    await fireEvent.input(screen.getByTestId("fill-expiry"), { target: { value: "2099-02-20" } });
    await fireEvent.input(screen.getByTestId("fill-price"), { target: { value: "1" } });
    await fireEvent.submit(screen.getByTestId("fill-form"));
    await vi.waitFor(() => expect(screen.getByTestId("field-error-quantity").textContent).toContain("0 are open"));
    expect(screen.getByTestId("error-banner").textContent).toContain("close_exceeds_open");
    expect(addFill).toHaveBeenCalledWith("Main", expect.objectContaining({ action: "BTC", symbol: "AAPL" }));
  });

  it("previews the typed fill's effect, says when the core would refuse it, and offers undo once recorded", async () => {
    const standing = { cash: "20000", collateral: "0", free_cash: "20000", shares: "0", cost_basis_per_share: null, adjusted_basis_per_share: null, premium_collected: "0", realized_pnl: "0", state: null };
    previewFill.mockResolvedValue({
      portfolio: "Main", symbol: "T", warnings: [], new_wheel: true, duplicate: false,
      before: standing,
      after: { ...standing, cash: "20040", collateral: "2500", free_cash: "17540", premium_collected: "40", state: "put_open" },
    });
    render(FillForm, { portfolio: "Main", symbol: "T", actions: ["STO"] });
    await fireEvent.input(screen.getByTestId("fill-strike"), { target: { value: "25" } });
    await fireEvent.input(screen.getByTestId("fill-expiry"), { target: { value: "2099-12-18" } });
    await fireEvent.input(screen.getByTestId("fill-price"), { target: { value: "0.40" } });
    await vi.waitFor(() => expect(screen.getByTestId("fill-preview")).toBeTruthy());
    expect(previewFill).toHaveBeenLastCalledWith("Main", expect.objectContaining({ action: "STO", symbol: "T", price: "0.40" }));
    const lines = screen.getAllByTestId("preview-line").map((l) => l.textContent);
    expect(lines).toContain("Collateral 0.00 → 2,500.00");
    expect(lines).toContain("Free cash 20,000.00 → 17,540.00");
    expect(screen.getByTestId("fill-preview").textContent).toContain("starts a T wheel");

    previewFill.mockRejectedValue(new CommandError({ code: "insufficient_shares", message: "needs 100 shares, holds 0", field: "quantity", row: null }));
    await fireEvent.input(screen.getByTestId("fill-price"), { target: { value: "0.45" } });
    await vi.waitFor(() => expect(screen.getByTestId("fill-preview-refusal").textContent).toContain("needs 100 shares"));
    expect(screen.queryByTestId("fill-preview")).toBeNull();

    addFill.mockResolvedValueOnce({ fill: { id: 7, seq: 7, action: "STO" }, summary: null, warnings: [], duplicate: false, change: 31 });
    undoChange.mockResolvedValueOnce({ change: 32, fill_id: 7, portfolio: "Main", description: "deleted fill 7" });
    await fireEvent.submit(screen.getByTestId("fill-form"));
    await vi.waitFor(() => expect(screen.getByTestId("undo")).toBeTruthy());
    await fireEvent.click(screen.getByTestId("undo"));
    await vi.waitFor(() => expect(screen.getByTestId("undo-done").textContent).toBe("Undone: deleted fill 7."));
    expect(undoChange).toHaveBeenCalledWith(31);
  });

  it("asks for a preview once typing pauses, again when the ledger changes, and previews an edit as an edit", async () => {
    vi.useFakeTimers();
    try {
      const standing = { cash: "1000", collateral: "0", free_cash: "1000", shares: "0", cost_basis_per_share: null, adjusted_basis_per_share: null, premium_collected: "0", realized_pnl: "0", state: null };
      previewFill.mockResolvedValue({ portfolio: "Main", symbol: null, warnings: [], new_wheel: false, duplicate: false, before: standing, after: { ...standing, cash: "1250", free_cash: "1250" } });
      const view = render(FillForm, { portfolio: "Main", actions: ["DEPOSIT"] });
      // Three keystrokes 100 ms apart: one question, about the last.
      for (const value of ["2", "25", "250"]) {
        await fireEvent.input(screen.getByTestId("fill-price"), { target: { value } });
        await vi.advanceTimersByTimeAsync(100);
      }
      expect(previewFill).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(150);
      expect(previewFill).toHaveBeenCalledTimes(1);
      expect(previewFill).toHaveBeenLastCalledWith("Main", expect.objectContaining({ action: "DEPOSIT", price: "250" }));

      // The ledger changes under the ticket: asked again; an alert change is not a ledger change.
      ledgerListeners.forEach((listener) => listener({ kind: "alerts_changed" }));
      await vi.advanceTimersByTimeAsync(300);
      expect(previewFill).toHaveBeenCalledTimes(1);
      ledgerListeners.forEach((listener) => listener({ kind: "fills_changed" }));
      await vi.advanceTimersByTimeAsync(300);
      expect(previewFill).toHaveBeenCalledTimes(2);

      // Editing fill 9: the edit is previewed, and "If saved" heads its effect.
      previewEdit.mockResolvedValue({ portfolio: "Main", symbol: null, warnings: [], new_wheel: false, duplicate: false, before: standing, after: { ...standing, cash: "900", free_cash: "900" } });
      const draft = { ...emptyDraft("2026-11-20", ""), action: "DEPOSIT" as const, price: "250" };
      await view.rerender({ portfolio: "Main", actions: ["DEPOSIT"], draft, editing: { id: 9 } as never });
      await vi.advanceTimersByTimeAsync(300);
      expect(previewEdit).toHaveBeenLastCalledWith(9, expect.objectContaining({ price: "250" }));
      expect(previewFill).toHaveBeenCalledTimes(2);
      expect(screen.getByTestId("fill-preview").textContent).toContain("If saved:");
      expect(screen.getAllByTestId("preview-line").map((l) => l.textContent)).toContain("Cash 1,000.00 → 900.00");
      view.unmount();
      await vi.advanceTimersByTimeAsync(0);
      expect(ledgerListeners).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows the wheel an edit moves the fill away from, and saves an unchanged edit as nothing to undo", async () => {
    const standing = { cash: "1000", collateral: "2500", free_cash: "-1500", shares: "0", cost_basis_per_share: null, adjusted_basis_per_share: null, premium_collected: "40", realized_pnl: "0", state: "put_open" as const };
    previewEdit.mockResolvedValue({
      portfolio: "Main", symbol: "VZ", warnings: [], new_wheel: true, duplicate: false,
      before: { ...standing, premium_collected: "0", state: null }, after: standing,
      moved_from: { symbol: "T", before: standing, after: { ...standing, premium_collected: "0", state: "idle" } },
    });
    const draft = { ...emptyDraft("2026-11-20", "VZ"), action: "STO" as const, right: "P" as const, strike: "25", expiry: "2026-12-18", quantity: "1", price: "0.40" };
    render(FillForm, { portfolio: "Main", actions: ["STO"], draft, editing: { id: 4 } as never });
    await screen.findByTestId("preview-left");
    expect(screen.getByTestId("preview-left").textContent).toBe("Leaves the T wheel:");
    expect(screen.getAllByTestId("preview-left-line").map((l) => l.textContent)).toEqual(["Premium collected 40.00 → 0.00", "State Put open → Idle"]);
    expect(screen.getByTestId("fill-preview").textContent).toContain("(starts a VZ wheel)");

    editFill.mockResolvedValue({ fill: { id: 4, action: "STO" }, summary: null, warnings: [], duplicate: true, change: null });
    await fireEvent.submit(screen.getByTestId("fill-form"));
    expect((await screen.findByTestId("fill-saved")).textContent).toBe("Fill 4 is unchanged — nothing to save.");
    expect(screen.queryByTestId("undo")).toBeNull();
  });
});
