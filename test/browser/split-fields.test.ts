import { assert, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/host/index.js';
import {
  Tessera,
  type ChangeDetail,
  type TesseraCardCvcElement,
  type TesseraCardExpiryElement,
  type TesseraCardNumberElement,
  type TesseraClient,
} from '../../src/host/index.js';
import type { ElementType } from '../../src/protocol/index.js';
import {
  fillInFrame,
  frameCount,
  readField,
  retrieveToken,
  tesseraEnv,
  typeInFrame,
  type FieldView,
  type FrameRef,
} from './commands.js';

const { vaultOrigin, publishableKey } = await tesseraEnv();

const expYear = new Date().getFullYear() + 4;
const yy = String(expYear % 100).padStart(2, '0');

/** The three split elements of one Tessera instance. */
interface SplitCard {
  number: TesseraCardNumberElement;
  expiry: TesseraCardExpiryElement;
  cvc: TesseraCardCvcElement;
}

/** The frames of the `index`-th split card on the page. */
function framesOf(index = 0): { number: FrameRef; expiry: FrameRef; cvc: FrameRef } {
  return {
    number: { type: 'cardNumber', index },
    expiry: { type: 'cardExpiry', index },
    cvc: { type: 'cardCvc', index },
  };
}

/** Waits until Playwright, too, sees `count` frames of `type` (it attaches them late). */
async function framesSeen(type: ElementType, count: number): Promise<void> {
  await waitUntil(async () => (await frameCount(type)) >= count, `${type} frames attached`, {
    timeout: 3000,
  });
}

async function ready(split: SplitCard, count = 1): Promise<SplitCard> {
  await Promise.all([split.number.ready, split.expiry.ready, split.cvc.ready]);
  await framesSeen('cardNumber', count);
  await framesSeen('cardExpiry', count);
  await framesSeen('cardCvc', count);
  return split;
}

/** Mounts number, expiry and CVC elements sharing `client` (its `tessera` property). */
async function mountSplit(client: TesseraClient): Promise<SplitCard> {
  const root = await fixture<HTMLElement>(
    html`<div>
      <tessera-card-number .tessera=${client}></tessera-card-number>
      <tessera-card-expiry .tessera=${client}></tessera-card-expiry>
      <tessera-card-cvc .tessera=${client}></tessera-card-cvc>
    </div>`,
  );
  return ready({
    number: root.querySelector('tessera-card-number')!,
    expiry: root.querySelector('tessera-card-expiry')!,
    cvc: root.querySelector('tessera-card-cvc')!,
  });
}

/** Reads a field until `accept` holds (group messages and frame updates are asynchronous). */
async function fieldWhere(
  frame: FrameRef,
  selector: string,
  accept: (view: FieldView) => boolean,
  message: string,
): Promise<FieldView> {
  let view = await readField(frame, selector);
  await waitUntil(
    async () => {
      view = await readField(frame, selector);
      return accept(view);
    },
    `${message} (last seen: ${JSON.stringify(view)})`,
    { timeout: 3000 },
  );
  return view;
}

function cardOf(token: Record<string, unknown>): Record<string, unknown> {
  assert.isObject(token.card, 'the token has a card');
  return token.card as Record<string, unknown>;
}

describe('split card fields', () => {
  it('tokenize from the number element with the sibling frames’ values', async () => {
    const client = Tessera(publishableKey, { origin: vaultOrigin });
    const split = await mountSplit(client);
    const frames = framesOf();
    await typeInFrame(frames.number, '#number', '4242424242424242');
    await typeInFrame(frames.expiry, '#expiry', `08${yy}`);
    await typeInFrame(frames.cvc, '#cvc', '123');
    assert.equal((await readField(frames.number, '#number')).value, '4242 4242 4242 4242');
    assert.equal((await readField(frames.expiry, '#expiry')).value, `08 / ${yy}`);
    await waitUntil(
      () => split.number.complete && split.expiry.complete && split.cvc.complete,
      'every split element reports complete',
      { timeout: 3000 },
    );
    assert.equal(split.number.lastChange?.brand, 'visa');
    assert.equal(split.number.lastChange?.elementType, 'cardNumber');
    const { token, error } = await client.createToken(split.number, { name: 'Jenny Rosen' });
    assert.isUndefined(error);
    assert.match(token.id, /^tok_/);
    assert.equal(token.card?.last4, '4242');
    assert.equal(token.card?.exp_month, 8);
    assert.equal(token.card?.exp_year, expYear);
    const stored = cardOf(await retrieveToken(token.id));
    assert.equal(stored.brand, 'Visa');
    assert.equal(stored.exp_month, 8);
    assert.equal(stored.exp_year, expYear);
    assert.equal(stored.name, 'Jenny Rosen');
  });

  it('share a group when configured by the same key and vault origin attributes', async () => {
    const root = await fixture<HTMLElement>(
      html`<div>
        <tessera-card-number publishable-key=${publishableKey} vault-origin=${vaultOrigin}>
        </tessera-card-number>
        <tessera-card-expiry publishable-key=${publishableKey} vault-origin=${vaultOrigin}>
        </tessera-card-expiry>
        <tessera-card-cvc publishable-key=${publishableKey} vault-origin=${vaultOrigin}>
        </tessera-card-cvc>
      </div>`,
    );
    const split = await ready({
      number: root.querySelector('tessera-card-number')!,
      expiry: root.querySelector('tessera-card-expiry')!,
      cvc: root.querySelector('tessera-card-cvc')!,
    });
    const frames = framesOf();
    await typeInFrame(frames.number, '#number', '5555555555554444');
    await typeInFrame(frames.expiry, '#expiry', `03${yy}`);
    await typeInFrame(frames.cvc, '#cvc', '999');
    const client = Tessera(publishableKey, { origin: vaultOrigin });
    const { token, error } = await client.createToken(split.number);
    assert.isUndefined(error);
    assert.equal(token.card?.last4, '4444');
    assert.equal(token.card?.exp_month, 3);
  });

  it('resolve a validation error naming the expiry when it is missing', async () => {
    const client = Tessera(publishableKey, { origin: vaultOrigin });
    const split = await mountSplit(client);
    const frames = framesOf();
    await typeInFrame(frames.number, '#number', '4242424242424242');
    await typeInFrame(frames.cvc, '#cvc', '123');
    const { token, error } = await client.createToken(split.number);
    assert.isUndefined(token);
    assert.equal(error.type, 'validation_error');
    assert.equal(error.code, 'incomplete_expiry');
    assert.match(error.message, /expiration date/);
    // The expiry frame shows why, as after a submit attempt.
    const expiry = await fieldWhere(
      frames.expiry,
      '#expiry',
      (view) => view.ariaInvalid === 'true',
      'the expiry frame shows its error',
    );
    assert.equal(expiry.error, "Your card's expiration date is incomplete.");
  });

  it('resolve a validation error naming the CVC when it is missing', async () => {
    const client = Tessera(publishableKey, { origin: vaultOrigin });
    const split = await mountSplit(client);
    const frames = framesOf();
    await typeInFrame(frames.number, '#number', '4242424242424242');
    await typeInFrame(frames.expiry, '#expiry', `08${yy}`);
    const { token, error } = await client.createToken(split.number);
    assert.isUndefined(token);
    assert.equal(error.type, 'validation_error');
    assert.equal(error.code, 'incomplete_cvc');
  });

  it('size the CVC by the brand typed in the number frame', async () => {
    const client = Tessera(publishableKey, { origin: vaultOrigin });
    const split = await mountSplit(client);
    const cvcChanges: ChangeDetail[] = [];
    split.cvc.addEventListener('tessera-change', (event) => cvcChanges.push(event.detail));
    const frames = framesOf();

    await typeInFrame(frames.number, '#number', '4242424242424242');
    await typeInFrame(frames.cvc, '#cvc', '1234');
    // The brand reaches the CVC frame over the group channel; Visa allows three digits.
    await fieldWhere(frames.cvc, '#cvc', (view) => view.value === '123', 'Visa CVC of 3');

    await fillInFrame(frames.number, '#number', '378282246310005');
    await waitUntil(
      () => split.number.lastChange?.brand === 'amex',
      'the number element reports amex',
      { timeout: 3000 },
    );
    // 123 is too short for Amex now.
    await waitUntil(() => cvcChanges.at(-1)?.complete === false, 'CVC incomplete for Amex', {
      timeout: 3000,
    });
    await typeInFrame(frames.cvc, '#cvc', '12345', true);
    assert.equal((await readField(frames.cvc, '#cvc')).value, '1234');
    await waitUntil(() => cvcChanges.at(-1)?.complete === true, 'a 4-digit Amex CVC is complete', {
      timeout: 3000,
    });
    // The CVC element learns the brand's rules, never a digit of the number.
    assert.notMatch(JSON.stringify(cvcChanges), /\d/);

    await typeInFrame(frames.expiry, '#expiry', `10${yy}`);
    const { token, error } = await client.createToken(split.number);
    assert.isUndefined(error);
    assert.equal(cardOf(await retrieveToken(token.id)).brand, 'American Express');
  });

  it('hand autofilled expiry and CVC from the number frame to their frames', async () => {
    const client = Tessera(publishableKey, { origin: vaultOrigin });
    const split = await mountSplit(client);
    const frames = framesOf();
    await fillInFrame(frames.number, '#number', '4242424242424242');
    await fillInFrame(frames.number, 'input[autocomplete="cc-exp"]', `12/${yy}`);
    await fillInFrame(frames.number, 'input[autocomplete="cc-csc"]', '737');
    await fieldWhere(
      frames.expiry,
      '#expiry',
      (view) => view.value === `12 / ${yy}`,
      'the expiry frame receives the autofilled date',
    );
    await fieldWhere(
      frames.cvc,
      '#cvc',
      (view) => view.value === '737',
      'the CVC frame receives the autofilled code',
    );
    // The catchers keep nothing: the values live in their own frames only.
    assert.equal((await readField(frames.number, 'input[autocomplete="cc-exp"]')).value, '');
    assert.equal((await readField(frames.number, 'input[autocomplete="cc-csc"]')).value, '');
    await waitUntil(() => split.expiry.complete && split.cvc.complete, 'siblings complete', {
      timeout: 3000,
    });
    const { token, error } = await client.createToken(split.number);
    assert.isUndefined(error);
    assert.equal(token.card?.exp_month, 12);
    assert.equal(token.card?.exp_year, 2000 + Number(yy));
  });

  it('keep two Tessera instances on one page apart', async () => {
    const first = Tessera(publishableKey, { origin: vaultOrigin });
    const second = Tessera(publishableKey, { origin: vaultOrigin });
    const root = await fixture<HTMLElement>(
      html`<div>
        <tessera-card-number .tessera=${first}></tessera-card-number>
        <tessera-card-expiry .tessera=${first}></tessera-card-expiry>
        <tessera-card-cvc .tessera=${first}></tessera-card-cvc>
        <tessera-card-number .tessera=${second}></tessera-card-number>
        <tessera-card-expiry .tessera=${second}></tessera-card-expiry>
        <tessera-card-cvc .tessera=${second}></tessera-card-cvc>
      </div>`,
    );
    const numbers = root.querySelectorAll('tessera-card-number');
    const expiries = root.querySelectorAll('tessera-card-expiry');
    const cvcs = root.querySelectorAll('tessera-card-cvc');
    const a = { number: numbers[0]!, expiry: expiries[0]!, cvc: cvcs[0]! };
    const b = { number: numbers[1]!, expiry: expiries[1]!, cvc: cvcs[1]! };
    await ready(a, 2);
    await ready(b, 2);
    const framesA = framesOf(0);
    const framesB = framesOf(1);

    await typeInFrame(framesA.number, '#number', '378282246310005');
    await typeInFrame(framesA.expiry, '#expiry', `01${yy}`);
    await typeInFrame(framesA.cvc, '#cvc', '1234');
    await typeInFrame(framesB.number, '#number', '4242424242424242');
    await typeInFrame(framesB.expiry, '#expiry', `09${yy}`);
    await typeInFrame(framesB.cvc, '#cvc', '5678');
    // B's CVC follows B's Visa number, not A's Amex number.
    await fieldWhere(framesB.cvc, '#cvc', (view) => view.value === '567', 'B CVC of 3');
    assert.equal((await readField(framesA.cvc, '#cvc')).value, '1234');

    // Autofill in A's number frame fills A's siblings only.
    await fillInFrame(framesA.number, 'input[autocomplete="cc-exp"]', `05/${yy}`);
    await fieldWhere(framesA.expiry, '#expiry', (view) => view.value === `05 / ${yy}`, 'A expiry');
    assert.equal((await readField(framesB.expiry, '#expiry')).value, `09 / ${yy}`);

    const [tokenA, tokenB] = await Promise.all([
      first.createToken(a.number),
      second.createToken(b.number),
    ]);
    assert.isUndefined(tokenA.error);
    assert.isUndefined(tokenB.error);
    const cardA = cardOf(await retrieveToken(tokenA.token.id));
    const cardB = cardOf(await retrieveToken(tokenB.token.id));
    assert.deepInclude(cardA, { last4: '0005', brand: 'American Express', exp_month: 5 });
    assert.deepInclude(cardB, { last4: '4242', brand: 'Visa', exp_month: 9 });
  });
});
