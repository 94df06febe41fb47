import { describe, expect, it } from "vitest";
import { daysBetween, money, stateLabel, tone } from "./format";

describe("money", () => {
  it("groups thousands and shows cents", () => {
    expect(money("1234.5")).toBe("1,234.50");
    expect(money("200.00")).toBe("200.00");
    expect(money("0")).toBe("0.00");
  });
  it("keeps exact digits beyond the cent instead of rounding them away", () => {
    expect(money("23.964")).toBe("23.964");
    expect(money("0.005")).toBe("0.005");
    expect(money("12.3400")).toBe("12.34");
  });
  it("writes negatives with a real minus sign", () => {
    expect(money("-101.30")).toBe("−101.30");
  });
  it("shows a dash for missing values", () => {
    expect(money(null)).toBe("—");
  });
});

describe("labels", () => {
  it("names every state and colours signs", () => {
    expect(stateLabel("shares_call_open")).toBe("Covered call");
    expect(tone("-0.01")).toBe("loss");
    expect(tone("0.00")).toBe("");
    expect(tone("5")).toBe("gain");
  });
  it("counts calendar days", () => {
    expect(daysBetween("2026-02-20", "2026-03-20")).toBe(28);
  });
});
