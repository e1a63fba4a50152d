import type { ChangeDetail, ElementType, ProtocolError } from '../protocol/index.js';

/** Options every Tessera event shares: it bubbles and crosses shadow roots, like native input events. */
const INIT = { bubbles: true, composed: true } as const;

/** `tessera-ready`: the frame is loaded, configured and accepts input. */
export class TesseraReadyEvent extends CustomEvent<{ elementType: ElementType }> {
  constructor(elementType: ElementType) {
    super('tessera-ready', { ...INIT, detail: { elementType } });
  }
}

/** `tessera-change`: completeness, brand or error changed. Never carries digits. */
export class TesseraChangeEvent extends CustomEvent<ChangeDetail> {
  constructor(detail: ChangeDetail) {
    super('tessera-change', { ...INIT, detail });
  }
}

/** `tessera-focus`: a field inside the frame gained focus. */
export class TesseraFocusEvent extends CustomEvent<{ elementType: ElementType }> {
  constructor(elementType: ElementType) {
    super('tessera-focus', { ...INIT, detail: { elementType } });
  }
}

/** `tessera-blur`: focus left the frame's fields. */
export class TesseraBlurEvent extends CustomEvent<{ elementType: ElementType }> {
  constructor(elementType: ElementType) {
    super('tessera-blur', { ...INIT, detail: { elementType } });
  }
}

/** `tessera-escape`: the user pressed Escape inside the frame. */
export class TesseraEscapeEvent extends CustomEvent<{ elementType: ElementType }> {
  constructor(elementType: ElementType) {
    super('tessera-escape', { ...INIT, detail: { elementType } });
  }
}

/** `tessera-loaderror`: the frame could not be loaded or did not answer the handshake. */
export class TesseraLoadErrorEvent extends CustomEvent<{
  elementType: ElementType;
  error: ProtocolError;
}> {
  constructor(elementType: ElementType, error: ProtocolError) {
    super('tessera-loaderror', { ...INIT, detail: { elementType, error } });
  }
}

/** Every event a Tessera element fires, by name: what the framework integrations type. */
export interface TesseraEventMap {
  'tessera-ready': TesseraReadyEvent;
  'tessera-change': TesseraChangeEvent;
  'tessera-focus': TesseraFocusEvent;
  'tessera-blur': TesseraBlurEvent;
  'tessera-escape': TesseraEscapeEvent;
  'tessera-loaderror': TesseraLoadErrorEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the map, made global
  interface GlobalEventHandlersEventMap extends TesseraEventMap {}
}
