import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const watchlists = vi.fn();
const screenWatchlist = vi.fn();
const createWatchlist = vi.fn();
const addToWatchlist = vi.fn();
vi.mock("../lib/api", async () => {
  const real = await vi.importActual<typeof import("../lib/api")>("../lib/api");
  return {
    ...real,
    api: {
      watchlists: (...a: unknown[]) => watchlists(...a),
      screenWatchlist: (...a: unknown[]) => screenWatchlist(...a),
      createWatchlist: (...a: unknown[]) => createWatchlist(...a),
      addToWatchlist: (...a: unknown[]) => addToWatchlist(...a),
      listings: async () => [{ symbol: "KO", name: "Coca-Cola", sector: "Consumer Staples" }],
      brokerStatus: async () => ({ provider: "demo" }),
    },
  };
});

const { default: MarketBoard } = await import("./MarketBoard.svelte");

const quote = (symbol: string, last: number) => ({
  symbol, time: "2026-11-23T15:00:00Z", last, bid: last - 0.01, ask: last + 0.01, previous_close: last, volume: 1000, name: symbol,
  sector: null, dividend: null, next_earnings: null, flags: [],
});
const answer = (rows: Array<[string, number]>, filtered_out = 0) => ({
  watchlist: "Wheel ideas", rows: rows.map(([s, p]) => ({ quote: quote(s, p), section: null, dollar_volume: null })), filtered_out, unquoted: [],
});

describe("MarketBoard", () => {
  it("says it is loading before it says there are no watchlists, and the starter button waits while it is made", async () => {
    localStorage.clear();
    let lists: (v: unknown) => void = () => {};
    watchlists.mockImplementationOnce(() => new Promise((resolve) => (lists = resolve)));
    render(MarketBoard);
    expect(screen.getByText("Loading the watchlists…")).toBeTruthy();
    expect(screen.queryByTestId("watchlist-starter")).toBeNull();
    lists([]);
    await vi.waitFor(() => expect(screen.getByTestId("watchlist-starter")).toBeTruthy());

    let created: () => void = () => {};
    createWatchlist.mockImplementationOnce(() => new Promise<void>((resolve) => (created = resolve)));
    addToWatchlist.mockResolvedValue({});
    watchlists.mockResolvedValue([{ name: "Wheel ideas", symbols: 12 }]);
    screenWatchlist.mockResolvedValue(answer([["KO", 60]]));
    await fireEvent.click(screen.getByTestId("watchlist-starter"));
    // A real second click on a disabled button does not happen (jsdom would still dispatch one).
    expect((screen.getByTestId("watchlist-starter") as HTMLButtonElement).disabled).toBe(true);
    created();
    await vi.waitFor(() => expect(screen.getAllByTestId("quote-row")).toHaveLength(1));
    expect(createWatchlist).toHaveBeenCalledTimes(1);
  });

  it("asks once typing pauses, shows only the newest screen, and says why a screen is empty", async () => {
    localStorage.clear();
    watchlists.mockResolvedValue([{ name: "Wheel ideas", symbols: 3 }]);
    screenWatchlist.mockReset();
    screenWatchlist.mockResolvedValueOnce(answer([["KO", 60], ["T", 25], ["F", 12]]));
    render(MarketBoard);
    await vi.waitFor(() => expect(screen.getAllByTestId("quote-row")).toHaveLength(3));
    expect(screenWatchlist).toHaveBeenCalledTimes(1);

    const asked: Array<(v: unknown) => void> = [];
    screenWatchlist.mockImplementation(() => new Promise((resolve) => asked.push(resolve)));
    const price = screen.getByTestId("filter-max-price");
    for (const typed of ["3", "30"]) await fireEvent.input(price, { target: { value: typed } });
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(screenWatchlist).toHaveBeenLastCalledWith("Wheel ideas", expect.objectContaining({ max_price: 30 }));
    await fireEvent.input(price, { target: { value: "10" } });
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    asked[1]!(answer([], 3));
    await vi.waitFor(() => expect(screen.getByTestId("board-empty").textContent).toContain("Nothing passes the filters"));
    // The screen for "at most 30" lands last: it is not the one asked for now.
    asked[0]!(answer([["T", 25], ["F", 12]], 1));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryAllByTestId("quote-row")).toHaveLength(0);

    await fireEvent.input(price, { target: { value: "" } });
    await vi.waitFor(() => expect(asked).toHaveLength(3));
    asked[2]!(answer([], 0));
    await vi.waitFor(() => expect(screen.getByTestId("board-empty").textContent).toContain("This list has no symbols yet"));
  });
});
