/**
 * `npm run demo:frameworks` (after `npm run build`): the React, Vue and Svelte example apps
 * (`demo/frameworks/`), each built by Vite against the packed `tessera` tarball as an
 * application would install it, served on its own localhost port, with the token server on
 * http://127.0.0.1:4242 (another origin). The React app is rendered on the server and hydrated.
 * Ctrl-C stops everything.
 *
 *   node --import tsx demo/start-frameworks.ts [--port 4251] [--vault-port 4242] [--db tessera.db]
 */
import { parseArgs } from 'node:util';
import {
  buildFrameworkApp,
  FRAMEWORKS,
  reactPageRenderer,
  serveApp,
  type AppConfig,
  type Framework,
  type PageRenderer,
} from './framework-apps.js';
import { COMMON_HELP, COMMON_OPTIONS, parsePort, startVaultInTerminal } from './launch.js';

const HELP = `Usage: npm run demo:frameworks [-- options]

Builds the package, packs it, builds the React, Vue and Svelte example apps against the
tarball, then starts the token server and serves the three apps.

  --port <port>        The React app's port on localhost; Vue and Svelte take the next two
                       (default 4251)
${COMMON_HELP}`;

const TITLES: Readonly<Record<Framework, string>> = {
  react: 'React 19 (rendered on the server, then hydrated)',
  vue: 'Vue 3',
  svelte: 'Svelte 5',
};

/** Each app's client build, and for React its server renderer. */
async function buildApps(): Promise<Map<Framework, { dir: string; html?: PageRenderer }>> {
  const built = new Map<Framework, { dir: string; html?: PageRenderer }>();
  for (const name of FRAMEWORKS) {
    console.error(`Building the ${name} example against the packed tessera…`);
    const dir = await buildFrameworkApp(name);
    if (name === 'react') {
      const serverDir = await buildFrameworkApp(name, { ssrEntry: 'src/entry-server.tsx' });
      built.set(name, { dir, html: await reactPageRenderer(dir, serverDir) });
    } else {
      built.set(name, { dir });
    }
  }
  return built;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '4251' }, ...COMMON_OPTIONS },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const firstPort = parsePort(values.port, 'port', FRAMEWORKS.length - 1);
  parsePort(values['vault-port'], 'vault-port'); // before the builds, not after them
  const apps = await buildApps();
  const { vault, running, stop } = await startVaultInTerminal(values);
  const config: AppConfig = { vaultOrigin: vault.url, publishableKey: vault.keys.publishable_key };
  const lines: string[] = [];
  try {
    for (const [index, name] of FRAMEWORKS.entries()) {
      const app = apps.get(name);
      if (!app) continue;
      const served = await serveApp(app.dir, {
        config,
        port: firstPort === 0 ? 0 : firstPort + index,
        html: app.html,
      });
      running.push(served);
      lines.push(`  ${TITLES[name].padEnd(48)} ${served.url}`);
    }
  } catch (error) {
    console.error(`The example apps could not start: ${(error as Error).message}`);
    await stop(1);
    return;
  }
  console.error(`
The framework examples, each on its own origin (token server: ${vault.url}, another origin):
${lines.join('\n')}
  Open them in a browser and pay with 4242 4242 4242 4242. Ctrl-C stops everything.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
