import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAllowedDeclaration, sanitizeStyle } from '../../src/protocol/index.js';

describe('style allowlist', () => {
  const allowed: [string, string][] = [
    ['color', '#32325d'],
    ['color', 'rgb(50, 50, 93)'],
    ['color', 'rebeccapurple'],
    ['backgroundColor', 'hsla(0, 0%, 100%, 0.5)'],
    ['fontFamily', 'Inter, "Helvetica Neue", sans-serif'],
    ['fontFamily', "'Open Sans'"],
    ['fontSize', '16px'],
    ['fontSize', '1.2em'],
    ['fontWeight', '600'],
    ['letterSpacing', '0.02em'],
    ['lineHeight', '1.5'],
    ['padding', '4px 8px'],
    ['textTransform', 'uppercase'],
    ['textShadow', '1px 1px 2px black'],
    ['iconColor', '#abc'],
  ];
  for (const [property, value] of allowed) {
    it(`allows ${property}: ${value}`, () => {
      assert.equal(isAllowedDeclaration(property, value), true);
    });
  }

  const refused: [string, unknown][] = [
    ['backgroundColor', 'url(https://evil.example/leak)'],
    ['color', 'red; background: url(x)'],
    ['fontFamily', '@import "https://evil.example"'],
    ['color', 'expression(alert(1))'],
    ['color', 'javascript:alert(1)'],
    ['fontFamily', "'Arial"],
    ['fontFamily', 'Arial}body{color:red'],
    ['fontSize', '16px !important'],
    ['color', 'red\\3b'],
    ['color', '<script>'],
    ['color', 42],
    ['color', 'a'.repeat(300)],
    ['backgroundImage', 'none'],
    ['width', '100px'],
    ['position', 'fixed'],
    ['input[value$="1"]', 'red'],
  ];
  for (const [property, value] of refused) {
    it(`refuses ${property}: ${String(value).slice(0, 40)}`, () => {
      assert.equal(isAllowedDeclaration(property, value), false);
    });
  }

  it('keeps allowed declarations and pseudo-classes and warns about each dropped one', () => {
    const warnings: string[] = [];
    const style = sanitizeStyle(
      {
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
      },
      (message) => warnings.push(message),
    );
    assert.deepEqual(style, {
      base: { color: '#111', '::placeholder': { color: '#999' }, ':hover': { color: '#222' } },
      invalid: { color: '#e00' },
    });
    assert.equal(warnings.length, 5);
    assert.ok(warnings.some((w) => w.includes('backgroundColor')));
    assert.ok(warnings.some((w) => w.includes('input[value$="4"]')));
    assert.ok(warnings.some((w) => w.includes('@import')));
  });

  it('reduces non-objects to nothing, with a warning', () => {
    const warnings: string[] = [];
    assert.deepEqual(
      sanitizeStyle('color: red', (m) => warnings.push(m)),
      {},
    );
    assert.deepEqual(
      sanitizeStyle(undefined, (m) => warnings.push(m)),
      {},
    );
    assert.equal(warnings.length, 1);
  });

  it('drops keys named like Object.prototype members, at every level, with a warning', () => {
    const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
    for (const name of names) {
      const warnings: string[] = [];
      // JSON.parse makes `__proto__` an own key, as a style arriving over postMessage would be.
      const style: unknown = JSON.parse(
        `{"base": {"color": "red", "${name}": "blue", ":hover": {"${name}": "x"}}, "${name}": {}}`,
      );
      let result: unknown;
      assert.doesNotThrow(() => {
        result = sanitizeStyle(style, (m) => warnings.push(m));
      }, name);
      assert.deepEqual(result, { base: { color: 'red', ':hover': {} } }, name);
      assert.equal(warnings.length, 3, `${name}: ${warnings.join(' | ')}`);
      assert.ok(
        warnings.every((w) => w.includes(name)),
        `${name}: a warning does not name it`,
      );
      assert.equal(isAllowedDeclaration(name, 'red'), false, name);
    }
  });
});
