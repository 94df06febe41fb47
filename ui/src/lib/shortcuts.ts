// The keyboard shortcuts: what a key press means, given the key pressed just before. Pure, so the
// table is tested without a window; `Shortcuts.svelte` listens and acts.
import type { Route } from "./route.svelte";

export type Command = { go: Route } | { search: true } | { ticket: true } | { sheet: boolean };

export interface Press {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  /** The press happened in a text field, a select or an editable element. */
  typing: boolean;
}

/** `g` followed by these goes to the page. */
export const PAGES: { key: string; label: string; route: Route }[] = [
  { key: "p", label: "Portfolios", route: { page: "portfolios" } },
  { key: "m", label: "Market", route: { page: "market" } },
  { key: "a", label: "Alerts", route: { page: "alerts" } },
  { key: "j", label: "Scheduler (jobs)", route: { page: "scheduler" } },
  { key: "s", label: "Settings", route: { page: "settings" } },
  { key: "i", label: "About and health", route: { page: "about" } },
];

/** Every shortcut, for the sheet. */
export const SHEET: [string, string][] = [
  ["Ctrl K or /", "Search a symbol (opens its option chain)"],
  ["n", "The page's ticket: record a fill on a wheel, cash on a portfolio"],
  ...PAGES.map(({ key, label }): [string, string] => [`g then ${key}`, `Go to ${label}`]),
  ["?", "Show or hide this sheet"],
  ["Esc", "Close the sheet"],
];

/** What `press` means after `pending` (the previous key, when it began a sequence). Returns the
 * command, if any, and the key now pending. */
export function interpret(press: Press, pending: string | null): { command: Command | null; pending: string | null } {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if ((press.ctrl || press.meta) && !press.alt && key === "k") return { command: { search: true }, pending: null };
  if (key === "Escape") return { command: { sheet: false }, pending: null };
  if (press.typing || press.ctrl || press.meta || press.alt) return { command: null, pending: null };
  if (pending === "g") {
    const page = PAGES.find((p) => p.key === key);
    return { command: page ? { go: page.route } : null, pending: null };
  }
  switch (key) {
    case "g":
      return { command: null, pending: "g" };
    case "/":
      return { command: { search: true }, pending: null };
    case "n":
      return { command: { ticket: true }, pending: null };
    case "?":
      return { command: { sheet: true }, pending: null };
    default:
      return { command: null, pending: null };
  }
}
