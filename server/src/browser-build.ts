import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser package's built files that the token server serves. */
export interface BrowserBuild {
  /** The iframe documents and their scripts, served at `/v1/frame/`. */
  frameDir: string;
  /** The script-tag bundle, served at `/v1/tessera.js`. */
  scriptFile: string;
}

/**
 * Where the installed `tessera` package (this server's dependency, of the same release) keeps
 * its frame and script tag, through its public exports. Resolution does not need the files to
 * exist: a server without a build starts, warns and answers 404 there.
 */
export function installedBrowserBuild(): BrowserBuild {
  const frameDocument = fileURLToPath(import.meta.resolve('tessera/frame/element.html'));
  return {
    frameDir: dirname(frameDocument),
    scriptFile: fileURLToPath(import.meta.resolve('tessera/tessera.js')),
  };
}
