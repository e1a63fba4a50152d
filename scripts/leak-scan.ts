/**
 * The leak scan, the last step of `npm test`: reads everything the run's token servers wrote to
 * the capture folder (`TESSERA_TEST_LOG_DIR`, see `test-log-capture.ts`) and fails, naming the
 * file and line with the number masked, when it finds
 * - a test card number (Stripe's test cards, and every Luhn-valid 13–19 digit literal of the test
 *   sources), also spaced, dashed or percent-encoded,
 * - in text (log lines, the HTTP fuzz suite's replies and headers), any other Luhn-valid run of
 *   13–19 digits (runs that read as a time near now are timestamps),
 * - a bank account number the tests use (from the fixtures and the test sources),
 * - a CVC after a `cvc` name (`"cvc":"123"`, `card[cvc]=123`, encoded or not),
 * in the log lines and replies, and the card and account numbers and any plaintext
 * `"number":"…"`/`"cvc":"…"` in the raw bytes of the SQLite files (database, WAL) the test
 * servers left. It also fails when the folder holds less than a full run leaves, so it cannot
 * pass by capturing nothing.
 *
 *   node --import tsx scripts/leak-scan.ts --fresh    empty the folder (the start of `npm test`)
 *   node --import tsx scripts/leak-scan.ts            scan it (the end; `npm run test:leaks`)
 *   node --import tsx scripts/leak-scan.ts --partial  scan what some suites left, without the
 *                                                     checks that a full run was captured
 *
 * The folder is `$TESSERA_TEST_LOG_DIR`, or `.test-logs` at the repository's root.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  STRIPE_TEST_BANK_ACCOUNTS,
  STRIPE_TEST_CARDS,
} from '../test/fixtures/stripe-test-cards.js';
import { testLogDir } from './test-log-capture.js';

/** Where test sources hold the literals the tests send. */
const SOURCE_DIRS = ['test', 'server/test', 'server/src/reference-data', 'demo'];
const REPO = fileURLToPath(new URL('..', import.meta.url));

/**
 * What a full `npm test` leaves at the least, so that a scan of too little fails: the HTTP fuzz
 * suite's access log and replies (a line each per request, `FUZZ_RUNS`, default 10,000), and
 * the other servers' lines (about 1,000 measured; fewer than 500 means they stopped writing).
 */
const FUZZ_FILE = /^fuzz\.test\.ts-/;
const MIN_OTHER_LINES = 500;
function minFuzzLines(): number {
  return 2 * Number(process.env.FUZZ_RUNS ?? 10_000);
}

/**
 * Lines printed on purpose with a test card in them: `serve --dev`'s banner shows how to make a
 * token with Stripe's Visa test card.
 */
const ALLOWED = [
  /^ {4}-d "card\[number\]=4242424242424242" -d "card\[exp_month\]=\d+" -d "card\[exp_year\]=\d+" -d "card\[cvc\]=123"$/,
];
/** Each kind of capture a full run makes: file name endings, and what each proves. */
const REQUIRED = [
  { suffix: '-test-server.log', what: 'in-process test servers’ log lines' },
  { suffix: '-serve.log', what: 'spawned `tessera serve` output' },
  { suffix: '-fuzz-replies.log', what: 'the HTTP fuzz suite’s replies' },
  { suffix: '.db', what: 'SQLite database files' },
  { suffix: '.db-wal', what: 'SQLite WAL files' },
];

