import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import type { FillData, OpenOption } from "../lib/bindings";

const previewRoll = vi.fn();
const addRoll = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      previewRoll: (...a: unknown[]) => previewRoll(...a),
      addRoll: (...a: unknown[]) => addRoll(...a),
      onLedgerChanged: async () => () => {},
    },
  };
});

const { default: RollForm } = await import("./RollForm.svelte");
const { CommandError } = await import("../lib/api");

const put: OpenOption = {
  leg_id: 3, right: "P", side: "short", strike: "25", expiry: "2026-12-18", contracts: "2", open_price: "0.40", opened: "2026-11-20",
  multiplier: "100", deliverable: "100",
};
const standing = (cash: string, collateral: string, realized: string) => ({
  cash, collateral, free_cash: "0", shares: "0", cost_basis_per_share: null, adjusted_basis_per_share: null, premium_collected: "80",
  realized_pnl: realized, state: "put_open" as const,
});

async function type(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe("RollForm", () => {
  it("previews both legs, records them as one roll and offers its undo", async () => {
    previewRoll.mockResolvedValue({
      portfolio: "Main", symbol: "T", before: standing("20078.70", "5000", "0"), after: standing("20126.10", "4800", "17.40"),
      warnings: [], new_wheel: false, duplicate: false, moved_from: null,
    });
    render(RollForm, { portfolio: "Main", symbol: "T", option: put, onclose: () => {} });
    await type("roll-close-price", "0.30");
    await type("roll-strike", "24");
    await type("roll-expiry", "2027-01-15");
    await type("roll-price", "0.55");
    const preview = await screen.findByTestId("roll-preview", {}, { timeout: 2000 });
    expect(preview.textContent).toContain("20,126.10");
    const [portfolio, close, open] = previewRoll.mock.calls.at(-1) as [string, FillData, FillData];
    expect(portfolio).toBe("Main");
    // The buy-back is of the option rolled, whole; the sale is the new contract, as many.
    expect([close.action, close.option?.strike, close.option?.expiry, close.quantity, close.price]).toEqual(["BTC", "25", "2026-12-18", "2", "0.30"]);
    expect([open.action, open.option?.strike, open.option?.expiry, open.quantity, open.price]).toEqual(["STO", "24", "2027-01-15", "2", "0.55"]);

    addRoll.mockResolvedValueOnce({
      roll_id: "roll-1", net: "50.00", change: 41,
      close: { fill: { ...close, id: 7, seq: 7 }, summary: null, warnings: [], duplicate: false, change: 41 },
      open: { fill: { ...open, id: 8, seq: 8 }, summary: null, warnings: [], duplicate: false, change: 42 },
    });
    await fireEvent.click(screen.getByTestId("roll-submit"));
    const saved = await screen.findByTestId("roll-saved");
    expect(saved.textContent).toContain("Rolled to 2027-01-15 24P: net credit 50.00");
    expect(screen.getByTestId("undo")).toBeTruthy();
  });

  it("refuses a roll into the same contract before asking the core, and shows the core's refusal on its input", async () => {
    addRoll.mockReset();
    render(RollForm, { portfolio: "Main", symbol: "T", option: put, onclose: () => {} });
    await type("roll-close-price", "0.30");
    await type("roll-expiry", "2026-12-18");
    await type("roll-price", "0.55");
    await fireEvent.click(screen.getByTestId("roll-submit"));
    expect(screen.getByTestId("roll-error-expiry").textContent).toContain("the one bought back");
    expect(addRoll).not.toHaveBeenCalled();

    await type("roll-expiry", "2027-01-15");
    addRoll.mockRejectedValueOnce(new CommandError({ code: "invalid_input", message: "a roll's two legs trade the same day", field: "open.date", row: null }));
    await fireEvent.click(screen.getByTestId("roll-submit"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("same day");
    expect(screen.getByTestId("roll-date").getAttribute("aria-invalid")).toBe("true");
  });
});
