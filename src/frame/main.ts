/**
 * The iframe's entry point (runs on the vault origin). Waits for the host's hello, applies its
 * configuration, and relays between the host's port and the fields. For split fields it joins
 * the group named in the URL fragment.
 */
import {
  ELEMENT_TYPES,
  MAX_WARNINGS,
  type ElementType,
  type HostMessage,
} from '../protocol/index.js';
import { acceptHost, type HostChannel } from './bridge.js';
import { FrameApp } from './frame-app.js';
import { readGrant, refuseHost } from './host-check.js';

const fragment = new URLSearchParams(location.hash.slice(1));
const requestedType = fragment.get('type') as ElementType | null;
const elementType: ElementType =
  requestedType && ELEMENT_TYPES.includes(requestedType) ? requestedType : 'card';
const groupId = fragment.get('group');
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
      app.hidden = false;
      warn(channel, app.configure(message.config));
      await app.updateComplete;
      channel.send({ type: 'ready' });
      reportHeight(channel);
      return;
    }
    case 'update':
      warn(channel, app.updateOptions(message.options));
      return;
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

void acceptHost((message, channel) => {
  void handle(message, channel);
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
  };
});
