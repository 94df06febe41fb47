// The roll ticket's model: the open short option bought back and a new one sold in its place,
// checked leg by leg with the fill ticket's rules, so a bad price is named on its own input.
import type { FillData, OpenOption } from "./bindings";
import { draftFor, emptyDraft, toFillData, type FillDraft } from "./fillForm";

export interface RollDraft {
  date: string;
  closePrice: string;
  closeFees: string;
  strike: string;
  expiry: string;
  price: string;
  fees: string;
}

export type RollField = keyof RollDraft;
export type RollErrors = Partial<Record<RollField, string>>;

/** A roll of `option` starting from today, to the same strike a month on the trader fills in. */
export function rollDraft(date: string, option: OpenOption): RollDraft {
  return { date, closePrice: "", closeFees: "0", strike: option.strike, expiry: "", price: "", fees: "0" };
}

/** The two legs the core takes, or what is wrong with each input. */
export function toRollLegs(draft: RollDraft, option: OpenOption, symbol: string): { close: FillData; open: FillData } | { errors: RollErrors } {
  // The buy-back is of the contract held, whole (an adjusted one keeps its size); the new sale is
  // a standard contract, as many.
  const closing: FillDraft = { ...draftFor("BTC", option, symbol, draft.date), price: draft.closePrice, fees: draft.closeFees };
  const opening: FillDraft = {
    ...emptyDraft(draft.date, symbol),
    right: option.right,
    strike: draft.strike,
    expiry: draft.expiry,
    quantity: option.contracts,
    price: draft.price,
    fees: draft.fees,
  };
  const close = toFillData(closing);
  const open = toFillData(opening);
  const errors: RollErrors = {};
  if ("errors" in close) {
    if (close.errors.price) errors.closePrice = close.errors.price;
    if (close.errors.fees) errors.closeFees = close.errors.fees;
    if (close.errors.date) errors.date = close.errors.date;
  }
  if ("errors" in open) {
    for (const field of ["strike", "expiry", "price", "fees"] as const) if (open.errors[field]) errors[field] = open.errors[field];
  }
  if (!errors.expiry && !errors.strike && draft.expiry === option.expiry && Number(draft.strike) === Number(option.strike)) {
    errors.expiry = "the new option is the one bought back: change the strike or expiry";
  }
  if (Object.keys(errors).length > 0 || "errors" in close || "errors" in open) return { errors };
  return { close: close.fill, open: open.fill };
}

/** The core's field for a leg ("close.price", "open.expiry") as the roll ticket's input. */
export function rollField(field: string | null): RollField | null {
  const known: Record<string, RollField> = {
    "close.price": "closePrice", "close.fees": "closeFees", "close.date": "date", "open.date": "date",
    "open.strike": "strike", "open.expiry": "expiry", "open.price": "price", "open.fees": "fees",
  };
  return field ? (known[field] ?? null) : null;
}
