// jsdom lays nothing out, so it has no ResizeObserver; Svelte's bind:clientWidth needs one. This
// one observes nothing: in unit tests every measured width is 0 (charts are not requested; the
// real window's tests draw them).
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver;

// jsdom lays nothing out, so it has nothing to scroll into view.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
