import { describe, expect, it, vi } from "vitest";
import { fireEvent, render } from "@testing-library/svelte";

const go = vi.fn();
vi.mock("../lib/route.svelte", async () => {
  const real = await vi.importActual<typeof import("../lib/route.svelte")>("../lib/route.svelte");
  return { ...real, go: (...a: unknown[]) => go(...a) };
});

const { default: Shortcuts } = await import("./Shortcuts.svelte");

/** What the Wheels page draws: the ticket's heading, then its form. */
function drawTicket(): HTMLInputElement {
  const heading = Object.assign(document.createElement("h2"), { id: "ticket" });
  heading.scrollIntoView = () => {};
  const form = document.createElement("form");
  const input = document.createElement("input");
  form.append(input);
  document.body.append(heading, form);
  return input;
}

describe("Shortcuts", () => {
  it("n on a page without a ticket goes to the portfolio's Wheels page and puts the cursor in its ticket", async () => {
    render(Shortcuts, { portfolio: "Main" });
    await fireEvent.keyDown(window, { key: "n" });
    expect(go).toHaveBeenCalledWith({ page: "wheels", portfolio: "Main" });
    const input = drawTicket();
    await vi.waitFor(() => expect(document.activeElement).toBe(input));
    document.body.innerHTML = "";
  });

  it("n where the page has a ticket stays and focuses it; with no portfolio chosen it does nothing", async () => {
    go.mockClear();
    const input = drawTicket();
    const { unmount } = render(Shortcuts, { portfolio: "Main" });
    await fireEvent.keyDown(window, { key: "n" });
    expect(document.activeElement).toBe(input);
    expect(go).not.toHaveBeenCalled();
    unmount();
    document.body.innerHTML = "";
    render(Shortcuts, { portfolio: null });
    await fireEvent.keyDown(window, { key: "n" });
    expect(go).not.toHaveBeenCalled();
  });
});
