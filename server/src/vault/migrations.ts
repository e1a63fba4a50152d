/**
 * Versioned schema migrations, as every adapter applies them: numbered 1, 2, 3… without gaps,
 * applied in order, each recorded in the database's `schema_migrations` table in the same
 * transaction as its changes. A database at an older version is upgraded on start; one at a
 * newer version than this release knows is refused, so an old server never writes to a schema
 * it does not understand. The statements themselves are the adapter's (SQL dialects differ).
 */
import { ConfigError } from '../config-error.js';

/** One schema change. */
export interface Migration {
  /** 1, 2, 3…: the schema version after this migration. */
  version: number;
  /** What it does, recorded with it. */
  name: string;
}

/** A database whose schema this release cannot use. */
export class SchemaVersionError extends ConfigError {
  override name = 'SchemaVersionError';
}

/** Throws unless `migrations` are numbered 1, 2, 3… in order. */
export function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}; expected ${index + 1}.`,
      );
    }
  });
}

/**
 * The migrations a database at version `current` (0: none applied) still needs, in order.
 * Throws a {@link SchemaVersionError} when the database is newer than the newest migration.
 */
export function pendingMigrations<M extends Migration>(
  migrations: readonly M[],
  current: number,
): M[] {
  checkMigrations(migrations);
  const latest = migrations.length;
  if (current > latest) {
    throw new SchemaVersionError(
      `The database has schema version ${current}, but this version of Tessera knows versions up to ${latest}: upgrade Tessera before using this database.`,
    );
  }
  return migrations.slice(current);
}
