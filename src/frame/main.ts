/**
 * The iframe's entry point (runs on the vault origin). Waits for the host's hello, applies its
 * configuration, and relays between the host's port and the fields. For split fields it joins
 * the group named in the URL fragment.
 */
import {
  ELEMENT_TYPES,
  MAX_WARNINGS,
  resolveLocale,
  type ElementType,
  type HostMessage,
} from '../protocol/index.js';
import { acceptHost, type HostChannel } from './bridge.js';
import { FrameApp } from './frame-app.js';
import { readGrant, refuseHost } from './host-check.js';
import { loadCatalogue } from './i18n/words.js';

const fragment = new URLSearchParams(location.hash.slice(1));
const requestedType = fragment.get('type') as ElementType | null;
const elementType: ElementType =
  requestedType && ELEMENT_TYPES.includes(requestedType) ? requestedType : 'card';
const groupId = fragment.get('group');
// What the page said in the URL it will ask for (the vault preloads those chunks): start them
// now, while the page greets the frame. Only a hint: the configuration decides.
const hints = new URLSearchParams(location.search);
void loadCatalogue(resolveLocale(hints.get('locale') ?? undefined, navigator.languages));
if (hints.get('styled') === '1') void import('./styling.js');
/** Whom the vault served this document for: read before any message arrives. */
const grant = readGrant(location, document);

document.documentElement.style.margin = '0';
document.body.style.margin = '0';
document.body.style.background = 'transparent';

const app =
  document.querySelector('tessera-frame-app') ?? document.body.appendChild(new FrameApp());
// No field shows until the host page has been checked against the key's allowed origins.
app.hidden = true;
if (groupId && /^[0-9a-f]{32}$/.test(groupId)) app.joinGroup(groupId, elementType);

let configured = false;
/** Set once the host page was refused: nothing it sends is handled after that. */
let refused = false;

async function handle(message: HostMessage, channel: HostChannel): Promise<void> {
  if (refused) return;
  switch (message.type) {
    case 'configure': {
      // The element type comes from the URL the host chose; a configure cannot change it.
      if (configured || message.config.elementType !== elementType) return;
      const refusal = refuseHost(grant, channel.hostOrigin, message.config.publishableKey);
      if (refusal) {
        refused = true;
        channel.send({ type: 'refused', error: refusal });
        return;
      }
      configured = true;
      warn(channel, await app.configure(message.config));
      app.hidden = false;
      sendLocale(channel);
      await app.updateComplete;
      channel.send({ type: 'ready' });
      reportHeight(channel);
      void app.prefetch();
      return;
    }
    case 'update': {
      const before = JSON.stringify(app.hostStrings());
      warn(channel, await app.updateOptions(message.options));
      if (JSON.stringify(app.hostStrings()) !== before) sendLocale(channel);
      return;
    }
    case 'focus':
      app.focusFirst();
      return;
    case 'blur':
      app.blurAll();
      return;
    case 'clear':
      app.clear();
      return;
    case 'tokenize': {
      if (!configured) return;
      const reply = await app.tokenize(message.kind, message.data, channel.hostOrigin);
      channel.send({ type: 'tokenized', id: message.id, ...reply });
      return;
    }
  }
}

/** Tells the host which language the frame speaks, and its words in it. */
function sendLocale(channel: HostChannel): void {
  channel.send({ type: 'locale', locale: app.locale, strings: app.hostStrings() });
}

/** Tells the host what the frame dropped from its options, so it can warn the developer. */
function warn(channel: HostChannel, messages: string[]): void {
  if (messages.length > 0)
    channel.send({ type: 'warning', messages: messages.slice(0, MAX_WARNINGS) });
}

let observer: ResizeObserver | null = null;

/** Reports the document's height whenever it changes, so the host sizes the iframe to fit. */
function reportHeight(channel: HostChannel): void {
  if (observer) return;
  let last = -1;
  observer = new ResizeObserver(() => {
    const height = Math.ceil(app.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    channel.send({ type: 'resize', height });
  });
  observer.observe(app);
}

/**
 * Options settle in the order the host sent them, and every other message waits for the options
 * sent before it (a token request sees them; a reply never overtakes their warning). Token
 * requests do not hold up what comes after them.
 */
let settled: Promise<void> = Promise.resolve();

void acceptHost((message, channel) => {
  const handled = settled.then(() => handle(message, channel));
  if (message.type === 'configure' || message.type === 'update') {
    settled = handled.catch(() => undefined);
  }
}).then((channel) => {
  app.events = {
    change: (detail) => {
      channel.send({ type: 'change', detail });
    },
    focus: () => {
      channel.send({ type: 'focus' });
    },
    blur: () => {
      channel.send({ type: 'blur' });
    },
    escape: () => {
      channel.send({ type: 'escape' });
    },
    words: () => {
      sendLocale(channel);
    },
  };
});
