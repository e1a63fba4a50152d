import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOAD_FAILURE_MESSAGES } from '../../src/host/load-failure.js';
import { SUPPORTED_LOCALES, type Locale } from '../../src/protocol/index.js';

/** What a locale ends a sentence with. */
function fullStop(locale: Locale): string {
  return locale === 'ja' || locale === 'zh-Hans' || locale === 'zh-Hant' ? '。' : '.';
}

describe('LOAD_FAILURE_MESSAGES', () => {
  it('has a message for every supported locale, and no other', () => {
    assert.deepEqual(Object.keys(LOAD_FAILURE_MESSAGES).sort(), [...SUPPORTED_LOCALES].sort());
  });

  describe('says it in the language itself', () => {
    for (const locale of SUPPORTED_LOCALES) {
      it(locale, () => {
        const message = LOAD_FAILURE_MESSAGES[locale];
        assert.ok(message.endsWith(fullStop(locale)), message);
        if (locale !== 'en' && locale !== 'en-GB') {
          assert.notEqual(message, LOAD_FAILURE_MESSAGES.en);
        }
      });
    }
  });
});
