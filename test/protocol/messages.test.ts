import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PROTOCOL_VERSION,
  isFrameMessage,
  isHelloMessage,
  isHostMessage,
} from '../../src/protocol/index.js';

const v = PROTOCOL_VERSION;

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
    ['update', { version: v, type: 'update', options: { hidePostalCode: true } }, true],
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
