// The option chain as a trader reads it: one row per strike with the call on the left and the
// put on the right, for one expiry; in-the-money sides marked. Pure, so it is tested alone.
import type { OptionChain, OptionQuote } from "./bindings";

export interface ChainRow {
  expiry: string;
  strike: number;
  call: OptionQuote | null;
  put: OptionQuote | null;
  callInTheMoney: boolean;
  putInTheMoney: boolean;
  /** The row nearest the underlying's price. */
  atTheMoney: boolean;
}

/** Expiries present in the chain, in date order. */
export function expiries(chain: OptionChain): string[] {
  return [...new Set(chain.contracts.map((c) => c.expiry))].sort();
}

export function rows(chain: OptionChain, expiry: string): ChainRow[] {
  const spot = chain.underlying.last ?? NaN;
  const byStrike = new Map<number, ChainRow>();
  for (const contract of chain.contracts) {
    if (contract.expiry !== expiry) continue;
    const row = byStrike.get(contract.strike) ?? {
      expiry,
      strike: contract.strike,
      call: null,
      put: null,
      callInTheMoney: contract.strike < spot,
      putInTheMoney: contract.strike > spot,
      atTheMoney: false,
    };
    if (contract.right === "C") row.call = contract;
    else row.put = contract;
    byStrike.set(contract.strike, row);
  }
  const sorted = [...byStrike.values()].sort((a, b) => a.strike - b.strike);
  let nearest: ChainRow | undefined;
  for (const row of sorted) {
    if (!nearest || Math.abs(row.strike - spot) < Math.abs(nearest.strike - spot)) nearest = row;
  }
  if (nearest) nearest.atTheMoney = true;
  return sorted;
}

/** Every expiry's rows, soonest expiry first (the "All" tab). */
export function allRows(chain: OptionChain): ChainRow[] {
  return expiries(chain).flatMap((expiry) => rows(chain, expiry));
}

/** The mid of a two-sided quote, or null. */
export function mid(quote: OptionQuote | null): number | null {
  if (!quote || quote.bid === null || quote.ask === null || quote.bid <= 0 || quote.ask < quote.bid) return null;
  return (quote.bid + quote.ask) / 2;
}

/** What selling `quote` yields, worked as the core works a candidate's: the mid over the strike for
 * a put (the cash it secures), over the spot for a call (the shares it covers); annualized by
 * 365 ÷ calendar days to expiry. Null without a two-sided quote or with no time left. */
export function shortYield(quote: OptionQuote | null, spot: number | null, dte: number): { period: number; annual: number } | null {
  const premium = mid(quote);
  const base = quote?.right === "P" ? quote.strike : spot;
  if (premium === null || base === null || base <= 0 || dte <= 0) return null;
  const period = premium / base;
  return { period, annual: (period * 365) / dte };
}

/** Fixed decimals for prices, "—" for missing. */
export function price(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : value.toFixed(2);
}

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "—" : `${(100 * value).toFixed(digits)}%`;
}

/** Change from the previous close, signed, with its tone. */
export function change(last: number | null, previous: number | null): { text: string; tone: "gain" | "loss" | "" } {
  if (last === null || previous === null || previous <= 0) return { text: "—", tone: "" };
  const pct = (last / previous - 1) * 100;
  const sign = pct > 0 ? "+" : pct < 0 ? "−" : "";
  return { text: `${sign}${Math.abs(pct).toFixed(2)}%`, tone: pct > 0 ? "gain" : pct < 0 ? "loss" : "" };
}
