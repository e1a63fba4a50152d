import { dirname } from 'node:path';
import type { DatabaseConfig, VaultConfig } from '../config.js';
import { ConfigError } from '../config-error.js';
import { loadMasterKey } from '../crypto/master-key.js';
import { Sealer } from '../crypto/sealer.js';
import { openPostgresVault } from './postgres/postgres-vault.js';
import { openSqliteVault } from './sqlite/sqlite-vault.js';
import type { Vault, VaultObserver } from './vault.js';

/** An open vault with the sealer for its master key. */
export interface OpenedVault {
  vault: Vault;
  sealer: Sealer;
  /** What the operator should hear about at start (the key file's place, say). */
  warnings: string[];
}

/** What the caller is about to do with the vault, as far as the key's placement matters. */
export interface VaultIntent {
  /** `keys create --live`: the vault is about to hold live keys. */
  creatingLiveKeys?: boolean;
  /** Hears about commits, retries and broken connections (the metrics). */
  observer?: VaultObserver;
}

/** The database's folder, when the master key file is in it; null otherwise. */
function keyFileBesideDatabase(config: VaultConfig): string | null {
  if (config.masterKey.kind !== 'file' || config.database.kind !== 'sqlite') return null;
  const folder = dirname(config.database.path);
  return dirname(config.masterKey.path) === folder ? folder : null;
}

/**
 * Whether the master key file's place is acceptable: a key file in the database's folder puts
 * every card number one copied folder (a backup, a snapshot) away from being read. That is a
 * warning for test data, and refused for live data unless `allowKeyBesideDatabase`.
 */
async function keyPlacement(
  config: VaultConfig,
  vault: Vault,
  intent: VaultIntent,
): Promise<string[]> {
  const folder = keyFileBesideDatabase(config);
  if (folder === null) return [];
  const advice = `The master key file is in the database's folder (${folder}): whoever copies that folder, a backup say, can read every card number. Keep it elsewhere (--master-key-file) or in TESSERA_MASTER_KEY.`;
  const live = intent.creatingLiveKeys || (await vault.listApiKeys()).some((key) => key.livemode);
  if (live && !config.allowKeyBesideDatabase) {
    throw new ConfigError(
      `${advice} This vault holds live keys, so Tessera refuses to use it; --allow-key-beside-db overrides.`,
    );
  }
  return [advice];
}

const MASTER_KEY_META = 'master_key_id';

/** Opens the configured adapter: the only place that knows them all. */
function openAdapter(database: DatabaseConfig, observer?: VaultObserver): Promise<Vault> {
  const observed = observer ? { observer } : {};
  switch (database.kind) {
    case 'sqlite':
      return openSqliteVault({ ...database, ...observed });
    case 'postgres':
      return openPostgresVault({ ...database, ...observed });
  }
}

/**
 * Opens the configured vault (its schema migrated) and loads the master key. The first start
 * records the key's id in the database; a later start with another key fails closed here
 * instead of writing data that the old key cannot read or failing on the first detokenize.
 */
export async function openVault(
  config: VaultConfig,
  intent: VaultIntent = {},
): Promise<OpenedVault> {
  const sealer = new Sealer(loadMasterKey(config.masterKey));
  const vault = await openAdapter(config.database, intent.observer);
  try {
    const recorded = await vault.setMetaIfAbsent(MASTER_KEY_META, sealer.keyId);
    if (recorded !== sealer.keyId) {
      throw new ConfigError(
        `The master key (id ${sealer.keyId}) is not the one this database was created with (id ${recorded}). Set TESSERA_MASTER_KEY or restore the key file.`,
      );
    }
    return { vault, sealer, warnings: await keyPlacement(config, vault, intent) };
  } catch (error) {
    await vault.close();
    throw error;
  }
}
