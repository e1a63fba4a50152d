import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { collectNeedles, scanCapture } from '../../scripts/leak-scan.js';

/** A capture folder holding `files` (name → content). */
function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-leak-scan-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('the leak scan', () => {
  const dirs: string[] = [];
  const needles = collectNeedles();
  /** The behaviour below, with the test numbers of its own (this file's are needles too). */
  const own = {
    cards: new Set(['4242424242424242', '5555555555554444']),
    accounts: new Set(['000123456789']),
  };
  const scan = (files: Record<string, string | Buffer>, full = false) => {
    const dir = folder(files);
    dirs.push(dir);
    return scanCapture(dir, full, own);
  };
  before(() => {
    assert.ok(needles.cards.has('4242424242424242'), 'Stripe’s test cards');
    assert.ok(needles.cards.has('6205500000000000004'), 'the test sources’ literals');
    assert.ok(needles.accounts.has('000123456789'), 'the fixtures’ account numbers');
  });
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('names the file and line of a card number, spaced, dashed or encoded, masked', () => {
    const { findings } = scan({
      'a-test-server.log': [
        '{"msg":"fine","url":"/v1/tokens"}',
        '{"msg":"card 4242 4242 4242 4242"}',
        '{"url":"/v1/tokens?card%5Bnumber%5D=5555%2D5555%2D5555%2D4444"}',
      ].join('\n'),
    });
    assert.deepEqual(findings, [
      { file: 'a-test-server.log', line: 2, what: 'test card number ••••4242 (16 characters)' },
      { file: 'a-test-server.log', line: 3, what: 'test card number ••••4444 (16 characters)' },
    ]);
  });

  it('finds any other Luhn-valid 13–19 digit run, but not a time, an id or a redaction', () => {
    const { findings } = scan({
      'b.log': [
        '{"msg":"4000001234567899"}',
        `{"time":${String(Date.now())},"ms":"${String(Date.now() * 1000)}"}`,
        '{"id":"tok_4000001234567899x","fingerprint":"a4000001234567899"}',
        '{"msg":"[REDACTED] 4000001234567898"}',
      ].join('\n'),
    });
    assert.deepEqual(findings, [
      { file: 'b.log', line: 1, what: 'Luhn-valid number ••••7899 (16 characters)' },
    ]);
  });

  it('finds account numbers and CVCs after a cvc name, in JSON, forms and queries', () => {
    const { findings } = scan({
      'c.log': [
        '{"account":"000123456789"}',
        '{"body":{"cvc":"123"}}',
        '{"url":"/v1/tokens?card[cvc]=4567"}',
        '{"url":"/v1/tokens?%63vc_update%5Bcvc%5D=987"}',
        '{"param":"card[cvc]","message":"Your card\'s security code is invalid."}',
        '{"msg":"--cvc-ttl=600","pid":7531}',
      ].join('\n'),
    });
    assert.deepEqual(
      findings.map(({ line, what }) => [line, what]),
      [
        [1, 'test account number ••••6789 (12 characters)'],
        [2, 'CVC ••••123 (3 characters)'],
        [3, 'CVC ••••4567 (4 characters)'],
        [4, 'CVC ••••987 (3 characters)'],
      ],
    );
  });

  it('lets the dev server’s banner show how to make a token with the Visa test card', () => {
    const banner = [
      'Try:',
      '  curl http://127.0.0.1:4242/v1/tokens -u pk_test_x: \\',
      '    -d "card[number]=4242424242424242" -d "card[exp_month]=12" -d "card[exp_year]=2028" -d "card[cvc]=123"',
      '    -d "card[number]=4242424242424242" -d "card[cvc]=123"',
    ];
    const { findings } = scan({ 'x-serve.log': banner.join('\n') });
    assert.deepEqual(
      findings.map(({ line }) => line),
      [4, 4],
    );
  });

  it('reads database files as bytes: a card number or unsealed JSON in them', () => {
    const { findings } = scan({
      'd.db': Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from('x4242424242424242y')]),
      'd.db-wal': Buffer.from('\u0000{"number":"4000"}'),
      'e.db': Buffer.from('tok_abc and 1234567890123 as hex a1b2'),
    });
    assert.deepEqual(
      findings.map(({ file, what }) => [file, what]),
      [
        ['d.db', 'test card number ••••4242 (16 characters)'],
        ['d.db-wal', 'card data as plaintext JSON'],
      ],
    );
  });

  it('fails a full run’s folder that is empty or holds less than a run leaves', () => {
    const empty = scan({}, true);
    assert.equal(empty.findings.length, 0);
    assert.ok(empty.problems.some((problem) => problem.includes('holds 0 lines of the HTTP fuzz')));
    assert.ok(empty.problems.some((problem) => problem.includes('holds 0 lines of the other')));
    assert.ok(empty.problems.some((problem) => problem.includes('no *-serve.log file')));
    const some = scan({ 'x-test-server.log': '{"msg":"one"}\n' }, true);
    assert.ok(some.problems.some((problem) => problem.includes('holds 1 lines of the other')));
    assert.ok(!some.problems.some((problem) => problem.includes('-test-server.log')));
  });
});
