/**
 * The demo merchant: a checkout page on its own origin (`http://localhost:4243`) that uses every
 * Tessera integration path, and the small backend a merchant runs next to it. The backend alone
 * holds the secret key: it retrieves and uses tokens for the page, and no page, script or reply
 * it sends to the browser contains the key.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import formBody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { importMap, vendorPackages } from './import-map.js';
import {
  cardAttributes,
  contentSecurityPolicy,
  fillTemplate,
  inlineScripts,
  paymentFailedPage,
  paymentReceivedPage,
  preferenceControls,
  preferenceValues,
  readPage,
  scriptHash,
  scriptJson,
} from './pages.js';
import { DEFAULT_PREFERENCES, readPreferences, type Preferences } from './preferences.js';
import { TOKEN_ID, VaultClient, VaultUnavailableError, type VaultReply } from './vault-client.js';

/** The repository root. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What the demo needs to know. */
export interface DemoOptions {
  /** The token server, e.g. `http://127.0.0.1:4242`: the page's vault origin. */
  vaultUrl: string;
  /** `pk_test_…`: written into the pages. */
  publishableKey: string;
  /** `sk_test_…`: used by the backend routes only, never sent to the browser. */
  secretKey: string;
  /** The npm ESM build, served at `/lib/` (default `dist/esm`). */
  libDir?: string;
  /** Where the build's dependencies (Lit) are installed (default `node_modules`). */
  nodeModules?: string;
  /** Fastify's logger option (default: off). */
  logger?: FastifyServerOptions['logger'];
}

/** A running demo server. */
export interface RunningDemo {
  app: FastifyInstance;
  /** `http://localhost:<port>`. */
  url: string;
  close(): Promise<void>;
}

type TokenPath = { Params: { id: string } };

/** An error reply in Stripe's envelope, for mistakes the demo catches itself. */
function errorBody(message: string, type = 'invalid_request_error'): Record<string, unknown> {
  return { error: { type, message } };
}

/** Asks the token server; an unreachable one becomes a 502 reply instead of an exception. */
async function askVault(call: () => Promise<VaultReply>): Promise<VaultReply> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof VaultUnavailableError)) throw error;
    return { status: 502, body: errorBody(error.message, 'api_connection_error') };
  }
}

/**
 * The status the demo answers with for a failed token-server reply: the shopper's mistakes
 * (bad, unknown or used token) pass through; a key the vault refuses or a vault error is the
 * demo's own fault towards the page, a bad gateway.
 */
function replyStatus(vaultStatus: number): number {
  return vaultStatus >= 400 && vaultStatus < 500 && vaultStatus !== 401 && vaultStatus !== 403
    ? vaultStatus
    : 502;
}

