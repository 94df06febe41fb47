import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import type { Criteria, NamedProfile } from "../lib/bindings";

const profiles = vi.fn();
const setCustomProfile = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return { ...real, api: { profiles: () => profiles(), setCustomProfile: (c: unknown) => setCustomProfile(c) } };
});

const { default: ProfileSettings } = await import("./ProfileSettings.svelte");
const conservative: Criteria = { delta_min: 0.15, delta_max: 0.2, dte_min: 30, dte_max: 45, min_premium: 0.1, min_annualized_yield: 0.06, min_open_interest: 100, max_spread: 0.1, basis_guard: "adjusted", take_profit: 0.5 };
const aggressive: Criteria = { delta_min: 0.35, delta_max: 0.4, dte_min: 7, dte_max: 21, min_premium: 0.1, min_annualized_yield: 0.15, min_open_interest: 50, max_spread: 0.15, basis_guard: "adjusted", take_profit: 0.65 };
const list = (custom: Criteria): NamedProfile[] => [
  { name: "conservative", criteria: conservative },
  { name: "aggressive", criteria: aggressive },
  { name: "custom", criteria: custom },
];

describe("ProfileSettings", () => {
  it("shows the named profiles beside the custom one and saves the custom one started from another", async () => {
    profiles.mockResolvedValueOnce(list(conservative));
    render(ProfileSettings);
    await vi.waitFor(() => expect((screen.getByTestId("profile-dte_max") as HTMLInputElement).value).toBe("45"));
    // The aggressive column reads as the trader says it: 15% a year, 7 to 21 days.
    const cells = (label: string) => Array.from(screen.getByText(label).closest("tr")!.querySelectorAll("td")).slice(0, 2).map((td) => td.textContent?.trim());
    expect(cells("Minimum yield a year (%)")).toEqual(["6", "15"]);
    expect(cells("Days to expiry to")).toEqual(["45", "21"]);
    await fireEvent.click(screen.getByTestId("profile-start-aggressive"));
    expect((screen.getByTestId("profile-take_profit") as HTMLInputElement).value).toBe("65");
    await fireEvent.input(screen.getByTestId("profile-dte_max"), { target: { value: "30" } });
    await fireEvent.change(screen.getByTestId("profile-basis_guard"), { target: { value: "tax" } });
    const saved = { ...aggressive, dte_max: 30, basis_guard: "tax" as const };
    setCustomProfile.mockResolvedValueOnce(saved);
    profiles.mockResolvedValueOnce(list(saved));
    await fireEvent.click(screen.getByTestId("profile-save"));
    await vi.waitFor(() => expect(screen.getByTestId("profile-saved")).toBeTruthy());
    expect(setCustomProfile).toHaveBeenCalledWith(saved);
  });

  it("names a box that does not read before asking the core, and shows the core's refusal", async () => {
    profiles.mockResolvedValueOnce(list(conservative));
    setCustomProfile.mockClear();
    render(ProfileSettings);
    await vi.waitFor(() => expect(screen.getByTestId("profile-save")).toBeTruthy());
    await fireEvent.input(screen.getByTestId("profile-min_open_interest"), { target: { value: "lots" } });
    await fireEvent.click(screen.getByTestId("profile-save"));
    await vi.waitFor(() => expect(screen.getByTestId("error-banner").textContent).toContain("'lots' is not a number"));
    expect(setCustomProfile).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByTestId("profile-min_open_interest"), { target: { value: "100" } });
    setCustomProfile.mockRejectedValueOnce({ code: "invalid_input", message: "the KO wheel of Main follows the custom profile with its own overrides, and with them the delta band must be 0 ≤ min ≤ max ≤ 1", field: "delta_min", row: null });
    await fireEvent.click(screen.getByTestId("profile-save"));
    await vi.waitFor(() => expect(screen.getByTestId("error-banner").textContent).toContain("KO wheel of Main"));
    expect(screen.getByTestId("profile-delta_min").getAttribute("aria-invalid")).toBe("true");
  });
});
