import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  asksForStyling,
  DEFAULT_STYLING,
  sheetText,
  type Styling,
} from '../../src/frame/appearance-sheet.js';
import { checkStyling } from '../../src/frame/styling.js';
import { THEME_VARIABLES } from '../../src/frame/other-themes.js';
import { PAGE_DANGER } from '../../src/frame/themes.js';
import type { ElementOptions, Theme } from '../../src/protocol/index.js';

/**
 * sheetText asks the browser (`CSS.supports`) whether the host's text colour parses. Node has no
 * `CSS`: this stand-in knows the few colours below and, lenient as no browser should be, takes
 * anything that starts with one, so the tests see sheetText's own filter at work.
 */
const KNOWN_COLOURS = ['red', 'rgb(48, 49, 61)', 'rgb(240, 240, 240)', 'rgba(255, 255, 255, 0.9'];
before(() => {
  Object.defineProperty(globalThis, 'CSS', {
    configurable: true,
    value: {
      supports: (property: string, value: string) =>
        property === 'color' && KNOWN_COLOURS.some((colour) => value.trim().startsWith(colour)),
    },
  });
});
after(() => {
  Reflect.deleteProperty(globalThis, 'CSS');
});

/** The custom properties a sheet sets on `:host`, by name, failing on a name set twice. */
function hostProperties(sheet: string): Map<string, string> {
  const block = /^:host \{ (.*) \}$/.exec(sheet.split('\n')[0] ?? '');
  assert.ok(block?.[1], `no :host block: ${sheet.split('\n')[0]}`);
  const properties = new Map<string, string>();
  for (const declaration of block[1].split(/;\s*/).filter(Boolean)) {
    const [, name = '', value = ''] = /^--([A-Za-z]+): (.+)$/.exec(declaration) ?? [];
    assert.ok(name, `not a custom property: ${declaration}`);
    assert.ok(!properties.has(name), `--${name} is set twice`);
    properties.set(name, value);
  }
  return properties;
}

function styling(changes: { theme?: Theme; variables?: Partial<Styling['variables']> }): Styling {
  return {
    ...DEFAULT_STYLING,
    look: { ...DEFAULT_STYLING.look, theme: changes.theme ?? 'stripe' },
    variables: { ...THEME_VARIABLES[changes.theme ?? 'stripe'], ...changes.variables },
  };
}

/** White, written out to 100 characters (`rgba(255, 255, 255, 0.9000…)`). */
const LONG_WHITE = `rgba(255, 255, 255, 0.9${'0'.repeat(76)})`;

