import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STATE_CLASSES, styleSheetText, type StyleSelectors } from '../../src/frame/style-sheet.js';
import { STYLE_PSEUDOS, type ElementStyle } from '../../src/protocol/index.js';

const SELECTORS: StyleSelectors = { root: '.field', input: 'input' };

/** What the host may send is anything at all; the frame must cope. */
function fromHost(style: unknown): ElementStyle {
  return style as ElementStyle;
}

/** Every selector the output may contain for {@link SELECTORS}. */
const ALLOWED_SELECTORS = new Set(
  ['.field', ...Object.values(STATE_CLASSES).map((name) => `.field.${name}`)].flatMap((root) => [
    root,
    `${root} input`,
    ...STYLE_PSEUDOS.map((pseudo) => `${root} input${pseudo}`),
  ]),
);

const ALLOWED_PROPERTIES = new Set([
  'color',
  'background-color',
  '--tessera-icon-color',
  'font-family',
  'font-size',
  '-webkit-font-smoothing',
  'font-style',
  'font-variant',
  'font-weight',
  'letter-spacing',
  'line-height',
  'padding',
  'text-align',
  'text-decoration',
  'text-shadow',
  'text-transform',
]);

const RULE = /^(?<selector>[^{}]+) \{ (?<body>[^{}]*) \}$/;
const DECLARATION = /^(?<property>[a-z-]+): (?<value>[^;]+)$/;

/** Fails unless every line is one rule with an allowed selector and allowed properties. */
function assertOnlyAllowedRules(css: string): void {
  if (css === '') return;
  for (const line of css.split('\n')) {
    const rule = RULE.exec(line);
    assert.ok(rule?.groups, `not a single rule: ${line}`);
    const { selector = '', body = '' } = rule.groups;
    assert.ok(ALLOWED_SELECTORS.has(selector), `selector ${selector}`);
    for (const declaration of body.split(';').slice(0, -1)) {
      const match = DECLARATION.exec(declaration.trim());
      assert.ok(match?.groups, `declaration ${declaration}`);
      assert.ok(ALLOWED_PROPERTIES.has(match.groups.property ?? ''), declaration);
    }
    assert.ok(body.endsWith(';'), `unterminated body: ${body}`);
  }
}

