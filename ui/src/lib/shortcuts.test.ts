import { describe, expect, it } from "vitest";
import { interpret, type Press } from "./shortcuts";

const press = (key: string, extra: Partial<Press> = {}): Press => ({ key, ctrl: false, meta: false, alt: false, typing: false, ...extra });

describe("shortcuts", () => {
  it("goes to a page with g then its letter", () => {
    const first = interpret(press("g"), null);
    expect(first).toEqual({ command: null, pending: "g" });
    expect(interpret(press("a"), first.pending)).toEqual({ command: { go: { page: "alerts" } }, pending: null });
    // A portfolio's page is the remembered portfolio's, or the list to pick one from.
    expect(interpret(press("r"), "g", { portfolio: "Roth", symbol: null }).command).toEqual({ go: { page: "risk", portfolio: "Roth" } });
    expect(interpret(press("d"), "g", { portfolio: null, symbol: null }).command).toEqual({ go: { page: "portfolios" } });
    // The chain of the symbol last shown, like the rail's.
    expect(interpret(press("c"), "g", { portfolio: null, symbol: "KO" }).command).toEqual({ go: { page: "chain", symbol: "KO" } });
    // An unknown letter ends the sequence without acting.
    expect(interpret(press("z"), "g")).toEqual({ command: null, pending: null });
    // Without the g, the letter means nothing (or its own shortcut).
    expect(interpret(press("a"), null).command).toBeNull();
  });

  it("searches with Ctrl K or Cmd K even while typing, and with / otherwise", () => {
    expect(interpret(press("k", { ctrl: true, typing: true }), null).command).toEqual({ search: true });
    expect(interpret(press("K", { meta: true }), null).command).toEqual({ search: true });
    expect(interpret(press("/"), null).command).toEqual({ search: true });
    expect(interpret(press("/", { typing: true }), null).command).toBeNull();
  });

  it("leaves typing alone", () => {
    expect(interpret(press("n", { typing: true }), null).command).toBeNull();
    expect(interpret(press("g", { typing: true }), null).pending).toBeNull();
    expect(interpret(press("?", { typing: true }), null).command).toBeNull();
  });

  it("opens a ticket with n and the sheet with ?, closes it with Escape", () => {
    expect(interpret(press("n"), null).command).toEqual({ ticket: true });
    expect(interpret(press("?"), null).command).toEqual({ sheet: true });
    expect(interpret(press("Escape", { typing: true }), null).command).toEqual({ sheet: false });
    expect(interpret(press("n", { ctrl: true }), null).command).toBeNull();
    // Caps Lock on: the same shortcuts.
    expect(interpret(press("N"), null).command).toEqual({ ticket: true });
    expect(interpret(press("G"), null).pending).toBe("g");
  });
});
