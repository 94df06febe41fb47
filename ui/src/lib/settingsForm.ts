// The risk limits and the custom profile as the Settings page edits them: each field's label and
// unit, the boxes' text from the stored values and back. Shares the core keeps as fractions
// (0.10) are typed as percentages (10) because that is how a trader says them; the core still
// checks every value and names the field it refuses.
import type { ApiError, BasisGuard, Criteria, Limits } from "./bindings";

export type LimitField = keyof Limits;

export const LIMIT_FIELDS: { field: LimitField; label: string; help: string }[] = [
  { field: "max_position_pct", label: "One position at most", help: "a short put's assignment notional, or shares at market" },
  { field: "max_name_pct", label: "One underlying at most", help: "all holdings on one symbol" },
  { field: "max_sector_pct", label: "One sector at most", help: "all names of one sector" },
  { field: "max_delta_pct", label: "Dollar delta at most", help: "|portfolio dollar delta|; may exceed 100" },
  { field: "max_daily_loss_pct", label: "One-day loss at most", help: "99% delta-gamma VaR over one session" },
  { field: "min_cash_pct", label: "Free cash at least", help: "cash less what the short options secure" },
];

type Unit = "delta" | "days" | "money" | "percent" | "count";
export type ProfileField = Exclude<keyof Criteria, "basis_guard">;

export const PROFILE_FIELDS: { field: ProfileField; label: string; unit: Unit }[] = [
  { field: "delta_min", label: "|Δ| from", unit: "delta" },
  { field: "delta_max", label: "|Δ| to", unit: "delta" },
  { field: "dte_min", label: "Days to expiry from", unit: "days" },
  { field: "dte_max", label: "Days to expiry to", unit: "days" },
  { field: "min_premium", label: "Minimum bid a share", unit: "money" },
  { field: "min_annualized_yield", label: "Minimum yield a year (%)", unit: "percent" },
  { field: "min_open_interest", label: "Minimum open interest", unit: "count" },
  { field: "max_spread", label: "Widest spread (% of mid)", unit: "percent" },
  { field: "take_profit", label: "Take profit at (% of maximum)", unit: "percent" },
];

export const BASIS_GUARDS: [BasisGuard, string][] = [
  ["adjusted", "Adjusted basis"],
  ["tax", "Tax basis"],
  ["off", "Off (warn only)"],
];

// 0.07 × 100 is 7.000000000000001 in binary: twelve significant digits say what was stored.
const tidy = (x: number) => Number(x.toPrecision(12));

/** A field's value as the trader reads it. */
export function shown(unit: Unit, value: number): string {
  return String(unit === "percent" ? tidy(value * 100) : value);
}

export function limitBoxes(limits: Limits): Record<LimitField, string> {
  return Object.fromEntries(LIMIT_FIELDS.map(({ field }) => [field, String(limits[field])])) as Record<LimitField, string>;
}

export function profileBoxes(criteria: Criteria): Record<ProfileField, string> {
  return Object.fromEntries(PROFILE_FIELDS.map(({ field, unit }) => [field, shown(unit, criteria[field])])) as Record<ProfileField, string>;
}

function refuse(field: string, message: string): { error: ApiError } {
  return { error: { code: "invalid_input", message, field, row: null } };
}

/** The limits typed, or the first box that is not a number. Ranges are the core's to check. */
export function readLimits(boxes: Record<LimitField, string>): { limits: Limits } | { error: ApiError } {
  const limits = {} as Limits;
  for (const { field, label } of LIMIT_FIELDS) {
    const text = boxes[field].trim();
    const value = Number(text);
    if (text === "" || !Number.isFinite(value)) return refuse(field, `${label}: '${text}' is not a number; give a percentage such as 25`);
    limits[field] = value;
  }
  return { limits };
}

/** The custom profile typed, or the first box that does not read as its unit. */
export function readProfile(boxes: Record<ProfileField, string>, basis_guard: BasisGuard): { criteria: Criteria } | { error: ApiError } {
  const criteria = { basis_guard } as Criteria;
  for (const { field, label, unit } of PROFILE_FIELDS) {
    const text = boxes[field].trim();
    const value = Number(text);
    if (text === "" || !Number.isFinite(value)) return refuse(field, `${label}: '${text}' is not a number`);
    const whole = unit === "days" || unit === "count";
    if (whole && (!Number.isInteger(value) || value < 0)) return refuse(field, `${label}: '${text}' is not a whole number ≥ 0`);
    criteria[field] = unit === "percent" ? tidy(value / 100) : value;
  }
  return { criteria };
}