/** One finding: where (file name in the folder, line), and what (masked). */
export interface Finding {
  file: string;
  line: number;
  what: string;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** `••••4242 (16 digits)`: enough to find the value in the tests, not enough to be one. */
function mask(value: string): string {
  return `••••${value.slice(-4)} (${String(value.length)} characters)`;
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** A 13, 16 or 19 digit run that reads as milliseconds, µs or ns since the epoch near now. */
function isTimestamp(digits: string): boolean {
  const scale = { 13: 1, 16: 1e3, 19: 1e6 }[digits.length];
  return scale !== undefined && Math.abs(Number(digits) / scale - Date.now()) < TEN_YEARS_MS;
}

/** Lenient percent-decoding: every `%XX`, leaving malformed escapes as they are. */
function percentDecoded(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** Separators between digits removed (`4242 4242-4242.4242`, `+`), so numbers read whole. */
function collapsed(text: string): string {
  return text.replace(/(?<=\d)[ ._+-](?=\d)/g, '');
}

/** The literals the tests send: card and account numbers. */
export interface Needles {
  cards: Set<string>;
  accounts: Set<string>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|js|mjs|html)$/.test(name) && !name.includes('node_modules'))
    .map((name) => join(REPO, dir, name));
}

/** Test card and account numbers from the fixtures and every literal in the test sources. */
export function collectNeedles(): Needles {
  const cards = new Set(STRIPE_TEST_CARDS.map((card) => card.number));
  const accounts = new Set(STRIPE_TEST_BANK_ACCOUNTS.map((account) => account.accountNumber));
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const [, digits = ''] of text.matchAll(/['"`](\d{13,19})['"`]/g)) {
      if (luhnValid(digits) && !isTimestamp(digits)) cards.add(digits);
    }
    for (const [, value = ''] of text.matchAll(
      /account_?number\W{0,3}\s*[:=,]\s*['"`]?([0-9A-Z]*\d[0-9A-Z]*)(?![0-9A-Z])/gi,
    )) {
      if (value.length < 6) continue;
      accounts.add(value);
    }
  }
  return { cards, accounts };
}

/** A CVC after something named `cvc`: JSON, a form or query pair, quoted or bracketed. */
const CVC_VALUE = /cvc(?:\\?["'\]])*\s*[:=]\s*(?:\\?["'])?(\d{3,4})(?!\d)/gi;
/** Card data in the clear in a database file: the sealed payload's JSON, unsealed. */
const PLAINTEXT_FIELDS = /"(?:number|cvc|account_number)":"\d/;

/** The numbers found that are not part of another one found (`424242424242424` of a Visa). */
function longest(found: string[]): string[] {
  return found.filter(
    (number) => !found.some((other) => other !== number && other.includes(number)),
  );
}

/** What a text line (a log line, a reply) gives away. */
function scanText(line: string, needles: Needles): string[] {
  const found: string[] = [];
  const variants = new Set([line, percentDecoded(line)]);
  for (const variant of variants) {
    const whole = collapsed(variant);
    for (const card of longest([...needles.cards].filter((card) => whole.includes(card)))) {
      found.push(`test card number ${mask(card)}`);
    }
    for (const [digits = ''] of whole.matchAll(/(?<![0-9A-Za-z_])\d{13,19}(?![0-9A-Za-z_])/g)) {
      if (!needles.cards.has(digits) && luhnValid(digits) && !isTimestamp(digits)) {
        found.push(`Luhn-valid number ${mask(digits)}`);
      }
    }
    for (const account of needles.accounts) {
      if (new RegExp(`(?<![0-9A-Za-z])${account}(?![0-9A-Za-z])`).test(variant)) {
        found.push(`test account number ${mask(account)}`);
      }
    }
    for (const [, cvc = ''] of variant.matchAll(CVC_VALUE)) found.push(`CVC ${mask(cvc)}`);
  }
  return [...new Set(found)];
}

/** What a database file gives away: its bytes read as Latin-1, line by line. */
function scanBytes(text: string, needles: Needles): string[] {
  const found: string[] = [];
  for (const card of longest([...needles.cards].filter((card) => text.includes(card)))) {
    found.push(`test card number ${mask(card)}`);
  }
  for (const account of needles.accounts) {
    if (text.includes(account)) found.push(`test account number ${mask(account)}`);
  }
  if (PLAINTEXT_FIELDS.test(text)) found.push('card data as plaintext JSON');
  return found;
}

/** What a scan found. */
export interface ScanResult {
  findings: Finding[];
  /** Why the folder does not look like a full run's (with `full`). */
  problems: string[];
  files: number;
  lines: number;
}

/**
 * Scans every file of `dir`; with `full`, also checks that it holds what a full test run
 * leaves (enough lines, every kind of capture).
 */
export function scanCapture(dir: string, full: boolean, needles = collectNeedles()): ScanResult {
  const files = readdirSync(dir).sort();
  const findings: Finding[] = [];
  const problems: string[] = [];
  let lines = 0;
  let fuzzLines = 0;
  for (const name of files) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const database = /\.db(-wal|-shm)?$/.test(name);
    const text = readFileSync(path, database ? 'latin1' : 'utf8');
    const fileLines = text.split('\n');
    if (!database) {
      const count = fileLines.filter((line) => line !== '').length;
      lines += count;
      if (FUZZ_FILE.test(name)) fuzzLines += count;
    }
    fileLines.forEach((line, index) => {
      if (!database && ALLOWED.some((allowed) => allowed.test(line))) return;
      for (const what of database ? scanBytes(line, needles) : scanText(line, needles)) {
        findings.push({ file: name, line: index + 1, what });
      }
    });
  }
  if (full) {
    if (fuzzLines < minFuzzLines()) {
      problems.push(
        `${dir} holds ${String(fuzzLines)} lines of the HTTP fuzz suite, fewer than the ${String(minFuzzLines())} it writes (access log and replies, one line each per request).`,
      );
    }
    if (lines - fuzzLines < MIN_OTHER_LINES) {
      problems.push(
        `${dir} holds ${String(lines - fuzzLines)} lines of the other suites' servers, fewer than the ${String(MIN_OTHER_LINES)} a full test run writes: the servers did not write their logs there.`,
      );
    }
    for (const { suffix, what } of REQUIRED) {
      if (!files.some((name) => name.endsWith(suffix))) {
        problems.push(`${dir} holds no *${suffix} file (${what}).`);
      }
    }
  }
  return { findings, problems, files: files.length, lines };
}

function main(): void {
  const dir = testLogDir() ?? join(REPO, '.test-logs');
  if (process.argv.includes('--fresh')) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return;
  }
  if (!existsSync(dir)) {
    console.error(`Leak scan: ${dir} does not exist; run \`npm test\`, which fills it.`);
    process.exit(1);
  }
  const needles = collectNeedles();
  const result = scanCapture(dir, !process.argv.includes('--partial'), needles);
  console.log(
    `Leak scan of ${relative(REPO, dir) || dir}: ${String(result.files)} files, ${String(result.lines)} lines, for ${String(needles.cards.size)} card and ${String(needles.accounts.size)} account numbers and CVCs.`,
  );
  for (const { file, line, what } of result.findings) {
    console.error(`${join(relative(REPO, dir), file)}:${String(line)}: ${what}`);
  }
  for (const problem of result.problems) console.error(problem);
  if (result.findings.length > 0 || result.problems.length > 0) {
    console.error(
      `Leak scan failed: ${String(result.findings.length)} findings, ${String(result.problems.length)} problems.`,
    );
    process.exit(1);
  }
  console.log('Leak scan: no card number, CVC or account number found.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
