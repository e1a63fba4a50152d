import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkMigrations,
  pendingMigrations,
  SchemaVersionError,
} from '../../src/vault/migrations.js';
import { SQLITE_MIGRATIONS } from '../../src/vault/sqlite/migrations.js';

const three = [
  { version: 1, name: 'one' },
  { version: 2, name: 'two' },
  { version: 3, name: 'three' },
];

describe('schema migrations', () => {
  it('lists what a database at each version still needs, in order', () => {
    assert.deepEqual(pendingMigrations(three, 0), three);
    assert.deepEqual(
      pendingMigrations(three, 1).map((m) => m.name),
      ['two', 'three'],
    );
    assert.deepEqual(pendingMigrations(three, 3), []);
  });

  it('refuses a database newer than every migration it knows', () => {
    assert.throws(() => pendingMigrations(three, 4), SchemaVersionError);
  });

  it('refuses migration lists with gaps, duplicates or the wrong order', () => {
    for (const list of [
      [{ version: 2, name: 'starts at two' }],
      [
        { version: 1, name: 'a' },
        { version: 1, name: 'b' },
      ],
      [
        { version: 1, name: 'a' },
        { version: 3, name: 'gap' },
      ],
    ]) {
      assert.throws(() => {
        checkMigrations(list);
      }, /expected/);
    }
  });

  it("the SQLite adapter's migrations are numbered 1, 2, 3… and named", () => {
    checkMigrations(SQLITE_MIGRATIONS);
    for (const migration of SQLITE_MIGRATIONS) assert.notEqual(migration.name.trim(), '');
  });
});
