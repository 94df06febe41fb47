// A ticket's preview as the lines the ticket shows: only the figures the fill would change,
// before → after, formatted but never computed on (the core worked them out).
import type { FillPreview, TicketStanding } from "./bindings";
import { money, perShare, stateLabel } from "./format";

export interface EffectLine {
  label: string;
  before: string;
  after: string;
}

type Figure = [string, (s: TicketStanding) => string];

const PORTFOLIO: Figure[] = [
  ["Cash", (s) => money(s.cash)],
  ["Collateral", (s) => money(s.collateral)],
  ["Free cash", (s) => money(s.free_cash)],
];

const WHEEL: Figure[] = [
  ["Shares", (s) => s.shares],
  ["Cost basis / share", (s) => perShare(s.cost_basis_per_share)],
  ["Adjusted basis / share", (s) => perShare(s.adjusted_basis_per_share)],
  ["Premium collected", (s) => money(s.premium_collected)],
  ["Realized P&L", (s) => money(s.realized_pnl)],
  ["State", (s) => (s.state ? stateLabel(s.state) : "—")],
];

const changed = (figures: Figure[], before: TicketStanding, after: TicketStanding): EffectLine[] =>
  figures.map(([label, show]) => ({ label, before: show(before), after: show(after) })).filter((l) => l.before !== l.after);

/** The portfolio's figures and those of the fill's wheel that the fill would change. */
export function effectLines(preview: FillPreview): EffectLine[] {
  return changed([...PORTFOLIO, ...WHEEL], preview.before, preview.after);
}

/** What an edit that moves the fill to another symbol does to the wheel it leaves (its own
 * figures only: the portfolio's are in `effectLines`). */
export function leftWheelLines(preview: FillPreview): EffectLine[] {
  return preview.moved_from ? changed(WHEEL, preview.moved_from.before, preview.moved_from.after) : [];
}