describe('styleSheetText', () => {
  describe('writes fixed selectors for each state and pseudo-class', () => {
    const cases: readonly (readonly [name: string, style: ElementStyle, expected: string])[] = [
      ['no style', {}, ''],
      ['an empty base', { base: {} }, ''],
      ['base', { base: { color: '#32325d' } }, '.field input { color: #32325d; }'],
      [
        'declarations in a fixed order',
        { base: { fontSize: '16px', color: '#32325d', fontFamily: '"Helvetica Neue", Arial' } },
        '.field input { color: #32325d; font-family: "Helvetica Neue", Arial; font-size: 16px; }',
      ],
      [
        'every state, base first and invalid last',
        {
          invalid: { color: '#fa755a' },
          complete: { color: 'green' },
          empty: { color: 'gray' },
          base: { color: 'black' },
        },
        [
          '.field input { color: black; }',
          '.field.is-empty input { color: gray; }',
          '.field.is-complete input { color: green; }',
          '.field.is-invalid input { color: #fa755a; }',
        ].join('\n'),
      ],
      [
        'pseudo-classes on the input',
        {
          base: {
            '::placeholder': { color: '#aab7c4' },
            ':focus': { color: 'blue' },
            ':hover': { backgroundColor: '#f6f9fc' },
          },
          invalid: { ':focus': { color: 'red' } },
        },
        [
          '.field input:hover { background-color: #f6f9fc; }',
          '.field input:focus { color: blue; }',
          '.field input::placeholder { color: #aab7c4; }',
          '.field.is-invalid input:focus { color: red; }',
        ].join('\n'),
      ],
      [
        'every pseudo-class',
        {
          base: {
            ':disabled': { color: 'gray' },
            ':-webkit-autofill': { color: 'black' },
            '::selection': { backgroundColor: 'yellow' },
          },
        },
        [
          '.field input::selection { background-color: yellow; }',
          '.field input:-webkit-autofill { color: black; }',
          '.field input:disabled { color: gray; }',
        ].join('\n'),
      ],
      [
        'iconColor as a custom property on the root',
        { base: { color: 'black', iconColor: '#666' }, invalid: { iconColor: 'red' } },
        [
          '.field input { color: black; }',
          '.field { --tessera-icon-color: #666; }',
          '.field.is-invalid { --tessera-icon-color: red; }',
        ].join('\n'),
      ],
      [
        'iconColor inside a pseudo-class is ignored',
        { base: { ':hover': { iconColor: 'red' } } },
        '',
      ],
      [
        'the camelCase properties as CSS',
        {
          base: {
            fontSmoothing: 'antialiased',
            letterSpacing: '0.025em',
            lineHeight: '24px',
            padding: '4px 8px',
            textAlign: 'right',
            textDecoration: 'underline dotted',
            textShadow: '1px 1px 2px black',
            textTransform: 'uppercase',
            fontStyle: 'italic',
            fontVariant: 'small-caps',
            fontWeight: '600',
          },
        },
        '.field input { -webkit-font-smoothing: antialiased; font-style: italic; ' +
          'font-variant: small-caps; font-weight: 600; letter-spacing: 0.025em; ' +
          'line-height: 24px; padding: 4px 8px; text-align: right; ' +
          'text-decoration: underline dotted; text-shadow: 1px 1px 2px black; ' +
          'text-transform: uppercase; }',
      ],
    ];
    for (const [name, style, expected] of cases) {
      it(name, () => {
        const css = styleSheetText(style, SELECTORS);
        assert.equal(css, expected);
        assertOnlyAllowedRules(css);
      });
    }
  });

  it('uses the selectors it is given', () => {
    assert.equal(
      styleSheetText(
        { base: { color: 'red' }, complete: { iconColor: 'green' } },
        { root: 'div.tessera-field', input: '.tessera-input' },
      ),
      [
        'div.tessera-field .tessera-input { color: red; }',
        'div.tessera-field.is-complete { --tessera-icon-color: green; }',
      ].join('\n'),
    );
  });

  describe('lets nothing unsafe from the host through', () => {
    const cases: readonly (readonly [name: string, style: unknown, expected: string])[] = [
      ['url() in a colour', { base: { color: 'url(https://evil.example/a)' } }, ''],
      ['url() in a font family', { base: { fontFamily: 'url(x)' } }, ''],
      ['url() with spaces', { base: { backgroundColor: 'red url (x)' } }, ''],
      ['@import', { base: { fontFamily: '@import "https://evil.example/x.css"' } }, ''],
      ['expression()', { base: { color: 'expression(alert(1))' } }, ''],
      ['javascript:', { base: { fontFamily: 'javascript:alert(1)' } }, ''],
      ['a semicolon adding a declaration', { base: { color: 'red; background: url(x)' } }, ''],
      [
        'a closing brace adding a rule',
        { base: { color: 'red} input[value$="a"] {color: red' } },
        '',
      ],
      ['an opening brace', { base: { fontFamily: 'a{' } }, ''],
      ['a backslash escape', { base: { fontFamily: 'u\\72l(x)' } }, ''],
      ['markup', { base: { fontFamily: '</style><script>' } }, ''],
      ['a comment', { base: { color: 'red/**/' } }, ''],
      ['a newline', { base: { fontFamily: 'Arial\n}' } }, ''],
      ['an unknown property', { base: { backgroundImage: 'none' } }, ''],
      ['a kebab-case property', { base: { 'background-image': 'none', 'font-size': '12px' } }, ''],
      ['width and height', { base: { width: '1px', height: '1px' } }, ''],
      ['an attribute selector as a variant', { 'input[value$="4"]': { color: 'red' } }, ''],
      ['a selector as a pseudo key', { base: { ' input[value^="4"]': { color: 'red' } } }, ''],
      ['an unknown pseudo-element', { base: { '::after': { color: 'red' } } }, ''],
      ['a nested pseudo-class', { base: { ':hover': { ':focus': { color: 'red' } } } }, ''],
      ['an at-rule as a variant', { '@media print': { color: 'red' } }, ''],
      ['a non-string value', { base: { color: 123, fontSize: ['16px'] } }, ''],
      [
        'an unbalanced quote',
        { base: { fontFamily: "'Arial", fontSize: '16px' } },
        '.field input { font-size: 16px; }',
      ],
      ['mixed quotes', { base: { fontFamily: `"Arial', x` } }, ''],
      [
        'the safe part of a mixed style',
        {
          base: {
            color: 'red',
            backgroundImage: 'url(x)',
            fontFamily: '@import x',
            ':hover': { color: 'blue', background: 'url(x)' },
            'input[value$="a"]': { color: 'red' },
          },
          'input[value]': { color: 'red' },
        },
        '.field input { color: red; }\n.field input:hover { color: blue; }',
      ],
      ['not an object', 'body { background: url(x) }', ''],
      ['null', null, ''],
      ['an array', [{ color: 'red' }], ''],
      ['a prototype key', JSON.parse('{"__proto__": {"color": "red"}}'), ''],
    ];
    for (const [name, style, expected] of cases) {
      it(name, () => {
        const css = styleSheetText(fromHost(style), SELECTORS);
        assert.equal(css, expected);
        assertOnlyAllowedRules(css);
        for (const forbidden of ['url(', '@import', 'expression(', 'javascript:', '[', '\\', '<']) {
          assert.ok(!css.includes(forbidden), forbidden);
        }
      });
    }
  });

  describe('refuses selectors that are not plain compounds', () => {
    const cases: readonly (readonly [name: string, selectors: StyleSelectors])[] = [
      ['an empty root', { root: '', input: 'input' }],
      ['an empty input', { root: '.field', input: '' }],
      ['a list', { root: '.a, .b', input: 'input' }],
      ['a combinator', { root: '.field > div', input: 'input' }],
      ['an attribute selector', { root: '.field', input: 'input[value$="4"]' }],
      ['a pseudo-class', { root: ':host', input: 'input' }],
      ['a brace', { root: '.field{', input: 'input' }],
    ];
    for (const [name, selectors] of cases) {
      it(name, () => {
        assert.throws(() => styleSheetText({ base: { color: 'red' } }, selectors), TypeError);
      });
    }
  });
});
