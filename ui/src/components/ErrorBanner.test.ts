import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import ErrorBanner from "./ErrorBanner.svelte";
import { CommandError } from "../lib/api";

describe("ErrorBanner", () => {
  it("shows nothing while there is no error", () => {
    render(ErrorBanner, { error: null });
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("shows the message, the stable code and the field of a failed command", () => {
    render(ErrorBanner, { error: new CommandError({ code: "invalid_input", message: "a chart must be 240–4000 pixels wide", field: "width", row: null }) });
    const banner = screen.getByTestId("error-banner");
    expect(banner.textContent).toContain("a chart must be 240–4000 pixels wide");
    expect(banner.textContent).toContain("invalid_input");
    expect(banner.textContent).toContain("field width");
  });

  it("says what to do next and offers a retry only where one can help", async () => {
    const retry = vi.fn();
    const { unmount } = render(ErrorBanner, { error: new CommandError({ code: "rate_limited", message: "Tradier: 429", field: null, row: null }), retry });
    expect(screen.getByTestId("error-next-step").textContent).toContain("wait a minute");
    await fireEvent.click(screen.getByTestId("error-retry"));
    expect(retry).toHaveBeenCalledOnce();
    unmount();
    // A refused login is not cleared by trying again: the step links to Settings, without a retry.
    render(ErrorBanner, { error: new CommandError({ code: "auth_required", message: "token expired", field: null, row: null }), retry });
    expect(screen.getByTestId("error-next-step").querySelector("a")?.getAttribute("href")).toBe("#/settings");
    expect(screen.queryByTestId("error-retry")).toBeNull();
  });

  it("points at the marked field for input the core refused, and says nothing more for an unknown case", () => {
    const { unmount } = render(ErrorBanner, { error: new CommandError({ code: "invalid_input", message: "strike must be > 0", field: "strike", row: null }) });
    expect(screen.getByTestId("error-next-step").textContent).toContain("Correct strike and submit again");
    unmount();
    // A missing wheel names its symbol, but there is nothing to correct.
    render(ErrorBanner, { error: new CommandError({ code: "not_found", message: "no such wheel", field: "symbol", row: null }) });
    expect(screen.queryByTestId("error-next-step")).toBeNull();
  });
});
