import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refuseHost, type FrameGrant } from '../../src/frame/host-check.js';

const KEY = 'pk_test_abc';
const grant = (allowedOrigins: string, publishableKey: string | null = KEY): FrameGrant => ({
  publishableKey,
  allowedOrigins,
});

describe("the frame's check of the host page", () => {
  it('serves a page on an allowed origin, or any page for a key that allows every origin', () => {
    const both = grant('https://shop.example https://checkout.example:8443');
    assert.equal(refuseHost(both, 'https://shop.example', KEY), null);
    assert.equal(refuseHost(both, 'https://checkout.example:8443', KEY), null);
    assert.equal(refuseHost(grant('*'), 'http://localhost:3000', KEY), null);
  });

  it('compares origins exactly: no prefix, suffix, port or scheme leeway', () => {
    const shop = grant('https://shop.example');
    for (const origin of [
      'https://shop.example.evil.example',
      'https://evil-shop.example',
      'http://shop.example',
      'https://shop.example:444',
      'https://sub.shop.example',
      'null',
      '',
    ]) {
      const refusal = refuseHost(shop, origin, KEY);
      assert.equal(refusal?.code, 'origin_not_allowed', origin);
      assert.equal(refusal.type, 'invalid_request_error');
      assert.ok(refusal.message.includes(`--add-origin ${origin}`), refusal.message);
    }
  });

  it('refuses every page for an unknown key, and a key other than the one it was served for', () => {
    assert.equal(
      refuseHost(grant(''), 'https://shop.example', KEY)?.code,
      'publishable_key_unknown',
    );
    const mismatch = refuseHost(grant('*'), 'https://shop.example', 'pk_test_other');
    assert.equal(mismatch?.code, 'publishable_key_mismatch');
    assert.equal(
      refuseHost(grant('*', null), 'https://shop.example', KEY)?.code,
      'publishable_key_mismatch',
    );
  });
});