describe('sheetText', () => {
  describe("writes the theme's variables as custom properties on :host", () => {
    for (const theme of Object.keys(THEME_VARIABLES) as Theme[]) {
      it(theme, () => {
        const properties = hostProperties(sheetText(styling({ theme }), undefined));
        for (const [name, value] of Object.entries(THEME_VARIABLES[theme])) {
          assert.equal(properties.get(name), value, name);
        }
      });
    }
  });

  it("lays the merchant's variables over the theme's", () => {
    const properties = hostProperties(
      sheetText(
        styling({ theme: 'night', variables: { colorText: '#111111', borderRadius: '0' } }),
        undefined,
      ),
    );
    assert.equal(properties.get('colorText'), '#111111');
    assert.equal(properties.get('borderRadius'), '0');
    assert.equal(properties.get('colorBackground'), THEME_VARIABLES.night.colorBackground);
  });

  describe("follows the host page's text colour for what the frame draws on that page", () => {
    const cases: readonly (readonly [
      name: string,
      hostColor: string | undefined,
      expectedHost: string,
      expectedError: string,
    ])[] = [
      ['no host colour', undefined, 'var(--colorText)', PAGE_DANGER.light],
      ['dark text', 'rgb(48, 49, 61)', 'rgb(48, 49, 61)', PAGE_DANGER.light],
      ['light text', 'rgb(240, 240, 240)', 'rgb(240, 240, 240)', PAGE_DANGER.dark],
      [
        'translucent light text',
        'rgba(255, 255, 255, 0.9)',
        'rgba(255, 255, 255, 0.9)',
        PAGE_DANGER.dark,
      ],
      ['a colour the browser does not parse', 'rgb(1, 2, 3', 'var(--colorText)', PAGE_DANGER.light],
      ['a named colour', 'red', 'red', PAGE_DANGER.light],
      [
        'a declaration smuggled in',
        'red; background: url(x)',
        'var(--colorText)',
        PAGE_DANGER.light,
      ],
      [
        'a rule smuggled in',
        'rgb(240, 240, 240) } .Input { color: red',
        'var(--colorText)',
        PAGE_DANGER.light,
      ],
      ['an escape', 'rgb(240, 240, 240)\\;', 'var(--colorText)', PAGE_DANGER.light],
      ['markup', 'rgb(240, 240, 240)</style>', 'var(--colorText)', PAGE_DANGER.light],
      ['100 characters', LONG_WHITE, LONG_WHITE, PAGE_DANGER.dark],
      ['101 characters', LONG_WHITE.replace('0.9', '0.90'), 'var(--colorText)', PAGE_DANGER.light],
    ];
    for (const [name, hostColor, expectedHost, expectedError] of cases) {
      it(name, () => {
        const sheet = sheetText(DEFAULT_STYLING, hostColor);
        const properties = hostProperties(sheet);
        assert.equal(properties.get('hostColor'), expectedHost);
        assert.equal(properties.get('errorColor'), expectedError);
        assert.equal(sheet.split('\n').length, 1, sheet);
      });
    }
  });

  it("writes errors in the merchant's colorDanger whatever the page", () => {
    for (const hostColor of [undefined, 'rgb(48, 49, 61)', 'rgb(240, 240, 240)']) {
      const properties = hostProperties(
        sheetText(
          { ...styling({ variables: { colorDanger: '#b00020' } }), danger: '#b00020' },
          hostColor,
        ),
      );
      assert.equal(properties.get('errorColor'), '#b00020', hostColor);
    }
  });

  it('writes one line per rule after :host, in order, with its declarations', () => {
    const sheet = sheetText(
      {
        ...DEFAULT_STYLING,
        rules: [
          {
            selectors: ['.Input', '.Label--floating'],
            declarations: [
              ['color', 'red'],
              ['font-size', '12px'],
            ],
          },
          { selectors: ['.Block--complete'], declarations: [['--iconColor', 'green']] },
        ],
      },
      undefined,
    );
    assert.deepEqual(sheet.split('\n').slice(1), [
      '.Input, .Label--floating { color: red; font-size: 12px; }',
      '.Block--complete { --iconColor: green; }',
    ]);
  });

  it("writes the style option's rules before the appearance's, so the appearance wins", () => {
    const options: Pick<ElementOptions, 'appearance' | 'style'> = {
      style: { base: { color: 'black', '::placeholder': { color: 'grey' } } },
      appearance: { rules: { '.Input': { color: 'navy' } } },
    };
    const sheet = sheetText(
      checkStyling(options, () => true, []),
      undefined,
    );
    // After :host and the layouts' CSS.
    assert.deepEqual(sheet.split('\n').slice(-3), [
      '.Input::placeholder { color: grey; }',
      '.Input { color: black; }',
      '.Input { color: navy; }',
    ]);
  });
});

describe('asksForStyling', () => {
  const cases: readonly (readonly [name: string, options: unknown, asks: boolean])[] = [
    ['no options', {}, false],
    ['empty objects', { appearance: {}, style: {} }, false],
    ['empty variables and rules', { appearance: { variables: {}, rules: {} } }, false],
    ['an empty state', { style: { base: {} } }, false],
    ['an empty rule', { appearance: { rules: { '.Input': {} } } }, false],
    ['a theme', { appearance: { theme: 'night' } }, true],
    ['a variable', { appearance: { variables: { colorPrimary: '#0570de' } } }, true],
    ['a rule', { appearance: { rules: { '.Input': { color: 'red' } } } }, true],
    ['disableAnimations false', { appearance: { disableAnimations: false } }, true],
    ['a base colour', { style: { base: { color: 'red' } } }, true],
    ['a pseudo-class', { style: { base: { ':hover': { color: 'red' } } } }, true],
    // Something to warn about is something asked for: the frame names what it drops.
    ['a style that is a string', { style: 'color: red' }, true],
    ['a null variable', { appearance: { variables: { colorText: null } } }, true],
  ];
  for (const [name, options, asks] of cases) {
    it(`${name}: ${String(asks)}`, () => {
      assert.equal(asksForStyling(options as Pick<ElementOptions, 'appearance' | 'style'>), asks);
    });
  }
});
