// How a figure was worked out, for the keyboard as well as the mouse. A `title` shows only on
// hover; `use:hint={text}` keeps it for the mouse, makes the element a tab stop (when it is not
// one already) and shows the same text in a tooltip under it while it has keyboard focus,
// described to screen readers through aria-describedby. Escape hides it. One tooltip serves the
// window. A click that focuses the element leaves the explanation to the title (the pointer is
// there already), and while the tooltip shows the title steps aside, so the text never shows twice.
import type { ActionReturn } from "svelte/action";

const TOOLTIP_ID = "hint-tooltip";

function tooltip(): HTMLElement {
  let tip = document.getElementById(TOOLTIP_ID);
  if (!tip) {
    tip = document.createElement("div");
    tip.id = TOOLTIP_ID;
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.append(tip);
  }
  return tip;
}

function focusable(node: HTMLElement): boolean {
  return node.matches("a[href], button, input, select, textarea, [tabindex]");
}

export function hint(node: HTMLElement, text: string | undefined): ActionReturn<string | undefined> {
  let current = text ?? "";
  // Only an element with something to explain is made a tab stop, and only while it has.
  const madeFocusable = !focusable(node);
  const showing = () => node.getAttribute("aria-describedby") === TOOLTIP_ID;
  const explain = () => {
    if (showing()) node.removeAttribute("title");
    else node.title = current;
    if (madeFocusable && current) node.tabIndex = 0;
    if (madeFocusable && !current) node.removeAttribute("tabindex");
  };
  explain();
  // Set by a press on the element, so the focus that follows is known to be the pointer's. The
  // press and the focus it causes come in one task; the flag is cleared after it, so a press
  // that focuses nothing does not swallow a later keyboard focus.
  let pressed = false;
  const press = () => {
    pressed = true;
    setTimeout(() => (pressed = false), 0);
  };
  const focus = () => {
    if (!pressed) show();
    pressed = false;
  };
  const show = () => {
    if (!current) return;
    const tip = tooltip();
    tip.textContent = current;
    // Fixed to the viewport: the page scrolls inside <main>, not the window.
    const box = node.getBoundingClientRect();
    tip.style.left = `${Math.max(4, Math.min(box.left, window.innerWidth - 330))}px`;
    tip.style.top = `${box.bottom + 6}px`;
    tip.hidden = false;
    node.setAttribute("aria-describedby", TOOLTIP_ID);
    node.removeAttribute("title");
  };
  const hide = () => {
    const tip = document.getElementById(TOOLTIP_ID);
    if (tip && showing()) tip.hidden = true;
    node.removeAttribute("aria-describedby");
    node.title = current;
  };
  const escape = (event: KeyboardEvent) => {
    if (event.key === "Escape") hide();
  };
  node.addEventListener("pointerdown", press);
  node.addEventListener("focus", focus);
  node.addEventListener("blur", hide);
  node.addEventListener("keydown", escape);
  return {
    update(next: string | undefined) {
      current = next ?? "";
      explain();
      if (!showing()) return;
      if (current) show();
      else hide();
    },
    destroy() {
      hide();
      node.removeEventListener("pointerdown", press);
      node.removeEventListener("focus", focus);
      node.removeEventListener("blur", hide);
      node.removeEventListener("keydown", escape);
    },
  };
}
