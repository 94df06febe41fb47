// Where the user is: a tiny router over the URL hash (#/portfolio/Main/wheel/AAPL), so the
// back button and a reload keep the place. It also remembers the portfolio and the chain symbol
// last looked at, so the rail's Dashboard, Wheels, Risk, Performance and Chain go back to them.
import type { AlertLink, Right } from "./bindings";

/** The pages about one portfolio, in the rail's order. */
export const PORTFOLIO_PAGES = ["dashboard", "wheels", "risk", "performance"] as const;
export type PortfolioPage = (typeof PORTFOLIO_PAGES)[number];

export type Route =
  | { page: "portfolios" }
  | { page: PortfolioPage; portfolio: string }
  | { page: "wheel"; portfolio: string; symbol: string }
  | { page: "market" }
  /** An empty symbol: the chain page asks for one. `sell`: open the sell-to-open ticket of that
   * contract (the scanner's Sell). */
  | { page: "chain"; symbol: string; sell?: Contract }
  | { page: "scanner" }
  | { page: "settings" }
  | { page: "alerts" }
  | { page: "scheduler" }
  | { page: "about" };

/** One option contract of a chain. */
export interface Contract {
  expiry: string;
  strike: number;
  right: Right;
}

const SIMPLE = ["about", "settings", "alerts", "scheduler", "scanner"] as const;

export function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const simple = SIMPLE.find((page) => page === parts[0]);
  if (simple) return { page: simple };
  if (parts[0] === "chain") return { page: "chain", symbol: parts[1] ?? "" };
  if (parts[0] === "market") {
    if (!parts[1]) return { page: "market" };
    const [, symbol, verb, expiry, strike, right] = parts;
    if (verb === "sell" && expiry && Number.isFinite(Number(strike)) && (right === "P" || right === "C")) {
      return { page: "chain", symbol, sell: { expiry, strike: Number(strike), right } };
    }
    return { page: "chain", symbol };
  }
  if (parts[0] === "portfolio" && parts[1]) {
    if (parts[2] === "wheel" && parts[3]) return { page: "wheel", portfolio: parts[1], symbol: parts[3] };
    const page = PORTFOLIO_PAGES.find((p) => p === parts[2]);
    return { page: page ?? "wheels", portfolio: parts[1] };
  }
  return { page: "portfolios" };
}

export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.page) {
    case "portfolios":
      return "#/";
    case "about":
    case "settings":
    case "alerts":
    case "scheduler":
    case "scanner":
      return `#/${route.page}`;
    case "market":
      return "#/market";
    case "chain":
      if (route.sell) return `#/market/${e(route.symbol)}/sell/${e(route.sell.expiry)}/${route.sell.strike}/${route.sell.right}`;
      return route.symbol ? `#/market/${e(route.symbol)}` : "#/chain";
    case "wheels":
      return `#/portfolio/${e(route.portfolio)}`;
    case "dashboard":
    case "risk":
    case "performance":
      return `#/portfolio/${e(route.portfolio)}/${route.page}`;
    case "wheel":
      return `#/portfolio/${e(route.portfolio)}/wheel/${e(route.symbol)}`;
  }
}

const REMEMBERED = "wheelwright.place";

/** The portfolio and chain symbol last shown, kept across restarts. */
interface Place {
  portfolio: string | null;
  symbol: string | null;
}

function recall(): Place {
  try {
    const saved = JSON.parse(localStorage.getItem(REMEMBERED) ?? "{}") as Partial<Place>;
    return { portfolio: saved.portfolio ?? null, symbol: saved.symbol ?? null };
  } catch {
    return { portfolio: null, symbol: null };
  }
}

class Location {
  current = $state<Route>(parse(typeof location === "undefined" ? "" : location.hash));
  place = $state<Place>(typeof localStorage === "undefined" ? { portfolio: null, symbol: null } : recall());
}

export const here = new Location();

/** Remember what `route` is about (its portfolio, its chain's symbol). */
export function remember(route: Route): void {
  const next = { ...here.place };
  if ("portfolio" in route) next.portfolio = route.portfolio;
  if (route.page === "chain" && route.symbol) next.symbol = route.symbol;
  if (next.portfolio === here.place.portfolio && next.symbol === here.place.symbol) return;
  here.place = next;
  try {
    localStorage.setItem(REMEMBERED, JSON.stringify(next));
  } catch {
    // A full or refused storage only loses the memory, not the page.
  }
}

/** A rail entry for a portfolio page: the remembered portfolio's, or the list to pick one. */
export function portfolioRoute(page: PortfolioPage, portfolio: string | null): Route {
  return portfolio ? { page, portfolio } : { page: "portfolios" };
}

/** The same kind of page for another portfolio (a wheel's page becomes the new one's wheels). */
export function switchPortfolio(route: Route, portfolio: string | null): Route {
  if (!portfolio) return { page: "portfolios" };
  const page = PORTFOLIO_PAGES.find((p) => p === route.page) ?? (route.page === "wheel" ? "wheels" : "dashboard");
  return { page, portfolio };
}

if (typeof window !== "undefined") {
  remember(here.current);
  window.addEventListener("hashchange", () => {
    here.current = parse(location.hash);
    remember(here.current);
  });
}

/** Where an alert leads: its wheel, its symbol's chain, the portfolio's risk, the scanner. */
export function linkRoute(link: AlertLink): Route {
  switch (link.page) {
    case "wheel":
      return { page: "wheel", portfolio: link.portfolio, symbol: link.symbol };
    case "symbol":
      return { page: "chain", symbol: link.symbol };
    case "risk":
      return { page: "risk", portfolio: link.portfolio };
    case "scanner":
      return { page: "scanner" };
    case "scheduler":
      return { page: "scheduler" };
    case "settings":
      return { page: "settings" };
  }
}

export function go(route: Route): void {
  location.hash = href(route);
}
