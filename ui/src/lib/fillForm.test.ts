import { describe, expect, it } from "vitest";
import type { OpenOption } from "./bindings";
import { draftFor, emptyDraft, fieldsFor, toFillData } from "./fillForm";

const put = { ...emptyDraft("2026-01-05", "aapl"), strike: "50", expiry: "2026-02-20", price: "2.00", fees: "0.65" };

describe("toFillData", () => {
  it("builds the core's fill from a valid put sale", () => {
    const result = toFillData(put);
    expect("fill" in result && result.fill).toEqual({
      date: "2026-01-05",
      time: null,
      action: "STO",
      symbol: "AAPL",
      option: { right: "P", strike: "50", expiry: "2026-02-20", multiplier: "100", deliverable: "100" },
      quantity: "1",
      price: "2.00",
      fees: "0.65",
      account: null,
      external_id: null,
      roll_id: null,
      note: null,
    });
  });

  it("names each bad field", () => {
    const result = toFillData({ ...put, strike: "abc", quantity: "1.5", fees: "-1", expiry: "2025-12-31" });
    expect("errors" in result && result.errors).toEqual({
      strike: "a plain number, e.g. 1.25",
      quantity: "whole contracts",
      fees: "cannot be negative",
      expiry: "the contract expires before this date",
    });
  });

  it("takes no price for settlements and a signed amount for adjustments", () => {
    expect(fieldsFor("ASSIGN")).not.toContain("price");
    const assign = toFillData({ ...put, action: "ASSIGN", date: "2026-02-20", price: "" });
    expect("fill" in assign && assign.fill.price).toBe("0");
    const adjust = toFillData({ ...emptyDraft("2026-01-05", "AAPL"), action: "ADJUST", price: "-12.50" });
    expect("fill" in adjust && adjust.fill.price).toBe("-12.50");
    const deposit = toFillData({ ...emptyDraft("2026-01-05"), action: "DEPOSIT", price: "0" });
    expect("errors" in deposit && deposit.errors.price).toBe("enter the amount");
  });

  it("refuses an expiration dated before the expiry", () => {
    const result = toFillData({ ...put, action: "EXPIRE", date: "2026-02-19" });
    expect("errors" in result && result.errors.date).toBe("on or after the expiry");
  });
});

describe("draftFor", () => {
  it("prefills a settlement of an open option on its expiry date", () => {
    const open: OpenOption = { leg_id: 7, right: "P", side: "short", strike: "60", expiry: "2026-06-19", contracts: "2", open_price: "3", opened: "2026-05-01", multiplier: "100", deliverable: "150" };
    const draft = draftFor("ASSIGN", open, "XYZ", "2026-05-20");
    expect(draft).toMatchObject({ action: "ASSIGN", date: "2026-06-19", strike: "60", quantity: "2", deliverable: "150", symbol: "XYZ" });
  });
});
