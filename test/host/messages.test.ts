import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../../src/frame/i18n/words.js';
import { LOAD_FAILURE_MESSAGES } from '../../src/host/load-failure.js';
import {
  clientError,
  elementWords,
  integrationError,
  loadFailureMessage,
  type ClientMessageCode,
  type HostWords,
} from '../../src/host/messages.js';
import { ELEMENT_TYPES, type ElementType, type HostStrings } from '../../src/protocol/index.js';

/** What a German frame sends for a card element. */
const GERMAN: HostStrings = {
  title: 'Kartenzahlung',
  prompt: 'Geben Sie Ihre Kartendaten ein.',
  frame_not_ready: 'Das Zahlungsformular ist noch nicht bereit.',
  frame_timeout: 'Das Zahlungsformular hat nicht rechtzeitig geantwortet.',
  frame_no_token: 'Das Zahlungsformular hat unerwartet geantwortet.',
  element_removed: 'Das Zahlungsformular wurde entfernt.',
  element_not_mounted: 'Das Zahlungsformular ist nicht auf der Seite.',
};

const FRAME_CODES = [
  'frame_not_ready',
  'frame_timeout',
  'frame_no_token',
  'element_removed',
  'element_not_mounted',
] as const satisfies readonly ClientMessageCode[];

describe('clientError', () => {
  describe("says the frame's words once the frame sent them", () => {
    for (const code of FRAME_CODES) {
      it(code, () => {
        const words: HostWords = { locale: 'de', strings: GERMAN };
        assert.deepEqual(clientError('api_connection_error', code, words), {
          type: 'api_connection_error',
          code,
          message: GERMAN[code],
        });
      });
    }
  });

  describe("says the page's load failure message in the element's language before that", () => {
    const cases: readonly (readonly [code: ClientMessageCode, words: HostWords])[] = [
      ['frame_not_ready', { locale: 'de', strings: null }],
      ['frame_timeout', { locale: 'ja', strings: null }],
      ['element_not_mounted', { locale: 'ar', strings: null }],
      ['frame_load_timeout', { locale: 'fr', strings: null }],
    ];
    for (const [code, words] of cases) {
      it(`${code} in ${words.locale}`, () => {
        assert.equal(
          clientError('api_connection_error', code, words).message,
          LOAD_FAILURE_MESSAGES[words.locale],
        );
      });
    }
  });

  it("says frame_load_timeout from the page's table even when the frame sent its words", () => {
    const words: HostWords = { locale: 'de', strings: GERMAN };
    assert.deepEqual(clientError('api_connection_error', 'frame_load_timeout', words), {
      type: 'api_connection_error',
      code: 'frame_load_timeout',
      message: LOAD_FAILURE_MESSAGES.de,
    });
  });

  it("says the merchant's own frame_load_timeout wherever the page speaks for itself", () => {
    const messages = { frame_load_timeout: 'Bitte laden Sie die Seite neu.' };
    const loaded: HostWords = { locale: 'de', strings: GERMAN, messages };
    const notLoaded: HostWords = { locale: 'de', strings: null, messages };
    assert.equal(
      clientError('api_connection_error', 'frame_load_timeout', loaded).message,
      messages.frame_load_timeout,
    );
    assert.equal(
      clientError('api_connection_error', 'frame_timeout', notLoaded).message,
      messages.frame_load_timeout,
    );
    assert.equal(
      clientError('api_connection_error', 'frame_timeout', loaded).message,
      GERMAN.frame_timeout,
    );
  });
});

describe('loadFailureMessage', () => {
  const cases: readonly (readonly [name: string, words: HostWords, expected: string])[] = [
    ['in the locale', { locale: 'he', strings: null }, LOAD_FAILURE_MESSAGES.he],
    [
      "the merchant's own",
      { locale: 'he', strings: null, messages: { frame_load_timeout: 'Reload, please.' } },
      'Reload, please.',
    ],
    [
      "not the merchant's empty one",
      { locale: 'he', strings: null, messages: { frame_load_timeout: '' } },
      LOAD_FAILURE_MESSAGES.he,
    ],
    [
      "not the merchant's other messages",
      { locale: 'he', strings: null, messages: { frame_timeout: 'Too slow.' } },
      LOAD_FAILURE_MESSAGES.he,
    ],
  ];
  for (const [name, words, expected] of cases) {
    it(name, () => {
      assert.equal(loadFailureMessage(words), expected);
    });
  }
});

describe('elementWords', () => {
  it("says the frame's title and prompt once it sent them", () => {
    assert.deepEqual(elementWords('card', { locale: 'de', strings: GERMAN }), {
      title: GERMAN.title,
      prompt: GERMAN.prompt,
    });
  });

  describe("says the English catalogue's title and prompt before that, so nothing changes when an English frame answers", () => {
    const prompts: Readonly<Record<ElementType, keyof typeof en.messages>> = {
      card: 'form_incomplete_card',
      cardNumber: 'form_incomplete_number',
      cardExpiry: 'form_incomplete_expiry',
      cardCvc: 'form_incomplete_cvc',
      bankAccount: 'form_incomplete_bank_account',
      controller: 'form_incomplete_card',
    };
    for (const type of ELEMENT_TYPES) {
      it(type, () => {
        assert.deepEqual(elementWords(type, { locale: 'de', strings: null }), {
          title: en.titles[type],
          prompt: en.messages[prompts[type]],
        });
      });
    }
  });
});

describe('integrationError', () => {
  it('tells the developer, in English, what to set', () => {
    const error = integrationError('publishable_key_missing');
    assert.equal(error.type, 'invalid_request_error');
    assert.equal(error.code, 'publishable_key_missing');
    assert.match(error.message, /publishable-key attribute/);
  });
});
