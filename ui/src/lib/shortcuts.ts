// The keyboard shortcuts: what a key press means, given the key pressed just before. Pure, so the
// table is tested without a window; `Shortcuts.svelte` listens and acts.
import { portfolioRoute, type Route } from "./route.svelte";

/** The portfolio (one that exists) and the chain symbol the rail's pages are about. */
export interface Place {
  portfolio: string | null;
  symbol: string | null;
}

export type Command = { go: Route } | { search: true } | { ticket: true } | { sheet: boolean };

export interface Press {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  /** The press happened in a text field, a select or an editable element. */
  typing: boolean;
}

/** `g` followed by these goes to the page, in the rail's order; a portfolio's pages are the
 * remembered portfolio's. */
export const PAGES: { key: string; label: string; route: (place: Place) => Route }[] = [
  { key: "d", label: "Dashboard", route: (p) => portfolioRoute("dashboard", p.portfolio) },
  { key: "w", label: "Wheels", route: (p) => portfolioRoute("wheels", p.portfolio) },
  { key: "c", label: "Chain", route: (p) => ({ page: "chain", symbol: p.symbol ?? "" }) },
  { key: "s", label: "Scanner", route: () => ({ page: "scanner" }) },
  { key: "r", label: "Risk", route: (p) => portfolioRoute("risk", p.portfolio) },
  { key: "p", label: "Performance", route: (p) => portfolioRoute("performance", p.portfolio) },
  { key: "a", label: "Alerts", route: () => ({ page: "alerts" }) },
  { key: "j", label: "Scheduler (jobs)", route: () => ({ page: "scheduler" }) },
  { key: "l", label: "Watchlists", route: () => ({ page: "market" }) },
  { key: "o", label: "Settings (options)", route: () => ({ page: "settings" }) },
  { key: "i", label: "About and health", route: () => ({ page: "about" }) },
  { key: "h", label: "All portfolios (home)", route: () => ({ page: "portfolios" }) },
];

/** Every shortcut, for the sheet. */
export const SHEET: [string, string][] = [
  ["Ctrl K or /", "Search a symbol (opens its option chain)"],
  ["n", "The page's ticket: record a fill on a wheel, cash on a portfolio (from other pages, the portfolio's Wheels page)"],
  ...PAGES.map(({ key, label }): [string, string] => [`g then ${key}`, `Go to ${label}`]),
  ["?", "Show or hide this sheet"],
  ["Esc", "Close the sheet"],
];

/** What `press` means after `pending` (the previous key, when it began a sequence). Returns the
 * command, if any, and the key now pending. */
export function interpret(
  press: Press,
  pending: string | null,
  place: Place = { portfolio: null, symbol: null },
): { command: Command | null; pending: string | null } {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if ((press.ctrl || press.meta) && !press.alt && key === "k") return { command: { search: true }, pending: null };
  if (key === "Escape") return { command: { sheet: false }, pending: null };
  if (press.typing || press.ctrl || press.meta || press.alt) return { command: null, pending: null };
  if (pending === "g") {
    const page = PAGES.find((p) => p.key === key);
    return { command: page ? { go: page.route(place) } : null, pending: null };
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
