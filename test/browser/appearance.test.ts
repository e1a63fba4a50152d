/**
 * Stripe's Appearance API on every element, in real frames: themes, variables (with the colour
 * forms Stripe refuses), rules with their states and pseudo-classes, labels and inputs layouts,
 * run-time changes through the element and the instance, one console warning naming what was
 * dropped, and brand marks drawn in the frame.
 */
import { assert, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/host/index.js';
import {
  Tessera,
  type Appearance,
  type TesseraCardElement,
  type TesseraFieldElement,
} from '../../src/host/index.js';
import { BRAND_MARKS } from '../../src/frame/brand-marks.js';
import { GENERIC_CARD } from '../../src/frame/card-glyphs.js';
import {
  frameStyle,
  frameWords,
  pressInFrame,
  readField,
  typeInFrame,
  type FrameRef,
} from './commands.js';
import { CARD_FRAME as card, publishableKey, roundTrip, vaultOrigin } from './fixtures.js';

/** A card element with `appearance`, once ready. */
async function mountWith(appearance: Appearance): Promise<TesseraCardElement> {
  const el = await fixture<TesseraCardElement>(
    html`<tessera-card
      publishable-key=${publishableKey}
      vault-origin=${vaultOrigin}
      .appearance=${appearance}
    ></tessera-card>`,
  );
  await el.ready;
  return el;
}

/** console.warn calls made while `run` runs and the element's frame answers after it. */
async function warningsDuring(el: TesseraFieldElement, run: () => unknown): Promise<string[]> {
  const original = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    await run();
    await roundTrip(el);
  } finally {
    console.warn = original;
  }
  return warnings;
}

/** Waits until a computed property of an element in the frame has the value. */
async function styled(frame: FrameRef, selector: string, property: string, value: string) {
  let last = '';
  await waitUntil(
    async () => (last = await frameStyle(frame, selector, property)) === value,
    `${selector} ${property} is ${last}, not ${value}`,
    { timeout: 5000 },
  );
}

