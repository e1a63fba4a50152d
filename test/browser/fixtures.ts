import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/host/index.js';
import type { TesseraCardElement, TesseraFieldElement } from '../../src/host/index.js';
import { readField, tesseraEnv, typeInFrame, type FrameRef } from './commands.js';

/** The run's token server (another origin than the test page) and its test publishable key. */
export const { vaultOrigin, publishableKey } = await tesseraEnv();

/** The combined card element's frame. */
export const CARD_FRAME = { type: 'card' } as const;

/** Two digits of a year safely in the future. */
export const FUTURE_YEAR = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');

/** Stripe's Visa test number. */
export const VISA = '4242424242424242';

/** Mounts a `<tessera-card>` configured by attributes and waits until its frame is ready. */
export async function mountCard(): Promise<TesseraCardElement> {
  const el = await fixture<TesseraCardElement>(
    html`<tessera-card
      publishable-key=${publishableKey}
      vault-origin=${vaultOrigin}
    ></tessera-card>`,
  );
  await el.ready;
  return el;
}

/**
 * A request the element's frame answers at once with no side effect (a token type a card frame
 * cannot create). Frame and host each handle their port's messages in order, so when it
 * returns, the frame has handled everything sent to it before, and everything it sent before
 * (changes, focus, blur) has reached the element: the way to wait for "nothing more happened".
 */
export async function roundTrip(el: TesseraFieldElement): Promise<void> {
  const { error } = await el.tokenize(
    el.elementType === 'bankAccount' ? 'cvc_update' : 'bank_account',
    {},
  );
  if (error?.type !== 'invalid_request_error') {
    throw new Error(`the round trip got an unexpected answer: ${JSON.stringify(error)}`);
  }
}

/** Types a complete Visa card (12/next years, CVC 123, ZIP 94107) into a card element. */
export async function fillCard(el: TesseraCardElement): Promise<void> {
  await typeInFrame(CARD_FRAME, '#number', VISA);
  await typeInFrame(CARD_FRAME, '#expiry', `12${FUTURE_YEAR}`);
  await typeInFrame(CARD_FRAME, '#cvc', '123');
  await typeInFrame(CARD_FRAME, '#postalCode', '94107');
  await waitUntil(() => el.complete, 'the element never reported complete');
}

/** The next `type` event the target fires, typed as the element's event map says. */
export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => {
    target.addEventListener(
      type,
      (event) => {
        resolve(event as GlobalEventHandlersEventMap[K]);
      },
      { once: true },
    );
  });
}

/** True when the input has the keyboard focus: focused in its document, which has focus. */
export async function hasKeyboardFocus(frame: FrameRef, selector: string): Promise<boolean> {
  const view = await readField(frame, selector);
  return view.focused && view.documentHasFocus;
}

/** Waits until the keyboard focus is in `selector` of the frame (`step` names the step). */
export async function focusReaches(frame: FrameRef, selector: string, step: string): Promise<void> {
  await waitUntil(
    () => hasKeyboardFocus(frame, selector),
    `${step}: focus did not reach ${frame.type} ${selector}`,
    { timeout: 3000 },
  );
}
