import { assert, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/host/index.js';
import {
  Tessera,
  type TesseraBankAccountElement,
  type TesseraCardCvcElement,
  type TesseraCardElement,
  type TesseraClient,
} from '../../src/host/index.js';
import type { ElementType, ProtocolError } from '../../src/protocol/index.js';
import {
  detokenize,
  frameCount,
  pressInFrame,
  readField,
  retrieveToken,
  tesseraEnv,
  typeInFrame,
  type FieldView,
  type FrameRef,
} from './commands.js';

const { vaultOrigin, publishableKey } = await tesseraEnv();

const card = { type: 'card' } as const;
const bank = { type: 'bankAccount' } as const;
const cvcFrame = { type: 'cardCvc' } as const;
const expYear = new Date().getFullYear() + 3;
const yy = String(expYear % 100).padStart(2, '0');

/** Stripe's test cards and what their tokens report. */
const CARDS = [
  { name: 'Visa', number: '4242424242424242', cvc: '123', brand: 'Visa', last4: '4242' },
  {
    name: 'Amex',
    number: '378282246310005',
    cvc: '1234',
    brand: 'American Express',
    last4: '0005',
  },
  {
    name: 'Mastercard 2-series',
    number: '2223003122003222',
    cvc: '123',
    brand: 'MasterCard',
    last4: '3222',
  },
  {
    name: 'Diners (14 digits)',
    number: '36227206271667',
    cvc: '123',
    brand: 'Diners Club',
    last4: '1667',
  },
  {
    name: 'UnionPay (19 digits)',
    number: '6205500000000000004',
    cvc: '123',
    brand: 'UnionPay',
    last4: '0004',
  },
] as const;

function tessera(key = publishableKey): TesseraClient {
  return Tessera(key, { origin: vaultOrigin });
}

async function mountCard(client = tessera()): Promise<TesseraCardElement> {
  const el = await fixture<TesseraCardElement>(
    html`<tessera-card .tessera=${client}></tessera-card>`,
  );
  await el.ready;
  await frameSeen('card');
  return el;
}

/** Types a whole card into the combined element, as a user would. */
async function typeCard(number: string, cvc: string, month = '07'): Promise<void> {
  await typeInFrame(card, '#number', number);
  await typeInFrame(card, '#expiry', `${month}${yy}`);
  await typeInFrame(card, '#cvc', cvc);
  await typeInFrame(card, '#postalCode', '94107');
}

/** Reads a field until `accept` holds (frame updates are asynchronous). */
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

/** Waits until Playwright, too, sees a frame of `type` (it attaches cross-origin frames late). */
async function frameSeen(type: ElementType): Promise<void> {
  await waitUntil(async () => (await frameCount(type)) > 0, `the ${type} frame is attached`, {
    timeout: 3000,
  });
}

function objectOf(token: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = token[key];
  assert.isObject(value, `the token has a ${key} object`);
  return value as Record<string, unknown>;
}

describe('createToken with <tessera-card>', () => {
  for (const { name, number, cvc, brand, last4 } of CARDS) {
    it(`creates a ${name} token the backend retrieves with last4, brand and expiry`, async () => {
      const client = tessera();
      const el = await mountCard(client);
      await typeCard(number, cvc);
      const { token, error } = await client.createToken(el, {
        name: 'Jenny Rosen',
        address_line1: '510 Townsend St',
        address_city: 'San Francisco',
        address_country: 'US',
      });
      assert.isUndefined(error);
      assert.match(token.id, /^tok_/);
      assert.equal(token.card?.last4, last4);
      const stored = await retrieveToken(token.id);
      assert.equal(stored.id, token.id);
      assert.equal(stored.type, 'card');
      const storedCard = objectOf(stored, 'card');
      assert.equal(storedCard.last4, last4);
      assert.equal(storedCard.brand, brand);
      assert.equal(storedCard.exp_month, 7);
      assert.equal(storedCard.exp_year, expYear);
      assert.equal(storedCard.name, 'Jenny Rosen');
      assert.equal(storedCard.address_line1, '510 Townsend St');
      assert.equal(storedCard.address_city, 'San Francisco');
      assert.equal(storedCard.address_zip, '94107');
      assert.notInclude(JSON.stringify(stored), number);
    });
  }

  it('resolves a validation error, not a rejection, for an incomplete card', async () => {
    const client = tessera();
    const el = await mountCard(client);
    await typeInFrame(card, '#number', '4242424242424242');
    const result = await client.createToken(el);
    assert.isUndefined(result.token);
    assert.equal(result.error.type, 'validation_error');
    assert.equal(result.error.code, 'incomplete_expiry');
    assert.equal(result.error.message, "Your card's expiration date is incomplete.");
    // The attempt shows the error in the frame too.
    const expiry = await fieldWhere(card, '#expiry', (v) => v.ariaInvalid === 'true', 'shown');
    assert.equal(expiry.error, "Your card's expiration date is incomplete.");
  });

  it('resolves incomplete_number for an empty card', async () => {
    const client = tessera();
    const el = await mountCard(client);
    const { token, error } = await client.createToken(el);
    assert.isUndefined(token);
    assert.equal(error.type, 'validation_error');
    assert.equal(error.code, 'incomplete_number');
  });

  it('refuses an unknown publishable key at load, and createToken says so at once', async () => {
    const client = tessera('pk_test_unknown000');
    const el = await fixture<TesseraCardElement>(
      html`<tessera-card .tessera=${client}></tessera-card>`,
    );
    const refusal = await el.ready.then(
      () => assert.fail('ready resolved for an unknown key'),
      (error: unknown) => error as ProtocolError,
    );
    assert.equal(refusal.type, 'invalid_request_error');
    assert.equal(refusal.code, 'publishable_key_unknown');
    const started = performance.now();
    const { token, error } = await client.createToken(el);
    assert.isUndefined(token);
    assert.deepEqual(error, refusal);
    assert.isBelow(
      performance.now() - started,
      1000,
      'createToken waited for a frame that refused',
    );
  });

  it('lets the backend detokenize the number typed in the browser, once', async () => {
    const client = tessera();
    const el = await mountCard(client);
    await typeCard('5555555555554444', '321', '11');
    const { token, error } = await client.createToken(el);
    assert.isUndefined(error);
    const used = await detokenize(token.id);
    assert.equal(used.type, 'card');
    const usedCard = objectOf(used, 'card');
    assert.equal(usedCard.number, '5555555555554444');
    assert.equal(usedCard.cvc, '321');
    assert.equal(Number(usedCard.exp_month), 11);
    assert.equal(Number(usedCard.exp_year), expYear);
    const again = await detokenize(token.id);
    assert.equal(objectOf(again, 'error').type, 'invalid_request_error');
  });
});

describe('createToken with <tessera-bank-account>', () => {
  async function mountBank(client: TesseraClient): Promise<TesseraBankAccountElement> {
    const el = await fixture<TesseraBankAccountElement>(
      html`<tessera-bank-account .tessera=${client}></tessera-bank-account>`,
    );
    await el.ready;
    await frameSeen('bankAccount');
    return el;
  }

  it('creates a bank account token for the Stripe test bank', async () => {
    const client = tessera();
    const el = await mountBank(client);
    await typeInFrame(bank, '#accountHolderName', 'Jenny Rosen');
    await pressInFrame(bank, '#accountHolderType', 'ArrowDown');
    assert.equal((await readField(bank, '#accountHolderType')).value, 'company');
    await typeInFrame(bank, '#routingNumber', '110000000');
    await typeInFrame(bank, '#accountNumber', '000123456789');
    await waitUntil(() => el.complete, 'the bank account element is complete', { timeout: 3000 });
    const { token, error } = await client.createToken('bank_account', el);
    assert.isUndefined(error);
    assert.match(token.id, /^btok_|^tok_/);
    const stored = await retrieveToken(token.id);
    assert.equal(stored.type, 'bank_account');
    const account = objectOf(stored, 'bank_account');
    assert.equal(account.bank_name, 'STRIPE TEST BANK');
    assert.equal(account.last4, '6789');
    assert.equal(account.routing_number, '110000000');
    assert.equal(account.account_holder_name, 'Jenny Rosen');
    assert.equal(account.account_holder_type, 'company');
    assert.equal(account.country, 'US');
    assert.equal(account.currency, 'usd');
  });

  it('shows an error for a bad routing number and createToken returns it', async () => {
    const client = tessera();
    const el = await mountBank(client);
    await typeInFrame(bank, '#accountHolderName', 'Jenny Rosen');
    await typeInFrame(bank, '#routingNumber', '110000001');
    const routing = await fieldWhere(
      bank,
      '#routingNumber',
      (view) => view.ariaInvalid === 'true',
      'the routing number is marked invalid',
    );
    assert.equal(routing.error, 'Your routing number is invalid.');
    await typeInFrame(bank, '#accountNumber', '000123456789');
    const { token, error } = await client.createToken('bank_account', el);
    assert.isUndefined(token);
    assert.equal(error.type, 'validation_error');
    assert.equal(error.code, 'invalid_routing_number');
  });
});

describe('createToken for data-only and CVC tokens', () => {
  it('creates a cvc_update token from a lone <tessera-card-cvc>', async () => {
    const client = tessera();
    const el = await fixture<TesseraCardCvcElement>(
      html`<tessera-card-cvc .tessera=${client}></tessera-card-cvc>`,
    );
    await el.ready;
    await frameSeen('cardCvc');
    await typeInFrame(cvcFrame, '#cvc', '123');
    await waitUntil(() => el.complete, 'the CVC element is complete', { timeout: 3000 });
    const { token, error } = await client.createToken('cvc_update', el);
    assert.isUndefined(error);
    assert.match(token.id, /^cvctok_/);
    const stored = await retrieveToken(token.id);
    assert.equal(stored.type, 'cvc_update');
    const used = await detokenize(token.id);
    assert.equal(objectOf(used, 'cvc_update').cvc, '123');
  });

  it('resolves a validation error for an empty lone CVC', async () => {
    const client = tessera();
    const el = await fixture<TesseraCardCvcElement>(
      html`<tessera-card-cvc .tessera=${client}></tessera-card-cvc>`,
    );
    await el.ready;
    await frameSeen('cardCvc');
    const { token, error } = await client.createToken('cvc_update', el);
    assert.isUndefined(token);
    assert.equal(error.type, 'validation_error');
    assert.equal(error.code, 'incomplete_cvc');
  });

  it('creates a pii token through the hidden controller frame', async () => {
    const client = tessera();
    const { token, error } = await client.createToken('pii', { personal_id_number: '000000000' });
    assert.isUndefined(error);
    assert.match(token.id, /^tok_/);
    const stored = await retrieveToken(token.id);
    assert.equal(stored.type, 'pii');
    assert.notInclude(JSON.stringify(stored), '000000000');
    const used = await detokenize(token.id);
    assert.equal(objectOf(used, 'pii').id_number, '000000000');
  });

  it('resolves a validation error for a pii token without an id number', async () => {
    const { token, error } = await tessera().createToken('pii', { personal_id_number: '' });
    assert.isUndefined(token);
    assert.equal(error.type, 'validation_error');
  });

  it('creates an account token through the hidden controller frame', async () => {
    const client = tessera();
    const { token, error } = await client.createToken('account', {
      business_type: 'individual',
      individual: { first_name: 'Jenny', last_name: 'Rosen' },
      tos_shown_and_accepted: true,
    });
    assert.isUndefined(error);
    assert.isString(token.id);
    const stored = await retrieveToken(token.id);
    assert.equal(stored.type, 'account');
    const used = await detokenize(token.id);
    const account = objectOf(used, 'account');
    assert.equal(account.business_type, 'individual');
    assert.equal(account.tos_shown_and_accepted, true);
    assert.equal(objectOf(account, 'individual').first_name, 'Jenny');
  });
});
