import { describe, expect, it, vi, beforeEach } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

/** The page's reload, as its timer or a ledger change runs it. */
let reload: () => void = () => {};
const calls = { jobs: vi.fn(), jobHistory: vi.fn(), runJob: vi.fn(), updateJob: vi.fn() };
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    loadAndFollowLedger: (load: () => void) => {
      reload = load;
      void load();
      return () => {};
    },
    api: Object.fromEntries(Object.entries(calls).map(([name, fn]) => [name, (...a: unknown[]) => fn(...a)])),
  };
});
const { CommandError } = await import("../lib/api");
const { default: SchedulerPage } = await import("./SchedulerPage.svelte");

const run = (id: number, status: string, message: string | null = null) => ({
  id, job: "risk-monitor", trigger: "manual", scheduled_for: null, started_at: "2026-11-23T15:00:00Z", finished_at: "2026-11-23T15:00:02.500Z",
  status, items: 3, message, runner: "app",
});
const job = (name: string, cadence: object, window: string, last: object | null = null) => ({
  name, description: `${name} does its thing`, enabled: true, schedule: { cadence, window }, next_run_at: "2026-11-23T15:15:00Z", last_run: last,
});

beforeEach(() => {
  for (const fn of Object.values(calls)) fn.mockReset();
  calls.jobs.mockResolvedValue([
    job("risk-monitor", { kind: "every", minutes: 15 }, "market_hours", run(1, "failed", "no quotes")),
    job("daily-snapshots", { kind: "cron", pattern: "30 16 * * 1-5" }, "session_days"),
  ]);
  calls.jobHistory.mockResolvedValue([run(1, "failed", "no quotes")]);
});

describe("SchedulerPage", () => {
  it("shows every job's schedule, last run and the history", async () => {
    render(SchedulerPage);
    await vi.waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(2));
    const schedules = screen.getAllByTestId("job-schedule").map((e) => e.textContent);
    expect(schedules).toEqual(["every 15 min, market hours", "cron 30 16 * * 1-5, trading days"]);
    expect(screen.getAllByTestId("job-last")[0]!.textContent).toContain("failed");
    expect(screen.getAllByTestId("job-last")[1]!.textContent).toContain("never");
    expect(screen.getAllByTestId("history-row")[0]!.textContent).toContain("2.5 s");
  });

  it("shows the asked job's history even when an older reading lands after it", async () => {
    render(SchedulerPage);
    await vi.waitFor(() => expect(screen.getAllByTestId("history-row")).toHaveLength(1));
    // A timer reading (of every job's history) is out when History is clicked for one job.
    let late: (v: unknown) => void = () => {};
    calls.jobHistory.mockImplementationOnce(() => new Promise((resolve) => (late = resolve)));
    reload();
    calls.jobHistory.mockResolvedValueOnce([]);
    await fireEvent.click(screen.getAllByText("History")[1]!);
    await vi.waitFor(() => expect(screen.getByTestId("history-empty")).toBeTruthy());
    late([run(1, "failed", "no quotes"), run(2, "succeeded")]);
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("history-empty")).toBeTruthy();
    expect(screen.getByText(/Run history — daily-snapshots/)).toBeTruthy();
  });

  it("runs a job now and reports how it went", async () => {
    calls.runJob.mockResolvedValueOnce(run(2, "succeeded", "3 positions checked"));
    render(SchedulerPage);
    await vi.waitFor(() => expect(screen.getAllByTestId("job-run")).toHaveLength(2));
    await fireEvent.click(screen.getAllByTestId("job-run")[0]!);
    await vi.waitFor(() => expect(screen.getByTestId("job-notice").textContent).toBe("risk-monitor: succeeded — 3 positions checked"));
    expect(calls.runJob).toHaveBeenCalledWith("risk-monitor");
  });

  it("edits a schedule and keeps the form open on a refused pattern", async () => {
    calls.updateJob.mockRejectedValueOnce(
      new CommandError({ code: "invalid_input", message: "'61 * * * *': minute must be 0–59", field: "schedule", row: null }),
    );
    calls.updateJob.mockResolvedValueOnce({});
    render(SchedulerPage);
    await vi.waitFor(() => expect(screen.getAllByTestId("job-edit-open")).toHaveLength(2));
    await fireEvent.click(screen.getAllByTestId("job-edit-open")[1]!);
    const cron = screen.getByTestId("job-cron") as HTMLInputElement;
    expect(cron.value).toBe("30 16 * * 1-5");
    await fireEvent.input(cron, { target: { value: "61 * * * *" } });
    await fireEvent.click(screen.getByTestId("job-save"));
    await vi.waitFor(() => expect(screen.getByTestId("error-banner").textContent).toContain("minute must be 0–59"));
    expect(screen.getByTestId("job-edit")).toBeTruthy();
    // The page reads the jobs again (its timer): the refusal is still said.
    reload();
    await vi.waitFor(() => expect(calls.jobs).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("error-banner").textContent).toContain("minute must be 0–59");
    await fireEvent.input(cron, { target: { value: " 45 16 * * 1-5 " } });
    await fireEvent.click(screen.getByTestId("job-save"));
    await vi.waitFor(() => expect(screen.queryByTestId("job-edit")).toBeNull());
    expect(calls.updateJob).toHaveBeenLastCalledWith("daily-snapshots", null, { cadence: { kind: "cron", pattern: "45 16 * * 1-5" }, window: "session_days" });
  });
});
