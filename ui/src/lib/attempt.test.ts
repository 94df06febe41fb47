import { describe, expect, it } from "vitest";
import { attempt } from "./attempt";

describe("attempt", () => {
  it("reports the failure, or clears the report on success", async () => {
    const reports: unknown[] = [];
    const failure = new Error("refused");
    await attempt(async () => {
      throw failure;
    }, (e) => reports.push(e));
    await attempt(async () => {}, (e) => reports.push(e));
    expect(reports).toEqual([failure, null]);
  });
});
