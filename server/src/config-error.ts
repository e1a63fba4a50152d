/**
 * A problem the operator has to fix (a flag, a key file, a database from a newer release):
 * the CLI reports its message without a stack trace and exits with status 2.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
