/**
 * The page around the elements: its direction and text colour shape what the frames draw, so
 * a change of either re-renders every element that is on the page (each then sends its frame
 * only what actually changed).
 */

/** What the watch needs of an element. */
export interface PageElement {
  requestUpdate(): void;
}

/** Elements connected to the page: a change of its direction or colours reaches them. */
const connected = new Set<PageElement>();
let pageObserver: MutationObserver | null = null;

/**
 * Re-renders every element when the page's direction or look may have changed: `dir`, `class`,
 * `style` or a `data-theme` on `<html>` or `<body>` (a dark-mode switch), or the system's colour
 * scheme. Elements only send the frame what actually changed.
 */
export function watchPage(element: PageElement): void {
  connected.add(element);
  if (pageObserver) return;
  const refresh = (): void => {
    for (const each of connected) each.requestUpdate();
  };
  pageObserver = new MutationObserver(refresh);
  for (const target of [document.documentElement, document.body]) {
    pageObserver.observe(target, { attributeFilter: ['dir', 'class', 'style', 'data-theme'] });
  }
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', refresh);
}

/** The element left the page: no more re-renders for it. */
export function unwatchPage(element: PageElement): void {
  connected.delete(element);
}
