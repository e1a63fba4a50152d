// The demo checkout's own script: a plain ES module, as a merchant without a build step writes
// it. `tessera` is the npm build (dist/esm), mapped by the page's import map.
import { Tessera } from 'tessera';

const { vaultOrigin = '', publishableKey = '' } = document.body.dataset;

/** How many events the log keeps. */
const EVENT_LOG_SIZE = 14;

/**
 * What each form tokenizes. Every form gets its own Tessera instance: split fields find their
 * sibling frames through their instance, and the lone CVC field must not join them.
 */
const FLOWS = {
  card: {
    label: 'Card element',
    create: (tessera, [card], form) =>
      tessera.createToken(card, { name: form.elements.namedItem('name').value.trim() }),
  },
  split: {
    label: 'Split fields',
    create: (tessera, [number]) => tessera.createToken(number),
  },
  bank: {
    label: 'Bank account',
    create: (tessera, [bank]) =>
      tessera.createToken('bank_account', bank, { country: 'US', currency: 'usd' }),
  },
  cvc: {
    label: 'CVC re-collection',
    create: (tessera, [cvc]) => tessera.createToken('cvc_update', cvc),
  },
};

/** How the Result panel names each token type. */
const TOKEN_TYPES = { card: 'Card', bank_account: 'Bank account', cvc_update: 'CVC update' };

/** The latest token any form created: the backend panel acts on it. */
let currentToken = null;

/** One Tessera instance per form: a change of the display controls reaches every element. */
const instances = [];

/**
 * The display controls: the elements' theme, the page's lightness and the elements' language.
 * The server rendered them, and `<html>`, from the page's query, which they keep up to date.
 */
const preferences = document.querySelector('form.preferences');

/** What the display controls say: `{ theme, page, locale }`, each one of their values. */
function readPreferences() {
  const data = new FormData(preferences);
  return { theme: data.get('theme'), page: data.get('page'), locale: data.get('locale') };
}

/** The options every Tessera instance takes from the display preferences. */
function elementOptions({ theme, locale }) {
  return { locale, appearance: { theme } };
}

/** The chosen language's `<option>`: its `lang` (empty for `auto`) and `data-dir`. */
function chosenLanguage() {
  return preferences.elements.namedItem('locale').selectedOptions[0];
}

/**
 * The page's own text stays English (`lang="en"` on its regions): each element states the
 * language it speaks, or inherits English for `auto`.
 */
function markElementLanguage() {
  const lang = chosenLanguage()?.lang;
  for (const el of document.querySelectorAll('form[data-flow] [data-label]')) {
    if (lang) el.lang = lang;
    else el.removeAttribute('lang');
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** JSON with its keys, strings, numbers and literals in spans (built as text, never as HTML). */
function renderJson(target, value) {
  const text = JSON.stringify(value, null, 2);
  const token =
    /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(token)) {
    fragment.append(text.slice(last, match.index));
    const [whole, string, colon, literal] = match;
    if (string && colon) {
      fragment.append(element('span', 'json-key', string), colon);
    } else {
      const kind = string ? 'json-string' : literal ? 'json-literal' : 'json-number';
      fragment.append(element('span', kind, whole));
    }
    last = match.index + whole.length;
  }
  fragment.append(text.slice(last));
  target.replaceChildren(fragment);
  target.hidden = false;
}

/** A short description of what an element reported. */
function describeState(detail) {
  if (!detail) return { text: 'Loading…', tone: 'muted' };
  if (detail.error) return { text: detail.error.message, tone: 'error' };
  if (detail.complete) return { text: 'Complete', tone: 'ok' };
  if (detail.empty) return { text: 'Empty', tone: 'muted' };
  return { text: 'Incomplete', tone: 'muted' };
}

/** The status line of a form: one chip per element, with its live `tessera-change` state. */
function renderStatus(status, elements, states) {
  const chips = elements.map((el) => {
    const detail = states.get(el);
    const { text, tone } = describeState(detail);
    const chip = element('span', `chip chip-${tone}`);
    chip.append(element('span', 'chip-label', el.dataset.label ?? el.localName));
    chip.append(element('span', 'chip-value', text));
    if (detail?.brand && detail.brand !== 'unknown') {
      chip.append(element('span', 'chip-brand', detail.brand));
    }
    return chip;
  });
  status.replaceChildren(...chips);
}

/** Shows a token in the Result panel and hands it to the backend panel. */
function showToken(token, source) {
  currentToken = token;
  document.getElementById('result-kind').textContent = TOKEN_TYPES[token.type] ?? token.type;
  document.getElementById('result-kind').classList.add('pill-ok');
  const summary = document.getElementById('result-summary');
  summary.replaceChildren(
    'From ',
    element('strong', '', source),
    ': ',
    element('code', '', token.id),
  );
  renderJson(document.getElementById('result-json'), token);
  for (const id of ['backend-retrieve', 'backend-use']) {
    document.getElementById(id).disabled = false;
  }
  const request = document.getElementById('backend-request');
  request.replaceChildren(element('span', 'muted', 'Ready: ask the backend about this token.'));
  document.getElementById('backend-json').hidden = true;
}

/** Shows an error under a form (the status line is a live region). */
function showFormError(status, message) {
  status.querySelector('.form-error')?.remove();
  status.append(element('span', 'form-error', message));
}

function setUpFlow(form) {
  const flow = FLOWS[form.dataset.flow];
  const tessera = Tessera(publishableKey, {
    origin: vaultOrigin,
    ...elementOptions(readPreferences()),
  });
  instances.push(tessera);
  const elements = [...form.querySelectorAll('[data-label]')];
  const states = new Map(elements.map((el) => [el, null]));
  const status = form.querySelector('.flow-status');
  const button = form.querySelector('button[type="submit"]');
  const idleLabel = button.textContent.trim();

  for (const el of elements) {
    el.tessera = tessera;
    el.addEventListener('tessera-ready', () => {
      if (!states.get(el)) states.set(el, { empty: true, complete: false });
      renderStatus(status, elements, states);
    });
    el.addEventListener('tessera-change', (event) => {
      states.set(el, event.detail);
      renderStatus(status, elements, states);
      button.disabled = !elements.every((each) => states.get(each)?.complete);
    });
    el.addEventListener('tessera-loaderror', (event) => {
      showFormError(status, `The secure field did not load: ${event.detail.error.message}`);
    });
  }
  renderStatus(status, elements, states);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    button.classList.add('is-busy');
    button.textContent = 'Creating token…';
    const { token, error } = await flow.create(tessera, elements, form);
    button.classList.remove('is-busy');
    button.textContent = idleLabel;
    button.disabled = !elements.every((each) => states.get(each)?.complete);
    if (error) {
      showFormError(status, error.message);
      return;
    }
    status.querySelector('.form-error')?.remove();
    showToken(token, flow.label);
  });
}

