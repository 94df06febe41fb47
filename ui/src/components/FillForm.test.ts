import { describe, expect, it, vi, beforeEach } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const addFill = vi.fn();
const previewFill = vi.fn();
const undoChange = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      addFill: (...a: unknown[]) => addFill(...a),
      editFill: vi.fn(),
      previewFill: (...a: unknown[]) => previewFill(...a),
      undoChange: (...a: unknown[]) => undoChange(...a),
    },
  };
});

const { default: FillForm } = await import("./FillForm.svelte");
const { CommandError } = await import("../lib/api");

describe("FillForm", () => {
  beforeEach(() => {
    addFill.mockReset();
    previewFill.mockReset();
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
});
