import { describe, expect, it, vi } from "vitest";
import type { DesktopPreferences } from "./bindings";

const calls = { preferences: vi.fn(), setPreferences: vi.fn() };
vi.mock("./api", () => ({ api: { preferences: () => calls.preferences(), setPreferences: (p: DesktopPreferences) => calls.setPreferences(p) } }));
const { loadPreferences, preferences, savePreferences } = await import("./preferences.svelte");

describe("savePreferences", () => {
  it("keeps both of two changes saved at once, and a failed save does not stop the next", async () => {
    preferences.current = { close_to_tray: false, appearance: "system" };
    // The core answers slowly: the second save must merge onto what the first kept.
    const answers: ((p: DesktopPreferences) => void)[] = [];
    calls.setPreferences.mockImplementation((p: DesktopPreferences) => new Promise((resolve) => answers.push(() => resolve(p))));
    const tray = savePreferences({ close_to_tray: true });
    const theme = savePreferences({ appearance: "dark" });
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    answers[0]!({} as DesktopPreferences);
    await tray;
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!({} as DesktopPreferences);
    expect(await theme).toEqual({ close_to_tray: true, appearance: "dark" });
    expect(calls.setPreferences).toHaveBeenLastCalledWith({ close_to_tray: true, appearance: "dark" });

    // A load asked before a save finishes answers before the save starts: it cannot put the
    // old preferences back over the saved change.
    calls.preferences.mockResolvedValueOnce({ close_to_tray: true, appearance: "dark" });
    calls.setPreferences.mockImplementation(async (p: DesktopPreferences) => p);
    const loaded = loadPreferences();
    const saved = savePreferences({ appearance: "light" });
    await loaded;
    expect(await saved).toEqual({ close_to_tray: true, appearance: "light" });
    expect(preferences.current).toEqual({ close_to_tray: true, appearance: "light" });

    calls.setPreferences.mockRejectedValueOnce({ code: "database", message: "locked" });
    await expect(savePreferences({ close_to_tray: false })).rejects.toEqual({ code: "database", message: "locked" });
    calls.setPreferences.mockImplementation(async (p: DesktopPreferences) => p);
    expect(await savePreferences({ appearance: "light" })).toEqual({ close_to_tray: true, appearance: "light" });
  });
});
