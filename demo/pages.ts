/**
 * The demo's HTML: the two page templates in `demo/pages/` filled in at start-up, the pages the
 * no-JavaScript form lands on, and their Content-Security-Policy headers.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  DEFAULT_PREFERENCES,
  LOCALES,
  PAGE_SCHEMES,
  THEMES,
  pageLanguage,
  preferencesQuery,
  type Preferences,
} from './preferences.js';

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${String(char.charCodeAt(0))};`);
}

/**
 * Replaces each `{{name}}` of the template with the escaped value and each `{{{name}}}` with the
 * raw one (for a `<script>` element's content, already made safe there); unknown names throw.
 */
export function fillTemplate(
  template: string,
  values: Record<string, string>,
  raw: Record<string, string> = {},
): string {
  return template.replace(/\{\{(\{)?(\w+)\}?\}\}/g, (match, triple: string | undefined, name) => {
    const value = triple ? raw[name as string] : values[name as string];
    if (value === undefined) throw new Error(`template value missing: ${match}`);
    return triple ? value : escapeHtml(value);
  });
}

/** Reads `demo/pages/<name>`. */
export function readPage(name: string): string {
  return readFileSync(new URL(`./pages/${name}`, import.meta.url), 'utf8');
}

/** A JSON text safe to place inside a `<script>` element (no `</script>`, no `<!--`). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/</g, '\\u003c');
}

/** The content of every inline `<script>` of a page (the import map), exactly as served. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, content = '']) => content,
  );
}

/** The CSP source that allows exactly this inline script. */
export function scriptHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content).digest('base64')}'`;
}

/** Builds a Content-Security-Policy header value; nothing is allowed unless listed. */
export function contentSecurityPolicy(directives: Record<string, string>): string {
  const base = {
    'default-src': "'none'",
    'base-uri': "'none'",
    'object-src': "'none'",
    'style-src': "'self'",
    'img-src': "'self' data:",
    'form-action': "'self'",
    'frame-ancestors': "'self'",
  };
  return Object.entries({ ...base, ...directives })
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** Words for the choices of the checkout's display controls. */
const CHOICE_LABELS: Record<string, string> = {
  stripe: 'Stripe',
  night: 'Night',
  flat: 'Flat',
  light: 'Light',
  dark: 'Dark',
};

/** One radio button of a segmented control, checked when it is the current value. */
function choice(name: string, value: string, current: string): string {
  const checked = value === current ? ' checked' : '';
  return `<label class="segment"><input type="radio" name="${escapeHtml(name)}" value="${escapeHtml(value)}"${checked} /><span>${escapeHtml(CHOICE_LABELS[value] ?? value)}</span></label>`;
}

/**
 * The checkout's display controls as the preferences set them: the theme and page radio
 * buttons, and the language options, each named in its own language (and marked as such).
 */
export function preferenceControls(preferences: Preferences): Record<string, string> {
  const locales = LOCALES.map(({ tag, name, ...rest }) => {
    const selected = tag === preferences.locale ? ' selected' : '';
    const dir = 'rtl' in rest ? ' data-dir="rtl"' : '';
    return `<option value="${escapeHtml(tag)}" lang="${escapeHtml(tag)}"${dir}${selected}>${escapeHtml(name)}</option>`;
  });
  const auto = preferences.locale === 'auto' ? ' selected' : '';
  return {
    themeChoices: THEMES.map((theme) => choice('theme', theme, preferences.theme)).join(''),
    pageChoices: PAGE_SCHEMES.map((page) => choice('page', page, preferences.page)).join(''),
    localeOptions: [`<option value="auto"${auto}>Browser language</option>`, ...locales].join(''),
  };
}

/**
 * What the page templates fill in from the preferences: the `<html>` attributes (`lang`, `dir`,
 * the page's `data-theme`, the elements' theme for the page's own inputs) and the query the
 * page's links carry.
 */
export function preferenceValues(preferences: Preferences) {
  const { lang, dir } = pageLanguage(preferences.locale);
  return {
    lang,
    dir,
    pageScheme: preferences.page,
    theme: preferences.theme,
    query: preferencesQuery(preferences),
  };
}

/**
 * The attributes the no-JavaScript page's `<tessera-card>` takes from the preferences (its
 * language is also its `lang`); none for the defaults.
 */
export function cardAttributes(preferences: Preferences): string {
  const attributes: string[] = [];
  if (preferences.theme !== DEFAULT_PREFERENCES.theme) {
    attributes.push(`theme="${escapeHtml(preferences.theme)}"`);
  }
  if (preferences.locale !== 'auto') {
    const locale = escapeHtml(preferences.locale);
    attributes.push(`locale="${locale}"`, `lang="${locale}"`);
  }
  return attributes.map((attribute) => ` ${attribute}`).join('');
}

/** The page shell of the pages the no-JavaScript form leads to (they render in its frame). */
function embeddedPage(title: string, body: string, preferences: Preferences): string {
  const { lang, dir, pageScheme } = preferenceValues(preferences);
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${dir}" data-theme="${pageScheme}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)} · Tessera demo</title>
    <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/assets/demo.css" />
  </head>
  <body class="embedded">
    <main class="receipt" lang="en">
${body}
    </main>
  </body>
</html>
`;
}

/** A card's or bank account's display line from the public token object (no full number). */
function paymentMethodLine(token: Record<string, unknown>): string {
  const card = token.card as Record<string, unknown> | undefined;
  if (card) {
    const month = String(card.exp_month).padStart(2, '0');
    return `${String(card.brand)} •••• ${String(card.last4)} · expires ${month}/${String(card.exp_year)}`;
  }
  const bank = token.bank_account as Record<string, unknown> | undefined;
  if (bank) return `${String(bank.bank_name)} •••• ${String(bank.last4)}`;
  return String(token.type);
}

/** `POST /pay` succeeded: the token as the backend retrieved it with its secret key. */
export function paymentReceivedPage(
  token: Record<string, unknown>,
  preferences: Preferences = DEFAULT_PREFERENCES,
): string {
  const id = String(token.id);
  const again = `/no-js${preferencesQuery(preferences)}`;
  return embeddedPage(
    'Payment received',
    `      <div class="receipt-head">
        <span class="receipt-icon receipt-icon-ok" aria-hidden="true">✓</span>
        <div>
          <h1>Payment received</h1>
          <p class="muted">${escapeHtml(paymentMethodLine(token))}</p>
        </div>
      </div>
      <p>
        The form posted <code>token=${escapeHtml(id)}</code> to <code>POST /pay</code>. The
        backend retrieved the token from the vault with its secret key:
      </p>
      <pre class="json json-compact" tabindex="0" aria-label="Token JSON">${escapeHtml(JSON.stringify(token, null, 2))}</pre>
      <p class="muted small">
        A real backend would now use the token once and charge the card through its processor.
      </p>
      <a class="button button-secondary" href="${escapeHtml(again)}">Start over</a>`,
    preferences,
  );
}

/** `POST /pay` failed: what went wrong, in words a shopper (and a developer) can act on. */
export function paymentFailedPage(
  message: string,
  preferences: Preferences = DEFAULT_PREFERENCES,
): string {
  const again = `/no-js${preferencesQuery(preferences)}`;
  return embeddedPage(
    'Payment not completed',
    `      <div class="receipt-head">
        <span class="receipt-icon receipt-icon-error" aria-hidden="true">!</span>
        <div>
          <h1>Payment not completed</h1>
          <p class="muted" role="alert">${escapeHtml(message)}</p>
        </div>
      </div>
      <a class="button button-secondary" href="${escapeHtml(again)}">Try again</a>`,
    preferences,
  );
}
