import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const health = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return { ...real, api: { health: (...a: unknown[]) => health(...a), testNotification: vi.fn() } };
});

const { default: About } = await import("./About.svelte");

const info = { version: "0.1.0", database: "/data/wheelwright.sqlite3", schema_version: 12, log_dir: "/data/logs", startup_error: null };
const report = (probe: unknown) => ({
  version: "0.1.0", checked_at: "2026-11-23T15:00:00Z", since: "2026-11-23T14:00:00Z",
  database: { path: "/data/wheelwright.sqlite3", bytes: 3_250_000, schema_version: 12, schema_latest: 12 },
  log_dir: "/data/logs",
  provider: { provider: "tradier", ready: true, detail: "Tradier, token set.", login_expires_at: null, warning: null, probe },
  requests: [
    { provider: "tradier", operation: "chain", requests: 40, errors: 2, error_rate: 0.05, p50_ms: 120.4, p95_ms: 810, max_ms: 2400,
      last_at: "2026-11-23T14:59:00Z", last_error: "timeout: Tradier: no answer within 15s", last_error_at: "2026-11-23T14:30:00Z" },
  ],
  scheduler: { enabled: 7, disabled: 1, next_job: "refresh-quotes", next_run_at: "2026-11-23T15:05:00Z", overdue: [] as string[], last_runner: "app 4242", last_run_at: "2026-11-23T14:55:00Z" },
  jobs: [{ job: "risk-monitor", runs: 12, failures: 1, last_status: "succeeded", last_finished_at: "2026-11-23T14:55:00Z", last_ms: 850, mean_ms: 910.5, max_ms: 4100 }],
});

describe("About & health", () => {
  it("shows the database, each provider operation's errors and latencies, and the jobs' durations", async () => {
    health.mockResolvedValueOnce(report(null));
    render(About, { info });
    await vi.waitFor(() => expect(screen.getByTestId("health-requests")).toBeTruthy());
    expect(health).toHaveBeenCalledWith(false);
    expect(screen.getByTestId("db-size").textContent).toBe("3.1 MB");
    const row = screen.getByTestId("health-request");
    expect(row.textContent).toContain("40");
    expect(row.textContent).toContain("2 (5.0%)");
    expect(row.textContent).toContain("120 ms");
    expect(row.textContent).toContain("2,400 ms");
    expect(row.textContent).toContain("no answer within 15s");
    const job = screen.getByTestId("health-job");
    expect(job.textContent).toContain("risk-monitor");
    expect(job.textContent).toContain("911 ms");
    expect(screen.getByTestId("provider-ready").textContent).toBe("ready");
    const scheduler = screen.getByTestId("scheduler-status").textContent!;
    expect(scheduler).toContain("7 of 8 jobs on; next refresh-quotes at");
    expect(scheduler).toContain("the latest run by app 4242 at");
    expect(screen.queryByTestId("scheduler-behind")).toBeNull();
  });

  it("says which jobs wait past their time, and where to look", async () => {
    const late = report(null);
    late.scheduler = { ...late.scheduler, overdue: ["risk-monitor", "refresh-quotes"] };
    health.mockResolvedValueOnce(late);
    render(About, { info });
    await vi.waitFor(() => expect(screen.getByTestId("scheduler-behind")).toBeTruthy());
    expect(screen.getByTestId("scheduler-behind").textContent).toContain("Behind: risk-monitor, refresh-quotes waited over 15 minutes past their time");
    expect(screen.getByTestId("scheduler-behind").querySelector("a")!.getAttribute("href")).toBe("#/scheduler");
  });

  it("probes the provider on request and says when it did not answer", async () => {
    health.mockResolvedValueOnce(report(null));
    render(About, { info });
    await vi.waitFor(() => expect(screen.getByTestId("health-probe")).toBeTruthy());
    expect(screen.queryByTestId("probe-result")).toBeNull();
    health.mockResolvedValueOnce(report({ ok: false, ms: 15003, error: "timeout: Tradier: no answer within 15s" }));
    await fireEvent.click(screen.getByTestId("health-probe"));
    await vi.waitFor(() => expect(screen.getByTestId("probe-result")).toBeTruthy());
    expect(health).toHaveBeenLastCalledWith(true);
    expect(screen.getByTestId("probe-result").textContent).toContain("No answer after 15,003 ms: timeout");
  });

  it("keeps the page and shows the error when the report cannot be had", async () => {
    health.mockRejectedValueOnce({ code: "database_busy", message: "the database is busy: try again" });
    render(About, { info });
    await vi.waitFor(() => expect(screen.getByText(/the database is busy/)).toBeTruthy());
    expect(screen.getByTestId("db-path").textContent).toBe("/data/wheelwright.sqlite3");
  });
});
