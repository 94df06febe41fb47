import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { CommandError } from "../lib/api";

const limits = vi.fn();
const setLimits = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return { ...real, api: { limits: () => limits(), setLimits: (l: unknown) => setLimits(l) } };
});

const { default: RiskLimitsSettings } = await import("./RiskLimitsSettings.svelte");
const stored = { max_position_pct: 10, max_name_pct: 25, max_sector_pct: 40, max_delta_pct: 150, max_daily_loss_pct: 2.5, min_cash_pct: 10 };

describe("RiskLimitsSettings", () => {
  it("saves the limits typed and says they are in use", async () => {
    limits.mockResolvedValueOnce(stored);
    setLimits.mockImplementationOnce(async (l: unknown) => l);
    render(RiskLimitsSettings);
    await vi.waitFor(() => expect((screen.getByTestId("limit-max_name_pct") as HTMLInputElement).value).toBe("25"));
    await fireEvent.input(screen.getByTestId("limit-max_name_pct"), { target: { value: "15" } });
    await fireEvent.click(screen.getByTestId("limits-save"));
    await vi.waitFor(() => expect(screen.getByTestId("limits-saved")).toBeTruthy());
    expect(setLimits).toHaveBeenCalledWith({ ...stored, max_name_pct: 15 });
  });

  it("marks the box the core refused and keeps what was typed", async () => {
    limits.mockResolvedValueOnce(stored);
    setLimits.mockRejectedValueOnce(new CommandError({ code: "invalid_input", message: "120 is not a percentage in (0, 100]: give e.g. 25 for 25%", field: "min_cash_pct", row: null }));
    render(RiskLimitsSettings);
    await vi.waitFor(() => expect(screen.getByTestId("limits-save")).toBeTruthy());
    await fireEvent.input(screen.getByTestId("limit-min_cash_pct"), { target: { value: "120" } });
    await fireEvent.click(screen.getByTestId("limits-save"));
    await vi.waitFor(() => expect(screen.getByTestId("error-banner").textContent).toContain("not a percentage"));
    const box = screen.getByTestId("limit-min_cash_pct") as HTMLInputElement;
    expect([box.value, box.getAttribute("aria-invalid")]).toEqual(["120", "true"]);
    expect(screen.getByTestId("limit-max_name_pct").getAttribute("aria-invalid")).toBe("false");
    expect(screen.queryByTestId("limits-saved")).toBeNull();
  });
});
