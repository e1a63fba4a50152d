import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CUSTOM_PROPERTIES,
  legacyStyleRules,
  type LegacyStyle,
  type ValueCheck,
} from '../../src/protocol/index.js';

/** Maps `style` with a browser that parses everything, and what it dropped. */
function mapStyle(
  style: unknown,
  supports: ValueCheck = () => true,
): LegacyStyle & { dropped: string[] } {
  const dropped: string[] = [];
  return { ...legacyStyleRules(style, supports, dropped), dropped };
}

describe('legacyStyleRules', () => {
  describe('maps each state onto its input class', () => {
    const cases: readonly (readonly [variant: string, selector: string])[] = [
      ['base', '.Input'],
      ['empty', '.Input.Input--empty'],
      ['complete', '.Input.Input--complete'],
      ['invalid', '.Input.Input--invalid'],
    ];
    for (const [variant, selector] of cases) {
      it(`${variant} → ${selector}`, () => {
        assert.deepEqual(mapStyle({ [variant]: { color: '#32325d' } }), {
          rules: [{ selectors: [selector], declarations: [['color', '#32325d']] }],
          variables: {},
          dropped: [],
        });
      });
    }
  });

  describe('appends the pseudo-classes to the state', () => {
    const cases: readonly (readonly [variant: string, pseudo: string, selector: string])[] = [
      ['base', ':hover', '.Input:hover'],
      ['base', ':focus', '.Input:focus'],
      ['base', '::placeholder', '.Input::placeholder'],
      ['base', '::selection', '.Input::selection'],
      ['base', ':disabled', '.Input:disabled'],
      ['base', ':-webkit-autofill', '.Input:autofill'],
      ['invalid', ':focus', '.Input.Input--invalid:focus'],
      ['complete', '::placeholder', '.Input.Input--complete::placeholder'],
    ];
    for (const [variant, pseudo, selector] of cases) {
      it(`${variant}${pseudo} → ${selector}`, () => {
        assert.deepEqual(mapStyle({ [variant]: { [pseudo]: { color: 'blue' } } }), {
          rules: [{ selectors: [selector], declarations: [['color', 'blue']] }],
          variables: {},
          dropped: [],
        });
      });
    }
  });

  describe("sends each state's iconColor where that state's icon reads it", () => {
    const cases: readonly (readonly [variant: string, expected: LegacyStyle])[] = [
      ['base', { rules: [], variables: { iconColor: '#666' } }],
      ['invalid', { rules: [], variables: { iconCardErrorColor: '#666' } }],
      [
        'empty',
        {
          rules: [{ selectors: ['.Block.Block--empty'], declarations: [['--iconColor', '#666']] }],
          variables: {},
        },
      ],
      [
        'complete',
        {
          rules: [
            { selectors: ['.Block.Block--complete'], declarations: [['--iconColor', '#666']] },
          ],
          variables: {},
        },
      ],
    ];
    for (const [variant, expected] of cases) {
      it(variant, () => {
        assert.deepEqual(mapStyle({ [variant]: { iconColor: '#666' } }), {
          ...expected,
          dropped: [],
        });
      });
    }

    it('but not inside a pseudo-class', () => {
      assert.deepEqual(mapStyle({ base: { ':hover': { iconColor: 'red' } } }), {
        rules: [],
        variables: {},
        dropped: ['style.base:hover.iconColor (not an allowed property or pseudo-class)'],
      });
    });
  });

  it('writes the camelCase properties as CSS, fontSmoothing as WebKit’s', () => {
    const { rules, dropped } = mapStyle({
      base: {
        fontSmoothing: 'antialiased',
        fontStyle: 'italic',
        fontVariant: 'small-caps',
        fontWeight: '600',
        letterSpacing: '0.025em',
        lineHeight: '24px',
        padding: '4px 8px',
        textAlign: 'right',
        textDecoration: 'underline dotted',
        textShadow: '1px 1px 2px black',
        textTransform: 'uppercase',
        backgroundColor: 'hsla(0, 0%, 100%, 0.5)',
        fontFamily: 'Inter, "Helvetica Neue", sans-serif',
        fontSize: '1.2em',
      },
    });
    assert.deepEqual(dropped, []);
    assert.deepEqual(rules, [
      {
        selectors: ['.Input'],
        declarations: [
          ['-webkit-font-smoothing', 'antialiased'],
          ['font-style', 'italic'],
          ['font-variant', 'small-caps'],
          ['font-weight', '600'],
          ['letter-spacing', '0.025em'],
          ['line-height', '24px'],
          ['padding', '4px 8px'],
          ['text-align', 'right'],
          ['text-decoration', 'underline dotted'],
          ['text-shadow', '1px 1px 2px black'],
          ['text-transform', 'uppercase'],
          ['background-color', 'hsla(0, 0%, 100%, 0.5)'],
          ['font-family', 'Inter, "Helvetica Neue", sans-serif'],
          ['font-size', '1.2em'],
        ],
      },
    ]);
  });

  it('writes the states base first and invalid last, whatever the order of the keys', () => {
    const { rules } = mapStyle({
      invalid: { color: '#fa755a' },
      complete: { color: 'green' },
      empty: { color: 'gray' },
      base: { color: 'black' },
    });
    assert.deepEqual(
      rules.map((rule) => rule.selectors[0]),
      ['.Input', '.Input.Input--empty', '.Input.Input--complete', '.Input.Input--invalid'],
    );
  });

  it('checks each value with the browser, for the CSS property it sets', () => {
    const asked: [string, string][] = [];
    const supports: ValueCheck = (property, value) => {
      asked.push([property, value]);
      return value !== 'nonsense';
    };
    const { rules, variables, dropped } = mapStyle(
      { base: { color: ' red ', fontSize: 'nonsense', iconColor: '#abc' } },
      supports,
    );
    assert.deepEqual(rules, [{ selectors: ['.Input'], declarations: [['color', 'red']] }]);
    assert.deepEqual(variables, { iconColor: '#abc' });
    assert.deepEqual(dropped, ['style.base.fontSize (value not allowed)']);
    assert.deepEqual(asked, [
      ['color', 'red'],
      ['font-size', 'nonsense'],
      ['color', '#abc'],
    ]);
  });

  describe('drops and names what it does not allow, by its path in the option', () => {
    const cases: readonly (readonly [name: string, style: unknown, dropped: string])[] = [
      [
        'an unknown property',
        { base: { backgroundImage: 'none' } },
        'style.base.backgroundImage (not an allowed property or pseudo-class)',
      ],
      [
        'a property inside a pseudo-class',
        { base: { ':focus': { position: 'fixed' } } },
        'style.base:focus.position (not an allowed property or pseudo-class)',
      ],
      [
        'a selector as a key',
        { base: { 'input[value^="4"]': { color: 'red' } } },
        'style.base.input[value^="4"] (not an allowed property or pseudo-class)',
      ],
      [
        'a selector as a state',
        { 'input[value^="4"]': { color: 'red' } },
        'style.input[value^="4"] (use base, complete, empty or invalid)',
      ],
      [
        'an unknown state',
        { focus: { color: 'red' } },
        'style.focus (use base, complete, empty or invalid)',
      ],
      [
        'an at-rule as a state',
        { '@media print': { color: 'red' } },
        'style.@media print (use base, complete, empty or invalid)',
      ],
      [
        'a state that is not an object',
        { base: 'color: red' },
        'style.base (use base, complete, empty or invalid)',
      ],
      [
        'a pseudo-class that is not an object',
        { base: { '::placeholder': '#999' } },
        'style.base::placeholder (expected an object)',
      ],
      [
        'an unknown pseudo-element',
        { base: { '::after': { color: 'red' } } },
        'style.base.::after (not an allowed property or pseudo-class)',
      ],
      [
        'a nested pseudo-class',
        { base: { ':hover': { ':focus': { color: 'red' } } } },
        'style.base:hover.:focus (not an allowed property or pseudo-class)',
      ],
      [
        'width',
        { base: { width: '1px' } },
        'style.base.width (not an allowed property or pseudo-class)',
      ],
      [
        'a kebab-case property',
        { base: { 'font-size': '12px' } },
        'style.base.font-size (not an allowed property or pseudo-class)',
      ],
      [
        'a string',
        'body { background: url(x) }',
        'style (expected an object such as { base: { color: "#32325d" } })',
      ],
      [
        'an array',
        [{ color: 'red' }],
        'style (expected an object such as { base: { color: "#32325d" } })',
      ],
    ];
    for (const [name, style, expected] of cases) {
      it(name, () => {
        assert.deepEqual(mapStyle(style), { rules: [], variables: {}, dropped: [expected] });
      });
    }
  });

  describe('lets no unsafe value through', () => {
    const cases: readonly (readonly [name: string, property: string, value: unknown])[] = [
      ['url() in a colour', 'color', 'url(https://evil.example/a)'],
      ['url() in a font family', 'fontFamily', 'url(x)'],
      ['url() with a space', 'backgroundColor', 'red url (x)'],
      ['@import', 'fontFamily', '@import "https://evil.example/x.css"'],
      ['expression()', 'color', 'expression(alert(1))'],
      ['javascript:', 'fontFamily', 'javascript:alert(1)'],
      ['a semicolon adding a declaration', 'color', 'red; background: url(x)'],
      ['a closing brace adding a rule', 'color', 'red} input[value$="a"] {color: red'],
      ['an opening brace', 'fontFamily', 'a{'],
      ['a brace after a newline', 'fontFamily', 'Arial\n}'],
      ['a backslash escape', 'fontFamily', 'u\\72l(x)'],
      ['markup', 'fontFamily', '</style><script>'],
      ['!important', 'fontSize', '16px !important'],
      ['an unbalanced quote', 'fontFamily', "'Arial"],
      ['mixed quotes', 'fontFamily', `"Arial', x`],
      ['301 characters', 'color', 'a'.repeat(301)],
      ['a number', 'color', 42],
      ['an array', 'fontSize', ['16px']],
      ['iconColor with url()', 'iconColor', 'url(x)'],
    ];
    for (const [name, property, value] of cases) {
      it(name, () => {
        assert.deepEqual(mapStyle({ base: { [property]: value, fontWeight: '600' } }), {
          rules: [{ selectors: ['.Input'], declarations: [['font-weight', '600']] }],
          variables: {},
          dropped: [`style.base.${property} (value not allowed)`],
        });
      });
    }

    it('a comment', () => {
      assert.deepEqual(mapStyle({ base: { color: 'red/**/' } }).rules, []);
    });
  });

  it('keeps the safe part of a mixed style and names every dropped one', () => {
    const { rules, variables, dropped } = mapStyle({
      base: {
        color: '#111',
        backgroundColor: 'url(https://evil.example)',
        '::placeholder': { color: '#999', content: 'x' },
        'input[value$="4"]': { color: 'red' },
        ':hover': { color: '#222' },
      },
      invalid: { color: '#e00' },
      '@import': { color: 'red' },
      focus: { color: 'red' },
    });
    assert.deepEqual(variables, {});
    assert.deepEqual(rules, [
      { selectors: ['.Input::placeholder'], declarations: [['color', '#999']] },
      { selectors: ['.Input:hover'], declarations: [['color', '#222']] },
      { selectors: ['.Input'], declarations: [['color', '#111']] },
      { selectors: ['.Input.Input--invalid'], declarations: [['color', '#e00']] },
    ]);
    assert.deepEqual(dropped, [
      'style.@import (use base, complete, empty or invalid)',
      'style.focus (use base, complete, empty or invalid)',
      'style.base::placeholder.content (not an allowed property or pseudo-class)',
      'style.base.backgroundColor (value not allowed)',
      'style.base.input[value$="4"] (not an allowed property or pseudo-class)',
    ]);
  });

  it('maps nothing, and names nothing, for no style', () => {
    assert.deepEqual(mapStyle(undefined), { rules: [], variables: {}, dropped: [] });
    assert.deepEqual(mapStyle(null), { rules: [], variables: {}, dropped: [] });
    assert.deepEqual(mapStyle({}), { rules: [], variables: {}, dropped: [] });
  });

  describe('drops keys named like Object.prototype members, at every level, and names each', () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      it(name, () => {
        // JSON.parse makes `__proto__` an own key, as a style arriving over postMessage would be.
        const style: unknown = JSON.parse(
          `{"base": {"color": "red", "${name}": "blue", ":hover": {"${name}": "x"}}, "${name}": {}}`,
        );
        assert.deepEqual(mapStyle(style), {
          rules: [{ selectors: ['.Input'], declarations: [['color', 'red']] }],
          variables: {},
          dropped: [
            `style.${name} (use base, complete, empty or invalid)`,
            `style.base:hover.${name} (not an allowed property or pseudo-class)`,
            `style.base.${name} (not an allowed property or pseudo-class)`,
          ],
        });
      });
    }
  });
});

describe('CUSTOM_PROPERTIES', () => {
  describe('each lands on a style the mapping keeps', () => {
    for (const [name, variant, property, pseudo] of CUSTOM_PROPERTIES) {
      it(name, () => {
        assert.match(name, /^--tessera-[a-z-]+$/);
        const declaration = { [property]: '#123456' };
        const { rules, variables, dropped } = mapStyle({
          [variant]: pseudo ? { [pseudo]: declaration } : declaration,
        });
        assert.deepEqual(dropped, []);
        assert.equal(rules.length + Object.keys(variables).length, 1);
      });
    }
  });
});
