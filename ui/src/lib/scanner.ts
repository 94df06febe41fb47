// The scanner page's pure parts: the filter it starts from (the core's defaults), sorting the
// results by any column, and filter presets kept in the window's storage.
import type { Candidate, ScanFilter, ScanResult } from "./bindings";

/** The core's `ScanFilter::default()`: puts 7–60 days out, |Δ| 0.15–0.35, OI ≥ 100, bid ≥ 0.20. */
export const DEFAULT_FILTER: ScanFilter = {
  dte_min: 7,
  dte_max: 60,
  delta_min: 0.15,
  delta_max: 0.35,
  min_open_interest: 100,
  min_credit: 0.2,
  exclude_earnings: true,
  limit: 50,
};

/** The form's fields as the core takes them, or the first one that is not a number and why. A
 * cleared number input is null and a typed price may be anything: neither may reach the core as
 * "no limit" by accident. */
export function filterOf(form: ScanFilter, maxPrice: string): { filter: ScanFilter } | { field: string; message: string } {
  const numeric: [keyof ScanFilter, string][] = [
    ["dte_min", "DTE from"],
    ["dte_max", "DTE to"],
    ["delta_min", "|Δ| from"],
    ["delta_max", "|Δ| to"],
    ["min_open_interest", "Min OI"],
    ["min_credit", "Min bid"],
    ["limit", "Results"],
  ];
  for (const [field, label] of numeric) {
    const value = form[field];
    if (typeof value !== "number" || !Number.isFinite(value)) return { field, message: `${label}: enter a number` };
  }
  const filter: ScanFilter = { ...form };
  delete filter.max_price;
  const price = maxPrice.trim();
  if (price) {
    const parsed = Number(price);
    if (!Number.isFinite(parsed) || parsed <= 0) return { field: "max_price", message: `Max price: "${price}" is not a price above 0 (leave it empty for any)` };
    filter.max_price = parsed;
  }
  return { filter };
}

export type SortKey = "symbol" | "dte" | "bid" | "delta" | "annualized_yield" | "pop" | "capital_required" | "spread" | "open_interest" | "score";

const VALUE: Record<SortKey, (c: Candidate) => number | string> = {
  symbol: (c) => c.symbol,
  dte: (c) => c.dte,
  bid: (c) => c.bid,
  // Puts have negative deltas: sort by size.
  delta: (c) => Math.abs(c.delta),
  annualized_yield: (c) => c.annualized_yield,
  pop: (c) => c.pop,
  capital_required: (c) => c.capital_required,
  spread: (c) => c.spread,
  open_interest: (c) => c.open_interest,
  score: (c) => c.score.total,
};

/** A sorted copy; ties keep the core's order (its ranking), so sorting twice is stable. */
export function sortCandidates(list: Candidate[], key: SortKey, descending: boolean): Candidate[] {
  const value = VALUE[key];
  return list
    .map((c, i) => ({ c, i }))
    .sort((a, b) => {
      const [x, y] = [value(a.c), value(b.c)];
      const order = typeof x === "string" ? x.localeCompare(String(y)) : x - (y as number);
      return (descending ? -order : order) || a.i - b.i;
    })
    .map(({ c }) => c);
}

export interface Preset {
  name: string;
  filter: ScanFilter;
}

const PRESETS = "wheelwright.scan-presets";

export function loadPresets(storage: Pick<Storage, "getItem"> = localStorage): Preset[] {
  try {
    const saved = JSON.parse(storage.getItem(PRESETS) ?? "[]") as Preset[];
    // A preset saved by an older version gets the fields it lacks from the defaults.
    if (!Array.isArray(saved)) return [];
    // Only the numbers a preset holds: a null saved by a cleared field falls back to the default.
    const numbers = (f: Partial<ScanFilter>) => Object.fromEntries(Object.entries(f ?? {}).filter(([, v]) => v !== null && v !== undefined));
    return saved.filter((p) => p && typeof p.name === "string").map((p) => ({ name: p.name, filter: { ...DEFAULT_FILTER, ...numbers(p.filter) } }));
  } catch {
    return [];
  }
}

/** Saves `filter` under `name` (replacing one of the same name); returns the new list. */
export function savePreset(name: string, filter: ScanFilter, storage: Pick<Storage, "getItem" | "setItem"> = localStorage): Preset[] {
  const trimmed = name.trim();
  if (!trimmed) throw new Error("Name the preset first.");
  const presets = loadPresets(storage).filter((p) => p.name !== trimmed);
  presets.push({ name: trimmed, filter: { ...filter } });
  presets.sort((a, b) => a.name.localeCompare(b.name));
  storage.setItem(PRESETS, JSON.stringify(presets));
  return presets;
}

export function deletePreset(name: string, storage: Pick<Storage, "getItem" | "setItem"> = localStorage): Preset[] {
  const presets = loadPresets(storage).filter((p) => p.name !== name);
  storage.setItem(PRESETS, JSON.stringify(presets));
  return presets;
}

/** The scanner page's form and last results, kept for the window's life: a row's Sell leaves
 * the page for the chain, and Back should find the scan where it was, not ask for a rescan. */
export interface ScanSession {
  source: string;
  typed: string;
  filter: ScanFilter;
  maxPrice: string;
  presetName: string;
  result: ScanResult | null;
  /** The portfolio the result's covered calls are for: another portfolio's page starts afresh. */
  portfolio: string | null;
  sortKey: SortKey;
  descending: boolean;
}

export const lastScan: ScanSession = {
  source: "",
  typed: "",
  filter: { ...DEFAULT_FILTER },
  maxPrice: "",
  presetName: "",
  result: null,
  portfolio: null,
  sortKey: "score",
  descending: true,
};
