// Where the user is: a tiny router over the URL hash (#/portfolio/Main/wheel/AAPL), so the
// back button and a reload keep the place.
import type { AlertLink } from "./bindings";
export type Route =
  | { page: "portfolios" }
  | { page: "wheels"; portfolio: string }
  | { page: "wheel"; portfolio: string; symbol: string }
  | { page: "market" }
  | { page: "chain"; symbol: string }
  | { page: "settings" }
  | { page: "alerts" }
  | { page: "scheduler" }
  | { page: "about" };

export function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "about") return { page: "about" };
  if (parts[0] === "settings") return { page: "settings" };
  if (parts[0] === "alerts") return { page: "alerts" };
  if (parts[0] === "scheduler") return { page: "scheduler" };
  if (parts[0] === "market") return parts[1] ? { page: "chain", symbol: parts[1] } : { page: "market" };
  if (parts[0] === "portfolio" && parts[1]) {
    if (parts[2] === "wheel" && parts[3]) return { page: "wheel", portfolio: parts[1], symbol: parts[3] };
    return { page: "wheels", portfolio: parts[1] };
  }
  return { page: "portfolios" };
}

export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.page) {
    case "portfolios":
      return "#/";
    case "about":
      return "#/about";
    case "settings":
      return "#/settings";
    case "alerts":
      return "#/alerts";
    case "scheduler":
      return "#/scheduler";
    case "market":
      return "#/market";
    case "chain":
      return `#/market/${e(route.symbol)}`;
    case "wheels":
      return `#/portfolio/${e(route.portfolio)}`;
    case "wheel":
      return `#/portfolio/${e(route.portfolio)}/wheel/${e(route.symbol)}`;
  }
}

class Location {
  current = $state<Route>(parse(typeof location === "undefined" ? "" : location.hash));
}

export const here = new Location();

if (typeof window !== "undefined") {
  window.addEventListener("hashchange", () => {
    here.current = parse(location.hash);
  });
}

/** Where an alert leads: its wheel, its symbol's chain, the settings; pages still to come
 * (risk, scanner) fall back to the nearest one that exists. */
export function linkRoute(link: AlertLink): Route {
  switch (link.page) {
    case "wheel":
      return { page: "wheel", portfolio: link.portfolio, symbol: link.symbol };
    case "symbol":
      return { page: "chain", symbol: link.symbol };
    case "risk":
      return { page: "wheels", portfolio: link.portfolio };
    case "scanner":
      return { page: "market" };
    case "scheduler":
      return { page: "scheduler" };
    case "settings":
      return { page: "settings" };
  }
}

export function go(route: Route): void {
  location.hash = href(route);
}
