import { describe, expect, it, vi, beforeEach } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const calls = {
  notificationStatus: vi.fn(),
  preferences: vi.fn(),
  setPreferences: vi.fn(),
  webhookStatus: vi.fn(),
  webhookLog: vi.fn(),
  setWebhook: vi.fn(),
  testWebhook: vi.fn(),
  removeWebhook: vi.fn(),
};
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return { ...real, api: Object.fromEntries(Object.entries(calls).map(([name, fn]) => [name, (...a: unknown[]) => fn(...a)])) };
});
const { default: NotificationSettings } = await import("./NotificationSettings.svelte");

const delivery = {
  id: 4, event: "test", alert_ids: [], host: "hooks.example.com", outcome: "delivered", http_status: 200,
  attempts: [{ at: "2026-11-23T15:00:00Z", status: 503 }, { at: "2026-11-23T15:00:01Z", status: 200 }],
  started_at: "2026-11-23T15:00:00Z", finished_at: "2026-11-23T15:00:01Z",
};

beforeEach(() => {
  for (const fn of Object.values(calls)) fn.mockReset();
  calls.notificationStatus.mockResolvedValue({ permission: "granted", service: "the desktop's notification service", silence: { reason: "quiet_hours" }, tray: true });
  calls.preferences.mockResolvedValue({ close_to_tray: true });
  calls.webhookStatus.mockResolvedValue({ enabled: false, url_set: false, secret_set: false });
  calls.webhookLog.mockResolvedValue([]);
});

describe("NotificationSettings", () => {
  it("says whether alerts can reach the user now", async () => {
    render(NotificationSettings);
    await vi.waitFor(() => expect(screen.getByTestId("notification-status").textContent).toContain("Allowed"));
    const line = screen.getByTestId("notification-status").textContent!;
    expect(line).toContain("quiet hours");
    expect(line).toContain("tray icon shown");
    expect((screen.getByTestId("close-to-tray") as HTMLInputElement).checked).toBe(true);
  });

  it("sends the webhook's URL and secret once, shows only the host, and tests it", async () => {
    calls.setWebhook.mockResolvedValueOnce({ enabled: true, host: "hooks.example.com", url_set: true, secret_set: true });
    calls.testWebhook.mockResolvedValueOnce(delivery);
    render(NotificationSettings);
    await vi.waitFor(() => expect(screen.getByTestId("webhook-state").textContent).toContain("Off"));
    await fireEvent.input(screen.getByTestId("webhook-url"), { target: { value: " https://hooks.example.com/T0KEN " } });
    await fireEvent.input(screen.getByTestId("webhook-secret"), { target: { value: "whsec-0123456789abcdef" } });
    await fireEvent.click(screen.getByTestId("webhook-save"));
    await vi.waitFor(() => expect(screen.getByTestId("webhook-state").textContent).toContain("On · to hooks.example.com"));
    expect(calls.setWebhook).toHaveBeenCalledWith({ url: "https://hooks.example.com/T0KEN", secret: "whsec-0123456789abcdef", enabled: true });
    // The boxes are emptied: the secret is not kept in the page.
    expect((screen.getByTestId("webhook-url") as HTMLInputElement).value).toBe("");
    expect((screen.getByTestId("webhook-secret") as HTMLInputElement).value).toBe("");
    expect(document.body.textContent).not.toContain("T0KEN");

    calls.webhookLog.mockResolvedValueOnce([delivery]);
    await fireEvent.click(screen.getByTestId("webhook-test"));
    await vi.waitFor(() => expect(screen.getByTestId("webhook-notice").textContent).toBe("Test test delivered to hooks.example.com after 2 attempts (HTTP 200)"));
    expect(screen.getByTestId("webhook-log").textContent).toContain("after 2 attempts");

    // Turning it off sends no URL or secret: the keychain keeps them.
    calls.setWebhook.mockResolvedValueOnce({ enabled: false, host: "hooks.example.com", url_set: true, secret_set: true });
    await fireEvent.click(screen.getByTestId("webhook-off"));
    await vi.waitFor(() => expect(calls.setWebhook).toHaveBeenLastCalledWith({ url: undefined, secret: undefined, enabled: false }));
  });
});
