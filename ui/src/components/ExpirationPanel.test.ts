import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const expiration = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return { ...real, api: { expiration: (...a: unknown[]) => expiration(...a) } };
});

const { default: ExpirationPanel } = await import("./ExpirationPanel.svelte");

describe("ExpirationPanel", () => {
  it("asks with the chosen pin distance and shows outcomes, cash and shortfalls", async () => {
    expiration.mockResolvedValueOnce({
      expiry: "2026-12-04", pin_distance: 0.02, cash: 5000, cash_needed: 13200, cash_received: 1000, cash_after: -7200, pinned: 1,
      shares: [], shortfalls: ["Assignments need 13200.00 but the portfolio has 5000.00 (and receives 1000.00): 7200.00 short"],
      options: [
        { symbol: "KO", leg_id: 1, right: "P", side: "short", strike: 66, contracts: 2, spot: 65.5, distance: -0.0076, outcome: "assigned",
          cash_change: -13200, shares_change: 200, pin_risk: true, summary: "Assigned: buy 200 KO at 66 (13200.00)" },
      ],
    });
    render(ExpirationPanel, { portfolio: "Main" });
    await fireEvent.input(screen.getByTestId("pin-pct"), { target: { value: "2" } });
    await fireEvent.click(screen.getByTestId("expiration-load"));
    await vi.waitFor(() => expect(screen.getByTestId("expiring-row")).toBeTruthy());
    expect(expiration).toHaveBeenCalledWith("Main", 0.02);
    const row = screen.getByTestId("expiring-row");
    expect(row.textContent).toContain("Assigned: buy 200 KO at 66");
    expect(row.textContent).toContain("pin risk");
    expect(screen.getByTestId("expiration-cash").textContent).toContain("= -7,200.00 next session");
    expect(screen.getByTestId("shortfall").textContent).toContain("7200.00 short");
  });

  it("says when nothing is open", async () => {
    expiration.mockResolvedValueOnce(null);
    render(ExpirationPanel, { portfolio: "Main" });
    await fireEvent.click(screen.getByTestId("expiration-load"));
    await vi.waitFor(() => expect(screen.getByTestId("expiration-none")).toBeTruthy());
  });
});
