import { describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
const listen = vi.fn();
vi.mock("@tauri-apps/api/event", () => ({ listen: (...args: unknown[]) => listen(...args) }));

const { api, CommandError, loadAndFollowLedger, toApiError } = await import("./api");

describe("api", () => {
  it("sends snake_case arguments under the command's name", async () => {
    invoke.mockResolvedValueOnce({ id: 1 });
    await api.editFill(4, { date: "2026-01-05" } as never);
    expect(invoke).toHaveBeenCalledWith("fill_edit", { id: 4, fill: { date: "2026-01-05" } });
  });

  it("turns the core's error into a CommandError with its code", async () => {
    invoke.mockRejectedValueOnce({ code: "close_exceeds_open", message: "too many", field: "quantity", row: null });
    const error = await api.addFill("Main", {} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as InstanceType<typeof CommandError>).error).toEqual({ code: "close_exceeds_open", message: "too many", field: "quantity", row: null });
  });

  it("maps Tauri's own argument errors (plain strings) to invalid_input", () => {
    expect(toApiError("invalid args `input` for command `fill_add`")).toMatchObject({ code: "invalid_input" });
    expect(toApiError(new Error("boom"))).toMatchObject({ code: "internal", message: "boom" });
  });
});

describe("loadAndFollowLedger", () => {
  it("loads at once, reloads on every ledger change, and stops listening on cleanup", async () => {
    const stop = vi.fn();
    let handler: ((e: { payload: unknown }) => void) | undefined;
    listen.mockImplementationOnce((name: string, h: typeof handler) => {
      expect(name).toBe("ledger-changed");
      handler = h;
      return Promise.resolve(stop);
    });
    const load = vi.fn();
    const cleanup = loadAndFollowLedger(load);
    expect(load).toHaveBeenCalledTimes(1);
    handler!({ payload: { kind: "portfolios_changed" } });
    handler!({ payload: { kind: "portfolios_changed" } });
    expect(load).toHaveBeenCalledTimes(3);
    handler!({ payload: { kind: "alerts_changed", unread: 2 } });
    expect(load).toHaveBeenCalledTimes(3); // an alert does not reload ledger views
    cleanup();
    await Promise.resolve();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it("follows alert changes too when asked", () => {
    let handler: ((e: { payload: unknown }) => void) | undefined;
    listen.mockImplementationOnce((_name: string, h: typeof handler) => {
      handler = h;
      return Promise.resolve(vi.fn());
    });
    const load = vi.fn();
    loadAndFollowLedger(load, true);
    handler!({ payload: { kind: "alerts_changed", unread: 1 } });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
