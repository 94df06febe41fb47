import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const wheelCriteria = vi.fn();
const setWheelCriteria = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return { ...real, api: { wheelCriteria: (...a: unknown[]) => wheelCriteria(...a), setWheelCriteria: (...a: unknown[]) => setWheelCriteria(...a) } };
});

const { default: WheelCriteriaPanel } = await import("./WheelCriteriaPanel.svelte");

const criteria = { delta_min: 0.25, delta_max: 0.3, dte_min: 30, dte_max: 45, min_premium: 0.15, min_annualized_yield: 0.1, min_open_interest: 100, max_spread: 0.1, basis_guard: "adjusted", take_profit: 0.5 };

describe("WheelCriteriaPanel", () => {
  it("saves the custom choice with only the boxes filled in as overrides", async () => {
    wheelCriteria.mockResolvedValueOnce({ portfolio: "Main", symbol: "KO", profile: "moderate", custom: false, overrides: { min_open_interest: 10 }, criteria });
    setWheelCriteria.mockResolvedValueOnce({ portfolio: "Main", symbol: "KO", profile: "custom", custom: true, overrides: { dte_max: 60, min_open_interest: 10 }, criteria: { ...criteria, dte_max: 60 } });
    render(WheelCriteriaPanel, { portfolio: "Main", symbol: "KO" });
    await vi.waitFor(() => expect(screen.getByTestId("criteria-save")).toBeTruthy());
    expect((screen.getByTestId("criteria-dte_max") as HTMLInputElement).placeholder).toBe("45");
    await fireEvent.click(screen.getByTestId("criteria-custom"));
    await fireEvent.input(screen.getByTestId("criteria-dte_max"), { target: { value: "60" } });
    await fireEvent.click(screen.getByTestId("criteria-save"));
    await vi.waitFor(() => expect(screen.getByTestId("criteria-effective").textContent).toContain("(saved)"));
    expect(setWheelCriteria).toHaveBeenCalledWith("Main", "KO", { custom: true, overrides: { min_open_interest: 10, dte_max: 60 } });
    expect(screen.getByTestId("criteria-effective").textContent).toContain("custom profile: |Δ| 0.25–0.3, 30–60 days");
  });

  it("refuses a box that is not a number before asking the core", async () => {
    wheelCriteria.mockResolvedValueOnce({ portfolio: "Main", symbol: "KO", profile: "moderate", custom: false, overrides: {}, criteria });
    setWheelCriteria.mockClear();
    render(WheelCriteriaPanel, { portfolio: "Main", symbol: "KO" });
    await vi.waitFor(() => expect(screen.getByTestId("criteria-save")).toBeTruthy());
    await fireEvent.input(screen.getByTestId("criteria-dte_max"), { target: { value: "30.5" } });
    await fireEvent.click(screen.getByTestId("criteria-save"));
    await vi.waitFor(() => expect(screen.getByText(/not a whole number of days/)).toBeTruthy());
    expect(setWheelCriteria).not.toHaveBeenCalled();
  });

  it("shows the core's refusal and keeps what was typed", async () => {
    wheelCriteria.mockResolvedValueOnce({ portfolio: "Main", symbol: "KO", profile: "moderate", custom: false, overrides: {}, criteria });
    setWheelCriteria.mockRejectedValueOnce({ code: "invalid_input", message: "the delta band must be 0 ≤ min ≤ max ≤ 1, got 0.9 – 0.3", field: "delta_min", row: null });
    render(WheelCriteriaPanel, { portfolio: "Main", symbol: "KO" });
    await vi.waitFor(() => expect(screen.getByTestId("criteria-save")).toBeTruthy());
    await fireEvent.input(screen.getByTestId("criteria-delta_min"), { target: { value: "0.9" } });
    await fireEvent.click(screen.getByTestId("criteria-save"));
    await vi.waitFor(() => expect(screen.getByText(/delta band must be/)).toBeTruthy());
    expect((screen.getByTestId("criteria-delta_min") as HTMLInputElement).value).toBe("0.9");
  });
});
