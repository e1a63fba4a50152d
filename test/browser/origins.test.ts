import { assert, fixture, html } from '@open-wc/testing';
import '../../src/host/index.js';
import { IntegrationError, Tessera } from '../../src/host/index.js';
import { createKeys, visibleCardFields } from './commands.js';
import { fillCard, nextEvent, vaultOrigin } from './fixtures.js';

/** A card element for `key` on this page, and its first loaderror or ready. */
async function cardFor(key: string, origin = vaultOrigin, loadTimeout = 3000) {
  const el = document.createElement('tessera-card');
  el.setAttribute('publishable-key', key);
  el.setAttribute('vault-origin', origin);
  el.setAttribute('load-timeout', String(loadTimeout));
  const loadError = nextEvent(el, 'tessera-loaderror');
  const settled = el.ready.then(
    () => 'ready' as const,
    () => 'failed' as const,
  );
  await fixture(html`<div>${el}</div>`);
  return { el, loadError, settled };
}

describe('origins bound to keys', () => {
  it("shows the fields and makes tokens for a key bound to this page's origin", async () => {
    const keys = await createKeys([location.origin]);
    const { el, settled } = await cardFor(keys.publishable_key);
    assert.equal(await settled, 'ready');
    await fillCard(el);
    const { token, error } = await Tessera(keys.publishable_key, {
      origin: vaultOrigin,
    }).createToken(el);
    assert.equal(error, undefined, error?.message);
    assert.match(token?.id ?? '', /^tok_/);
  });

  it('never displays the fields on a page of an origin the key does not list', async () => {
    const keys = await createKeys(['https://shop.example']);
    const { el, loadError, settled } = await cardFor(keys.publishable_key, vaultOrigin, 1500);
    // The browser refuses to display the frame (frame-ancestors): it never answers.
    const event = await loadError;
    assert.equal(await settled, 'failed');
    assert.equal(event.detail.error.code, 'frame_load_timeout');
    assert.exists(el.frame, 'the element did mount its iframe');
    assert.equal(await visibleCardFields(), 0, 'a card field is visible');
  });

  it('says at once, with no field, when the vault does not know the key', async () => {
    const started = performance.now();
    const { loadError, settled } = await cardFor('pk_test_0000000000000000unknown', vaultOrigin);
    const event = await loadError;
    assert.equal(await settled, 'failed');
    assert.equal(event.detail.error.type, 'invalid_request_error');
    assert.equal(event.detail.error.code, 'publishable_key_unknown');
    assert.include(event.detail.error.message, 'pk_test_0000000000000000unknown');
    assert.isBelow(performance.now() - started, 2500, 'it waited for the load timeout');
    assert.equal(await visibleCardFields(), 0, 'a card field is visible');
  });

  it('refuses an http: vault, but for a test key on this machine, and secret or restricted keys', async () => {
    const refused: [string, string][] = [
      ['pk_live_abc123', 'http://127.0.0.1:4242'],
      ['pk_live_abc123', 'http://localhost:4242'],
      ['pk_test_abc123', 'http://vault.example'],
      ['pk_test_abc123', 'ftp://vault.example'],
      ['sk_test_abc123', 'https://vault.example'],
      ['rk_test_abc123', 'https://vault.example'],
      ['rk_live_abc123', 'https://vault.example'],
    ];
    for (const [key, origin] of refused) {
      assert.throws(
        () => Tessera(key, { origin }),
        IntegrationError,
        undefined,
        `${key} ${origin}`,
      );
    }
    for (const origin of ['http://localhost:4242', 'http://127.0.0.1:4242', 'http://[::1]:4242']) {
      assert.equal(Tessera('pk_test_abc123', { origin }).origin, origin);
    }
    assert.equal(
      Tessera('pk_live_abc123', { origin: 'https://vault.example' }).origin,
      'https://vault.example',
    );

    // An element set up by attributes says why, and loads nothing.
    const insecure = await cardFor('pk_test_abc123', 'http://vault.example');
    const event = await insecure.loadError;
    assert.equal(event.detail.error.code, 'vault_origin_insecure');
    assert.notExists(insecure.el.frame, 'a frame was mounted for an http: vault');
    const restricted = await cardFor('rk_test_abc123');
    assert.equal((await restricted.loadError).detail.error.code, 'publishable_key_invalid');
    assert.notExists(restricted.el.frame, 'a frame was mounted for a restricted key');
  });
});
