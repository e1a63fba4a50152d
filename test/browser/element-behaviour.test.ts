import { assert, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import '../../src/host/index.js';
import {
  Tessera,
  TesseraFieldElement,
  type TesseraCardElement,
  type TesseraCardNumberElement,
} from '../../src/host/index.js';
import {
  closedPort,
  existsInFrame,
  frameCount,
  frameMetrics,
  pressInFrame,
  readField,
  typeInFrame,
  type FrameRef,
} from './commands.js';
import {
  CARD_FRAME as card,
  FUTURE_YEAR as year,
  fillCard,
  focusReaches,
  hasKeyboardFocus,
  mountCard,
  nextEvent,
  publishableKey,
  roundTrip,
  vaultOrigin,
} from './fixtures.js';

async function createCardToken(el: TesseraFieldElement): Promise<string> {
  const { token, error } = await Tessera(publishableKey, { origin: vaultOrigin }).createToken(el);
  assert.equal(error, undefined, error?.message);
  assert.match(token?.id ?? '', /^tok_/);
  return token!.id;
}

/** The iframe's height on the page, in CSS pixels. */
function iframeHeight(el: TesseraFieldElement): number {
  return el.frame!.getBoundingClientRect().height;
}

/** Waits until the iframe is exactly as tall as the frame document's content. */
async function heightSettled(el: TesseraFieldElement, frame: FrameRef): Promise<number> {
  let last = { scrollHeight: -1, clientHeight: -1 };
  await waitUntil(
    async () => {
      last = await frameMetrics(frame);
      return (
        last.scrollHeight === last.clientHeight &&
        Math.abs(iframeHeight(el) - last.clientHeight) < 1
      );
    },
    `the iframe never fitted its content (${JSON.stringify(last)}, iframe ${String(iframeHeight(el))})`,
    { timeout: 5000 },
  );
  return iframeHeight(el);
}

describe('element behaviour', () => {
  describe('iframe title and height', () => {
    it('gives each iframe a meaningful title', async () => {
      const el = await mountCard();
      assert.equal(el.frame?.title, 'Card payment');
      const split = await fixture<HTMLDivElement>(
        html`<div>
          <tessera-card-number
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card-number>
          <tessera-card-expiry
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card-expiry>
          <tessera-card-cvc
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card-cvc>
        </div>`,
      );
      const titles = [...split.children].map((child) =>
        child instanceof TesseraFieldElement ? (child.frame?.title ?? '') : '',
      );
      assert.match(titles[0] ?? '', /card number/i);
      assert.match(titles[1] ?? '', /expiration|expiry/i);
      assert.match(titles[2] ?? '', /security code|cvc/i);
      assert.equal(new Set(titles).size, 3, 'split-field iframes are told apart by their titles');
    });

    it('speaks the element locale: French title on the iframe and labels inside', async () => {
      const el = await fixture<TesseraCardElement>(
        html`<tessera-card
          locale="fr"
          publishable-key=${publishableKey}
          vault-origin=${vaultOrigin}
        ></tessera-card>`,
      );
      await el.ready;
      assert.equal(el.frame?.title, 'Paiement par carte');
      assert.equal((await readField(card, '#number')).label, 'Numéro de carte');
      el.updateOptions({ locale: 'en' });
      await waitUntil(
        () => el.frame?.title === 'Card payment',
        `the title stayed ${String(el.frame?.title)} after the locale changed`,
      );
      assert.equal((await readField(card, '#number')).label, 'Card number');
    });

    const mounts: [tag: string, frame: FrameRef][] = [
      ['tessera-card', { type: 'card' }],
      ['tessera-card-number', { type: 'cardNumber' }],
      ['tessera-card-expiry', { type: 'cardExpiry' }],
      ['tessera-card-cvc', { type: 'cardCvc' }],
      ['tessera-bank-account', { type: 'bankAccount' }],
    ];
    for (const [tag, frame] of mounts) {
      it(`sizes the ${tag} iframe to its content without a jump when ready`, async () => {
        const el = document.createElement(tag);
        if (!(el instanceof TesseraFieldElement)) throw new Error(`${tag} is not defined`);
        el.setAttribute('publishable-key', publishableKey);
        el.setAttribute('vault-origin', vaultOrigin);
        await fixture(el);
        const beforeReady = iframeHeight(el);
        const hostBeforeReady = el.getBoundingClientRect().height;
        await el.ready;
        const afterReady = await heightSettled(el, frame);
        const hostAfterReady = el.getBoundingClientRect().height;
        const metrics = await frameMetrics(frame);
        console.log(
          `${tag} height: before ready ${String(beforeReady)}px, after ready ` +
            `${String(afterReady)}px (host ${String(hostBeforeReady)} → ` +
            `${String(hostAfterReady)}), frame document ${JSON.stringify(metrics)}`,
        );
        assert.equal(metrics.scrollHeight, metrics.clientHeight, 'no overflow: nothing scrolls');
        assert.equal(el.frame?.getAttribute('scrolling'), 'no');
        assert.isAtMost(
          Math.abs(afterReady - beforeReady),
          1,
          `the page jumps by ${String(afterReady - beforeReady)}px when the frame is ready`,
        );
      });
    }

    it('keeps the height stable while typing and showing errors', async () => {
      const el = await mountCard();
      const settled = await heightSettled(el, card);
      const heights = [settled];
      await typeInFrame(card, '#number', '4242');
      heights.push(await heightSettled(el, card));
      // Leaving an incomplete number shows its error.
      await typeInFrame(card, '#expiry', '1');
      await waitUntil(async () => (await readField(card, '#number')).error !== '', 'no error');
      heights.push(await heightSettled(el, card));
      // A number that cannot become valid shows its error at once.
      await typeInFrame(card, '#number', '4242424242424241', true);
      await typeInFrame(card, '#number', '9', false);
      await waitUntil(async () => (await readField(card, '#number')).error !== '', 'no error');
      heights.push(await heightSettled(el, card));
      await typeInFrame(card, '#number', '4242424242424242', true);
      await typeInFrame(card, '#expiry', `12${year}`, true);
      await typeInFrame(card, '#cvc', '123');
      await typeInFrame(card, '#postalCode', '94107');
      await waitUntil(() => el.complete, 'not complete');
      heights.push(await heightSettled(el, card));
      console.log(`card heights while typing: ${heights.join(', ')}`);
      assert.deepEqual(
        heights.map((h) => Math.round(h)),
        heights.map(() => Math.round(settled)),
        'the iframe height changed while typing',
      );
    });

    it('follows the content when it grows (a wrapped error in a narrow element)', async () => {
      const el = await fixture<TesseraCardElement>(
        html`<tessera-card
          style="width: 180px"
          publishable-key=${publishableKey}
          vault-origin=${vaultOrigin}
        ></tessera-card>`,
      );
      await el.ready;
      const empty = await heightSettled(el, card);
      // Leaving an incomplete number shows its error.
      await typeInFrame(card, '#number', '4242');
      await typeInFrame(card, '#expiry', '1');
      await waitUntil(async () => (await readField(card, '#number')).error !== '', 'no error');
      const withError = await heightSettled(el, card);
      console.log(`narrow card: ${String(empty)}px empty, ${String(withError)}px with error`);
      assert.isAbove(withError, empty, 'a two-line error makes the frame taller');
    });
  });

  describe('keyboard focus', () => {
    it('tabs from the page into the fields, through them and out, and back with Shift-Tab', async () => {
      const root = await fixture<HTMLDivElement>(
        html`<div>
          <input id="before" aria-label="Before" />
          <tessera-card
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card>
          <input id="after" aria-label="After" />
        </div>`,
      );
      const el = root.querySelector('tessera-card')!;
      await el.ready;
      const before = root.querySelector<HTMLInputElement>('#before')!;
      const after = root.querySelector<HTMLInputElement>('#after')!;
      const order = ['#number', '#expiry', '#cvc', '#postalCode'];

      before.focus();
      for (const selector of order) {
        await sendKeys({ press: 'Tab' });
        await focusReaches(card, selector, 'Tab');
      }
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => document.activeElement === after, 'Tab did not leave the frame');

      for (const selector of [...order].reverse()) {
        await sendKeys({ press: 'Shift+Tab' });
        await focusReaches(card, selector, 'Shift+Tab');
      }
      await sendKeys({ press: 'Shift+Tab' });
      await waitUntil(() => document.activeElement === before, 'Shift+Tab did not leave the frame');
    });

    it('tabs across split-field iframes in document order', async () => {
      const root = await fixture<HTMLDivElement>(
        html`<div>
          <input id="before" aria-label="Before" />
          <tessera-card-number
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card-number>
          <tessera-card-expiry
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card-expiry>
          <tessera-card-cvc
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card-cvc>
          <input id="after" aria-label="After" />
        </div>`,
      );
      await Promise.all(
        [...root.querySelectorAll<TesseraFieldElement>('*')]
          .filter((child) => child.localName.startsWith('tessera-'))
          .map((child) => child.ready),
      );
      const before = root.querySelector<HTMLInputElement>('#before')!;
      const after = root.querySelector<HTMLInputElement>('#after')!;
      const order: [FrameRef, string][] = [
        [{ type: 'cardNumber' }, '#number'],
        [{ type: 'cardExpiry' }, '#expiry'],
        [{ type: 'cardCvc' }, '#cvc'],
      ];

      before.focus();
      for (const [frame, selector] of order) {
        await sendKeys({ press: 'Tab' });
        await focusReaches(frame, selector, 'Tab');
      }
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => document.activeElement === after, 'Tab did not reach the next input');

      for (const [frame, selector] of [...order].reverse()) {
        await sendKeys({ press: 'Shift+Tab' });
        await focusReaches(frame, selector, 'Shift+Tab');
      }
      await sendKeys({ press: 'Shift+Tab' });
      await waitUntil(() => document.activeElement === before, 'Shift+Tab did not reach the input');
    });

    it('fires tessera-focus entering and tessera-blur leaving, not between its fields', async () => {
      const root = await fixture<HTMLDivElement>(
        html`<div>
          <input id="before" aria-label="Before" />
          <tessera-card
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card>
          <input id="after" aria-label="After" />
        </div>`,
      );
      const el = root.querySelector('tessera-card')!;
      await el.ready;
      const events: string[] = [];
      el.addEventListener('tessera-focus', (event) =>
        events.push(`focus:${event.detail.elementType}`),
      );
      el.addEventListener('tessera-blur', (event) =>
        events.push(`blur:${event.detail.elementType}`),
      );
      root.querySelector<HTMLInputElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => events.length === 1, 'no tessera-focus');
      for (let i = 0; i < 3; i++) await sendKeys({ press: 'Tab' });
      await focusReaches(card, '#postalCode', 'Tab');
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => events.length === 2, 'no tessera-blur');
      await roundTrip(el);
      assert.deepEqual(events, ['focus:card', 'blur:card']);
    });
  });

  describe('inside another component and across re-renders', () => {
    class TestCheckout extends HTMLElement {
      constructor() {
        super();
        const shadow = this.attachShadow({ mode: 'open' });
        const cardElement = document.createElement('tessera-card');
        cardElement.setAttribute('publishable-key', publishableKey);
        cardElement.setAttribute('vault-origin', vaultOrigin);
        shadow.append(cardElement);
      }
    }
    if (!customElements.get('test-checkout')) customElements.define('test-checkout', TestCheckout);

    it('works mounted in another custom element’s shadow root', async () => {
      const host = await fixture<TestCheckout>(html`<test-checkout></test-checkout>`);
      const el = host.shadowRoot!.querySelector('tessera-card')!;
      const changes: unknown[] = [];
      host.addEventListener('tessera-change', (event) => changes.push(event.detail));
      await el.ready;
      assert.equal(await frameCount('card'), 1);
      await fillCard(el);
      assert.isNotEmpty(changes, 'tessera-change crosses the outer shadow root');
      const token = await createCardToken(el);
      assert.match(token, /^tok_/);
    });

    it('rebuilds cleanly when removed and re-added (a framework re-render)', async () => {
      const root = await fixture<HTMLDivElement>(
        html`<div>
          <tessera-card
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card>
        </div>`,
      );
      const el = root.querySelector('tessera-card')!;
      await el.ready;
      await fillCard(el);
      let loadErrors = 0;
      el.addEventListener('tessera-loaderror', () => loadErrors++);

      el.remove();
      await waitUntil(async () => (await frameCount('card')) === 0, 'the iframe stayed');
      const readyAgain = nextEvent(el, 'tessera-ready');
      const resetAnnounced = nextEvent(el, 'tessera-change');
      root.append(el);
      await readyAgain;
      const reset = await resetAnnounced;
      assert.deepEqual(
        { empty: reset.detail.empty, complete: reset.detail.complete },
        { empty: true, complete: false },
        'listeners hear that the fields were reset',
      );
      assert.equal(await frameCount('card'), 1, 'exactly one iframe after re-adding');
      const frame = el.shadowRoot?.querySelectorAll('iframe');
      assert.equal(frame?.length, 1);

      // The fresh frame is empty, and the element must not still claim the old state.
      assert.equal((await readField(card, '#number')).value, '');
      assert.isFalse(el.complete, 'the element still reports the old frame as complete');

      await fillCard(el);
      await createCardToken(el);
      assert.equal(loadErrors, 0);
    });

    it('moves within the page (removed and re-added in one task) and still works', async () => {
      const root = await fixture<HTMLDivElement>(
        html`<div>
          <section id="a">
            <tessera-card
              publishable-key=${publishableKey}
              vault-origin=${vaultOrigin}
            ></tessera-card>
          </section>
          <section id="b"></section>
        </div>`,
      );
      const el = root.querySelector('tessera-card')!;
      await el.ready;
      const readyAgain = nextEvent(el, 'tessera-ready');
      root.querySelector('#b')!.append(el);
      await readyAgain;
      assert.equal(await frameCount('card'), 1);
      await fillCard(el);
      await createCardToken(el);
    });

    it('replaces the element cleanly when a template re-renders a new one', async () => {
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      // A keyed template, as frameworks re-create an element when its key changes.
      const view = (key: string) =>
        keyed(
          key,
          html`<tessera-card
            data-key=${key}
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card>`,
        );
      render(view('one'), container);
      const first = container.querySelector('tessera-card')!;
      await first.ready;
      render(view('two'), container);
      const second = container.querySelector('tessera-card')!;
      assert.notEqual(first, second);
      await second.ready;
      assert.equal(await frameCount('card'), 1);
      await fillCard(second);
      await createCardToken(second);
      // The removed element answers without hanging: it has no live frame.
      const stale = await Tessera(publishableKey, { origin: vaultOrigin }).createToken(first);
      assert.exists(stale.error);
    });
  });

  describe('loading failures', () => {
    /** A card element with `attributes`, listened to before it reaches the page. */
    async function cardWith(attributes: Record<string, string>) {
      const el = document.createElement('tessera-card');
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      const loadError = nextEvent(el, 'tessera-loaderror');
      const ready = el.ready.then(
        () => 'resolved' as const,
        (error: unknown) => error,
      );
      await fixture(html`<div>${el}</div>`);
      return { el, loadError, ready };
    }

    it('settles ready at once, with a loaderror, for a malformed or secret key', async () => {
      for (const key of ['nonsense', 'sk_test_abc123', 'pk_test_']) {
        const { el, loadError, ready } = await cardWith({
          'publishable-key': key,
          'vault-origin': vaultOrigin,
        });
        const event = await loadError;
        assert.equal(event.detail.error.type, 'invalid_request_error', key);
        assert.equal(event.detail.error.code, 'publishable_key_invalid', key);
        assert.deepEqual(await ready, event.detail.error, `ready did not reject for ${key}`);
        assert.notExists(el.frame, `a frame was mounted for ${key}`);
      }
    });

    it('settles ready at once, with a loaderror, for a vault origin that is not a URL', async () => {
      const { el, loadError, ready } = await cardWith({
        'publishable-key': publishableKey,
        'vault-origin': 'vault',
      });
      const event = await loadError;
      assert.equal(event.detail.error.code, 'vault_origin_invalid');
      assert.match(event.detail.error.message, /"vault" is not a URL/);
      assert.deepEqual(await ready, event.detail.error);
      assert.notExists(el.frame);
    });

    it('settles ready after load-timeout when no key arrives, and mounts when one comes in time', async () => {
      const keyless = await cardWith({ 'vault-origin': vaultOrigin, 'load-timeout': '300' });
      const event = await keyless.loadError;
      assert.equal(event.detail.error.code, 'publishable_key_missing');
      assert.match(event.detail.error.message, /publishable-key/);
      assert.deepEqual(await keyless.ready, event.detail.error);

      const late = await cardWith({ 'vault-origin': vaultOrigin, 'load-timeout': '2000' });
      let failed = false;
      late.el.addEventListener('tessera-loaderror', () => {
        failed = true;
      });
      late.el.publishableKey = publishableKey;
      assert.equal(await late.ready, 'resolved');
      assert.isFalse(failed, 'a key set in time still reported a missing key');
    });

    it('fires tessera-loaderror and rejects ready when the vault cannot be reached', async () => {
      const port = await closedPort();
      const started = performance.now();
      const el = await fixture<TesseraCardElement>(
        html`<tessera-card
          publishable-key=${publishableKey}
          vault-origin=${`http://127.0.0.1:${String(port)}`}
          load-timeout="500"
        ></tessera-card>`,
      );
      const loadError = nextEvent(el, 'tessera-loaderror');
      let rejection: unknown = null;
      await el.ready.then(
        () => assert.fail('ready resolved for an unreachable vault'),
        (error: unknown) => {
          rejection = error;
        },
      );
      const event = await loadError;
      const elapsed = performance.now() - started;
      assert.equal(event.detail.elementType, 'card');
      assert.equal(event.detail.error.type, 'api_connection_error');
      assert.isNotEmpty(event.detail.error.message);
      assert.exists(rejection);
      assert.isBelow(elapsed, 5000, `took ${String(elapsed)} ms with load-timeout=500`);
    });

    it('fires tessera-loaderror when the frame loads but never answers the handshake', async () => {
      // The test page's own origin serves no frame: a page loads, nobody answers the hello.
      const el = await fixture<TesseraCardElement>(
        html`<tessera-card
          publishable-key=${publishableKey}
          vault-origin=${location.origin}
          load-timeout="500"
        ></tessera-card>`,
      );
      const loadError = nextEvent(el, 'tessera-loaderror');
      let rejected = false;
      await el.ready.catch(() => {
        rejected = true;
      });
      assert.isTrue(rejected);
      assert.equal((await loadError).detail.error.type, 'api_connection_error');
    });
  });

  describe('methods', () => {
    it('focus() puts the caret in the first field and blur() takes it out', async () => {
      const el = await mountCard();
      const focused = nextEvent(el, 'tessera-focus');
      el.focus();
      await focused;
      await focusReaches(card, '#number', 'focus()');
      const blurred = nextEvent(el, 'tessera-blur');
      el.blur();
      await blurred;
      await waitUntil(async () => !(await readField(card, '#number')).focused, 'still focused');
    });

    it('focus() goes to the first field still needing input', async () => {
      const el = await mountCard();
      await typeInFrame(card, '#number', '4242424242424242');
      await typeInFrame(card, '#expiry', `12${year}`);
      el.blur();
      await waitUntil(async () => !(await hasKeyboardFocus(card, '#cvc')), 'cvc kept focus');
      el.focus();
      await focusReaches(card, '#cvc', 'focus()');
    });

    it('clear() empties every field', async () => {
      const el = await mountCard();
      await fillCard(el);
      el.clear();
      await waitUntil(async () => (await readField(card, '#number')).value === '', 'not cleared');
      for (const selector of ['#expiry', '#cvc', '#postalCode']) {
        assert.equal((await readField(card, selector)).value, '');
      }
      await waitUntil(() => !el.complete, 'still complete after clear()');
    });

    it('updateOptions({ placeholder }) changes a split field’s placeholder', async () => {
      const el = await fixture<TesseraCardNumberElement>(
        html`<tessera-card-number
          publishable-key=${publishableKey}
          vault-origin=${vaultOrigin}
        ></tessera-card-number>`,
      );
      await el.ready;
      const number = { type: 'cardNumber' } as const;
      el.updateOptions({ placeholder: 'Card number here' });
      await waitUntil(
        async () => (await readField(number, '#number')).placeholder === 'Card number here',
        'placeholder not applied',
      );
      el.placeholder = 'As a property';
      await waitUntil(
        async () => (await readField(number, '#number')).placeholder === 'As a property',
        'placeholder property not applied',
      );
    });

    it('updateOptions({ disabled }) disables and enables every input', async () => {
      const el = await mountCard();
      el.updateOptions({ disabled: true });
      await waitUntil(async () => (await readField(card, '#number')).disabled, 'not disabled');
      for (const selector of ['#expiry', '#cvc', '#postalCode']) {
        assert.isTrue((await readField(card, selector)).disabled, `${selector} enabled`);
      }
      el.updateOptions({ disabled: false });
      await waitUntil(async () => !(await readField(card, '#number')).disabled, 'still disabled');
      await typeInFrame(card, '#number', '4242');
      assert.equal((await readField(card, '#number')).value, '4242');
    });

    it('updateOptions({ hidePostalCode }) hides the postal code and completes without it', async () => {
      const el = await mountCard();
      assert.isTrue(await existsInFrame(card, '#postalCode'));
      el.updateOptions({ hidePostalCode: true });
      await waitUntil(async () => !(await existsInFrame(card, '#postalCode')), 'still shown');
      await typeInFrame(card, '#number', '4242424242424242');
      await typeInFrame(card, '#expiry', `12${year}`);
      await typeInFrame(card, '#cvc', '123');
      await waitUntil(() => el.complete, 'not complete without a postal code');
      await createCardToken(el);
      el.updateOptions({ hidePostalCode: false });
      await waitUntil(async () => existsInFrame(card, '#postalCode'), 'not shown again');
    });

    it('fires tessera-escape on Escape in the frame', async () => {
      const el = await mountCard();
      const escaped = nextEvent(el, 'tessera-escape');
      await pressInFrame(card, '#number', 'Escape');
      const event = await escaped;
      assert.equal(event.detail.elementType, 'card');
      assert.isTrue(event.composed && event.bubbles);
    });
  });
});
