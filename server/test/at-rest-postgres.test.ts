/**
 * Data at rest on the Postgres vault, as at-rest.test.ts checks the SQLite files: after tokens
 * of every kind were created and detokenized, every row of every table of the vault's database,
 * read through SQL in Postgres's own text form (bytea as hex), holds no card number, CVC,
 * account or id number, neither as text nor as the hex of its bytes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STRIPE_TEST_CARDS } from '../../test/fixtures/stripe-test-cards.js';
import { call, createToken, visaCard } from './helpers/http.js';
import { createTestDatabase } from './helpers/postgres.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const ACCOUNT_NUMBER = '000123456789';
const ID_NUMBER = '987-65-4321';
const CVCS = ['7531', '8642'];

const database = await createTestDatabase();
const skip = 'skip' in database ? database.skip : undefined;

describe('data at rest on Postgres', { skip: skip ?? false }, () => {
  let server: TestServer;
  /** Every row of every table of the vault, in Postgres's text form. */
  let dump = '';
  let tables: string[] = [];

  before(async () => {
    if ('skip' in database) return;
    server = await startTestServer({ postgresUrl: database.url });
    const key = server.test.publishable_key;
    const ids: string[] = [];
    const made = async (params: Record<string, unknown>) => {
      const reply = await createToken(server, params, { key });
      assert.equal(reply.status, 200, reply.text);
      ids.push((JSON.parse(reply.text) as { id: string }).id);
    };
    for (const card of STRIPE_TEST_CARDS) {
      await made(visaCard({ number: card.number, cvc: '7531'.slice(0, card.cvcLength) }));
    }
    await made({
      bank_account: { country: 'US', routing_number: '110000000', account_number: ACCOUNT_NUMBER },
    });
    await made({ pii: { id_number: ID_NUMBER } });
    await made({ cvc_update: { cvc: '8642' } });
    // Half of them used: the CVC erased, the row kept.
    for (const id of ids.filter((_, i) => i % 2 === 0)) {
      const reply = await call(`${server.url}/v1/tokens/${id}/detokenize`, {
        method: 'POST',
        key: server.test.secret_key,
      });
      assert.equal(reply.status, 200, reply.text);
    }
    tables = (
      await server.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
      )
    ).map((row) => row.name);
    for (const table of tables) {
      const rows = await server.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`);
      dump += rows.map((row) => row.row).join('\n');
    }
  });
  after(async () => {
    if ('skip' in database) return;
    await server.close();
    await database.drop();
  });

  it('holds no card number, CVC, account or id number in any table, as text or bytes', () => {
    assert.ok(tables.includes('tokens'), `the vault's tables: ${tables.join(', ')}`);
    assert.ok(dump.length > 10_000, 'the dump holds the tokens');
    assert.match(dump, /tok_/, 'token ids are there in the clear');
    // Postgres writes bytea as `\x` and hex: apart, the rest is the text of the rows.
    const bytes = (dump.match(/\\\\x[0-9a-f]*/g) ?? []).join(' ');
    const text = dump.replace(/\\\\x[0-9a-f]*/g, ' ');
    assert.ok(bytes.length > 1000, 'the sealed data is there, as bytea');
    const numbers = [...STRIPE_TEST_CARDS.map((card) => card.number), ACCOUNT_NUMBER, ID_NUMBER];
    for (const secret of [...numbers, ...CVCS]) {
      // A CVC is short: a run of its own, not digits inside a time or an id.
      const asText = new RegExp(`(?<![0-9A-Za-z])${secret}(?![0-9A-Za-z])`);
      assert.doesNotMatch(text, asText, `${secret.slice(-4)} as text`);
      const hex = Buffer.from(secret).toString('hex');
      assert.equal(bytes.includes(hex), false, `${secret.slice(-4)} as bytes`);
    }
    for (const number of numbers) assert.equal(text.includes(number), false, number.slice(-4));
    assert.doesNotMatch(dump, /"(number|cvc|account_number|id_number)"/);
  });
});
