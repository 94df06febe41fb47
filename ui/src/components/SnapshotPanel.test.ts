import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const takeSnapshot = vi.fn();
const snapshots = vi.fn();
const snapshotTrend = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      takeSnapshot: (...a: unknown[]) => takeSnapshot(...a),
      snapshots: (...a: unknown[]) => snapshots(...a),
      snapshotTrend: (...a: unknown[]) => snapshotTrend(...a),
    },
    loadAndFollowLedger: () => () => {},
  };
});

const { default: SnapshotPanel } = await import("./SnapshotPanel.svelte");

const summary = (id: number, day: string, kind: string, pnl: number | null) =>
  ({ id, portfolio: "Main", trading_day: day, taken_at: `${day}T21:30:00Z`, kind, provider: "demo", positions: 2, unrealized_pnl: pnl });

describe("SnapshotPanel", () => {
  it("takes a manual snapshot and lists the portfolio's snapshots", async () => {
    takeSnapshot.mockResolvedValueOnce({});
    snapshots.mockResolvedValueOnce([summary(2, "2026-11-24", "manual", 1234.5), summary(1, "2026-11-23", "daily", null)]);
    render(SnapshotPanel, { portfolio: "Main", symbols: ["KO"] });
    await fireEvent.click(screen.getByTestId("snapshot-take"));
    await vi.waitFor(() => expect(screen.getAllByTestId("snapshot-row")).toHaveLength(2));
    expect(takeSnapshot).toHaveBeenCalledWith("Main", "manual");
    const rows = screen.getAllByTestId("snapshot-row").map((r) => r.textContent);
    expect(rows[0]).toContain("1,234.50");
    expect(rows[1]).toContain("—");
  });

  it("follows a symbol's positions over the snapshots", async () => {
    snapshotTrend.mockResolvedValueOnce([{ symbol: "KO", position: "leg:3", description: "short 1 put 66 2026-12-18", points: [
      { snapshot_id: 1, trading_day: "2026-11-23", taken_at: "a", kind: "daily", spot: 66.4, mark: 1.2, moneyness: 0.006, unrealized_pnl: -10 },
      { snapshot_id: 2, trading_day: "2026-11-24", taken_at: "a", kind: "daily", spot: 67.1, mark: 0.9, moneyness: 0.0164, unrealized_pnl: 20 },
    ] }]);
    render(SnapshotPanel, { portfolio: "Main", symbols: ["KO", "PEP"] });
    await fireEvent.click(screen.getByTestId("trend-load"));
    await vi.waitFor(() => expect(screen.getAllByTestId("trend-row")).toHaveLength(2));
    expect(snapshotTrend).toHaveBeenCalledWith("Main", "KO");
    expect(screen.getAllByTestId("trend-row")[1]?.textContent).toContain("1.6%");
    // The core draws the P&L trend too (jsdom has no layout to size it, so only its place is checked).
    expect(screen.getByTestId("trend-chart")).toBeTruthy();
  });
});
