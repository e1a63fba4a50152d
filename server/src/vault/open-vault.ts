import type { DatabaseConfig, VaultConfig } from '../config.js';
import { ConfigError } from '../config-error.js';
import { loadMasterKey } from '../crypto/master-key.js';
import { Sealer } from '../crypto/sealer.js';
import { openSqliteVault } from './sqlite/sqlite-vault.js';
import type { Vault } from './vault.js';

/** An open vault with the sealer for its master key. */
export interface OpenedVault {
  vault: Vault;
  sealer: Sealer;
}

const MASTER_KEY_META = 'master_key_id';

/** Every adapter, by the `kind` of its configuration: the only place that knows them all. */
const ADAPTERS: {
  [Kind in DatabaseConfig['kind']]: (
    config: Extract<DatabaseConfig, { kind: Kind }>,
  ) => Promise<Vault>;
} = {
  sqlite: openSqliteVault,
};

/**
 * Opens the configured vault (its schema migrated) and loads the master key. The first start
 * records the key's id in the database; a later start with another key fails closed here
 * instead of writing data that the old key cannot read or failing on the first detokenize.
 */
export async function openVault(config: VaultConfig): Promise<OpenedVault> {
  const sealer = new Sealer(loadMasterKey(config.masterKey));
  const vault = await ADAPTERS[config.database.kind](config.database);
  try {
    const recorded = await vault.setMetaIfAbsent(MASTER_KEY_META, sealer.keyId);
    if (recorded !== sealer.keyId) {
      throw new ConfigError(
        `The master key (id ${sealer.keyId}) is not the one this database was created with (id ${recorded}). Set TESSERA_MASTER_KEY or restore the key file.`,
      );
    }
  } catch (error) {
    await vault.close();
    throw error;
  }
  return { vault, sealer };
}
