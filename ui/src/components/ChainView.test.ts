import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import type { OptionQuote } from "../lib/bindings";

const chain = vi.fn();
const recommend = vi.fn();
const expirations = vi.fn(async (_symbol: string) => ["2026-12-18", "2027-01-15"]);
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      expirations: (symbol: string) => expirations(symbol),
      chain: (...a: unknown[]) => chain(...a),
      recommend: (...a: unknown[]) => recommend(...a),
      previewFill: async () => null,
      onLedgerChanged: async () => () => {},
    },
    // The volatility charts follow the ledger over IPC: not here.
    loadAndFollowLedger: () => () => {},
  };
});

const { here } = await import("../lib/route.svelte");
const { default: ChainView } = await import("./ChainView.svelte");

function quote(right: "P" | "C", strike: number): OptionQuote {
  return {
    occ: `XYZ ${right}${strike}`, underlying: "XYZ", right, strike, expiry: "2026-12-18", multiplier: 100, standard: true,
    bid: 1, ask: 1.1, last: 1.05, volume: 12, open_interest: 340, iv: 0.3,
    greeks: { delta: right === "P" ? -0.3 : 0.7, gamma: 0.01, theta_per_day: -0.02, vega_per_point: 0.1 }, flags: [],
  };
}

/** 5,000 strikes a dime apart around 300, puts and calls. */
function longChain() {
  const contracts = Array.from({ length: 5000 }, (_, i) => 50 + i * 0.1).flatMap((k) => [quote("C", Math.round(k * 10) / 10), quote("P", Math.round(k * 10) / 10)]);
  return {
    underlying: { symbol: "XYZ", time: "2026-11-23T15:00:00Z", last: 300, bid: 299.99, ask: 300.01, previous_close: 299, volume: 1, name: "XYZ Corp",
      sector: null, dividend: null, next_earnings: null, flags: [] },
    time: "2026-11-23T15:00:00Z", rate: 0.04, contracts,
  };
}

