/**
 * The types of `tessera/react`, checked by `tsc -p test` (the test itself only runs the file):
 * both entries export the same names with the same types (`package.json` gives both one
 * declaration file), the event props carry the elements' own event classes, and the bare tags
 * are typed for React 19's JSX with `on` + the event's name.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { JSX } from 'react';
import type {
  TesseraCardElement,
  TesseraChangeEvent,
  TesseraLoadErrorEvent,
} from '../../src/index.js';
import type * as Browser from '../../src/react/index.js';
import type * as Server from '../../src/react/server.js';
import type { TesseraCardProps, TesseraElementProps } from '../../src/react/index.js';

/** `true` when `A` and `B` are the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const sameExports: Same<typeof Browser, typeof Server> = true;

// The event props get the elements' event classes, with their typed `detail`.
const cardProps: TesseraCardProps = {
  publishableKey: 'pk_test_123',
  locale: 'fr',
  appearance: { theme: 'night', labels: 'floating' },
  hidePostalCode: true,
  className: 'field',
  'aria-describedby': 'help',
  onChange: (event): [boolean, string | undefined] => [event.detail.complete, event.detail.brand],
  onLoadError: (event): string | undefined => event.detail.error.code,
};
const changeHandler: Same<
  Parameters<NonNullable<TesseraCardProps['onChange']>>[0],
  TesseraChangeEvent
> = true;
const loadErrorHandler: Same<
  Parameters<NonNullable<TesseraCardProps['onLoadError']>>[0],
  TesseraLoadErrorEvent
> = true;

const wrong: TesseraElementProps<TesseraCardElement>[] = [
  // @ts-expect-error the card's own properties are the card component's only
  { hidePostalCode: true },
  // @ts-expect-error a theme Stripe does not have
  { theme: 'dark' },
];

// The bare tags in React 19's JSX: properties, attributes and `ontessera-*` events.
const bareCard: JSX.IntrinsicElements['tessera-card'] = {
  'publishable-key': 'pk_test_123',
  'vault-origin': 'https://vault.example.com',
  'hide-postal-code': true,
  appearance: { inputs: 'condensed' },
  'ontessera-change': (event): boolean => event.detail.complete,
  'ontessera-loaderror': (event): string => event.detail.error.message,
};
const bareCvc: JSX.IntrinsicElements['tessera-card-cvc'] = {
  locale: 'de',
  // @ts-expect-error only the card element has a postal code
  'hide-postal-code': true,
};

it('type-checks (tsc -p test)', { timeout: 5_000 }, () => {
  assert.deepEqual([sameExports, changeHandler, loadErrorHandler], [true, true, true]);
  assert.equal(wrong.length, 2);
  assert.deepEqual(
    [cardProps, bareCard, bareCvc].map((props) => typeof props),
    ['object', 'object', 'object'],
  );
});
