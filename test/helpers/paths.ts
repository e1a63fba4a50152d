import { fileURLToPath } from 'node:url';

/** The repository root (the `tessera` package): the working directory of the build tests. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
