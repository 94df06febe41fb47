// The fill ticket's model: which fields an action takes, and the draft → FillData conversion
// with the same rules the core applies, so most mistakes are caught as the user types. The core
// still validates everything; its field errors are shown on the same inputs.
import type { Action, Fill, FillData, OpenOption } from "./bindings";

export interface FillDraft {
  date: string;
  action: Action;
  symbol: string;
  right: "P" | "C";
  strike: string;
  expiry: string;
  quantity: string;
  price: string;
  fees: string;
  multiplier: string;
  deliverable: string;
  roll_id: string;
  note: string;
}

export type Field = keyof FillDraft;
export type FieldErrors = Partial<Record<Field, string>>;

export const ACTION_LABELS: Record<Action, string> = {
  STO: "Sell to open",
  BTC: "Buy to close",
  BTO: "Buy to open",
  STC: "Sell to close",
  EXPIRE: "Expired",
  ASSIGN: "Assigned",
  EXERCISE: "Exercised",
  BUY: "Buy shares",
  SELL: "Sell shares",
  DIVIDEND: "Dividend",
  FEE: "Fee",
  ADJUST: "Adjustment",
  DEPOSIT: "Deposit",
  WITHDRAW: "Withdrawal",
  INTEREST: "Interest",
};

export const WHEEL_ACTIONS: Action[] = ["STO", "BTC", "EXPIRE", "ASSIGN", "BTO", "STC", "EXERCISE", "BUY", "SELL", "DIVIDEND", "FEE", "ADJUST"];
export const CASH_ACTIONS: Action[] = ["DEPOSIT", "WITHDRAW", "INTEREST", "FEE", "ADJUST"];

const OPTION_ACTIONS: Action[] = ["STO", "BTC", "BTO", "STC", "EXPIRE", "ASSIGN", "EXERCISE"];
const SETTLEMENTS: Action[] = ["EXPIRE", "ASSIGN", "EXERCISE"];

export function isOption(action: Action): boolean {
  return OPTION_ACTIONS.includes(action);
}

/** The inputs a ticket shows for an action, in order. */
export function fieldsFor(action: Action): Field[] {
  if (isOption(action)) {
    const price: Field[] = SETTLEMENTS.includes(action) ? [] : ["price"];
    return ["date", "right", "strike", "expiry", "quantity", ...price, "fees", "multiplier", "deliverable", "roll_id", "note"];
  }
  if (action === "BUY" || action === "SELL" || action === "DIVIDEND") return ["date", "quantity", "price", "fees", "note"];
  if (action === "FEE") return ["date", "fees", "note"];
  return ["date", "price", "note"];
}

export function emptyDraft(date: string, symbol = ""): FillDraft {
  return { date, action: "STO", symbol, right: "P", strike: "", expiry: "", quantity: "1", price: "", fees: "0", multiplier: "100", deliverable: "", roll_id: "", note: "" };
}

/** A draft that closes or settles an open option, prefilled from it. */
export function draftFor(action: Action, option: OpenOption, symbol: string, date: string): FillDraft {
  return {
    ...emptyDraft(date, symbol),
    action,
    right: option.right,
    strike: option.strike,
    expiry: option.expiry,
    quantity: option.contracts,
    multiplier: option.multiplier,
    deliverable: option.deliverable === option.multiplier ? "" : option.deliverable,
    date: SETTLEMENTS.includes(action) ? option.expiry : date,
  };
}

/** A sell-to-open draft for a quoted contract (a chain's row, a recommended candidate), at its bid. */
export function sellDraft(
  symbol: string,
  quote: { right: "P" | "C"; strike: number; expiry: string; bid: number | null; multiplier?: number; contracts?: number },
  date: string,
): FillDraft {
  return {
    ...emptyDraft(date, symbol),
    action: "STO",
    right: quote.right,
    strike: String(quote.strike),
    expiry: quote.expiry,
    quantity: String(quote.contracts ?? 1),
    price: quote.bid === null ? "" : quote.bid.toFixed(2),
    multiplier: String(quote.multiplier ?? 100),
  };
}

