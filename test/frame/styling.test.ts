import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_STYLING } from '../../src/frame/appearance-sheet.js';
import { LAYOUT_CSS } from '../../src/frame/layout-styles.js';
import { THEME_VARIABLES } from '../../src/frame/other-themes.js';
import { checkStyling } from '../../src/frame/styling.js';
import type { ElementOptions, ValueCheck } from '../../src/protocol/index.js';

/** A browser that parses everything but the word `nonsense`. */
const supports: ValueCheck = (_property, value) => value !== 'nonsense';

/** What the host may send is anything at all; the frame must cope. */
function fromHost(options: unknown): Pick<ElementOptions, 'appearance' | 'style'> {
  return options as Pick<ElementOptions, 'appearance' | 'style'>;
}

describe('checkStyling', () => {
  it("gives the default styling, with the layouts' CSS, when nothing is asked for", () => {
    const dropped: string[] = [];
    const withLayouts = { ...DEFAULT_STYLING, css: LAYOUT_CSS };
    assert.deepEqual(checkStyling({}, supports, dropped), withLayouts);
    assert.deepEqual(checkStyling({ appearance: {}, style: {} }, supports, dropped), withLayouts);
    assert.deepEqual(dropped, []);
  });

  it("lays the merchant's variables over the theme's, and keeps colorDanger for the page", () => {
    const styling = checkStyling(
      { appearance: { theme: 'flat', variables: { colorDanger: '#aa0000' } } },
      supports,
      [],
    );
    assert.deepEqual(styling.variables, { ...THEME_VARIABLES.flat, colorDanger: '#aa0000' });
    assert.equal(styling.danger, '#aa0000');
    assert.equal(checkStyling({ appearance: { theme: 'night' } }, supports, []).danger, undefined);
  });

  it("carries the appearance's layout", () => {
    const { look } = checkStyling(
      {
        appearance: {
          theme: 'night',
          labels: 'auto',
          inputs: 'condensed',
          disableAnimations: true,
        },
      },
      supports,
      [],
    );
    assert.deepEqual(look, {
      theme: 'night',
      labels: 'floating',
      inputs: 'condensed',
      disableAnimations: true,
    });
  });

  it("puts style's rules before appearance's, so appearance wins", () => {
    const { rules } = checkStyling(
      {
        appearance: { rules: { '.Input': { color: 'navy' } } },
        style: { base: { color: 'black' }, invalid: { color: 'red' } },
      },
      supports,
      [],
    );
    assert.deepEqual(rules, [
      { selectors: ['.Input'], declarations: [['color', 'black']] },
      { selectors: ['.Input.Input--invalid'], declarations: [['color', 'red']] },
      { selectors: ['.Input'], declarations: [['color', 'navy']] },
    ]);
  });

  it("lets appearance's variables win over style's icon colours", () => {
    const { variables } = checkStyling(
      {
        appearance: { variables: { iconColor: '#000000', colorText: '#111111' } },
        style: { base: { iconColor: '#666666' }, invalid: { iconColor: '#ff0000' } },
      },
      supports,
      [],
    );
    assert.deepEqual(variables, {
      ...THEME_VARIABLES.stripe,
      iconColor: '#000000',
      iconCardErrorColor: '#ff0000',
      colorText: '#111111',
    });
  });

  it('names what either option dropped, and checks both with the browser', () => {
    const dropped: string[] = [];
    const styling = checkStyling(
      fromHost({
        appearance: { variables: { colorLink: 'red', colorText: 'nonsense' } },
        style: { base: { width: '1px', fontSize: 'nonsense' } },
      }),
      supports,
      dropped,
    );
    assert.deepEqual(styling.variables, THEME_VARIABLES.stripe);
    assert.deepEqual(styling.rules, []);
    assert.deepEqual(dropped, [
      'variables.colorLink (unknown variable)',
      'variables.colorText (value not allowed)',
      'style.base.width (not an allowed property or pseudo-class)',
      'style.base.fontSize (value not allowed)',
    ]);
  });
});
