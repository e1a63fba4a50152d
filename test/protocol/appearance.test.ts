import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkAppearance,
  cssName,
  isSafeValue,
  RULE_CLASSES,
  VARIABLES,
  type CheckedRule,
  type ValueCheck,
} from '../../src/protocol/index.js';

/**
 * A stand-in for the browser's `CSS.supports`: it parses everything but the word `nonsense`,
 * and records what it was asked, so a test can see a value was checked for the right property.
 */
function fakeSupports(): { supports: ValueCheck; asked: [property: string, value: string][] } {
  const asked: [string, string][] = [];
  const supports: ValueCheck = (property, value) => {
    asked.push([property, value]);
    return !value.includes('nonsense');
  };
  return { supports, asked };
}

/** A good value for each kind of variable, by the CSS property it is checked against. */
const GOOD_VALUES: Readonly<Record<string, string>> = {
  color: '#0570de',
  'font-family': '"Inter", system-ui, sans-serif',
  'font-size': '15px',
  'font-weight': '500',
  'line-height': '1.4',
  'padding-top': '4px',
  'border-radius': '8px',
  'box-shadow': '0 0 0 2px rgb(5 112 222 / 25%)',
  outline: '2px solid #0570de',
};

/** What a selector the frame writes may look like: a class, a state, pseudo-classes. */
/** A class, maybe the same class with a state (`.Input.Input--invalid`), maybe pseudo-classes. */
const REBUILT_SELECTOR = /^\.(Input|Label|Error|Block)(?:\.\1(--[a-z]+))?(:{1,2}[a-z-]+)*$/;

/** Checks `rules` alone, with a browser that parses everything. */
function checkRules(rules: unknown): { rules: CheckedRule[]; dropped: string[] } {
  const dropped: string[] = [];
  return { rules: checkAppearance({ rules }, () => true, dropped).rules, dropped };
}

/** Fails unless each dropped entry names what was expected, in order. */
function assertDropped(dropped: readonly string[], expected: readonly string[]): void {
  assert.equal(dropped.length, expected.length, dropped.join('\n'));
  expected.forEach((part, index) => {
    assert.ok(dropped[index]?.includes(part), `${dropped[index]} does not name ${part}`);
  });
}

