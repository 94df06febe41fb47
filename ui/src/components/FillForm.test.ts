import { describe, expect, it, vi, beforeEach } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const addFill = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return { ...real, api: { addFill: (...a: unknown[]) => addFill(...a), editFill: vi.fn() } };
});

const { default: FillForm } = await import("./FillForm.svelte");
const { CommandError } = await import("../lib/api");

describe("FillForm", () => {
  beforeEach(() => addFill.mockReset());

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
});
