/**
 * Every locale rendered in real frames: no English left where a translation belongs, the
 * host's words (iframe titles, form prompts) in the element's language, each catalogue fetched
 * alone and only when asked for, and right-to-left layouts that mirror while card numbers stay
 * left to right.
 */
import { assert, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/host/index.js';
import {
  Tessera,
  type TesseraBankAccountElement,
  type TesseraCardElement,
} from '../../src/host/index.js';
import en from '../../src/frame/i18n/locales/en.js';
import { SUPPORTED_LOCALES, type Locale } from '../../src/protocol/index.js';
import { LOAD_FAILURE_MESSAGES } from '../../src/host/load-failure.js';
import {
  closedPort,
  frameResources,
  frameWords,
  pressInFrame,
  typeInFrame,
  type FrameRef,
} from './commands.js';
import { CARD_FRAME as card, publishableKey, vaultOrigin } from './fixtures.js';

const bank: FrameRef = { type: 'bankAccount' };

/** Every string of the English catalogue, flattened. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Object.values(value as Record<string, unknown>).flatMap(strings);
}
const ENGLISH = new Set(strings(en).filter((text) => text !== ''));

/** Strings that are the same in some languages, as cards and local checkouts print them. */
const SAME_EVERYWHERE = new Set(['1234 1234 1234 1234']);
const SAME_IN: Readonly<Partial<Record<Locale, readonly string[]>>> = {
  ja: ['MM / YY', 'CVC'],
  ko: ['MM / YY', 'CVC'],
  'zh-Hans': ['MM / YY', 'CVC'],
  'zh-Hant': ['MM / YY', 'CVC'],
  ar: ['MM / YY'],
  he: ['MM / YY'],
  de: ['CVC'],
  fr: ['CVC'],
  es: ['CVC'],
  it: ['CVC'],
  nl: ['CVC'],
  pt: ['CVC'],
  sv: ['CVC'],
  da: ['CVC'],
  nb: ['CVC'],
  fi: ['CVC'],
  pl: ['CVC'],
  cs: ['CVC'],
};

/** A card and a bank account element in `locale`, ready, each showing an error. */
async function mountInvalid(
  locale: string,
): Promise<{ cardEl: TesseraCardElement; bankEl: TesseraBankAccountElement }> {
  const root = await fixture<HTMLFormElement>(
    html`<form>
      <tessera-card
        name="card"
        locale=${locale}
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>
      <tessera-bank-account
        name="bank"
        locale=${locale}
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-bank-account>
    </form>`,
  );
  const cardEl = root.querySelector('tessera-card')!;
  const bankEl = root.querySelector('tessera-bank-account')!;
  await Promise.all([cardEl.ready, bankEl.ready]);
  // A number that fails the Luhn check (shown once the field is left), and a routing number
  // that fails its checksum (shown at once).
  await typeInFrame(card, '#number', '4242424242424241');
  await typeInFrame(bank, '#routingNumber', '123456789');
  await waitUntil(
    () => Boolean(cardEl.lastChange?.error && bankEl.lastChange?.error),
    `${locale}: the errors never showed`,
  );
  return { cardEl, bankEl };
}

describe('every locale', () => {
  for (const locale of SUPPORTED_LOCALES.filter((tag) => tag !== 'en' && tag !== 'en-GB')) {
    it(`${locale}: no untranslated English in the frames or on the page`, async () => {
      const { cardEl, bankEl } = await mountInvalid(locale);
      const [cardWords, bankWords] = await Promise.all([frameWords(card), frameWords(bank)]);
      const shown = [cardWords, bankWords].flatMap((words) => [
        words.title,
        words.error,
        ...words.labels,
        ...words.placeholders,
        ...words.options,
        ...words.descriptions,
      ]);
      const onPage = [
        cardEl.frame!.title,
        bankEl.frame!.title,
        cardEl.incompleteMessage,
        bankEl.incompleteMessage,
        cardEl.lastChange!.error!.message,
        bankEl.lastChange!.error!.message,
      ];
      const allowed = new Set([...SAME_EVERYWHERE, ...(SAME_IN[locale] ?? [])]);
      const english = [...shown, ...onPage].filter(
        (text) => text !== '' && ENGLISH.has(text) && !allowed.has(text),
      );
      assert.deepEqual(english, [], `${locale} shows English`);
      assert.equal(cardWords.lang, locale, 'the frame document names its language');
      // Stable codes in every language: only the message changes.
      assert.equal(cardEl.lastChange!.error!.code, 'invalid_number');
      assert.equal(bankEl.lastChange!.error!.code, 'invalid_routing_number');
      // The CVC field's description says where the code is printed.
      assert.notEqual(cardWords.descriptions[2], '', 'the CVC has no hint');
    });
  }

  it('falls back from region to language to English', async () => {
    const cases: [requested: string, spoken: Locale][] = [
      ['pt-BR', 'pt-BR'],
      ['pt-PT', 'pt'],
      ['de-AT', 'de'],
      ['es-MX', 'es-419'],
      ['zh-TW', 'zh-Hant'],
      ['tlh', 'en'],
    ];
    for (const [requested, spoken] of cases) {
      const el = await fixture<TesseraCardElement>(
        html`<tessera-card
          locale=${requested}
          publishable-key=${publishableKey}
          vault-origin=${vaultOrigin}
        ></tessera-card>`,
      );
      await el.ready;
      const words = await frameWords(card);
      assert.equal(words.lang, spoken, requested);
      if (spoken === 'en') assert.equal(words.labels[0], 'Card number');
      el.remove();
    }
  });

  it('fetches the catalogue of the language asked for, and no other', async () => {
    const el = await fixture<TesseraCardElement>(
      html`<tessera-card
        locale="de"
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>`,
    );
    await el.ready;
    const fetched = (await frameResources(card)).map((url) => new URL(url));
    for (const url of fetched) assert.equal(url.origin, vaultOrigin, 'everything from the vault');
    const catalogues = fetched
      .map((url) => /\/assets\/([a-z]{2}(?:-[a-z0-9]+)?)-[\w-]+\.js$/.exec(url.pathname)?.[1])
      .filter((name) => name !== undefined && name.length <= 7 && name !== 'element');
    assert.deepEqual(catalogues, ['de'], `catalogue chunks fetched: ${JSON.stringify(catalogues)}`);
  });

  it("lets the merchant's messages replace a message by code, in the frame and on the page", async () => {
    const el = await fixture<TesseraCardElement>(
      html`<tessera-card
        locale="fr"
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
        .messages=${{ invalid_number: 'Ce numéro ne passe pas.', form_incomplete_card: 'Votre carte ?' }}
      ></tessera-card>`,
    );
    await el.ready;
    // A Visa may have 19 digits: a failing 16-digit number shows its error once left.
    await typeInFrame(card, '#number', '4242424242424241');
    await pressInFrame(card, '#number', 'Tab');
    await waitUntil(() => el.lastChange?.error !== undefined, 'no error');
    assert.deepEqual(el.lastChange!.error, {
      type: 'validation_error',
      code: 'invalid_number',
      message: 'Ce numéro ne passe pas.',
    });
    assert.equal((await frameWords(card)).error, 'Ce numéro ne passe pas.');
    await waitUntil(() => el.incompleteMessage === 'Votre carte ?', el.incompleteMessage);
  });

  it('changes language at run time through the instance', async () => {
    const tessera = Tessera(publishableKey, { origin: vaultOrigin, locale: 'ja' });
    const el = await fixture<TesseraCardElement>(
      html`<tessera-card .tessera=${tessera}></tessera-card>`,
    );
    await el.ready;
    assert.equal((await frameWords(card)).lang, 'ja');
    tessera.update({ locale: 'ko' });
    await waitUntil(async () => (await frameWords(card)).lang === 'ko', 'still not Korean');
    await waitUntil(() => el.frame!.title !== '' && el.frame!.title !== 'Card payment', 'title');
    assert.notEqual(el.frame!.title, en.titles.card);
  });

  it('says the form could not load in the page language, with no frame to ask', async () => {
    const port = await closedPort();
    const el = await fixture<TesseraCardElement>(
      html`<tessera-card
        name="token"
        locale="ar"
        load-timeout="1000"
        publishable-key=${publishableKey}
        vault-origin=${`http://127.0.0.1:${String(port)}`}
      ></tessera-card>`,
    );
    const error = await el.ready.then(
      () => null,
      (reason: unknown) => reason as { code: string; message: string },
    );
    assert.equal(error?.code, 'frame_load_timeout');
    assert.equal(error?.message, LOAD_FAILURE_MESSAGES.ar);
    // The form says so too, instead of asking for card details it cannot take.
    assert.equal(el.internals.validationMessage, LOAD_FAILURE_MESSAGES.ar);
  });
});

describe('right to left', () => {
  afterEach(() => {
    document.documentElement.removeAttribute('dir');
  });

  it('mirrors the layout and keeps card numbers left to right', async () => {
    const el = await fixture<TesseraCardElement>(
      html`<tessera-card
        dir="rtl"
        locale="ar"
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>`,
    );
    await el.ready;
    await typeInFrame(card, '#number', '4242');
    const words = await frameWords(card);
    assert.equal(words.dir, 'rtl');
    const input = (id: string) => words.inputs.find((each) => each.id === id)!;
    for (const id of ['number', 'expiry', 'cvc']) {
      assert.equal(input(id).dir, 'ltr', `${id} reads left to right`);
      assert.equal(input(id).textAlign, 'right', `${id} sits on the right, where the line starts`);
    }
    assert.equal(input('postalCode').dir, 'rtl');
    assert.isAbove(input('expiry').left, input('cvc').left, 'the expiry comes first, on the right');
    const brand = words.icons.find((icon) => icon.className?.includes('Icon--brand'))!;
    assert.isBelow(brand.right, (input('number').left + input('number').right) / 2, 'icon side');
  });

  it("takes the instance's dir and messages, and the element's own over them", async () => {
    const tessera = Tessera(publishableKey, {
      origin: vaultOrigin,
      dir: 'rtl',
      messages: { incomplete_number: 'Instance wording.' },
    });
    const el = await fixture<TesseraCardElement>(
      html`<tessera-card .tessera=${tessera}></tessera-card>`,
    );
    await el.ready;
    assert.equal((await frameWords(card)).dir, 'rtl');
    await typeInFrame(card, '#number', '4242');
    await pressInFrame(card, '#number', 'Tab');
    await waitUntil(() => el.lastChange?.error?.message === 'Instance wording.', 'instance words');
    el.messages = { incomplete_number: 'Element wording.' };
    await waitUntil(() => el.lastChange?.error?.message === 'Element wording.', 'element words');
    el.setAttribute('dir', 'ltr');
    await waitUntil(
      async () => (await frameWords(card)).dir === 'ltr',
      'the attribute did not win',
    );
  });

  it('follows <html dir> with dir="auto", also when it changes', async () => {
    const el = await fixture<TesseraCardElement>(
      html`<tessera-card
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>`,
    );
    await el.ready;
    assert.equal((await frameWords(card)).dir, 'ltr');
    document.documentElement.dir = 'rtl';
    await waitUntil(async () => (await frameWords(card)).dir === 'rtl', 'never turned rtl');
    el.updateOptions({ dir: 'ltr' });
    await waitUntil(async () => (await frameWords(card)).dir === 'ltr', 'the option did not win');
  });
});
