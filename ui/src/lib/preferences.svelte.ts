// The desktop preferences (close to tray, appearance) held once for the whole window, so the
// settings sections that change different fields never overwrite each other's, and the theme the
// window and the core's charts are drawn in, following the OS when the user has not chosen.
import { api } from "./api";
import type { Appearance, DesktopPreferences, Theme } from "./bindings";

class Preferences {
  current = $state<DesktopPreferences | null>(null);
  /** Whether the OS is in dark mode now. */
  systemDark = $state(false);
  /** The theme in force: the user's choice, or the OS's. */
  theme = $derived<Theme>(resolveTheme(this.current?.appearance ?? "system", this.systemDark));
}

export const preferences = new Preferences();

export function resolveTheme(appearance: Appearance, systemDark: boolean): Theme {
  if (appearance === "system") return systemDark ? "dark" : "light";
  return appearance;
}

// Loads and saves run one at a time: two sections saving at once (the theme, close to tray)
// would each merge onto the same old preferences and the later would undo the earlier's change,
// and a load answered after a save would put the old preferences back.
let queue: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const done = queue.then(work);
  queue = done.catch(() => undefined);
  return done;
}

export function loadPreferences(): Promise<DesktopPreferences> {
  return inTurn(async () => (preferences.current = await api.preferences()));
}

/** Saves one change on top of what is saved now; the store holds what the core kept. */
export function savePreferences(change: Partial<DesktopPreferences>): Promise<DesktopPreferences> {
  return inTurn(async () => {
    const base = preferences.current ?? (preferences.current = await api.preferences());
    return (preferences.current = await api.setPreferences({ ...base, ...change }));
  });
}

/** Follows the OS's dark mode; returns the cleanup. */
export function followSystemTheme(): () => void {
  if (typeof matchMedia === "undefined") return () => {};
  const query = matchMedia("(prefers-color-scheme: dark)");
  const update = () => (preferences.systemDark = query.matches);
  update();
  query.addEventListener("change", update);
  return () => query.removeEventListener("change", update);
}
