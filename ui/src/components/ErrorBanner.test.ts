import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
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
});
