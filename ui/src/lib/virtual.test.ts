import { describe, expect, it } from "vitest";
import { centreOn, slice } from "./virtual";

describe("virtual rows", () => {
  it("keep a screenful plus overscan of 5,000 rows, with spacers for the rest", () => {
    const top = slice(0, 560, 28, 5000);
    expect(top).toEqual({ start: 0, end: 36, before: 0, after: (5000 - 36) * 28 });
    // Scrolled to row 2,000: rows 1,992 up to 2,028 are live; the heights still add up.
    const middle = slice(2000 * 28, 560, 28, 5000);
    expect([middle.start, middle.end]).toEqual([1992, 2028]);
    expect(middle.before + (middle.end - middle.start) * 28 + middle.after).toBe(5000 * 28);
    // The bottom never runs past the last row.
    const bottom = slice(5000 * 28, 560, 28, 5000);
    expect(bottom.end).toBe(5000);
    expect(bottom.after).toBe(0);
    expect(bottom.end - bottom.start).toBeLessThan(200);
  });

  it("render a default screenful before layout, nothing for no rows, all of a short table", () => {
    expect(slice(0, 0, 28, 5000).end).toBe(Math.ceil(800 / 28) + 16);
    expect(slice(0, 600, 28, 0)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    expect(slice(0, 600, 28, 12)).toEqual({ start: 0, end: 12, before: 0, after: 0 });
  });

  it("centre a row", () => {
    expect(centreOn(100, 560, 28)).toBe(100 * 28 - 266);
    expect(centreOn(2, 560, 28)).toBe(0);
  });
});
