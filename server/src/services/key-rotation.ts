/**
 * Master-key rotation (`tessera master-key rotate | status | retire`). Records are sealed with
 * data keys that are wrapped under master keys (see `crypto/keyring.ts`), so:
 *
 * 1. `rotate` wraps every data key and the fingerprint key under the new master key too, and
 *    makes a new current data key wrapped under both, all in one transaction. Nodes on either
 *    master key can then open everything.
 * 2. It re-encrypts, a batch per transaction, every blob not under the current data key. Each
 *    blob is replaced only while it is still the one read, so a concurrent detokenize or erasure
 *    wins. Nothing but the records says what is left: a run killed anywhere is run again.
 * 3. Once every node runs on the new master key and nothing is left, `retire` deletes the
 *    retired master key's wrappings and the data keys it wrapped (the current one excepted),
 *    refusing while any record is still sealed under one of them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '../config-error.js';
import {
  FINGERPRINT_KEY_ID,
  masterKeyId,
  newDataKey,
  unwrapKey,
  wrapKey,
} from '../crypto/keyring.js';
import { dataKeyIdOf, type Sealer } from '../crypto/sealer.js';
import type { KeyWrapping, SealedReplacement, StoredKeyring, Vault } from '../vault/vault.js';
import { cvcRecordId } from './token-service.js';

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** The ids of every key in the keyring: data keys and `fingerprint`. */
function keyIds(keyring: StoredKeyring): string[] {
  return [...new Set(keyring.wrappings.map((w) => w.keyId))];
}

/** What step 1 of a rotation did. */
export interface PreparedRotation {
  /** The data key records are sealed with from now on. */
  dataKeyId: string;
  /** Whether this run made it (false: a run before this one did, and was stopped after). */
  created: boolean;
  /** Wrappings stored under the new master key. */
  wrapped: number;
}

/**
 * Step 1: every key wrapped under `next` too, and a new current data key wrapped under
 * `current` and `next`, in one transaction. A second run with the same keys (after a kill)
 * finds the work done and changes nothing.
 */
export async function prepareRotation(
  vault: Vault,
  current: Buffer,
  next: Buffer,
): Promise<PreparedRotation> {
  const currentId = masterKeyId(current);
  const nextId = masterKeyId(next);
  if (currentId === nextId) {
    throw new ConfigError(`The new master key is the current one (id ${currentId}).`);
  }
  const keyring = await vault.getKeyring();
  const currentKeyId = keyring.currentKeyId;
  if (currentKeyId === null) throw new Error('The vault has no keyring yet.');
  const wrappedUnder = (keyId: string, masterId: string) =>
    keyring.wrappings.find((w) => w.keyId === keyId && w.masterKeyId === masterId);
  const created = unixNow();
  const add: KeyWrapping[] = [];
  for (const keyId of keyIds(keyring)) {
    if (wrappedUnder(keyId, nextId)) continue;
    const mine = wrappedUnder(keyId, currentId);
    if (!mine) {
      throw new ConfigError(
        `Key ${keyId} is not wrapped under the current master key (id ${currentId}): rotate with a master key that wraps every key (see tessera master-key status).`,
      );
    }
    add.push(wrapKey(next, keyId, unwrapKey(current, mine), created));
  }
  if (add.length === 0 && wrappedUnder(currentKeyId, currentId)) {
    return { dataKeyId: currentKeyId, created: false, wrapped: 0 };
  }
  const fresh = newDataKey();
  add.push(
    wrapKey(current, fresh.id, fresh.key, created),
    wrapKey(next, fresh.id, fresh.key, created),
  );
  if (!(await vault.updateKeyring(add, fresh.id, currentKeyId))) {
    throw new ConfigError('Another rotation changed the keyring meanwhile: run the command again.');
  }
  return { dataKeyId: fresh.id, created: true, wrapped: add.length - 1 };
}

/** One batch of step 2, as printed. */
export interface BatchProgress {
  batch: number;
  /** Blobs re-encrypted in this batch. */
  re_encrypted: number;
  /** Blobs a concurrent detokenize or erasure changed first (left to it). */
  skipped: number;
  /** The last token id of the batch. */
  last_id: string;
}

/** How step 2 runs. */
export interface ReencryptOptions {
  /** Tokens per batch (one transaction each). */
  batchSize: number;
  /** A wait between batches, to leave the database to the nodes. */
  pauseMs: number;
  /** Told about each committed batch. */
  onBatch?: (progress: BatchProgress) => void;
}

/**
 * Step 2: re-encrypts, in token-id order and a batch per transaction, every blob not sealed
 * under `sealer`'s current data key. Returns the totals of this pass.
 */
