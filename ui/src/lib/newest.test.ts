import { describe, expect, it } from "vitest";
import { newestOnly } from "./newest";

describe("newestOnly", () => {
  it("keeps only the newest request current, each tracker on its own", () => {
    const ask = newestOnly();
    const first = ask();
    expect(first()).toBe(true);
    const second = ask();
    expect([first(), second()]).toEqual([false, true]);
    const other = newestOnly()();
    expect([second(), other()]).toEqual([true, true]);
  });
});
