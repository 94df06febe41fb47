import { describe, expect, it } from "vitest";
import { hint } from "./hint";

describe("hint", () => {
  it("makes a figure's explanation reachable by keyboard: a tab stop whose focus shows it", () => {
    const card = document.createElement("div");
    const button = document.createElement("button");
    document.body.append(card, button);
    const action = hint(card, "Strike − net premium of the cycle, per share");
    hint(button, "Runs the scan");
    expect(card.tabIndex).toBe(0);
    expect(button.hasAttribute("tabindex")).toBe(false);
    const plain = document.createElement("div");
    hint(plain, undefined);
    expect(plain.hasAttribute("tabindex")).toBe(false);
    expect(card.title).toBe("Strike − net premium of the cycle, per share");

    card.focus();
    const tip = document.getElementById("hint-tooltip")!;
    expect(tip.getAttribute("role")).toBe("tooltip");
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toBe("Strike − net premium of the cycle, per share");
    expect(card.getAttribute("aria-describedby")).toBe("hint-tooltip");
    // A new text shows at once; Escape hides it.
    action.update?.("Breakeven a share");
    expect(tip.textContent).toBe("Breakeven a share");
    // Nothing left to explain: the tooltip goes, and so does the tab stop.
    action.update?.("");
    expect(tip.hidden).toBe(true);
    expect(card.hasAttribute("tabindex")).toBe(false);
    button.focus();
    action.update?.("Breakeven a share");
    card.focus();
    expect(tip.hidden).toBe(false);
    card.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(tip.hidden).toBe(true);
    expect(card.hasAttribute("aria-describedby")).toBe(false);

    // Moving on to the button shows its text instead; leaving it hides the tooltip.
    card.focus();
    button.focus();
    expect(tip.textContent).toBe("Runs the scan");
    expect(tip.hidden).toBe(false);
    button.blur();
    expect(tip.hidden).toBe(true);
  });

  it("leaves a click's focus to the title, and hides the title while the tooltip shows", async () => {
    const card = document.createElement("div");
    const other = document.createElement("button");
    document.body.append(card, other);
    hint(card, "Premium kept ÷ capital");
    const tip = () => document.getElementById("hint-tooltip")!;
    card.dispatchEvent(new Event("pointerdown"));
    card.focus();
    expect(tip().hidden).toBe(true);
    expect(card.title).toBe("Premium kept ÷ capital");
    other.focus();
    // A press that focused nothing does not stop the next keyboard focus from explaining.
    card.dispatchEvent(new Event("pointerdown"));
    await new Promise((settled) => setTimeout(settled, 0));
    card.focus();
    expect(tip().hidden).toBe(false);
    expect(card.hasAttribute("title")).toBe(false);
    other.focus();
    expect(tip().hidden).toBe(true);
    expect(card.title).toBe("Premium kept ÷ capital");
  });
});
