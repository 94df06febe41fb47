// Number and label formatting. Money arrives as exact decimal strings and is only formatted
// here, never computed on: the core owns every figure.
import type { WheelState } from "./bindings";

const grouping = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "1234.5" → "1,234.50"; extra digits beyond cents are kept ("0.005" → "0.005"). */
export function money(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const [whole = "0", fraction = ""] = value.replace(/^[-+]/, "").split(".");
  const sign = value.startsWith("-") ? "−" : "";
  const cents = fraction.length <= 2 ? fraction.padEnd(2, "0") : fraction.replace(/0+$/, "").padEnd(2, "0");
  const grouped = grouping.format(Number(whole)).split(".")[0];
  return `${sign}${grouped}.${cents}`;
}

/** Per-share figures come rounded to 4 places; shown as they are. */
export function perShare(value: string | null | undefined): string {
  return value === null || value === undefined ? "—" : value;
}

/** "gain", "loss" or "" for colouring a signed amount (colour always has a sign beside it). */
export function tone(value: string | null | undefined): "gain" | "loss" | "" {
  if (!value) return "";
  const n = Number(value);
  return n > 0 ? "gain" : n < 0 ? "loss" : "";
}

const STATE_LABELS: Record<WheelState, string> = {
  idle: "Idle",
  put_open: "Put open",
  shares: "Shares",
  shares_call_open: "Covered call",
  shares_put_open: "Shares + put",
  shares_put_call_open: "Shares + put + call",
  uncovered_calls: "Uncovered calls",
};

export function stateLabel(state: WheelState): string {
  return STATE_LABELS[state];
}

/** Days from `from` to `to` (ISO dates), for DTE. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A roll's net cash as a trader says it: "net credit 23.70" or "net debit 5.00". */
export function netWords(net: string): string {
  return Number(net) < 0 ? `net debit ${money(net.replace(/^-/, ""))}` : `net credit ${money(net)}`;
}
