import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import type { BrokerStatus, LoginFinished } from "../lib/bindings";

const brokerStatus = vi.fn();
const brokerAccounts = vi.fn();
const schwabLoginWindow = vi.fn();
let loginFinished: (finished: LoginFinished) => void = () => {};
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      brokerStatus: (...a: unknown[]) => brokerStatus(...a),
      brokerAccounts: (...a: unknown[]) => brokerAccounts(...a),
      schwabLoginWindow: (...a: unknown[]) => schwabLoginWindow(...a),
      onBrokerLogin: async (handler: (finished: LoginFinished) => void) => {
        loginFinished = handler;
        return () => {};
      },
    },
  };
});

const { default: BrokerSettings } = await import("./BrokerSettings.svelte");

const status = (logged_in: boolean): BrokerStatus => ({
  provider: "demo",
  schwab: {
    app_key_set: true, app_secret_set: true, callback: "https://127.0.0.1:8182", api_root: "https://api.schwabapi.com",
    logged_in, login: null, login_expires_at: null, warning: null,
  },
  tradier: { token_set: false, sandbox: false, api_root: "https://api.tradier.com/v1" },
});

describe("BrokerSettings", () => {
  it("says it is reading the keychain, and offers to try again when it cannot", async () => {
    let answer: (v: unknown) => void = () => {};
    brokerStatus.mockImplementationOnce(() => new Promise((_, reject) => (answer = reject)));
    render(BrokerSettings);
    expect(screen.getByTestId("broker-loading").textContent).toContain("system keychain");
    answer({ code: "keychain_unavailable", message: "the system keychain is locked" });
    await vi.waitFor(() => expect(screen.getByTestId("error-banner").dataset.code).toBe("keychain_unavailable"));
    expect(screen.queryByTestId("broker-loading")).toBeNull();
    brokerStatus.mockResolvedValueOnce(status(false));
    await fireEvent.click(screen.getByTestId("error-retry"));
    await vi.waitFor(() => expect(screen.getByTestId("login-state").textContent).toContain("Not logged in"));
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("keeps a failed login's error after the status is read again", async () => {
    brokerStatus.mockResolvedValue(status(false));
    schwabLoginWindow.mockResolvedValueOnce({ authorize_url: "https://api.schwabapi.com/v1/oauth/authorize?x", callback: "https://127.0.0.1:8182" });
    render(BrokerSettings);
    await vi.waitFor(() => expect(screen.getByTestId("login-window")).toBeTruthy());
    await fireEvent.click(screen.getByTestId("login-window"));
    await vi.waitFor(() => expect(screen.getByTestId("broker-notice").textContent).toContain("window that opened"));
    const reads = brokerStatus.mock.calls.length;
    loginFinished({ status: null, error: { code: "auth_required", message: "Schwab refused the code: it is older than 30 seconds", field: null, row: null } });
    await vi.waitFor(() => expect(brokerStatus.mock.calls.length).toBe(reads + 1));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("error-banner").textContent).toContain("older than 30 seconds");
    expect(screen.queryByTestId("broker-notice")).toBeNull();
  });

  it("says so when the login holds no accounts", async () => {
    brokerStatus.mockResolvedValue(status(true));
    brokerAccounts.mockResolvedValueOnce([]);
    render(BrokerSettings);
    await vi.waitFor(() => expect(screen.getByTestId("load-accounts")).toBeTruthy());
    await fireEvent.click(screen.getByTestId("load-accounts"));
    await vi.waitFor(() => expect(screen.getByTestId("no-accounts").textContent).toContain("Schwab lists no accounts"));
  });
});
