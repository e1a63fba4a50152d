import { dirname } from 'node:path';
import type { DatabaseConfig, VaultConfig } from '../config.js';
import { ConfigError } from '../config-error.js';
import { loadMasterKey } from '../crypto/master-key.js';
import {
  derivedKeys,
  FINGERPRINT_KEY_ID,
  masterKeyId,
  newDataKey,
  newFingerprintKey,
  unwrapKeyring,
  wrapKey,
  type SealerKeys,
} from '../crypto/keyring.js';
import { Sealer } from '../crypto/sealer.js';
import { openPostgresVault } from './postgres/postgres-vault.js';
import { openSqliteVault } from './sqlite/sqlite-vault.js';
import type { Vault, VaultObserver } from './vault.js';

/** An open vault with the sealer of the keys its master key unwraps. */
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

/** The master key id a database made before envelope keys (schema 5) recorded. */
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
 * The first keyring of a vault, wrapped under `master`. A database made before envelope keys
 * keeps the keys it had, derived from its master key, so its records and fingerprints stay
 * as they are; it must be that master key. A new one gets random keys.
 */
async function firstKeyring(vault: Vault, master: Buffer): Promise<void> {
  const id = masterKeyId(master);
  const recorded = await vault.getMeta(MASTER_KEY_META);
  if (recorded !== null && recorded !== id) {
    throw new ConfigError(
      `The master key (id ${id}) is not the one this database was created with (id ${recorded}). Set TESSERA_MASTER_KEY or restore the key file.`,
    );
  }
  let keys: SealerKeys;
  if (recorded === null) {
    const first = newDataKey();
    keys = {
      currentKeyId: first.id,
      dataKeys: new Map([[first.id, first.key]]),
      fingerprintKey: newFingerprintKey(),
    };
  } else {
    keys = derivedKeys(master);
  }
  const created = Math.floor(Date.now() / 1000);
  const wrappings = [
    ...[...keys.dataKeys].map(([keyId, key]) => wrapKey(master, keyId, key, created)),
    wrapKey(master, FINGERPRINT_KEY_ID, keys.fingerprintKey, created),
  ];
  // Another node starting at the same time may store its keyring first: then that one is used.
  await vault.updateKeyring(wrappings, keys.currentKeyId, null);
}

/**
 * The keys `master` unwraps from the vault's keyring (made on the first start). Fails closed,
 * with a {@link ConfigError}, when it unwraps none: a wrong master key, or a retired one.
 */
export async function loadKeyring(vault: Vault, master: Buffer): Promise<SealerKeys> {
  let keyring = await vault.getKeyring();
  if (keyring.currentKeyId === null) {
    await firstKeyring(vault, master);
    keyring = await vault.getKeyring();
  }
  return unwrapKeyring(master, keyring);
}

/**
 * Opens the configured vault (its schema migrated) and loads the master key, and with it the
 * keyring: a start with a master key that opens none of the vault's data keys fails closed
 * here instead of writing data that no node can read or failing on the first detokenize.
 */
export async function openVault(
  config: VaultConfig,
  intent: VaultIntent = {},
): Promise<OpenedVault> {
  const master = loadMasterKey(config.masterKey);
  const vault = await openAdapter(config.database, intent.observer);
  try {
    const sealer = new Sealer(await loadKeyring(vault, master), () => loadKeyring(vault, master));
    return { vault, sealer, warnings: await keyPlacement(config, vault, intent) };
  } catch (error) {
    await vault.close();
    throw error;
  }
}
