/**
 * What every component gives its element, in the browser and on the server alike (so that
 * hydration finds what the server rendered): the provider's instance, and, in the server's
 * HTML and while it hydrates, the height the element will take once it is up.
 */
import { useContext, useSyncExternalStore, type CSSProperties } from 'react';
import { initialHeight } from '../host/styling-options.js';
import type { Appearance, ElementType } from '../protocol/index.js';
import type { TesseraEventMap } from '../host/events.js';
import { TesseraContext } from './context.js';
import type { TesseraEventProps } from './types.js';

/** The event props and the events they listen to (`TesseraEventProps` types them). */
export const EVENT_PROPS = {
  onReady: 'tessera-ready',
  onChange: 'tessera-change',
  onFocus: 'tessera-focus',
  onBlur: 'tessera-blur',
  onEscape: 'tessera-escape',
  onLoadError: 'tessera-loaderror',
} as const satisfies Record<keyof TesseraEventProps, keyof TesseraEventMap>;

/** The props the reservation reads. */
interface LayoutProps {
  appearance?: Appearance | undefined;
  hidden?: boolean | undefined;
  style?: CSSProperties | undefined;
}

/** The iframe reaches 4px beyond its element on each side (room for the focus ring). */
const FRAME_OUTSET = 8;

const subscribeNever = (): (() => void) => () => undefined;

/**
 * `props` with the provider's instance under them, and the element's height reserved while the
 * page shows the server's HTML: before the scripts define the element, the tag is an empty
 * inline box, and the server cannot know when they will. The reservation is the element's
 * initial height in its layout (what it measures as soon as it mounts its iframe), kept for
 * the hydrating render only: React renders again without it once hydrated, when the element
 * already holds its iframe, so a frame that turns out shorter is not held open. Renders of the
 * browser's own never reserve (the element is defined before they mount it).
 */
export function useElementProps<P extends LayoutProps>(type: ElementType, props: P): P {
  const { element, appearance } = useContext(TesseraContext);
  const serverMarkup = useSyncExternalStore(
    subscribeNever,
    () => false,
    () => true,
  );
  const style =
    serverMarkup && !props.hidden
      ? {
          display: 'block',
          minHeight: initialHeight(type, { ...appearance, ...props.appearance }) - FRAME_OUTSET,
          ...props.style,
        }
      : props.style;
  return { ...element, ...props, style };
}

/** `tessera-card-number` → `TesseraCardNumber`: the component's name in React's warnings and DevTools. */
export function componentName(tagName: string): string {
  return tagName.replace(/(?:^|-)(\w)/g, (_, letter: string) => letter.toUpperCase());
}