describe('appearance', () => {
  it('starts from the stripe theme, and the theme attribute picks another', async () => {
    await mountWith({});
    assert.equal(await frameStyle(card, '#number', 'background-color'), 'rgb(255, 255, 255)');
    const night = await fixture<TesseraCardElement>(
      html`<tessera-card
        theme="night"
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
      ></tessera-card>`,
    );
    await night.ready;
    assert.equal(
      await frameStyle({ type: 'card', index: 1 }, '#number', 'background-color'),
      'rgb(48, 49, 61)',
    );
    assert.equal(
      await frameStyle({ type: 'card', index: 1 }, '#number', 'color'),
      'rgb(255, 255, 255)',
    );
  });

  it('takes variables, with the colour forms Stripe refuses', async () => {
    await mountWith({
      theme: 'flat',
      variables: {
        colorBackground: 'rgba(10, 20, 30, 0.5)',
        colorText: 'hsl(120, 100%, 25%)',
        colorPrimary: 'oklch(0.5 0.2 240)',
        inputColorBorder: 'color-mix(in srgb, red 50%, blue)',
        fontSizeBase: '18px',
        borderRadius: '12px',
        labelColorText: '#123456',
      },
    });
    assert.equal(await frameStyle(card, '#number', 'background-color'), 'rgba(10, 20, 30, 0.5)');
    assert.equal(await frameStyle(card, '#number', 'color'), 'rgb(0, 128, 0)');
    assert.equal(await frameStyle(card, '#number', 'font-size'), '18px');
    assert.equal(await frameStyle(card, '#number', 'border-top-left-radius'), '12px');
    assert.equal(await frameStyle(card, 'label[for="number"]', 'color'), 'rgb(18, 52, 86)');
    // color-mix(in srgb, red 50%, blue), as Chromium writes it once any transition is over.
    await waitUntil(
      async () =>
        /^(color\(srgb 0\.5 0 0\.5\)|rgb\(128, 0, 128\))$/.test(
          await frameStyle(card, '#expiry', 'border-bottom-color'),
        ),
      "the expiry's border never took the color-mix() colour",
    );
    // The primary colour draws the focus border (once its transition is over).
    await typeInFrame(card, '#number', '4');
    await styled(card, '#number', 'border-top-color', 'oklch(0.5 0.2 240)');
  });

  it('applies rules to their classes, states and pseudo-classes, and warns once about the rest', async () => {
    const el = await mountWith({});
    const warnings = await warningsDuring(el, () => {
      el.appearance = {
        rules: {
          '.Input, .Label': { letterSpacing: '1px' },
          '.Input--invalid': { color: 'rgb(200, 0, 0)', 'font-weight': '700' },
          '.Label': { color: 'rgb(1, 2, 3)', backgroundColor: 'red' },
          '.Input:focus': { boxShadow: 'none', borderColor: 'rgb(0, 0, 255)' },
          '.Error': { fontStyle: 'italic' },
          '.Input .Label': { color: 'red' },
          '.Secret': { color: 'red' },
          '.Input': {
            display: 'none',
            backgroundImage: 'url(https://evil.example/leak)',
            color: 'red; background: url(https://evil.example/)',
            padding: '11px',
          },
        },
      };
    });
    assert.equal(warnings.length, 1, warnings.join(' | '));
    for (const named of [
      ".Label'].backgroundColor",
      '.Input .Label (descendant',
      '.Secret (unknown class',
      ".Input'].display",
      ".Input'].backgroundImage",
      ".Input'].color (value not allowed)",
    ]) {
      assert.include(warnings[0], named);
    }
    await styled(card, '#number', 'padding-top', '11px');
    assert.equal(await frameStyle(card, '#number', 'letter-spacing'), '1px');
    assert.equal(await frameStyle(card, 'label[for="number"]', 'letter-spacing'), '1px');
    assert.equal(await frameStyle(card, 'label[for="number"]', 'color'), 'rgb(1, 2, 3)');
    assert.equal(await frameStyle(card, '#number', 'display'), 'inline-block');
    assert.equal(await frameStyle(card, '#number', 'background-image'), 'none');
    assert.equal(await frameStyle(card, '#error', 'font-style'), 'italic');
    // The invalid state: the number alone, once it cannot become valid.
    await typeInFrame(card, '#number', '4242424242424241');
    await pressInFrame(card, '#number', 'Tab');
    await styled(card, '#number', 'color', 'rgb(200, 0, 0)');
    assert.equal(await frameStyle(card, '#number', 'font-weight'), '700');
    assert.notEqual(await frameStyle(card, '#expiry', 'color'), 'rgb(200, 0, 0)');
    // :focus, on the field that has it.
    await styled(card, '#expiry', 'border-top-color', 'rgb(0, 0, 255)');
    assert.equal(await frameStyle(card, '#expiry', 'box-shadow'), 'none');
  });

  it('changes at run time through the element and through the instance', async () => {
    const tessera = Tessera(publishableKey, {
      origin: vaultOrigin,
      appearance: { variables: { colorText: 'rgb(1, 1, 1)' } },
    });
    const el = await fixture<TesseraCardElement>(
      html`<tessera-card .tessera=${tessera}></tessera-card>`,
    );
    await el.ready;
    assert.equal(await frameStyle(card, '#number', 'color'), 'rgb(1, 1, 1)');
    tessera.update({ appearance: { theme: 'night', variables: { colorText: 'rgb(2, 2, 2)' } } });
    await styled(card, '#number', 'color', 'rgb(2, 2, 2)');
    assert.equal(await frameStyle(card, '#number', 'background-color'), 'rgb(48, 49, 61)');
    // The element's own appearance wins over the instance's, variable by variable.
    el.updateOptions({ appearance: { variables: { colorBackground: 'rgb(3, 3, 3)' } } });
    await styled(card, '#number', 'background-color', 'rgb(3, 3, 3)');
    assert.equal(await frameStyle(card, '#number', 'color'), 'rgb(2, 2, 2)');
  });

  it('floats labels inside the inputs, and rests them while empty', async () => {
    await mountWith({ labels: 'floating' });
    const words = await frameWords(card);
    assert.deepEqual(words.labels.slice(0, 2), ['Card number', 'Expiration date']);
    assert.equal(await frameStyle(card, 'label[for="number"]', 'position'), 'absolute');
    const resting = await frameStyle(card, 'label[for="number"]', 'font-size');
    await typeInFrame(card, '#number', '42');
    let floating = resting;
    await waitUntil(
      async () =>
        (floating = await frameStyle(card, 'label[for="number"]', 'font-size')) !== resting,
      'the label never floated',
    );
    assert.isBelow(parseFloat(floating), parseFloat(resting));
    // The placeholder hides while the label rests over it, and shows once it floats.
    assert.equal((await readField(card, '#number')).placeholder, '1234 1234 1234 1234');
  });

  it('condenses the inputs into one block', async () => {
    await mountWith({ inputs: 'condensed' });
    const words = await frameWords(card);
    const box = (id: string) => words.inputs.find((input) => input.id === id)!;
    assert.equal(box('cvc').left, box('expiry').right - 1, 'neighbours share their border');
    // Condensed inputs float their labels (labels: auto).
    assert.equal(await frameStyle(card, 'label[for="expiry"]', 'position'), 'absolute');
  });

  it('turns transitions off with disableAnimations', async () => {
    await mountWith({ disableAnimations: true });
    assert.equal(await frameStyle(card, '#number', 'transition-duration'), '0s');
  });

  it('keeps the style option and custom properties working on the same machinery', async () => {
    const el = await fixture<TesseraCardElement>(
      html`<tessera-card
        style="--tessera-placeholder-color: rgb(9, 9, 9)"
        publishable-key=${publishableKey}
        vault-origin=${vaultOrigin}
        .fieldStyle=${{ base: { color: 'rgb(7, 8, 9)', iconColor: 'rgb(4, 5, 6)' } }}
        .appearance=${{ rules: { '.Input': { color: 'rgb(1, 1, 1)' } } }}
      ></tessera-card>`,
    );
    await el.ready;
    // Appearance rules come after the style's: they win.
    assert.equal(await frameStyle(card, '#number', 'color'), 'rgb(1, 1, 1)');
    assert.equal(await frameStyle(card, '.Icon--brand', 'color'), 'rgb(4, 5, 6)');
  });
});

describe('brand marks', () => {
  it('draws the generic card, then the brand, hidden from assistive technology', async () => {
    await mountWith({});
    const before = await frameWords(card);
    const brandIcon = (words: typeof before) =>
      words.icons.find((icon) => icon.className?.includes('Icon--brand'))!;
    assert.equal(brandIcon(before).d, GENERIC_CARD.paths[0]);
    await typeInFrame(card, '#number', '4242');
    await waitUntil(
      async () => brandIcon(await frameWords(card)).d === BRAND_MARKS.visa.paths[0],
      'the Visa mark never showed',
    );
    await typeInFrame(card, '#number', '', true);
    await typeInFrame(card, '#number', '3782');
    await waitUntil(
      async () => brandIcon(await frameWords(card)).d === BRAND_MARKS.amex.paths[0],
      'the American Express mark never showed',
    );
    const after = await frameWords(card);
    for (const icon of after.icons) assert.equal(icon.ariaHidden, 'true', icon.className ?? '');
    // Amex prints its 4-digit code on the front: the CVC hint says so.
    assert.include(after.descriptions[2], '4');
  });
});
