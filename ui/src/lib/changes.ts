// A fill and a change to it in words, for the ticket's ledger and the list of recent changes:
// an edit is said by the fields the core found it changed, so "Edited fill 12" says which moved.
import type { Fill, FillChange } from "./bindings";
import { ACTION_LABELS } from "./fillForm";

/** The option of a fill: "2026-12-18 66P", with an odd contract's size. */
export function contract(fill: Fill): string {
  const o = fill.option;
  if (!o) return "";
  const odd = o.multiplier !== "100" || o.deliverable !== o.multiplier ? ` ×${o.multiplier}/${o.deliverable}sh` : "";
  return `${o.expiry} ${o.strike}${o.right}${odd}`;
}

/** "Sell to open KO 2026-12-18 66P, 1 at 0.95 on 2026-11-20". */
export function fillWords(fill: Fill): string {
  const what = [ACTION_LABELS[fill.action], fill.symbol ?? "", contract(fill)].filter(Boolean).join(" ");
  return `${what}, ${fill.quantity} at ${fill.price} on ${fill.date}`;
}

/** What a change did, and which change it reversed when it is an undo. */
export function describeChange(c: FillChange): string {
  const undo = c.undoes === null ? "" : `Undo of change ${c.undoes}: `;
  // A roll's second leg: undoing either undoes both, which the list must say.
  const together = c.part_of === null ? "" : ` (one action with change ${c.part_of}, undone together)`;
  if (c.kind === "edited") {
    const changed = c.edits.map((e) => `${e.field} ${e.before} → ${e.after}`);
    return `${undo}Edited fill ${c.fill_id}${changed.length ? `: ${changed.join(", ")}` : ""}${together}`;
  }
  const fill = c.after ?? c.before;
  const verb = c.kind === "deleted" ? "Deleted" : "Recorded";
  return `${undo}${verb} fill ${c.fill_id}${fill ? `: ${fillWords(fill)}` : ""}${together}`;
}
