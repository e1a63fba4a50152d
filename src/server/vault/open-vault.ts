import { ConfigError, type VaultConfig } from '../config.js';
import { loadMasterKey } from '../crypto/master-key.js';
import { Sealer } from '../crypto/sealer.js';
import { SqliteVault } from './sqlite-vault.js';
import type { Vault } from './vault.js';

/** An open vault with the sealer for its master key. */
export interface OpenedVault {
  vault: Vault;
  sealer: Sealer;
}

const MASTER_KEY_META = 'master_key_id';

/**
 * Opens the configured vault and loads the master key. The first start records the key's id in
 * the database; a later start with another key fails closed here instead of writing data that
 * the old key cannot read or failing on the first detokenize.
 */
export async function openVault(config: VaultConfig): Promise<OpenedVault> {
  const sealer = new Sealer(loadMasterKey(config.masterKey));
  const vault = new SqliteVault(config.database.path, { synchronous: config.synchronous });
  const recorded = await vault.setMetaIfAbsent(MASTER_KEY_META, sealer.keyId);
  if (recorded !== sealer.keyId) {
    await vault.close();
    throw new ConfigError(
      `The master key (id ${sealer.keyId}) is not the one this database was created with (id ${recorded}). Set TESSERA_MASTER_KEY or restore the key file.`,
    );
  }
  return { vault, sealer };
}