/** The message of a Stripe error envelope. */
function errorMessage(reply: VaultReply): string {
  const error = reply.body.error as { message?: unknown } | undefined;
  return typeof error?.message === 'string' ? error.message : `Token server error ${reply.status}`;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function lastFour(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(-4) : null;
}

/**
 * What the backend shows of a used token: enough to prove it received the data (last four
 * digits, brand, expiry, the names of the fields), never a full number or a CVC.
 */
function receivedSummary(
  token: Record<string, unknown>,
  detokenized: Record<string, unknown>,
): Record<string, unknown> {
  const type = String(detokenized.type);
  const data = record(detokenized[type]);
  const publicPart = record(token[type]);
  const summary: Record<string, unknown> = (() => {
    switch (type) {
      case 'card':
        return {
          brand: publicPart.brand,
          last4: lastFour(data.number),
          exp_month: data.exp_month,
          exp_year: data.exp_year,
        };
      case 'bank_account':
        return {
          bank_name: publicPart.bank_name,
          routing_number: data.routing_number,
          last4: lastFour(data.account_number),
        };
      case 'cvc_update':
        return { cvc_digits: typeof data.cvc === 'string' ? data.cvc.length : null };
      default:
        return {};
    }
  })();
  return {
    object: 'demo_payment',
    token: detokenized.id,
    type,
    used: true,
    received: { ...summary, fields: Object.keys(data) },
  };
}

/** Builds the demo app (not listening). Throws when the npm build is missing. */
export async function buildDemoApp(options: DemoOptions): Promise<FastifyInstance> {
  const libDir = options.libDir ?? join(ROOT, 'dist', 'esm');
  if (!existsSync(join(libDir, 'index.js'))) {
    throw new Error(`The npm build is missing (${libDir}/index.js): run \`npm run build\`.`);
  }
  const vendor = vendorPackages(libDir, options.nodeModules ?? join(ROOT, 'node_modules'));
  const vault = new VaultClient(options.vaultUrl, options.secretKey);
  const vaultOrigin = new URL(options.vaultUrl).origin;

  const importMapJson = scriptJson(
    importMap({ tessera: '/lib/index.js', 'tessera/': '/lib/' }, vendor),
  );
  const values = {
    vaultOrigin,
    vaultHost: new URL(vaultOrigin).host,
    publishableKey: options.publishableKey,
    scriptSrc: `${vaultOrigin}/v1/tessera.js`,
  };
  const templates = { checkout: readPage('index.html'), noJs: readPage('no-js.html') };
  const pages = {
    /** The checkout as the preferences show it; its CSP allows its inline scripts by hash. */
    checkout(preferences: Preferences): { html: string; csp: string } {
      const html = fillTemplate(
        templates.checkout,
        { ...values, ...preferenceValues(preferences) },
        { importMap: importMapJson, ...preferenceControls(preferences) },
      );
      const csp = contentSecurityPolicy({
        'script-src': ["'self'", ...inlineScripts(html).map(scriptHash)].join(' '),
        'connect-src': "'self'",
        'frame-src': `'self' ${vaultOrigin}`,
        'frame-ancestors': "'none'",
      });
      return { html, csp };
    },
    /** The no-JavaScript page: the preferences become its element's `theme` and `locale`. */
    noJs(preferences: Preferences): string {
      return fillTemplate(
        templates.noJs,
        { ...values, ...preferenceValues(preferences) },
        { cardAttributes: cardAttributes(preferences) },
      );
    },
    noJsCsp: contentSecurityPolicy({ 'script-src': vaultOrigin, 'frame-src': vaultOrigin }),
    receiptCsp: contentSecurityPolicy({}),
  };
  // A template that names a value nobody fills in stops the start-up, not a request.
  pages.checkout(DEFAULT_PREFERENCES);
  pages.noJs(DEFAULT_PREFERENCES);

  const app = Fastify({ logger: options.logger ?? false });
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    done(null, payload);
  });
  await app.register(formBody);
  await app.register(fastifyStatic, {
    root: join(ROOT, 'demo', 'public'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
  });
  await app.register(fastifyStatic, {
    root: libDir,
    prefix: '/lib/',
    decorateReply: false,
    index: false,
  });
  for (const pkg of vendor) {
    await app.register(fastifyStatic, {
      root: pkg.dir,
      prefix: `/vendor/${pkg.name}/`,
      decorateReply: false,
      index: false,
      allowedPath: (path) => path.endsWith('.js'),
    });
  }

  // Display preferences come from the query (`?theme=night&page=dark&locale=ar`).
  app.get('/', (request, reply) => {
    const { html, csp } = pages.checkout(readPreferences(request.query));
    return reply.type('text/html; charset=utf-8').header('Content-Security-Policy', csp).send(html);
  });

  app.get('/no-js', (request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', pages.noJsCsp)
      .send(pages.noJs(readPreferences(request.query))),
  );

  // The no-JavaScript form's target: `token=tok_…`, form-encoded; the query keeps the page's
  // display preferences for the page it answers with.
  app.post<{ Body: Record<string, unknown> | undefined }>('/pay', async (request, reply) => {
    reply.type('text/html; charset=utf-8').header('Content-Security-Policy', pages.receiptCsp);
    const preferences = readPreferences(request.query);
    const failed = (message: string) => paymentFailedPage(message, preferences);
    const token = request.body?.token;
    if (typeof token !== 'string' || token === '') {
      return reply.code(400).send(failed('The form posted no token: the card was not tokenized.'));
    }
    if (!TOKEN_ID.test(token)) {
      return reply.code(400).send(failed('The form posted something that is no token id.'));
    }
    const found = await askVault(() => vault.retrieveToken(token));
    if (found.status !== 200) {
      return reply.code(replyStatus(found.status)).send(failed(errorMessage(found)));
    }
    return reply.send(paymentReceivedPage(found.body, preferences));
  });

  // The merchant backend panel: the token as the backend sees it.
  app.get<TokenPath>('/api/tokens/:id', async (request, reply) => {
    const { id } = request.params;
    if (!TOKEN_ID.test(id)) return reply.code(400).send(errorBody(`Not a token id: ${id}`));
    const found = await askVault(() => vault.retrieveToken(id));
    return reply.code(found.status === 200 ? 200 : replyStatus(found.status)).send(found.body);
  });

  // The merchant backend panel: use the token once (a second call fails: token_already_used).
  app.post<TokenPath>('/api/tokens/:id/use', async (request, reply) => {
    const { id } = request.params;
    if (!TOKEN_ID.test(id)) return reply.code(400).send(errorBody(`Not a token id: ${id}`));
    const found = await askVault(() => vault.retrieveToken(id));
    if (found.status !== 200) return reply.code(replyStatus(found.status)).send(found.body);
    const used = await askVault(() => vault.detokenize(id));
    if (used.status !== 200) return reply.code(replyStatus(used.status)).send(used.body);
    return reply.send(receivedSummary(found.body, used.body));
  });

  return app;
}

/** Builds the demo app and listens on `host:port` (`localhost` and 4243 by default). */
export async function startDemoServer(
  options: DemoOptions & { host?: string; port?: number },
): Promise<RunningDemo> {
  const app = await buildDemoApp(options);
  const host = options.host ?? 'localhost';
  await app.listen({ host, port: options.port ?? 4243 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    app,
    url: `http://${host}:${String(port)}`,
    close: () => app.close(),
  };
}
