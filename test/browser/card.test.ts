import { assert } from '@open-wc/testing';
import '../../src/host/index.js';
import { Tessera } from '../../src/host/index.js';
import { readField, retrieveToken, typeInFrame } from './commands.js';
import {
  CARD_FRAME as card,
  FUTURE_YEAR as year,
  mountCard,
  publishableKey,
  vaultOrigin,
} from './fixtures.js';

describe('<tessera-card>', () => {
  it('mounts a titled iframe on the vault origin and becomes ready', async () => {
    const el = await mountCard();
    const frame = el.shadowRoot?.querySelector('iframe');
    assert.exists(frame);
    assert.equal(new URL(frame.src).origin, vaultOrigin);
    assert.notEqual(vaultOrigin, location.origin);
    assert.equal(frame.title, 'Card payment');
  });

  it('formats as the user types and reports brand, never digits', async () => {
    const el = await mountCard();
    const changes: unknown[] = [];
    el.addEventListener('tessera-change', (event) => changes.push(event.detail));
    await typeInFrame(card, '#number', '4242424242424242');
    const number = await readField(card, '#number');
    assert.equal(number.value, '4242 4242 4242 4242');
    assert.equal(number.autocomplete, 'cc-number');
    assert.equal(number.inputmode, 'numeric');
    const last = changes.at(-1) as Record<string, unknown>;
    assert.equal(last.brand, 'visa');
    assert.equal(last.complete, false);
    assert.notMatch(JSON.stringify(changes), /4242/);
  });

  it('creates a card token the merchant backend can retrieve', async () => {
    const el = await mountCard();
    await typeInFrame(card, '#number', '4242424242424242');
    await typeInFrame(card, '#expiry', `12${year}`);
    await typeInFrame(card, '#cvc', '123');
    await typeInFrame(card, '#postalCode', '94107');
    assert.equal(el.complete, true);
    const { token, error } = await Tessera(publishableKey, { origin: vaultOrigin }).createToken(
      el,
      {
        name: 'Jenny Rosen',
      },
    );
    assert.equal(error, undefined);
    assert.match(token?.id ?? '', /^tok_/);
    assert.equal(token?.card?.last4, '4242');
    const stored = await retrieveToken(token!.id);
    const storedCard = stored.card as Record<string, unknown>;
    assert.equal(storedCard.brand, 'Visa');
    assert.equal(storedCard.exp_month, 12);
    assert.equal(storedCard.name, 'Jenny Rosen');
    assert.equal(storedCard.address_zip, '94107');
  });
});