describe("ChainView", () => {
  it("keeps a few dozen of 5,000 rows in the DOM while scrolling, and a bid opens a prefilled ticket", async () => {
    here.place = { portfolio: "Main", symbol: null };
    chain.mockResolvedValue(longChain());
    recommend.mockResolvedValue([{ symbol: "XYZ", state: "idle", action: "sell_put", reason: "Sell 1 XYZ Dec 18 280 put", positions: [], roll: null,
      candidates: [{ expiry: "2026-12-18", strike: 280, right: "P" }] }]);
    render(ChainView, { symbol: "XYZ" });
    await vi.waitFor(() => expect(screen.getByTestId("chain-table").getAttribute("data-rows")).toBe("5000"));
    const shown = () => screen.getAllByTestId("chain-row");
    expect(shown().length).toBeLessThan(200);
    // Opened on the money: 300 is row 2,500.
    expect(shown().map((r) => Number(r.dataset.strike))).toContain(300);
    const scroller = screen.getByTestId("chain-scroller");
    scroller.scrollTop = 4900 * 28;
    await fireEvent.scroll(scroller);
    await vi.waitFor(() => expect(shown().map((r) => Number(r.dataset.strike))).toContain(540));
    expect(shown().length).toBeLessThan(200);
    // The spacers keep the scroll height of all 5,000 rows.
    const spacers = [...scroller.querySelectorAll<HTMLTableCellElement>("tr.spacer td")].map((td) => Number.parseFloat(td.style.height));
    expect(spacers.reduce((a, b) => a + b, 0) + shown().length * 28).toBe(5000 * 28);

    // Yields as the core works them: mid 1.05 over strike 540 for a put, × 365 ÷ 25 days.
    const row = shown().find((r) => r.dataset.strike === "540")!;
    expect(row.querySelector('[data-testid="yield-P"]')!.textContent).toBe(`${(((1.05 / 540) * 365) / 25 * 100).toFixed(1)}%`);

    await fireEvent.click(row.querySelector('[data-testid="sell-P"]')!);
    const ticket = await screen.findByTestId("chain-ticket");
    expect(ticket.textContent).toContain("Sell XYZ 2026-12-18 540 put");
    expect(ticket.textContent).toContain("Records the fill in Main");
    expect((screen.getByTestId("fill-strike") as HTMLInputElement).value).toBe("540");
    expect((screen.getByTestId("fill-price") as HTMLInputElement).value).toBe("1.00");
    expect((screen.getByTestId("fill-action") as HTMLSelectElement).value).toBe("STO");

    // The wheel's recommended strike is starred.
    expect(recommend).toHaveBeenCalledWith({ portfolio: "Main", symbol: "XYZ", overrides: {}, limit: 5 });
    expect(screen.getByTestId("chain-recommend").textContent).toContain("Sell 1 XYZ Dec 18 280 put");

    // The volatility charts: the shown expiry's smile and the term structure; with every expiry
    // shown there is no one smile, so only the term structure stays. Not a simulated market: no
    // "simulated" beside the time, the IV is the provider's.
    expect(screen.getByTestId("chain-smile")).toBeTruthy();
    expect(screen.getByTestId("chain-term")).toBeTruthy();
    expect(screen.getByText(/IV, Δ and Θ are the provider's/)).toBeTruthy();
    expect(screen.queryByText(/simulated ·/)).toBeNull();
    await fireEvent.click(screen.getByTestId("expiry-all"));
    await vi.waitFor(() => expect(screen.queryByTestId("chain-smile")).toBeNull());
    expect(screen.getByTestId("chain-term")).toBeTruthy();
  });

  it("opens the ticket of a contract it is asked to sell (the scanner's Sell), fetching every strike if it must", async () => {
    here.place = { portfolio: "Main", symbol: null };
    chain.mockReset();
    // The 16 strikes nearest the money leave out the 240 put; every strike has it.
    const near = { ...longChain(), contracts: longChain().contracts.filter((q) => Math.abs(q.strike - 300) < 1) };
    chain.mockImplementation(async (filter: { strike_count: number | null }) => (filter.strike_count === null ? longChain() : near));
    recommend.mockResolvedValue([]);
    render(ChainView, { symbol: "XYZ", sell: { expiry: "2026-12-18", strike: 240, right: "P" } });
    const ticket = await screen.findByTestId("chain-ticket");
    expect(ticket.textContent).toContain("Sell XYZ 2026-12-18 240 put");
    expect((screen.getByTestId("fill-strike") as HTMLInputElement).value).toBe("240");
    expect(chain).toHaveBeenLastCalledWith(expect.objectContaining({ from: "2026-12-18", to: "2026-12-18", strike_count: null }));
  });

  it("says so when the contract asked for is no longer listed", async () => {
    here.place = { portfolio: "Main", symbol: null };
    chain.mockReset();
    chain.mockResolvedValue(longChain());
    recommend.mockResolvedValue([]);
    render(ChainView, { symbol: "XYZ", sell: { expiry: "2026-12-18", strike: 999, right: "P" } });
    const notice = await screen.findByTestId("chain-unlisted");
    expect(notice.textContent).toContain("XYZ 2026-12-18 999 put is no longer listed");
    expect(screen.queryByTestId("chain-ticket")).toBeNull();
  });

  it("shows only the last tab's chain when tabs are clicked faster than chains arrive", async () => {
    here.place = { portfolio: null, symbol: null };
    chain.mockReset();
    const asked: Array<{ expiry: string; answer: (v: unknown) => void }> = [];
    chain.mockImplementation((filter: { from: string }) => new Promise((answer) => asked.push({ expiry: filter.from, answer })));
    render(ChainView, { symbol: "XYZ" });
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    const december = longChain();
    asked[0]!.answer(december);
    await vi.waitFor(() => expect(screen.getByTestId("chain-table").getAttribute("data-rows")).toBe("5000"));
    // January, then back to December before January's chain is in.
    const [, january] = screen.getAllByTestId("expiry");
    await fireEvent.click(january!);
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(screen.getByTestId("chain-loading").textContent).toBe("Loading 2027-01-15…");
    expect(screen.getByTestId("chain-scroller").classList.contains("stale")).toBe(true);
    await fireEvent.click(screen.getAllByTestId("expiry")[0]!);
    await vi.waitFor(() => expect(asked).toHaveLength(3));
    asked[2]!.answer({ ...december, contracts: december.contracts.slice(0, 20) });
    await vi.waitFor(() => expect(screen.getByTestId("chain-table").getAttribute("data-rows")).toBe("10"));
    expect(screen.queryByTestId("chain-loading")).toBeNull();
    // January's late answer is not shown under December's tab.
    asked[1]!.answer({ ...december, contracts: december.contracts.map((q) => ({ ...q, expiry: "2027-01-15" })) });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("chain-table").getAttribute("data-rows")).toBe("10");
    expect(screen.getByTestId("chain-scroller").classList.contains("stale")).toBe(false);
  });

  it("says when a symbol lists no options, and offers a retry when the chain cannot be had", async () => {
    here.place = { portfolio: null, symbol: null };
    expirations.mockResolvedValueOnce([]);
    const { unmount } = render(ChainView, { symbol: "NOPT" });
    await vi.waitFor(() => expect(screen.getByTestId("chain-none").textContent).toContain("NOPT lists no options"));
    unmount();

    chain.mockReset();
    chain.mockRejectedValueOnce({ code: "rate_limited", message: "Tradier: too many requests; wait a minute" });
    render(ChainView, { symbol: "XYZ" });
    await vi.waitFor(() => expect(screen.getByTestId("error-banner").dataset.code).toBe("rate_limited"));
    expect(screen.queryByText("Loading the chain…")).toBeNull();
    chain.mockResolvedValue(longChain());
    await fireEvent.click(screen.getByTestId("error-retry"));
    await vi.waitFor(() => expect(screen.getByTestId("chain-table").getAttribute("data-rows")).toBe("5000"));
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });
});