/** The Live events panel: every `tessera-*` event of the page, newest first. */
function setUpEventLog() {
  const log = document.getElementById('event-log');
  const types = ['ready', 'change', 'focus', 'blur', 'escape', 'loaderror'];
  for (const type of types) {
    document.addEventListener(`tessera-${type}`, (event) => {
      log.querySelector('.event-empty')?.remove();
      const { elementType, ...detail } = event.detail;
      const entry = element('li', `event event-${type}`);
      const time = new Date().toLocaleTimeString([], { hour12: false });
      entry.append(element('span', 'event-time', time));
      entry.append(element('span', 'event-name', type));
      entry.append(element('span', 'event-element', elementType));
      if (type === 'change' || type === 'loaderror') {
        entry.append(element('code', 'event-detail', JSON.stringify(detail)));
      }
      log.prepend(entry);
      while (log.children.length > EVENT_LOG_SIZE) log.lastElementChild.remove();
    });
  }
}

/** The Merchant backend panel: calls this demo's server, which holds the secret key. */
function setUpBackend() {
  const request = document.getElementById('backend-request');
  const output = document.getElementById('backend-json');
  async function call(method, path) {
    request.replaceChildren(element('span', 'muted', `${method} ${path} …`));
    let status;
    let body;
    try {
      const response = await fetch(path, { method, headers: { accept: 'application/json' } });
      status = response.status;
      body = await response.json();
    } catch (error) {
      request.replaceChildren(element('span', 'form-error', `The demo server did not answer.`));
      output.hidden = true;
      console.error(error);
      return;
    }
    const ok = status >= 200 && status < 300;
    request.replaceChildren(
      element('span', `status ${ok ? 'status-ok' : 'status-error'}`, String(status)),
      element('span', 'method', method),
      element('code', 'path', path),
    );
    renderJson(output, body);
  }
  document.getElementById('backend-retrieve').addEventListener('click', () => {
    if (currentToken) void call('GET', `/api/tokens/${currentToken.id}`);
  });
  document.getElementById('backend-use').addEventListener('click', () => {
    if (currentToken) void call('POST', `/api/tokens/${currentToken.id}/use`);
  });
}

/** Sizes the no-JavaScript page's frame (same origin) to its content, whatever page it shows. */
function fitEmbeddedPage() {
  const frame = document.getElementById('no-js-frame');
  let observer = null;
  const fit = () => {
    const root = frame.contentDocument?.documentElement;
    if (root) frame.style.height = `${Math.ceil(root.getBoundingClientRect().height)}px`;
  };
  const watch = () => {
    observer?.disconnect();
    const root = frame.contentDocument?.documentElement;
    if (!root) return;
    observer = new ResizeObserver(fit);
    observer.observe(root);
    fit();
  };
  frame.addEventListener('load', watch);
  if (frame.contentDocument?.readyState === 'complete') watch();
}

/**
 * Applies the display controls: `lang`, `dir` and the page's `data-theme` on `<html>` (the
 * elements follow the page's direction and text colour by themselves), the theme and language
 * of every element through its instance, the no-JavaScript page through its URL, and the
 * page's own URL, so that a reload or a link shows the same.
 */
function applyPreferences() {
  const chosen = readPreferences();
  const language = chosenLanguage();
  const root = document.documentElement;
  root.lang = language?.lang || 'en';
  root.dir = language?.dataset.dir ?? 'ltr';
  root.dataset.theme = chosen.page;
  root.dataset.elementTheme = chosen.theme;
  markElementLanguage();
  for (const tessera of instances) tessera.update(elementOptions(chosen));

  const url = new URL(location.href);
  for (const name of Object.keys(chosen)) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(chosen)) url.searchParams.append(name, value);
  history.replaceState(history.state, '', url);
  const noJs = `/no-js${url.search}`;
  const frame = document.getElementById('no-js-frame');
  // Its own document: it takes the preferences from its URL, so it reloads with the new one.
  if (frame.getAttribute('src') !== noJs) frame.src = noJs;
  document.getElementById('no-js-link').href = noJs;
  document.querySelector('.logo').href = `/${url.search}`;
}

for (const id of ['page-origin', 'footer-origin']) {
  document.getElementById(id).textContent = location.host;
}
setUpEventLog();
markElementLanguage();
for (const form of document.querySelectorAll('form[data-flow]')) setUpFlow(form);
setUpBackend();
fitEmbeddedPage();
preferences.addEventListener('change', applyPreferences);
