import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

let notify: (note: { title: string; body: string }) => void = () => {};
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      onNotification: (handler: typeof notify) => {
        notify = handler;
        return Promise.resolve(() => {});
      },
    },
  };
});
const { default: Toasts } = await import("./Toasts.svelte");

describe("Toasts", () => {
  it("shows the newest three notifications, goes after a while, and opens the inbox", async () => {
    vi.useFakeTimers();
    render(Toasts);
    for (const n of [1, 2, 3, 4]) notify({ title: `Alert ${n}`, body: "KO is ITM" });
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getAllByTestId("toast-open").map((e) => e.textContent)).toEqual(["Alert 4", "Alert 3", "Alert 2"]);
    await fireEvent.click(screen.getAllByTestId("toast-open")[0]!);
    expect(location.hash).toBe("#/alerts");
    expect(screen.getAllByTestId("toast")).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(screen.queryAllByTestId("toast")).toHaveLength(0);
    notify({ title: "Schwab login expires in 2 days", body: "Log in again" });
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByTestId("toast-open"));
    expect(location.hash).toBe("#/settings");
    vi.useRealTimers();
  });
});