describe('checkAppearance', () => {
  it('keeps nothing and drops nothing without an appearance: the stripe theme as it is', () => {
    const dropped: string[] = [];
    assert.deepEqual(
      checkAppearance(undefined, () => true, dropped),
      {
        theme: 'stripe',
        variables: {},
        rules: [],
        labels: 'above',
        inputs: 'spaced',
        disableAnimations: false,
      },
    );
    assert.deepEqual(dropped, []);
  });

  describe('variables', () => {
    it('keeps every variable with a good value, checked by the browser for its own property', () => {
      const variables = Object.fromEntries(
        Object.entries(VARIABLES).map(([name, property]) => [name, GOOD_VALUES[property]]),
      );
      const { supports, asked } = fakeSupports();
      const dropped: string[] = [];
      assert.deepEqual(checkAppearance({ variables }, supports, dropped).variables, variables);
      assert.deepEqual(dropped, []);
      assert.deepEqual(
        asked,
        Object.entries(VARIABLES).map(([name, property]) => [property, variables[name]]),
      );
    });

    describe("accepts colour values Stripe's own check refuses", () => {
      const values = [
        'rgba(0, 0, 0, 0.5)',
        'rgb(0 0 0 / 50%)',
        'hsl(210 50% 40%)',
        'oklch(70% 0.1 200)',
        'color-mix(in srgb, red 40%, blue)',
        'var(--colorPrimary)',
        'rebeccapurple',
      ];
      for (const value of values) {
        it(value, () => {
          const dropped: string[] = [];
          const checked = checkAppearance({ variables: { colorText: value } }, () => true, dropped);
          assert.equal(checked.variables.colorText, value);
          assert.deepEqual(dropped, []);
        });
      }
    });

    it('trims the values it keeps', () => {
      const checked = checkAppearance({ variables: { colorText: '  red ' } });
      assert.equal(checked.variables.colorText, 'red');
    });

    describe('refuses values that could leave the declaration, load something or are not text', () => {
      const cases: readonly (readonly [name: string, value: unknown])[] = [
        ['url(', 'url(https://evil.example/leak)'],
        ['URL( in capitals', 'URL(x)'],
        ['url( inside a function', 'color-mix(in srgb, url(x) 40%, blue)'],
        ['expression(', 'expression(alert(1))'],
        ['javascript:', 'javascript:alert(1)'],
        ['@import', '@import "https://evil.example/x.css"'],
        ['a semicolon', 'red; background: url(x)'],
        ['an opening brace', 'red {'],
        ['a closing brace', 'red} .Input { color: red'],
        ['an unbalanced double quote', '"Arial'],
        ['an unbalanced single quote', "'Arial"],
        ['mixed quotes', `"Arial', x`],
        ['an unclosed parenthesis', 'rgb(0, 0, 0'],
        ['a stray closing parenthesis', 'red)'],
        ['!important', 'red !important'],
        ['a backslash escape', 'u\\72l(x)'],
        ['markup', '</style><script>'],
        ['image-set(', 'image-set("a.png" 1x)'],
        ['attr(', 'attr(data-card)'],
        ['env(', 'env(safe-area-inset-top)'],
        ['a function not listed', 'translate(1px)'],
        ['var() of an unknown variable', 'var(--unknownThing)'],
        ['var() of a prototype name', 'var(--__proto__)'],
        ['var() without dashes', 'var(colorPrimary)'],
        ['a fallback that loads', 'var(--colorPrimary, url(x))'],
        ['301 characters', 'a'.repeat(301)],
        ['an empty string', ''],
        ['a number', 42],
        ['null', null],
        ['an array', ['red']],
        ['an object', { toString: () => 'red' }],
      ];
      for (const [name, value] of cases) {
        it(name, () => {
          const dropped: string[] = [];
          const checked = checkAppearance({ variables: { colorText: value } }, () => true, dropped);
          assert.deepEqual(checked.variables, {});
          assert.deepEqual(dropped, ['variables.colorText (value not allowed)']);
          assert.equal(isSafeValue(value), false);
        });
      }
    });

    it('refuses an unterminated comment, which would swallow the rest of the sheet', () => {
      assert.equal(isSafeValue('red /*'), false);
      assert.equal(isSafeValue('red/**/'), false);
    });

    it('keeps a value of exactly 300 characters', () => {
      const value = `"${'a'.repeat(298)}"`;
      assert.equal(
        checkAppearance({ variables: { fontFamily: value } }).variables.fontFamily,
        value,
      );
    });

    it('drops a value the browser does not parse for the property', () => {
      const dropped: string[] = [];
      const { supports } = fakeSupports();
      const checked = checkAppearance(
        { variables: { colorText: 'nonsense', fontSizeBase: '15px' } },
        supports,
        dropped,
      );
      assert.deepEqual(checked.variables, { fontSizeBase: '15px' });
      assert.deepEqual(dropped, ['variables.colorText (value not allowed)']);
    });

    describe('drops and names variables not in the list', () => {
      const cases: readonly (readonly [name: string, variables: string])[] = [
        ['an unknown name', '{"colorLink": "red"}'],
        ['a CSS property', '{"backgroundImage": "none"}'],
        ['__proto__', '{"__proto__": "red"}'],
        ['constructor', '{"constructor": "red"}'],
      ];
      for (const [name, variables] of cases) {
        it(name, () => {
          const dropped: string[] = [];
          const parsed = JSON.parse(variables) as Record<string, unknown>;
          const checked = checkAppearance({ variables: parsed }, () => true, dropped);
          assert.deepEqual(checked.variables, {});
          assert.deepEqual(dropped, [`variables.${Object.keys(parsed)[0]} (unknown variable)`]);
        });
      }
    });
  });

  describe('rules', () => {
    describe('writes selectors of the grammar: class, state, pseudo-classes', () => {
      const selectors = [
        '.Input',
        '.Input--invalid',
        '.Input--empty',
        '.Input--complete',
        '.Input--focused',
        '.Label--floating',
        '.Label--resting',
        '.Error',
        '.Block--focused',
        '.Input:hover',
        '.Input:focus-visible',
        '.Input:disabled',
        '.Input:autofill',
        '.Input::placeholder',
        '.Input::selection',
        '.Input--invalid:focus',
        '.Input--invalid:hover::placeholder',
      ];
      // A state repeats its class (`.Input.Input--invalid`), so it outranks the bare class.
      const written = (selector: string): string =>
        selector.replace(/^\.([A-Za-z]+)--([a-z]+)/, '.$1.$1--$2');
      for (const selector of selectors) {
        it(selector, () => {
          assert.deepEqual(checkRules({ [selector]: { paddingTop: '4px' } }), {
            rules: [{ selectors: [written(selector)], declarations: [['padding-top', '4px']] }],
            dropped: [],
          });
        });
      }
    });

    it('checks each selector of a comma list on its own: a bad one is dropped, the others kept', () => {
      const { rules, dropped } = checkRules({
        '.Input, .Foo, .Label--floating, .Input .Label': { color: 'red' },
      });
      assert.deepEqual(rules, [
        { selectors: ['.Input', '.Label.Label--floating'], declarations: [['color', 'red']] },
      ]);
      assertDropped(dropped, ['.Foo (unknown class', '.Input .Label (descendant']);
    });

    describe('drops and names selectors outside the grammar', () => {
      const cases: readonly (readonly [selector: string, reason: string])[] = [
        ['.Input .Label', 'descendant and sibling selectors are not supported'],
        ['.Input > .Label', 'descendant and sibling selectors are not supported'],
        ['.Input + .Label', 'descendant and sibling selectors are not supported'],
        ['.Input ~ .Label', 'descendant and sibling selectors are not supported'],
        ['.Tab', 'unknown class .Tab'],
        ['.input', 'unknown class .input'],
        ['.Input--bogus', '.Input has no state --bogus'],
        ['.Error--invalid', '.Error has no state --invalid'],
        ['.Label--complete', '.Label has no state --complete'],
        ['.Input:visited', 'unknown pseudo-class :visited'],
        ['.Input::after', 'unknown pseudo-class ::after'],
        ['.Input::placeholder:hover', 'a pseudo-element must come last'],
        ['input', 'not a class selector'],
        ['#card-number', 'not a class selector'],
        ['*', 'not a class selector'],
        ['input[value^="4"]', 'not a class selector'],
        ['.Input[value^="4"]', 'not a class selector'],
        ['.Input:has(.Label)', 'not a class selector'],
        ['.Input:not(:focus)', 'not a class selector'],
        ['.Input.Label', 'not a class selector'],
        ['.Input--empty--invalid', 'not a class selector'],
        ['@media', 'not a class selector'],
        ['', 'not a class selector'],
      ];
      for (const [selector, reason] of cases) {
        it(JSON.stringify(selector), () => {
          const { rules, dropped } = checkRules({ [selector]: { color: 'red' } });
          assert.deepEqual(rules, []);
          assertDropped(dropped, [`${selector} (${reason}`]);
        });
      }
    });

    it('rebuilds every selector from its parsed parts, keeping nothing else of the text', () => {
      const { rules } = checkRules({
        '  .Input  ': { color: 'red' },
        '.Input--invalid:hover ,\n.Label--floating\t': { color: 'red' },
        '.Input, input[value^="4"], .Input:has(.x), .Input > .Label': { color: 'red' },
        '.Block--complete, .Input::placeholder, .Input{}': { backgroundColor: 'red' },
      });
      const selectors = rules.flatMap((rule) => rule.selectors);
      assert.deepEqual(selectors, [
        '.Input',
        '.Input.Input--invalid:hover',
        '.Label.Label--floating',
        '.Input',
        '.Block.Block--complete',
        '.Input::placeholder',
      ]);
      for (const selector of selectors) {
        assert.match(selector, REBUILT_SELECTOR);
        const [, className = '', state] = REBUILT_SELECTOR.exec(selector) ?? [];
        const states: readonly string[] = RULE_CLASSES[className as keyof typeof RULE_CLASSES];
        if (state) assert.ok(states.includes(state.slice(2)), selector);
      }
    });

    describe('lets each class set only its own properties', () => {
      const cases: readonly (readonly [selector: string, property: string, kept: boolean])[] = [
        ['.Input', 'color', true],
        ['.Input', 'backgroundColor', true],
        ['.Input', 'caretColor', true],
        ['.Input', 'borderBottomColor', true],
        ['.Input', 'boxShadow', true],
        ['.Label', 'color', true],
        ['.Label', 'backgroundColor', false],
        ['.Label', 'borderColor', false],
        ['.Label', 'boxShadow', false],
        ['.Label', 'transition', true],
        ['.Error', 'color', true],
        ['.Error', 'paddingTop', true],
        ['.Error', 'backgroundColor', false],
        ['.Error', 'transition', false],
        ['.Block', 'backgroundColor', true],
        ['.Block', 'color', false],
        ['.Block', 'fontSize', false],
        ['.Block', 'caretColor', false],
        ...['.Input', '.Label', '.Error', '.Block'].flatMap((selector) =>
          [
            'display',
            'position',
            'width',
            'height',
            'margin',
            'top',
            'left',
            'transform',
            'backgroundImage',
            'content',
            'cursor',
            'opacity',
          ].map((property) => [selector, property, false] as const),
        ),
      ];
      for (const [selector, property, kept] of cases) {
        it(`${selector} ${property}: ${kept ? 'kept' : 'dropped'}`, () => {
          const { rules, dropped } = checkRules({ [selector]: { [property]: 'red' } });
          if (kept) {
            assert.deepEqual(rules, [
              { selectors: [selector], declarations: [[cssName(property), 'red']] },
            ]);
            assert.deepEqual(dropped, []);
          } else {
            assert.deepEqual(rules, []);
            assert.deepEqual(dropped, [
              `rules['${selector}'].${property} (not a property ${selector} may set)`,
            ]);
          }
        });
      }
    });

    it('lets a comma list set only what every class in it may', () => {
      const { rules, dropped } = checkRules({
        '.Label--resting, .Block--complete': {
          color: 'red',
          backgroundColor: 'blue',
          paddingTop: '1px',
        },
      });
      assert.deepEqual(rules, [
        {
          selectors: ['.Label.Label--resting', '.Block.Block--complete'],
          declarations: [['padding-top', '1px']],
        },
      ]);
      assertDropped(dropped, [
        '.color (not a property .Label, .Block may set)',
        '.backgroundColor',
      ]);
    });

    it('takes property names in kebab case too', () => {
      const { rules, dropped } = checkRules({
        '.Input': {
          'font-size': '12px',
          'background-color': 'red',
          '-webkit-font-smoothing': 'antialiased',
        },
        '.Label': { 'background-color': 'red' },
      });
      assert.deepEqual(rules, [
        {
          selectors: ['.Input'],
          declarations: [
            ['font-size', '12px'],
            ['background-color', 'red'],
            ['-webkit-font-smoothing', 'antialiased'],
          ],
        },
      ]);
      assertDropped(dropped, ["rules['.Label'].background-color (not a property .Label may set)"]);
    });

    it('checks rule values as it checks variables, against the property', () => {
      const { supports, asked } = fakeSupports();
      const dropped: string[] = [];
      const { rules } = checkAppearance(
        {
          rules: {
            '.Input': {
              color: 'red',
              backgroundColor: 'url(https://evil.example/leak)',
              fontSize: 'nonsense',
              fontWeight: '600 !important',
              borderColor: 'var(--colorDanger)',
            },
          },
        },
        supports,
        dropped,
      );
      assert.deepEqual(rules, [
        {
          selectors: ['.Input'],
          declarations: [
            ['color', 'red'],
            ['border-color', 'var(--colorDanger)'],
          ],
        },
      ]);
      assertDropped(dropped, [
        "rules['.Input'].backgroundColor (value not allowed)",
        "rules['.Input'].fontSize (value not allowed)",
        "rules['.Input'].fontWeight (value not allowed)",
      ]);
      assert.deepEqual(asked, [
        ['color', 'red'],
        ['font-size', 'nonsense'],
        ['border-color', 'var(--colorDanger)'],
      ]);
    });

    it('drops a rule whose declarations are not an object, and rules that are not one', () => {
      const inner = checkRules({ '.Input': 'color: red', '.Label': ['color'] });
      assert.deepEqual(inner.rules, []);
      assertDropped(inner.dropped, [
        "rules['.Input'] (expected an object of declarations)",
        "rules['.Label'] (expected an object of declarations)",
      ]);
      const outer = checkRules('.Input { color: red }');
      assert.deepEqual(outer.rules, []);
      assertDropped(outer.dropped, ['rules (expected an object of selectors)']);
    });

    it('drops prototype names as selectors and as properties', () => {
      const { rules, dropped } = checkRules(
        JSON.parse(
          '{"__proto__": {"color": "red"}, ".Input": {"__proto__": "red", "constructor": "red"}}',
        ),
      );
      assert.deepEqual(rules, []);
      assertDropped(dropped, ['__proto__ (not a class selector', '.__proto__', '.constructor']);
    });
  });

  describe('the layout options', () => {
    const cases: readonly (readonly [
      name: string,
      appearance: Record<string, unknown>,
      labels: 'above' | 'floating',
      inputs: 'spaced' | 'condensed',
    ])[] = [
      ['neither', {}, 'above', 'spaced'],
      ['auto labels with spaced inputs', { labels: 'auto', inputs: 'spaced' }, 'above', 'spaced'],
      [
        'auto labels with condensed inputs',
        { labels: 'auto', inputs: 'condensed' },
        'floating',
        'condensed',
      ],
      ['condensed inputs alone', { inputs: 'condensed' }, 'floating', 'condensed'],
      ['floating labels with spaced inputs', { labels: 'floating' }, 'floating', 'spaced'],
      [
        'labels above condensed inputs',
        { labels: 'above', inputs: 'condensed' },
        'above',
        'condensed',
      ],
    ];
    for (const [name, appearance, labels, inputs] of cases) {
      it(`${name}: labels ${labels}, inputs ${inputs}`, () => {
        const checked = checkAppearance(appearance);
        assert.equal(checked.labels, labels);
        assert.equal(checked.inputs, inputs);
      });
    }

    it('takes each theme and disableAnimations', () => {
      for (const theme of ['stripe', 'night', 'flat'] as const) {
        assert.equal(checkAppearance({ theme }).theme, theme);
      }
      assert.equal(checkAppearance({ disableAnimations: true }).disableAnimations, true);
      assert.equal(checkAppearance({ disableAnimations: false }).disableAnimations, false);
    });
  });

  describe('drops and names options it does not know', () => {
    const cases: readonly (readonly [name: string, input: unknown, dropped: string])[] = [
      ['an unknown theme', { theme: 'dark' }, 'theme (use stripe, night, flat)'],
      ['an unknown labels', { labels: 'below' }, 'labels (use auto, above, floating)'],
      ['an unknown inputs', { inputs: 'grid' }, 'inputs (use spaced, condensed)'],
      [
        'a string disableAnimations',
        { disableAnimations: 'yes' },
        'disableAnimations (expected true or false)',
      ],
      [
        'a numeric disableAnimations',
        { disableAnimations: 1 },
        'disableAnimations (expected true or false)',
      ],
      ['an unknown key', { fonts: [] }, 'fonts (not an appearance option)'],
      ['variables not an object', { variables: 'red' }, 'variables (expected an object)'],
      ['a string', 'theme: night', 'appearance (expected an object)'],
      ['null', null, 'appearance (expected an object)'],
      ['an array', [{ theme: 'night' }], 'appearance (expected an object)'],
      ['a number', 42, 'appearance (expected an object)'],
    ];
    for (const [name, input, expected] of cases) {
      it(name, () => {
        const dropped: string[] = [];
        const checked = checkAppearance(input, () => true, dropped);
        assert.deepEqual(dropped, [expected]);
        assert.equal(checked.theme, 'stripe');
        assert.equal(checked.labels, 'above');
        assert.equal(checked.inputs, 'spaced');
        assert.equal(checked.disableAnimations, false);
        assert.deepEqual(checked.variables, {});
      });
    }
  });
});

describe('cssName', () => {
  const cases: readonly (readonly [property: string, css: string])[] = [
    ['color', 'color'],
    ['fontSize', 'font-size'],
    ['borderTopLeftRadius', 'border-top-left-radius'],
    ['WebkitFontSmoothing', '-webkit-font-smoothing'],
    ['MozOsxFontSmoothing', '-moz-osx-font-smoothing'],
  ];
  for (const [property, css] of cases) {
    it(`${property} → ${css}`, () => {
      assert.equal(cssName(property), css);
    });
  }
});
