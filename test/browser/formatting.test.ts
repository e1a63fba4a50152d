import { assert, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/host/index.js';
import type { ChangeDetail, TesseraCardElement } from '../../src/host/index.js';
import {
  fillInFrame,
  frameCount,
  pressInFrame,
  readField,
  tesseraEnv,
  typeInFrame,
  type FieldView,
} from './commands.js';

const { vaultOrigin, publishableKey } = await tesseraEnv();

const card = { type: 'card' } as const;
/** Two digits of a year that is safely in the future. */
const futureYear = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');

/** Stripe's test cards of each layout, as the combined element shows them. */
const LAYOUTS = [
  { name: 'Visa', number: '4242424242424242', shown: '4242 4242 4242 4242', brand: 'visa' },
  { name: 'Amex', number: '378282246310005', shown: '3782 822463 10005', brand: 'amex' },
  {
    name: 'Mastercard 2-series',
    number: '2223003122003222',
    shown: '2223 0031 2200 3222',
    brand: 'mastercard',
  },
  {
    name: 'Diners (14 digits)',
    number: '36227206271667',
    shown: '3622 720627 1667',
    brand: 'diners',
  },
  {
    name: 'UnionPay (19 digits)',
    number: '6205500000000000004',
    shown: '6205 5000 0000 0000 004',
    brand: 'unionpay',
  },
] as const;

/** A mounted, ready `<tessera-card>` and every `tessera-change` detail it fires from now on. */
async function mountCard(): Promise<{ el: TesseraCardElement; changes: ChangeDetail[] }> {
  const el = await fixture<TesseraCardElement>(
    html`<tessera-card
      publishable-key=${publishableKey}
      vault-origin=${vaultOrigin}
    ></tessera-card>`,
  );
  await el.ready;
  await frameSeen();
  const changes: ChangeDetail[] = [];
  el.addEventListener('tessera-change', (event) => changes.push(event.detail));
  return { el, changes };
}

/** Waits until Playwright, too, sees the card frame (it attaches cross-origin frames late). */
async function frameSeen(): Promise<void> {
  await waitUntil(async () => (await frameCount('card')) > 0, 'the card frame is attached', {
    timeout: 3000,
  });
}

/** Reads a field of the card frame until `accept` holds (frame updates are asynchronous). */
async function fieldWhere(
  selector: string,
  accept: (view: FieldView) => boolean,
  message: string,
): Promise<FieldView> {
  let view = await readField(card, selector);
  await waitUntil(
    async () => {
      view = await readField(card, selector);
      return accept(view);
    },
    `${message} (last seen: ${JSON.stringify(view)})`,
    { timeout: 3000 },
  );
  return view;
}

/** The last change detail, once one arrived. */
async function lastChange(changes: readonly ChangeDetail[]): Promise<ChangeDetail> {
  await waitUntil(() => changes.length > 0, 'no tessera-change event', { timeout: 3000 });
  return changes.at(-1)!;
}

describe('<tessera-card> formatting', () => {
  for (const { name, number, shown } of LAYOUTS) {
    it(`groups a typed ${name} number as ${shown}`, async () => {
      await mountCard();
      await typeInFrame(card, '#number', number);
      const view = await readField(card, '#number');
      assert.equal(view.value, shown);
    });

    it(`groups a pasted ${name} number as ${shown}`, async () => {
      await mountCard();
      await fillInFrame(card, '#number', number);
      assert.equal((await readField(card, '#number')).value, shown);
    });
  }

  it('drops spaces and dashes from a pasted number', async () => {
    await mountCard();
    await fillInFrame(card, '#number', '4242-4242 4242-4242');
    assert.equal((await readField(card, '#number')).value, '4242 4242 4242 4242');
  });

  it('caps an Amex number at 15 digits and a UnionPay number at 19', async () => {
    await mountCard();
    await fillInFrame(card, '#number', '3782822463100059999');
    assert.equal((await readField(card, '#number')).value, '3782 822463 10005');
    await fillInFrame(card, '#number', '62055000000000000049999');
    assert.equal((await readField(card, '#number')).value, '6205 5000 0000 0000 004');
  });

  it('keeps the caret in place when a digit is typed in the middle', async () => {
    await mountCard();
    await typeInFrame(card, '#number', '424242424242');
    let view = await readField(card, '#number');
    assert.equal(view.value, '4242 4242 4242');
    assert.equal(view.caret, 14);
    for (let i = 0; i < 3; i++) await pressInFrame(card, '#number', 'ArrowLeft');
    assert.equal((await readField(card, '#number')).caret, 11);
    await typeInFrame(card, '#number', '9');
    view = await readField(card, '#number');
    assert.equal(view.value, '4242 4242 4924 2');
    // Just after the typed 9, not thrown to the end by the re-grouping.
    assert.equal(view.caret, 12);
  });

  it('keeps the caret in place when a digit is deleted in the middle', async () => {
    await mountCard();
    await typeInFrame(card, '#number', '4242424242');
    // From the end of "4242 4242 42" to just after "4242 4" (offset 6).
    for (let i = 0; i < 6; i++) await pressInFrame(card, '#number', 'ArrowLeft');
    assert.equal((await readField(card, '#number')).caret, 6);
    await pressInFrame(card, '#number', 'Backspace');
    const view = await readField(card, '#number');
    assert.equal(view.value, '4242 2424 2');
    // Right after the fourth digit, where the deleted fifth one was.
    assert.equal(view.caret, 4);
  });

  it('formats the expiry as MM / YY and moves on to the CVC', async () => {
    await mountCard();
    await typeInFrame(card, '#expiry', '1');
    assert.equal((await readField(card, '#expiry')).value, '1');
    await typeInFrame(card, '#expiry', '2');
    assert.equal((await readField(card, '#expiry')).value, '12 / ');
    await typeInFrame(card, '#expiry', futureYear);
    const expiry = await readField(card, '#expiry');
    assert.equal(expiry.value, `12 / ${futureYear}`);
    assert.equal(expiry.autocomplete, 'cc-exp');
    const cvc = await fieldWhere('#cvc', (view) => view.focused, 'the CVC field gets focus');
    assert.isTrue(cvc.focused);
    assert.isFalse((await readField(card, '#expiry')).focused);
  });

  it('pads a single-digit month and accepts a pasted MM/YYYY', async () => {
    await mountCard();
    await typeInFrame(card, '#expiry', '4');
    assert.equal((await readField(card, '#expiry')).value, '04 / ');
    await fillInFrame(card, '#expiry', `11/20${futureYear}`);
    assert.equal((await readField(card, '#expiry')).value, `11 / ${futureYear}`);
  });

  it('moves from a complete card number to the expiry', async () => {
    await mountCard();
    await typeInFrame(card, '#number', '4242424242424242');
    await fieldWhere('#expiry', (view) => view.focused, 'the expiry field gets focus');
  });

  it('waits for all 19 digits of a UnionPay number before moving on', async () => {
    await mountCard();
    // The first 16 digits already make a valid UnionPay number.
    await typeInFrame(card, '#number', '6205500000000000');
    assert.isTrue((await readField(card, '#number')).focused);
    await typeInFrame(card, '#number', '004');
    await fieldWhere('#expiry', (view) => view.focused, 'the expiry field gets focus');
    assert.equal((await readField(card, '#expiry')).value, '');
  });

  it('accepts a 4-digit CVC for Amex and 3 digits for Visa', async () => {
    await mountCard();
    await fillInFrame(card, '#number', '378282246310005');
    await typeInFrame(card, '#cvc', '12345');
    assert.equal((await readField(card, '#cvc')).value, '1234');

    await fillInFrame(card, '#number', '4242424242424242');
    await typeInFrame(card, '#cvc', '12345', true);
    assert.equal((await readField(card, '#cvc')).value, '123');
  });
});

describe('<tessera-card> change events', () => {
  for (const { name, number, brand } of LAYOUTS) {
    it(`report brand ${brand} for ${name}, never a digit`, async () => {
      const { changes } = await mountCard();
      await typeInFrame(card, '#number', number);
      const last = await lastChange(changes);
      assert.equal(last.brand, brand);
      assert.equal(last.elementType, 'card');
      assert.isFalse(last.empty);
      assert.isFalse(last.complete);
      assert.notMatch(JSON.stringify(changes), /\d/);
    });
  }

  it('are complete only once every field is, and never carry card digits', async () => {
    const { el, changes } = await mountCard();
    await typeInFrame(card, '#number', '378282246310005');
    await typeInFrame(card, '#expiry', `12${futureYear}`);
    await typeInFrame(card, '#cvc', '7373');
    assert.isFalse((await lastChange(changes)).complete);
    assert.isFalse(el.complete);
    await typeInFrame(card, '#postalCode', '94107');
    await waitUntil(() => changes.at(-1)?.complete === true, 'complete after the postal code', {
      timeout: 3000,
    });
    assert.isTrue(el.complete);
    const last = changes.at(-1)!;
    assert.equal(last.brand, 'amex');
    assert.isUndefined(last.error);
    // Stripe reports the postal code; nothing else the user typed appears.
    assert.deepEqual(last.value, { postalCode: '94107' });
    const withoutPostalCode = changes.map(({ value: _value, ...detail }) => detail);
    assert.notMatch(JSON.stringify(withoutPostalCode), /\d/);
  });

  it('start empty again after the fields are cleared', async () => {
    const { el, changes } = await mountCard();
    await typeInFrame(card, '#number', '4242');
    assert.isFalse((await lastChange(changes)).empty);
    el.clear();
    await waitUntil(() => changes.at(-1)?.empty === true, 'empty after clear()', {
      timeout: 3000,
    });
    assert.equal((await readField(card, '#number')).value, '');
  });
});

describe('<tessera-card> errors', () => {
  it('shows no error while a valid prefix is typed', async () => {
    const { changes } = await mountCard();
    for (const digits of ['4', '24', '24', '42', '42']) {
      await typeInFrame(card, '#number', digits);
      const view = await readField(card, '#number');
      assert.equal(view.error, '', `no error after typing up to ${view.value}`);
      assert.equal(view.ariaInvalid, 'false');
    }
    assert.isTrue(changes.every((detail) => detail.error === undefined));
  });

  it('shows "Your card number is invalid." when an invalid number is left', async () => {
    const { changes } = await mountCard();
    await typeInFrame(card, '#number', '4242424242424241');
    await pressInFrame(card, '#number', 'Tab');
    const view = await fieldWhere(
      '#number',
      (field) => field.ariaInvalid === 'true',
      'the number is marked invalid',
    );
    assert.equal(view.error, 'Your card number is invalid.');
    const last = await lastChange(changes);
    assert.deepEqual(last.error, {
      type: 'validation_error',
      code: 'invalid_number',
      message: 'Your card number is invalid.',
    });
    assert.notMatch(JSON.stringify(changes), /\d/);
  });

  it('shows "Your card number is incomplete." when a short number is left', async () => {
    const { changes } = await mountCard();
    await typeInFrame(card, '#number', '424242');
    assert.equal((await readField(card, '#number')).error, '');
    await pressInFrame(card, '#number', 'Tab');
    const view = await fieldWhere(
      '#number',
      (field) => field.ariaInvalid === 'true',
      'the number is marked invalid',
    );
    assert.equal(view.error, 'Your card number is incomplete.');
    assert.equal((await lastChange(changes)).error?.code, 'incomplete_number');
  });

  it('shows the past-year message for an expiry in a past year', async () => {
    const { changes } = await mountCard();
    await typeInFrame(card, '#expiry', '0120');
    const view = await fieldWhere(
      '#expiry',
      (field) => field.ariaInvalid === 'true',
      'the expiry is marked invalid without leaving it',
    );
    assert.equal(view.value, '01 / 20');
    assert.equal(view.error, "Your card's expiration year is in the past.");
    assert.equal((await lastChange(changes)).error?.code, 'invalid_expiry_year_past');
    // A past date is not complete, so focus stays for the user to correct it.
    assert.isTrue(view.focused);
  });

  it('refuses full-width digits with a clear message', async () => {
    const { el, changes } = await mountCard();
    await fillInFrame(card, '#number', '４２４２４２４２４２４２４２４２');
    const view = await fieldWhere(
      '#number',
      (field) => field.ariaInvalid === 'true',
      'full-width digits are marked invalid',
    );
    assert.equal(view.error, 'Use the digits 0–9.');
    const last = await lastChange(changes);
    assert.equal(last.error?.code, 'non_ascii_digits');
    assert.isFalse(last.complete);
    const { token, error } = await el.tokenize('card', {});
    assert.isUndefined(token);
    assert.equal(error.type, 'validation_error');
  });

  it('clears the error once the number is corrected', async () => {
    const { changes } = await mountCard();
    await typeInFrame(card, '#number', '4242424242424241');
    await pressInFrame(card, '#number', 'Tab');
    await fieldWhere('#number', (field) => field.ariaInvalid === 'true', 'marked invalid');
    await fillInFrame(card, '#number', '4242424242424242');
    const view = await fieldWhere('#number', (field) => field.ariaInvalid === 'false', 'valid');
    assert.equal(view.error, '');
    assert.isUndefined((await lastChange(changes)).error);
  });
});
