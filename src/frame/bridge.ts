import {
  PROTOCOL_VERSION,
  isHelloMessage,
  isHostMessage,
  type FrameMessage,
  type HostMessage,
} from '../protocol/index.js';

/** Distributes a frame message's fields, adding the protocol version. */
type Outgoing = FrameMessage extends infer M
  ? M extends FrameMessage
    ? Omit<M, 'version'>
    : never
  : never;

/** The frame's end of the channel to the host page. */
export interface HostChannel {
  /** The host page's origin, from the hello event. */
  readonly hostOrigin: string;
  /** Sends a message to the host. */
  send(message: Outgoing): void;
}

/**
 * Waits for the host's one `hello`: it must come from `window.parent`, be well formed and carry
 * a `MessagePort`. The first such message wins; every other window message (forged, repeated,
 * from another window) is ignored without an answer. After that, host messages arrive over the
 * port only and are checked by the protocol's guard.
 */
export function acceptHost(
  onMessage: (message: HostMessage, channel: HostChannel) => void,
): Promise<HostChannel> {
  return new Promise((resolve) => {
    const listener = (event: MessageEvent<unknown>): void => {
      if (event.source !== window.parent || window.parent === window) return;
      if (!isHelloMessage(event.data)) return;
      const [port] = event.ports;
      if (!port) return;
      window.removeEventListener('message', listener);
      const channel: HostChannel = {
        hostOrigin: event.origin,
        send(message) {
          port.postMessage({ ...message, version: PROTOCOL_VERSION });
        },
      };
      port.onmessage = (portEvent: MessageEvent<unknown>) => {
        if (isHostMessage(portEvent.data)) onMessage(portEvent.data, channel);
      };
      resolve(channel);
    };
    window.addEventListener('message', listener);
  });
}
