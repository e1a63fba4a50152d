/**
 * What a restricted key (`rk_test_…`, `rk_live_…`) may do, as on Stripe: it holds the
 * permissions it was created with, and a route names the one it needs. Full secret keys hold
 * every permission; publishable keys none (they create tokens by their own rule).
 */
import { ConfigError } from '../config-error.js';
import { safeName } from '../redaction.js';

/**
 * Every permission, in the order `keys list` shows them:
 * - `token_read`: `GET /v1/tokens/:id` (the token object, fingerprint included);
 * - `token_write`: server-side `POST /v1/tokens`; write implies read, as on Stripe;
 * - `token_detokenize`: `POST /v1/tokens/:id/detokenize`, which hands out the card or account
 *   number: its own permission, implied by no other and implying none (a key that forwards card
 *   data to a processor does not also get to read fingerprints, nor to create tokens).
 */
export const PERMISSIONS = ['token_read', 'token_write', 'token_detokenize'] as const;

/** One permission a restricted key can hold. */
export type Permission = (typeof PERMISSIONS)[number];

/** The permissions that also grant a permission (write implies read). */
const GRANTED_BY: Readonly<Record<Permission, readonly Permission[]>> = {
  token_read: ['token_read', 'token_write'],
  token_write: ['token_write'],
  token_detokenize: ['token_detokenize'],
};

/** Stripe names permissions `rak_<resource>_<read|write>`; Tessera accepts both spellings. */
const STRIPE_PREFIX = 'rak_';

/** The name Stripe's error message gives a permission: `rak_token_read`. */
export function stripeName(permission: Permission): string {
  return STRIPE_PREFIX + permission;
}

/** Whether keys holding `held` may do what needs `needed` (unknown names grant nothing). */
export function grants(held: readonly string[], needed: Permission): boolean {
  return GRANTED_BY[needed].some((permission) => held.includes(permission));
}

function isPermission(name: string): name is Permission {
  return (PERMISSIONS as readonly string[]).includes(name);
}

/**
 * The permissions `--permission` named (`token_read` or Stripe's `rak_token_read`), each once,
 * in {@link PERMISSIONS} order. Throws a `ConfigError` for none, or for a name it does not know.
 */
export function parsePermissions(names: readonly string[]): Permission[] {
  if (names.length === 0) {
    throw new ConfigError(
      `A restricted key needs at least one --permission: ${PERMISSIONS.join(', ')}.`,
    );
  }
  const wanted = new Set<Permission>();
  for (const name of names) {
    const bare = name.startsWith(STRIPE_PREFIX) ? name.slice(STRIPE_PREFIX.length) : name;
    if (!isPermission(bare)) {
      throw new ConfigError(
        `Unknown permission "${safeName(name)}": use ${PERMISSIONS.join(', ')} (or Stripe's names, such as rak_token_read).`,
      );
    }
    wanted.add(bare);
  }
  return PERMISSIONS.filter((permission) => wanted.has(permission));
}
