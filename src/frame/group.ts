import type { CardBrand } from '../domain/index.js';

/** Messages between the frames of one Tessera instance (split fields), inside the vault origin. */
export type GroupMessage =
  | { t: 'brand'; brand: CardBrand }
  | { t: 'collect'; id: string }
  | {
      t: 'values';
      id: string;
      from: 'cardExpiry' | 'cardCvc';
      values: Record<string, string>;
      complete: boolean;
      code?: string;
      message?: string;
    }
  | { t: 'autofill'; expiry?: string; cvc?: string }
  | { t: 'touch' }
  | { t: 'join' };

function isGroupMessage(data: unknown): data is GroupMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  switch (message.t) {
    case 'brand':
      return typeof message.brand === 'string';
    case 'collect':
      return typeof message.id === 'string';
    case 'values':
      return (
        typeof message.id === 'string' &&
        (message.from === 'cardExpiry' || message.from === 'cardCvc') &&
        typeof message.values === 'object' &&
        message.values !== null &&
        typeof message.complete === 'boolean'
      );
    case 'autofill':
      return (
        (message.expiry === undefined || typeof message.expiry === 'string') &&
        (message.cvc === undefined || typeof message.cvc === 'string')
      );
    case 'touch':
    case 'join':
      return true;
    default:
      return false;
  }
}

/**
 * The split-field group: frames of one instance share a random group id (from the URL
 * fragment) and talk over a `BroadcastChannel` named by it. It is same-origin and partitioned by
 * top-level site, so only frames of the vault origin on the same page can join; the host page
 * relays nothing.
 */
export class FrameGroup {
  readonly #channel: BroadcastChannel;
  readonly #listeners = new Set<(message: GroupMessage) => void>();

  constructor(groupId: string) {
    this.#channel = new BroadcastChannel(`tessera-group:${groupId}`);
    this.#channel.onmessage = (event: MessageEvent<unknown>) => {
      if (!isGroupMessage(event.data)) return;
      for (const listener of this.#listeners) listener(event.data);
    };
  }

  /** Sends to every other frame of the group. */
  post(message: GroupMessage): void {
    this.#channel.postMessage(message);
  }

  /** Calls `listener` for each message from another frame of the group. */
  listen(listener: (message: GroupMessage) => void): void {
    this.#listeners.add(listener);
  }

  /** Stops calling `listener`. */
  unlisten(listener: (message: GroupMessage) => void): void {
    this.#listeners.delete(listener);
  }

  /**
   * Asks the expiry and CVC frames for their values; resolves with those that answered within
   * `timeoutMs` (a missing sibling shows up as a missing entry).
   */
  collect(timeoutMs = 1000): Promise<Extract<GroupMessage, { t: 'values' }>[]> {
    const id = crypto.randomUUID();
    return new Promise((resolve) => {
      const answers = new Map<string, Extract<GroupMessage, { t: 'values' }>>();
      const done = () => {
        this.#listeners.delete(onAnswer);
        clearTimeout(timer);
        resolve([...answers.values()]);
      };
      const onAnswer = (message: GroupMessage) => {
        if (message.t !== 'values' || message.id !== id) return;
        answers.set(message.from, message);
        if (answers.size === 2) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#listeners.add(onAnswer);
      this.post({ t: 'collect', id });
    });
  }
}
