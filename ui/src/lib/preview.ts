// A ticket's preview as the lines the ticket shows: only the figures the fill would change,
// before → after, formatted but never computed on (the core worked them out).
import type { FillPreview, TicketStanding } from "./bindings";
import { money, perShare, stateLabel } from "./format";

export interface EffectLine {
  label: string;
  before: string;
  after: string;
}

const FIGURES: [string, (s: TicketStanding) => string][] = [
  ["Cash", (s) => money(s.cash)],
  ["Collateral", (s) => money(s.collateral)],
  ["Free cash", (s) => money(s.free_cash)],
  ["Shares", (s) => s.shares],
  ["Cost basis / share", (s) => perShare(s.cost_basis_per_share)],
  ["Adjusted basis / share", (s) => perShare(s.adjusted_basis_per_share)],
  ["Premium collected", (s) => money(s.premium_collected)],
  ["Realized P&L", (s) => money(s.realized_pnl)],
  ["State", (s) => (s.state ? stateLabel(s.state) : "—")],
];

export function effectLines(preview: FillPreview): EffectLine[] {
  return FIGURES.map(([label, show]) => ({ label, before: show(preview.before), after: show(preview.after) })).filter((l) => l.before !== l.after);
}