export async function reencrypt(
  vault: Vault,
  sealer: Sealer,
  options: ReencryptOptions,
): Promise<{ re_encrypted: number; skipped: number }> {
  const totals = { re_encrypted: 0, skipped: 0 };
  const target = sealer.keyId;
  let after = '';
  for (let batch = 1; ; batch++) {
    const rows = await vault.findSealedNotUnder(target, after, options.batchSize);
    const last = rows.at(-1);
    if (!last) return totals;
    const replacements: SealedReplacement[] = [];
    const again = (old: Buffer, recordId: string) =>
      sealer.seal(sealer.open(old, recordId), recordId);
    for (const row of rows) {
      if (row.sealed && dataKeyIdOf(row.sealed) !== target) {
        replacements.push({
          id: row.id,
          column: 'sealed',
          old: row.sealed,
          new: again(row.sealed, row.id),
        });
      }
      if (row.sealedCvc && dataKeyIdOf(row.sealedCvc) !== target) {
        const recordId = cvcRecordId(row.id);
        replacements.push({
          id: row.id,
          column: 'sealed_cvc',
          old: row.sealedCvc,
          new: again(row.sealedCvc, recordId),
        });
      }
    }
    const replaced = await vault.replaceSealed(replacements);
    totals.re_encrypted += replaced;
    totals.skipped += replacements.length - replaced;
    options.onBatch?.({
      batch,
      re_encrypted: replaced,
      skipped: replacements.length - replaced,
      last_id: last.id,
    });
    after = last.id;
    if (options.pauseMs > 0) await sleep(options.pauseMs);
  }
}

/** What `tessera master-key status` prints. */
export interface KeyringStatus {
  /** The master key the command ran with. */
  master_key: string;
  current_data_key: string | null;
  master_keys: { id: string; wraps: string[] }[];
  data_keys: {
    id: string;
    current: boolean;
    /** Unix seconds; null for an id no key of the keyring has (records under a lost key). */
    created: number | null;
    master_keys: string[];
    records: number;
  }[];
  fingerprint_key: { master_keys: string[] };
  /** Sealed blobs under data keys other than the current one: what `rotate` has left. */
  records_left: number;
}

/** The keyring and how many sealed blobs each data key holds. */
export async function keyringStatus(vault: Vault, master: Buffer): Promise<KeyringStatus> {
  const keyring = await vault.getKeyring();
  const counts = await vault.countSealedByKey();
  const wrapsOf = (keyId: string) =>
    keyring.wrappings.filter((w) => w.keyId === keyId).map((w) => w.masterKeyId);
  const dataKeyIds = keyIds(keyring).filter((id) => id !== FINGERPRINT_KEY_ID);
  // Records under an id the keyring does not know (none, unless something is wrong) show too.
  const unknown = [...counts.keys()].filter((id) => !dataKeyIds.includes(id));
  return {
    master_key: masterKeyId(master),
    current_data_key: keyring.currentKeyId,
    master_keys: [...new Set(keyring.wrappings.map((w) => w.masterKeyId))].map((id) => ({
      id,
      wraps: keyring.wrappings.filter((w) => w.masterKeyId === id).map((w) => w.keyId),
    })),
    data_keys: [...dataKeyIds, ...unknown].map((id) => ({
      id,
      current: id === keyring.currentKeyId,
      created: keyring.wrappings.find((w) => w.keyId === id)?.created ?? null,
      master_keys: wrapsOf(id),
      records: counts.get(id) ?? 0,
    })),
    fingerprint_key: { master_keys: wrapsOf(FINGERPRINT_KEY_ID) },
    records_left: [...counts]
      .filter(([id]) => id !== keyring.currentKeyId)
      .reduce((sum, [, n]) => sum + n, 0),
  };
}

/** What `retire` deleted. */
export interface Retired {
  master_key: string;
  /** Data keys deleted with it (no record used them any more). */
  deleted_data_keys: string[];
  deleted_wrappings: number;
}

/**
 * Retires master key `retiredId`, run with `current` (a master key that stays). Refuses
 * unless the current data key and the fingerprint key are wrapped under another master key
 * too, and while any record is sealed under a data key other than the current one that the
 * retired key wraps: such a key is in every backup made before, openable with the retired
 * master key. Otherwise deletes every wrapping under `retiredId` and those data keys.
 */
export async function retireMasterKey(
  vault: Vault,
  current: Buffer,
  retiredId: string,
): Promise<Retired> {
  const currentId = masterKeyId(current);
  if (retiredId === currentId) {
    throw new ConfigError(
      `Master key ${retiredId} is the one this command runs with: retire it with the new master key (TESSERA_MASTER_KEY or --master-key-file).`,
    );
  }
  const keyring = await vault.getKeyring();
  const under = keyring.wrappings.filter((w) => w.masterKeyId === retiredId);
  if (under.length === 0) {
    throw new ConfigError(
      `No key is wrapped under master key ${retiredId}: it is not one of this vault's master keys, or it was retired already (see tessera master-key status).`,
    );
  }
  const staysOpen = (keyId: string) =>
    keyring.wrappings.some((w) => w.keyId === keyId && w.masterKeyId !== retiredId);
  for (const keyId of [keyring.currentKeyId ?? '', FINGERPRINT_KEY_ID]) {
    if (!staysOpen(keyId)) {
      throw new ConfigError(
        `Key ${keyId} is wrapped under no master key but ${retiredId}: run tessera master-key rotate --new-key-file <path> first.`,
      );
    }
  }
  const doomed = under
    .map((w) => w.keyId)
    .filter((id) => id !== FINGERPRINT_KEY_ID && id !== keyring.currentKeyId);
  const result = await vault.retireMasterKey(retiredId, doomed);
  if (result.kind === 'in_use') {
    throw new ConfigError(
      `${String(result.records)} sealed records still use data keys of master key ${retiredId} (${doomed.join(', ')}): restart every node with the new master key, run tessera master-key rotate until it reports 0 left, then retire again.`,
    );
  }
  return { master_key: retiredId, deleted_data_keys: doomed, deleted_wrappings: result.deleted };
}
