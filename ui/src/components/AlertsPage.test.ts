import { describe, expect, it, vi, beforeEach } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const calls = {
  inbox: vi.fn(),
  alertRules: vi.fn(),
  alertDelivery: vi.fn(),
  updateAlertRule: vi.fn(),
  addAlertRule: vi.fn(),
  dismissAlerts: vi.fn(),
  readAlerts: vi.fn(),
  checkAlerts: vi.fn(),
  pauseAlerts: vi.fn(),
  setQuietHours: vi.fn(),
};
/** The inbox's reload, as a new alert or a ledger change would run it. */
let reloadInbox: () => void = () => {};
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    loadAndFollowLedger: (load: () => void) => {
      reloadInbox = load;
      void load();
      return () => {};
    },
    api: Object.fromEntries(Object.entries(calls).map(([name, fn]) => [name, (...a: unknown[]) => fn(...a)])),
  };
});

const { default: AlertsPage } = await import("./AlertsPage.svelte");

const alert = (id: number, title: string, read = false) => ({
  id, rule_id: 3, kind: "expiring_soon", severity: "info", title, body: "KO is OTM by 2.0%.", link: { page: "wheel", portfolio: "Main", symbol: "KO" },
  portfolio: "Main", symbol: "KO", created_at: "2026-11-23T15:00:00Z", read, dismissed: false, delivery: "notified",
});
const rule = { id: 5, kind: "take_profit", symbol: null, threshold: 50, enabled: true, cooldown_minutes: 1200 };
const delivery = { delivery: {}, silence: null };

beforeEach(() => {
  for (const fn of Object.values(calls)) fn.mockReset();
  calls.alertRules.mockResolvedValue([rule]);
  calls.alertDelivery.mockResolvedValue(delivery);
});

describe("AlertsPage", () => {
  it("lists the inbox and dismisses an alert", async () => {
    calls.inbox.mockResolvedValueOnce({ alerts: [alert(2, "KO put expires in 2 days"), alert(1, "KO crossed 60.00 up", true)], unread: 1 });
    calls.inbox.mockResolvedValueOnce({ alerts: [alert(1, "KO crossed 60.00 up", true)], unread: 0 });
    calls.dismissAlerts.mockResolvedValueOnce(0);
    render(AlertsPage);
    await vi.waitFor(() => expect(screen.getAllByTestId("alert-row")).toHaveLength(2));
    expect(screen.getByTestId("alerts-unread").textContent).toBe("1 unread");
    await fireEvent.click(screen.getAllByTestId("alert-dismiss")[0]!);
    await vi.waitFor(() => expect(screen.getAllByTestId("alert-row")).toHaveLength(1));
    expect(calls.dismissAlerts).toHaveBeenCalledWith([2]);
  });

  it("saves a rule's threshold and refuses one that is not a number", async () => {
    calls.inbox.mockResolvedValue({ alerts: [], unread: 0 });
    calls.updateAlertRule.mockResolvedValueOnce({ ...rule, threshold: 75 });
    render(AlertsPage);
    await vi.waitFor(() => expect(screen.getAllByTestId("rule-row")).toHaveLength(1));
    const box = screen.getByLabelText("Threshold") as HTMLInputElement;
    await fireEvent.input(box, { target: { value: "lots" } });
    await fireEvent.click(screen.getByTestId("rule-save"));
    await vi.waitFor(() => expect(screen.getByTestId("error-banner").textContent).toContain("'lots' is not a number"));
    expect(calls.updateAlertRule).not.toHaveBeenCalled();
    // A new alert arrives and the inbox is read again: the refused edit is still said.
    reloadInbox();
    await vi.waitFor(() => expect(calls.inbox).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("error-banner").textContent).toContain("'lots' is not a number");
    await fireEvent.input(box, { target: { value: "75" } });
    await fireEvent.click(screen.getByTestId("rule-save"));
    await vi.waitFor(() => expect(calls.updateAlertRule).toHaveBeenCalledWith(5, { threshold: 75, cooldown_minutes: 1200, enabled: true }));
  });

  it("says it is loading the inbox, and a rules failure keeps its own banner with a retry", async () => {
    let inbox: (v: unknown) => void = () => {};
    calls.inbox.mockImplementationOnce(() => new Promise((resolve) => (inbox = resolve)));
    calls.alertRules.mockReset();
    calls.alertRules.mockRejectedValueOnce({ code: "database", message: "the database is busy" });
    render(AlertsPage);
    expect(screen.getByText("Loading the inbox…")).toBeTruthy();
    expect(screen.queryByTestId("alerts-empty")).toBeNull();
    await vi.waitFor(() => expect(screen.getByTestId("error-banner").dataset.code).toBe("database"));
    // The inbox answering does not clear the rules' failure.
    inbox({ alerts: [], unread: 0 });
    await vi.waitFor(() => expect(screen.getByTestId("alerts-empty")).toBeTruthy());
    expect(screen.getByTestId("error-banner").dataset.code).toBe("database");
    calls.alertRules.mockResolvedValue([rule]);
    await fireEvent.click(screen.getByTestId("error-retry"));
    await vi.waitFor(() => expect(screen.getAllByTestId("rule-row")).toHaveLength(1));
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("adds a price level and reports a check", async () => {
    calls.inbox.mockResolvedValue({ alerts: [], unread: 0 });
    calls.addAlertRule.mockResolvedValueOnce({ id: 9, kind: "price_crosses", symbol: "KO", threshold: 61.5, enabled: true, cooldown_minutes: 60 });
    calls.checkAlerts.mockResolvedValueOnce({ rules_checked: 10, raised: [], held_back: 2, notes: [] });
    render(AlertsPage);
    await vi.waitFor(() => expect(screen.getByTestId("alerts-empty")).toBeTruthy());
    await fireEvent.input(screen.getByTestId("rule-symbol"), { target: { value: " KO " } });
    await fireEvent.input(screen.getByTestId("rule-threshold"), { target: { value: "61.5" } });
    await fireEvent.click(screen.getByTestId("rule-add"));
    await vi.waitFor(() => expect(calls.addAlertRule).toHaveBeenCalledWith("price_crosses", { symbol: "KO", threshold: 61.5 }));
    await fireEvent.click(screen.getByTestId("alerts-check"));
    await vi.waitFor(() => expect(screen.getByTestId("alerts-checked").textContent).toContain("10 rules checked: 0 new, 2 already said"));
  });
});
