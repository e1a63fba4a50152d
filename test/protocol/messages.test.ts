import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  HOST_STRING_KEYS,
  PROTOCOL_VERSION,
  SUPPORTED_LOCALES,
  isFrameMessage,
  isHelloMessage,
  isHostMessage,
} from '../../src/protocol/index.js';

const v = PROTOCOL_VERSION;

/** A configure message whose options are `options`. */
const configure = (options: unknown) => ({
  version: v,
  type: 'configure',
  config: { publishableKey: 'pk_test_abc', elementType: 'card', options },
});

/** Every host string, in German. */
const STRINGS: Readonly<Record<string, string>> = Object.fromEntries(
  HOST_STRING_KEYS.map((key) => [key, `Deutsch: ${key}`]),
);
const locale = (fields: Record<string, unknown>) => ({
  version: v,
  type: 'locale',
  locale: 'de',
  strings: STRINGS,
  ...fields,
});
const without = (key: string) =>
  Object.fromEntries(Object.entries(STRINGS).filter(([k]) => k !== key));
const messagesOf = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`code_${index}`, 'x']));

describe('protocol guards', () => {
  const hellos: [unknown, boolean][] = [
    [{ ns: 'tessera', version: v, type: 'hello' }, true],
    [{ ns: 'tessera', version: v + 1, type: 'hello' }, false],
    [{ ns: 'other', version: v, type: 'hello' }, false],
    [{ ns: 'tessera', version: v, type: 'configure' }, false],
    ['hello', false],
    [null, false],
    [[{ ns: 'tessera', version: v, type: 'hello' }], false],
  ];
  for (const [data, expected] of hellos) {
    it(`hello guard: ${JSON.stringify(data)} → ${String(expected)}`, () => {
      assert.equal(isHelloMessage(data), expected);
    });
  }

  const config = {
    publishableKey: 'pk_test_abc',
    elementType: 'card',
    options: { placeholder: 'x', disabled: false, style: { base: { color: 'red' } } },
  };
  const hostMessages: [string, unknown, boolean][] = [
    ['configure', { version: v, type: 'configure', config }, true],
    [
      'configure with an unknown element type',
      { version: v, type: 'configure', config: { ...config, elementType: 'iban' } },
      false,
    ],
    [
      'configure with a non-boolean disabled',
      { version: v, type: 'configure', config: { ...config, options: { disabled: 'yes' } } },
      false,
    ],
    [
      'configure with a huge placeholder',
      {
        version: v,
        type: 'configure',
        config: { ...config, options: { placeholder: 'x'.repeat(500) } },
      },
      false,
    ],
    [
      'configure with an appearance',
      configure({ appearance: { theme: 'night', variables: { colorPrimary: '#0570de' } } }),
      true,
    ],
    ['configure with an appearance that is a string', configure({ appearance: 'night' }), false],
    ['configure with an appearance that is an array', configure({ appearance: [] }), false],
    ['configure left to right', configure({ dir: 'ltr' }), true],
    ['configure right to left', configure({ dir: 'rtl' }), true],
    ['configure with dir up', configure({ dir: 'up' }), false],
    ['configure with messages', configure({ messages: { incomplete_number: 'Zu kurz.' } }), true],
    ['configure with 100 messages', configure({ messages: messagesOf(100) }), true],
    ['configure with 101 messages', configure({ messages: messagesOf(101) }), false],
    [
      'configure with a number as a message',
      configure({ messages: { incomplete_number: 1 } }),
      false,
    ],
    [
      'configure with a message of 501 characters',
      configure({ messages: { incomplete_number: 'x'.repeat(501) } }),
      false,
    ],
    ['configure with messages as a list', configure({ messages: ['Zu kurz.'] }), false],
    ['configure with a host colour', configure({ hostColor: 'rgb(48, 49, 61)' }), true],
    [
      'configure with a host colour of 100 characters',
      configure({ hostColor: 'x'.repeat(100) }),
      true,
    ],
    [
      'configure with a host colour of 101 characters',
      configure({ hostColor: 'x'.repeat(101) }),
      false,
    ],
    ['configure with a numeric host colour', configure({ hostColor: 0 }), false],
    ['update', { version: v, type: 'update', options: { hidePostalCode: true } }, true],
    ['update to right to left', { version: v, type: 'update', options: { dir: 'rtl' } }, true],
    ['focus', { version: v, type: 'focus' }, true],
    ['tokenize', { version: v, type: 'tokenize', id: 'r1', kind: 'card', data: {} }, true],
    [
      'tokenize of an unknown kind',
      { version: v, type: 'tokenize', id: 'r1', kind: 'charge', data: {} },
      false,
    ],
    ['tokenize without data', { version: v, type: 'tokenize', id: 'r1', kind: 'card' }, false],
    ['an unknown type', { version: v, type: 'eval', code: '1' }, false],
    ['another version', { version: v + 1, type: 'focus' }, false],
  ];
  for (const [name, data, expected] of hostMessages) {
    it(`host message guard: ${name} → ${String(expected)}`, () => {
      assert.equal(isHostMessage(data), expected);
    });
  }

  const frameMessages: [string, unknown, boolean][] = [
    ['ready', { version: v, type: 'ready' }, true],
    ['resize', { version: v, type: 'resize', height: 98 }, true],
    ...SUPPORTED_LOCALES.map((tag): [string, unknown, boolean] => [
      `locale ${tag}`,
      locale({ locale: tag }),
      true,
    ]),
    ['locale with an unsupported locale', locale({ locale: 'tlh' }), false],
    ['locale with a tag that only resolves to one', locale({ locale: 'de-AT' }), false],
    ['locale without a locale', locale({ locale: undefined }), false],
    ...HOST_STRING_KEYS.map((key): [string, unknown, boolean] => [
      `locale without ${key}`,
      locale({ strings: without(key) }),
      false,
    ]),
    ['locale with a number as a string', locale({ strings: { ...STRINGS, title: 3 } }), false],
    [
      'locale with a string of 501 characters',
      locale({ strings: { ...STRINGS, prompt: 'x'.repeat(501) } }),
      false,
    ],
    ['locale with an extra string', locale({ strings: { ...STRINGS, extra: 'x' } }), false],
    ['locale without strings', locale({ strings: undefined }), false],
    ['resize with NaN', { version: v, type: 'resize', height: Number.NaN }, false],
    ['resize with a negative height', { version: v, type: 'resize', height: -1 }, false],
    ['warning', { version: v, type: 'warning', messages: ['Tessera: dropped style x'] }, true],
    ['warning without messages', { version: v, type: 'warning' }, false],
    ['warning with a non-string', { version: v, type: 'warning', messages: ['a', 1] }, false],
    ['warning too long', { version: v, type: 'warning', messages: ['x'.repeat(501)] }, false],
    [
      'warning with too many messages',
      { version: v, type: 'warning', messages: Array<string>(51).fill('x') },
      false,
    ],
    [
      'change',
      {
        version: v,
        type: 'change',
        detail: { elementType: 'card', empty: false, complete: true, brand: 'visa' },
      },
      true,
    ],
    [
      'change without completeness',
      { version: v, type: 'change', detail: { elementType: 'card', empty: false } },
      false,
    ],
    [
      'tokenized with a token',
      { version: v, type: 'tokenized', id: 'r1', token: { id: 'tok_1' } },
      true,
    ],
    [
      'tokenized with an error',
      { version: v, type: 'tokenized', id: 'r1', error: { type: 'card_error', message: 'x' } },
      true,
    ],
    [
      'tokenized with a malformed error',
      { version: v, type: 'tokenized', id: 'r1', error: 'boom' },
      false,
    ],
    [
      'refused',
      {
        version: v,
        type: 'refused',
        error: { type: 'invalid_request_error', code: 'origin_not_allowed', message: 'x' },
      },
      true,
    ],
    ['refused without an error', { version: v, type: 'refused' }, false],
    ['refused with a bare string', { version: v, type: 'refused', error: 'no' }, false],
  ];
  for (const [name, data, expected] of frameMessages) {
    it(`frame message guard: ${name} → ${String(expected)}`, () => {
      assert.equal(isFrameMessage(data), expected);
    });
  }
});
