import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const tradierSetup = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return { ...real, api: { tradierSetup: (...a: unknown[]) => tradierSetup(...a), tradierDisconnect: vi.fn() } };
});

const { default: TradierSettings } = await import("./TradierSettings.svelte");

async function act<T>(work: () => Promise<T>, done: (value: T) => void = () => {}) {
  done(await work());
}

describe("TradierSettings", () => {
  it("sends the token once, inbound, then forgets it; only set / not set is shown", async () => {
    tradierSetup.mockResolvedValueOnce({ token_set: true, sandbox: true, api_root: "https://sandbox.tradier.com/v1" });
    const changed = vi.fn();
    render(TradierSettings, {
      tradier: { token_set: false, sandbox: false, api_root: "https://api.tradier.com/v1" },
      busy: false,
      act,
      changed,
    });
    expect(screen.getByTestId("tradier-token-state").textContent).toBe("not set");
    const token = screen.getByTestId("tradier-token") as HTMLInputElement;
    expect(token.type).toBe("password");
    await fireEvent.input(token, { target: { value: "tok-secret-1" } });
    await fireEvent.click(screen.getByTestId("tradier-sandbox"));
    await fireEvent.click(screen.getByTestId("tradier-save"));
    await vi.waitFor(() => expect(changed).toHaveBeenCalled());
    expect(tradierSetup).toHaveBeenCalledWith({ token: "tok-secret-1", sandbox: true, api_root: null });
    expect(token.value).toBe(""); // the token is not kept in the page
    expect(changed).toHaveBeenCalledWith(expect.stringContaining("sandbox"));
    expect(document.body.innerHTML).not.toContain("tok-secret-1");
  });

  it("cannot save without a token unless one is stored", async () => {
    render(TradierSettings, {
      tradier: { token_set: false, sandbox: false, api_root: "https://api.tradier.com/v1" },
      busy: false,
      act,
      changed: vi.fn(),
    });
    expect((screen.getByTestId("tradier-save") as HTMLButtonElement).disabled).toBe(true);
  });
});
