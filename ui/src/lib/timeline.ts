// A wheel's cycle timeline: each cycle's fills in ledger order (the core says which fills a cycle
// holds), with the fills of one roll folded into a single step that carries the roll's net and
// its chain's running total. Fills met before the wheel's first opening fill (a dividend on
// shares moved in, say) belong to no cycle and are listed on their own.
import type { Cycle, Fill, Roll, WheelDetail } from "./bindings";

export type Step = { kind: "fill"; fill: Fill } | { kind: "roll"; roll: Roll; fills: Fill[] };
export type CycleSteps = { cycle: Cycle | null; steps: Step[] };

/** `shown`: rolls already stepped in an earlier cycle. A roll whose legs the ledger booked to two
 * cycles (closed, a dividend while flat, sold on a later day) is one step, in the first; its
 * later leg reads as a fill there, so its net is never counted twice. */
function steps(fills: Fill[], rolls: Roll[], shown: Set<string>): Step[] {
  const out: Step[] = [];
  for (const fill of fills) {
    const roll = fill.roll_id ? rolls.find((r) => r.roll_id === fill.roll_id) : undefined;
    const earlier = roll && out.find((s): s is Extract<Step, { kind: "roll" }> => s.kind === "roll" && s.roll.roll_id === roll.roll_id);
    if (earlier) earlier.fills.push(fill);
    else if (!roll || shown.has(roll.roll_id)) out.push({ kind: "fill", fill });
    else {
      out.push({ kind: "roll", roll, fills: [fill] });
      shown.add(roll.roll_id);
    }
  }
  return out;
}

/** The newest cycle first; within a cycle, the order the ledger replayed its fills. */
export function timeline(detail: WheelDetail): CycleSteps[] {
  const byId = new Map(detail.fills.map((f) => [f.id, f]));
  const { cycles, rolls } = detail.summary;
  const booked = new Set(cycles.flatMap((c) => c.fills));
  const shown = new Set<string>();
  // Fills before the first cycle come first in ledger order, so they are stepped first.
  const outside = detail.fills.filter((f) => !booked.has(f.id));
  const before = outside.length > 0 ? [{ cycle: null, steps: steps(outside, rolls, shown) }] : [];
  const cycleSteps = cycles.map((cycle) => ({ cycle, steps: steps(cycle.fills.flatMap((id) => byId.get(id) ?? []), rolls, shown) }));
  return [...cycleSteps.reverse(), ...before];
}