export function draftFromFill(fill: Fill): FillDraft {
  const o = fill.option;
  return {
    date: fill.date,
    action: fill.action,
    symbol: fill.symbol ?? "",
    right: o?.right ?? "P",
    strike: o?.strike ?? "",
    expiry: o?.expiry ?? "",
    quantity: fill.quantity === "0" ? "" : fill.quantity,
    price: fill.price,
    fees: fill.fees,
    multiplier: o?.multiplier ?? "100",
    deliverable: o && o.deliverable !== o.multiplier ? o.deliverable : "",
    roll_id: fill.roll_id ?? "",
    note: fill.note ?? "",
  };
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function decimal(errors: FieldErrors, field: Field, text: string, rule: "positive" | "nonnegative" | "signed"): string {
  const value = text.trim();
  if (!DECIMAL.test(value)) {
    errors[field] = "a plain number, e.g. 1.25";
    return value;
  }
  const n = Number(value);
  if (rule === "positive" && n <= 0) errors[field] = "must be more than 0";
  if (rule === "nonnegative" && n < 0) errors[field] = "cannot be negative";
  return value;
}

/** Checks a draft and builds what the core takes, or says what is wrong per field. */
export function toFillData(draft: FillDraft): { fill: FillData } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const shown = new Set(fieldsFor(draft.action));
  const action = draft.action;
  if (!DATE.test(draft.date)) errors.date = "a date, YYYY-MM-DD";
  const cash = ["DEPOSIT", "WITHDRAW", "INTEREST"].includes(action);
  const symbol = draft.symbol.trim().toUpperCase();
  if (!cash && !["FEE", "ADJUST"].includes(action) && !/^[A-Z][A-Z0-9./-]{0,9}$/.test(symbol)) errors.symbol = "a ticker, e.g. AAPL";
  let option: FillData["option"] = null;
  let quantity = "0";
  if (isOption(action)) {
    const strike = decimal(errors, "strike", draft.strike, "positive");
    if (!DATE.test(draft.expiry)) errors.expiry = "a date, YYYY-MM-DD";
    const multiplier = decimal(errors, "multiplier", draft.multiplier || "100", "positive");
    const deliverable = draft.deliverable.trim() ? decimal(errors, "deliverable", draft.deliverable, "positive") : multiplier;
    quantity = decimal(errors, "quantity", draft.quantity, "positive");
    if (!errors.quantity && !Number.isInteger(Number(quantity))) errors.quantity = "whole contracts";
    if ((action === "STO" || action === "BTO") && !errors.expiry && !errors.date && draft.expiry < draft.date) {
      errors.expiry = "the contract expires before this date";
    }
    if (action === "EXPIRE" && !errors.expiry && !errors.date && draft.date < draft.expiry) errors.date = "on or after the expiry";
    option = { right: draft.right, strike, expiry: draft.expiry, multiplier, deliverable };
  } else if (shown.has("quantity")) {
    quantity = decimal(errors, "quantity", draft.quantity, "positive");
  }
  const price = shown.has("price") ? decimal(errors, "price", draft.price, action === "ADJUST" ? "signed" : "nonnegative") : "0";
  if (shown.has("price") && !shown.has("quantity") && Number(price) === 0 && !errors.price) errors.price = "enter the amount";
  const fees = shown.has("fees") ? decimal(errors, "fees", draft.fees || "0", "nonnegative") : "0";
  if (action === "FEE" && Number(fees) === 0 && !errors.fees) errors.fees = "enter the fee";
  if (Object.keys(errors).length > 0) return { errors };
  const text = (s: string) => (s.trim() ? s.trim() : null);
  return {
    fill: {
      date: draft.date,
      time: null,
      action,
      symbol: cash || !symbol ? null : symbol,
      option,
      quantity,
      price,
      fees,
      account: null,
      external_id: null,
      roll_id: isOption(action) ? text(draft.roll_id) : null,
      note: text(draft.note),
    },
  };
}
