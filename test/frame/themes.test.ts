import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { THEME_VARIABLES } from '../../src/frame/other-themes.js';
import { isLightText, PAGE_DANGER } from '../../src/frame/themes.js';
import type { AppearanceVariable, Theme } from '../../src/protocol/index.js';

/** WCAG 2.x relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [red, green, blue] = match.slice(1).map((channel) => {
    const value = parseInt(channel, 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** WCAG 2.x contrast ratio of two `#rrggbb` colours, from 1 to 21. */
function contrast(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
}

/** A theme variable's value, following `var(--name)` references to the colour they name. */
function colourOf(theme: Theme, name: AppearanceVariable): string {
  const value = THEME_VARIABLES[theme][name];
  const reference = /^var\(--([A-Za-z]+)\)$/.exec(value);
  return reference ? colourOf(theme, reference[1] as AppearanceVariable) : value;
}

const THEMES = Object.keys(THEME_VARIABLES) as Theme[];

describe('the themes meet WCAG 2.2 AA on their own input background', () => {
  const cases: readonly (readonly [
    what: string,
    variable: AppearanceVariable,
    minimum: number,
    themes: readonly Theme[],
  ])[] = [
    ['typed text', 'colorText', 4.5, THEMES],
    ['placeholders', 'colorTextPlaceholder', 4.5, THEMES],
    ['secondary text (floating labels, the disabled input)', 'colorTextSecondary', 4.5, THEMES],
    ['the focus ring', 'inputFocusColorBorder', 3, THEMES],
    ['the focus ring’s colour', 'colorPrimary', 3, THEMES],
    ['the invalid border', 'colorDanger', 3, THEMES],
    ['the card icons', 'iconColor', 3, THEMES],
    ['the input border', 'inputColorBorder', 3, ['stripe', 'night']],
  ];
  for (const [what, variable, minimum, themes] of cases) {
    for (const theme of themes) {
      it(`${theme}: ${what} (${variable}) at least ${minimum}:1`, () => {
        const ratio = contrast(colourOf(theme, variable), colourOf(theme, 'colorBackground'));
        assert.ok(ratio >= minimum, `${ratio.toFixed(2)}:1`);
      });
    }
  }

  it('draws the focus ring in the primary colour', () => {
    for (const theme of THEMES) {
      assert.equal(THEME_VARIABLES[theme].inputFocusColorBorder, 'var(--colorPrimary)', theme);
    }
  });
});

describe('PAGE_DANGER: error text on the host page is readable on light and dark pages', () => {
  const cases: readonly (readonly [name: string, colour: string, page: string])[] = [
    ['light, on white', PAGE_DANGER.light, '#ffffff'],
    ['dark, on a near-black page', PAGE_DANGER.dark, '#1a1b25'],
    ['dark, on black', PAGE_DANGER.dark, '#000000'],
  ];
  for (const [name, colour, page] of cases) {
    it(name, () => {
      const ratio = contrast(colour, page);
      assert.ok(ratio >= 4.5, `${ratio.toFixed(2)}:1`);
    });
  }
});

describe('isLightText', () => {
  const cases: readonly (readonly [color: string | undefined, light: boolean])[] = [
    ['rgb(0, 0, 0)', false],
    ['rgb(48, 49, 61)', false],
    ['rgb(128, 128, 128)', false],
    ['rgb(240, 240, 240)', true],
    ['rgb(255, 255, 255)', true],
    ['rgb(255 255 255)', true],
    ['rgba(255, 255, 255, 0.5)', true],
    ['rgba(0, 0, 0, 0.87)', false],
    ['white', false],
    ['#ffffff', false],
    ['', false],
    [undefined, false],
  ];
  for (const [color, light] of cases) {
    it(`${JSON.stringify(color)} → ${light ? 'light' : 'dark'}`, () => {
      assert.equal(isLightText(color), light);
    });
  }
});
