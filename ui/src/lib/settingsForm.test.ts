import { describe, expect, it } from "vitest";
import type { Criteria } from "./bindings";
import { limitBoxes, profileBoxes, readLimits, readProfile } from "./settingsForm";

const moderate: Criteria = { delta_min: 0.25, delta_max: 0.3, dte_min: 30, dte_max: 45, min_premium: 0.15, min_annualized_yield: 0.07, min_open_interest: 100, max_spread: 0.1, basis_guard: "adjusted", take_profit: 0.5 };

describe("settings forms", () => {
  it("shows stored fractions as percentages and reads them back exactly", () => {
    const boxes = profileBoxes(moderate);
    // 0.07 × 100 in binary is 7.000000000000001: the box says 7.
    expect([boxes.min_annualized_yield, boxes.max_spread, boxes.take_profit, boxes.delta_min, boxes.dte_max]).toEqual(["7", "10", "50", "0.25", "45"]);
    expect(readProfile(boxes, "adjusted")).toEqual({ criteria: moderate });
    boxes.take_profit = "65";
    boxes.dte_min = " 7 ";
    const read = readProfile(boxes, "tax");
    expect("criteria" in read && [read.criteria.take_profit, read.criteria.dte_min, read.criteria.basis_guard]).toEqual([0.65, 7, "tax"]);
  });

  it("names the first box that does not read as its unit", () => {
    const boxes = profileBoxes(moderate);
    boxes.dte_max = "45.5";
    expect(readProfile(boxes, "adjusted")).toMatchObject({ error: { code: "invalid_input", field: "dte_max" } });
    boxes.dte_max = "45";
    boxes.min_premium = "";
    expect(readProfile(boxes, "adjusted")).toMatchObject({ error: { field: "min_premium" } });
    boxes.min_premium = "0.15";
    boxes.min_open_interest = "-5";
    expect(readProfile(boxes, "adjusted")).toMatchObject({ error: { field: "min_open_interest", message: expect.stringContaining("whole number") } });
  });

  it("reads the limits as percentages and names a box that is not a number", () => {
    const limits = { max_position_pct: 10, max_name_pct: 25, max_sector_pct: 40, max_delta_pct: 150, max_daily_loss_pct: 2.5, min_cash_pct: 10 };
    const boxes = limitBoxes(limits);
    expect(boxes.max_daily_loss_pct).toBe("2.5");
    expect(readLimits(boxes)).toEqual({ limits });
    boxes.max_sector_pct = "forty";
    expect(readLimits(boxes)).toMatchObject({ error: { field: "max_sector_pct", message: expect.stringContaining("'forty' is not a number") } });
  });
});
