/**
 * A shopper whose browser is set to French, on elements left at `locale="auto"` (the default):
 * every message the elements show or report is French, the split fields' too. This file has its
 * own page, whose frames all see French browser languages.
 */
import { assert, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/host/index.js';
import {
  Tessera,
  type TesseraCardElement,
  type TesseraCardNumberElement,
} from '../../src/host/index.js';
import { readField, setFrameLanguages, typeInFrame } from './commands.js';
import { publishableKey, vaultOrigin } from './fixtures.js';

const FRENCH = ['fr-FR', 'fr', 'en-US'];

before(async () => {
  await setFrameLanguages(FRENCH);
  // The host page is loaded already: give it the same languages.
  Object.defineProperty(navigator, 'languages', { get: () => FRENCH, configurable: true });
});

describe('locale="auto" in a French browser', () => {
  it('split fields report a missing expiry and CVC in French', async () => {
    const tessera = Tessera(publishableKey, { origin: vaultOrigin });
    const root = await fixture<HTMLElement>(
      html`<div>
        <tessera-card-number .tessera=${tessera}></tessera-card-number>
        <tessera-card-expiry .tessera=${tessera}></tessera-card-expiry>
        <tessera-card-cvc .tessera=${tessera}></tessera-card-cvc>
      </div>`,
    );
    const number = root.querySelector<TesseraCardNumberElement>('tessera-card-number')!;
    await Promise.all(
      ['tessera-card-number', 'tessera-card-expiry', 'tessera-card-cvc'].map(
        (tag) => root.querySelector<TesseraCardElement>(tag)!.ready,
      ),
    );
    await typeInFrame({ type: 'cardNumber' }, '#number', '4242424242424242');
    await waitUntil(() => number.complete, 'the number never completed');

    const missingExpiry = await tessera.createToken(number);
    assert.deepEqual(missingExpiry.error, {
      type: 'validation_error',
      code: 'incomplete_expiry',
      message: 'La date d’expiration de votre carte est incomplète.',
    });
    // The sibling shows the same words in its own frame.
    await waitUntil(
      async () => (await readField({ type: 'cardExpiry' }, '#expiry')).error !== '',
      'the expiry frame shows no error',
    );
    assert.equal(
      (await readField({ type: 'cardExpiry' }, '#expiry')).error,
      'La date d’expiration de votre carte est incomplète.',
    );

    await typeInFrame({ type: 'cardExpiry' }, '#expiry', '1240');
    const missingCvc = await tessera.createToken(number);
    assert.deepEqual(missingCvc.error, {
      type: 'validation_error',
      code: 'incomplete_cvc',
      message: 'Le code de sécurité de votre carte est incomplet.',
    });
  });

  it('an empty card element in a form says what is missing in French', async () => {
    const root = await fixture<HTMLFormElement>(
      html`<form>
        <tessera-card
          name="token"
          publishable-key=${publishableKey}
          vault-origin=${vaultOrigin}
        ></tessera-card>
      </form>`,
    );
    const el = root.querySelector('tessera-card')!;
    await el.ready;
    assert.equal(el.internals.validationMessage, 'Saisissez les informations de votre carte.');
    assert.equal((await readField({ type: 'card' }, '#number')).label, 'Numéro de carte');
    assert.equal(el.frame!.title, 'Paiement par carte');
  });
});
