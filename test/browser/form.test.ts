import { assert, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/host/index.js';
import type { TesseraCardElement } from '../../src/host/index.js';
import { readField, retrieveToken, typeInFrame } from './commands.js';
import { CARD_FRAME as card, fillCard, publishableKey, vaultOrigin } from './fixtures.js';

const ECHO_PATH = '/__tessera__/echo';

/** A checkout as a merchant writes it without JavaScript, posting into a named iframe. */
interface Checkout {
  form: HTMLFormElement;
  element: TesseraCardElement;
  button: HTMLButtonElement;
  fieldset: HTMLFieldSetElement;
  /** The merchant backend's reply lands here (same origin as the page). */
  reply: HTMLIFrameElement;
}

let checkoutCounter = 0;

/**
 * A form posting to the merchant backend echo in a named iframe, holding `fields` and a submit
 * button; resolves once its card element is ready.
 */
async function mountForm(fields: TemplateResult): Promise<HTMLDivElement> {
  const target = `merchant-backend-${String(++checkoutCounter)}`;
  const root = await fixture<HTMLDivElement>(
    html`<div>
      <form method="post" action=${ECHO_PATH} target=${target}>
        ${fields}
        <button type="submit">Pay</button>
      </form>
      <iframe name=${target} title="Merchant backend reply"></iframe>
    </div>`,
  );
  await root.querySelector('tessera-card')!.ready;
  return root;
}

async function mountCheckout({ disabled = false } = {}): Promise<Checkout> {
  const root = await mountForm(
    html`<fieldset ?disabled=${disabled}>
      <tessera-card
        name="token"
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>
    </fieldset>`,
  );
  return {
    form: root.querySelector('form')!,
    element: root.querySelector('tessera-card')!,
    button: root.querySelector('button')!,
    fieldset: root.querySelector('fieldset')!,
    reply: root.querySelector('iframe')!,
  };
}

/** The body the merchant backend received, once the form's POST reached it. */
async function postedBody(reply: HTMLIFrameElement): Promise<URLSearchParams> {
  await waitUntil(
    () =>
      reply.contentDocument?.location.pathname === ECHO_PATH &&
      reply.contentDocument.readyState === 'complete',
    'the form was never posted to the merchant backend',
    { timeout: 10000 },
  );
  return new URLSearchParams(reply.contentDocument!.body.textContent);
}

function wasPosted(reply: HTMLIFrameElement): boolean {
  return reply.contentDocument?.location.pathname === ECHO_PATH;
}

async function expectTokenPosted(checkout: Checkout): Promise<void> {
  const body = await postedBody(checkout.reply);
  const token = body.get('token') ?? '';
  assert.match(token, /^tok_[0-9A-Za-z]+$/);
  assert.deepEqual([...body.keys()], ['token'], 'only the token is posted, never card data');
  const stored = await retrieveToken(token);
  assert.equal((stored.card as Record<string, unknown>).last4, '4242');
}

describe('<tessera-card> in a plain <form>', () => {
  it('blocks a submit button click while incomplete', async () => {
    const checkout = await mountCheckout();
    const { form, element, button, reply } = checkout;
    assert.equal(element.internals.form, form);
    let invalidEvents = 0;
    element.addEventListener('invalid', () => {
      invalidEvents++;
    });
    let submitEvents = 0;
    form.addEventListener('submit', () => {
      submitEvents++;
    });

    // Interactive validation runs inside click(): a submission it let through would have fired
    // `submit` by the time click() returns.
    button.click();

    assert.isFalse(wasPosted(reply), 'an incomplete card must not submit the form');
    assert.equal(submitEvents, 0, 'interactive validation stops the submission');
    assert.equal(invalidEvents, 1, 'the browser reported the element as invalid');
    assert.isFalse(form.checkValidity());
    assert.isTrue(element.internals.validity.customError);
    assert.isFalse(element.internals.validity.valid);
    assert.isNotEmpty(element.internals.validationMessage);
    assert.isFalse(form.reportValidity());
  });

  it('keeps blocking once the user typed a partial card, with the field error as message', async () => {
    const { form, element, button, reply } = await mountCheckout();
    await typeInFrame(card, '#number', '4242');
    await typeInFrame(card, '#expiry', '1');
    await waitUntil(() => element.lastChange !== null, 'no change reported');
    let submitEvents = 0;
    form.addEventListener('submit', () => {
      submitEvents++;
    });
    button.click();
    assert.equal(submitEvents, 0, 'interactive validation stops the submission');
    assert.isFalse(wasPosted(reply));
    assert.isFalse(form.checkValidity());
    assert.isTrue(element.internals.validity.customError);
    assert.isNotEmpty(element.internals.validationMessage);
  });

  it('tokenizes, then posts token=tok_… on a submit button click', async () => {
    const checkout = await mountCheckout();
    await fillCard(checkout.element);
    assert.isTrue(checkout.form.checkValidity());
    assert.isTrue(checkout.element.internals.validity.valid);
    checkout.button.click();
    await expectTokenPosted(checkout);
  });

  it('tokenizes, then posts token=tok_… on form.requestSubmit()', async () => {
    const checkout = await mountCheckout();
    await fillCard(checkout.element);
    checkout.form.requestSubmit();
    await expectTokenPosted(checkout);
  });

  it('blocks form.requestSubmit() while incomplete', async () => {
    const { form, element, reply } = await mountCheckout();
    let invalidEvents = 0;
    element.addEventListener('invalid', () => {
      invalidEvents++;
    });
    let submitEvents = 0;
    form.addEventListener('submit', () => {
      submitEvents++;
    });
    form.requestSubmit();
    assert.equal(submitEvents, 0, 'requestSubmit() validates before it submits');
    assert.isFalse(wasPosted(reply));
    assert.equal(invalidEvents, 1);
    assert.isTrue(element.internals.validity.customError);
  });

  it('clears the element when the form is reset', async () => {
    const { form, element } = await mountCheckout();
    await fillCard(element);
    assert.isTrue(form.checkValidity());
    form.reset();
    await waitUntil(
      async () => (await readField(card, '#number')).value === '',
      'the card number was not cleared',
    );
    for (const selector of ['#expiry', '#cvc', '#postalCode']) {
      assert.equal((await readField(card, selector)).value, '', `${selector} was not cleared`);
    }
    await waitUntil(() => !element.complete, 'the element still says complete');
    assert.isFalse(form.checkValidity(), 'a reset card is incomplete again');
    assert.isTrue(element.internals.validity.customError);
  });

  it('follows a disabled <fieldset>, at mount and when toggled', async () => {
    const { element, fieldset, form } = await mountCheckout({ disabled: true });
    await waitUntil(
      async () => (await readField(card, '#number')).disabled,
      'the inputs are enabled inside a disabled fieldset',
    );
    for (const selector of ['#expiry', '#cvc', '#postalCode']) {
      assert.isTrue((await readField(card, selector)).disabled, `${selector} is enabled`);
    }
    assert.isTrue(element.matches(':disabled'));
    assert.isTrue(form.checkValidity(), 'a disabled control is barred from validation');

    fieldset.disabled = false;
    await waitUntil(
      async () => !(await readField(card, '#number')).disabled,
      'the inputs stay disabled after the fieldset was enabled',
    );
    assert.isFalse(element.matches(':disabled'));
    await typeInFrame(card, '#number', '4242');
    assert.equal((await readField(card, '#number')).value, '4242');

    fieldset.disabled = true;
    await waitUntil(
      async () => (await readField(card, '#number')).disabled,
      'the inputs stay enabled after the fieldset was disabled',
    );
  });
});

describe('which Tessera elements take part in a form (as native inputs do)', () => {
  /** A form with an e-mail input and one card element, set up by `card` (a lit template). */
  async function checkoutWith(
    card: TemplateResult,
  ): Promise<{ form: HTMLFormElement; element: TesseraCardElement; reply: HTMLIFrameElement }> {
    const root = await mountForm(
      html`<input name="email" value="jenny@example.com" aria-label="E-mail" />${card}`,
    );
    return {
      form: root.querySelector('form')!,
      element: root.querySelector('tessera-card')!,
      reply: root.querySelector('iframe')!,
    };
  }

  /** Submits with the button, and returns what the merchant backend received. */
  async function submitted(form: HTMLFormElement, reply: HTMLIFrameElement) {
    let submits = 0;
    form.addEventListener('submit', () => {
      submits++;
    });
    form.querySelector('button')!.click();
    assert.equal(submits, 1, 'the form was blocked');
    return postedBody(reply);
  }

  it('an unnamed element neither blocks the form nor tokenizes', async () => {
    const { form, element, reply } = await checkoutWith(
      html`<tessera-card
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>`,
    );
    assert.isTrue(form.checkValidity(), 'an unnamed, empty card made the form invalid');
    assert.isTrue(element.internals.validity.valid);
    const body = await submitted(form, reply);
    assert.deepEqual([...body.entries()], [['email', 'jenny@example.com']]);
  });

  it('a hidden named element neither blocks the form nor adds to it', async () => {
    const { form, element, reply } = await checkoutWith(
      html`<tessera-card
        name="token"
        hidden
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>`,
    );
    await waitUntil(() => form.checkValidity(), 'a hidden card holds the form up');
    const body = await submitted(form, reply);
    assert.deepEqual([...body.entries()], [['email', 'jenny@example.com']]);

    // Shown again, it takes part again: an empty card blocks.
    element.hidden = false;
    await waitUntil(() => !form.checkValidity(), 'a shown, empty card does not block');
  });

  it('a named element inside a hidden section does not block either', async () => {
    const { form, element } = await checkoutWith(
      html`<div style="display: none">
        <tessera-card
          name="token"
          publishable-key=${publishableKey}
          vault-origin=${vaultOrigin}
        ></tessera-card>
      </div>`,
    );
    await waitUntil(() => form.checkValidity(), 'a card in a hidden section holds the form up');
    (element.parentElement as HTMLElement).style.display = '';
    await waitUntil(() => !form.checkValidity(), 'a card shown again does not block');
  });

  it('a disabled named element does not block, and posts nothing', async () => {
    const { form, reply } = await checkoutWith(
      html`<tessera-card
        name="token"
        disabled
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>`,
    );
    assert.isTrue(form.checkValidity());
    const body = await submitted(form, reply);
    assert.deepEqual([...body.entries()], [['email', 'jenny@example.com']]);
  });

  it('a name given later makes the element take part', async () => {
    const { form, element } = await checkoutWith(
      html`<tessera-card
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>`,
    );
    assert.isTrue(form.checkValidity());
    element.name = 'token';
    await waitUntil(() => !form.checkValidity(), 'a named, empty card does not block');
  });

  it('says what is missing in the element’s language', async () => {
    const { element } = await checkoutWith(
      html`<tessera-card
        name="token"
        locale="fr"
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>`,
    );
    assert.equal(element.internals.validationMessage, 'Saisissez les informations de votre carte.');
    element.locale = 'en';
    await waitUntil(
      () => element.internals.validationMessage === 'Enter your card details.',
      `the message did not follow the locale: ${element.internals.validationMessage}`,
    );
  });
});
