import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CardBrand } from '../domain/index.js';
import type { FrameGroup, GroupMessage } from './group.js';
import type { SiblingAnswer } from './token-params.js';

/** The element types that form a split card. */
export type SplitFieldType = 'cardNumber' | 'cardExpiry' | 'cardCvc';

/** What the group asks of the frame it runs in. */
export interface GroupMember extends ReactiveControllerHost {
  /** The card's brand as the number frame sees it (only the number frame is asked). */
  ownBrand(): CardBrand | undefined;
  /** The number frame announced a brand (the CVC frame's length follows it). */
  siblingBrandChanged(brand: CardBrand | undefined): void;
  /** A token request started in the number frame: show errors as on submit. */
  touched(): void;
  /** The browser autofilled this frame's field into the number frame's hidden inputs. */
  autofilled(value: string): void;
  /** This frame's answer to the number frame's request for values (expiry and CVC frames). */
  answer(): Omit<SiblingAnswer, 'from'>;
}

/**
 * The split-field group as a reactive controller of the frame: the number, expiry and CVC
 * frames of one Tessera instance share the card's brand, autofilled values and, when the number
 * frame tokenizes, the expiry and CVC. Everything travels on the group's `BroadcastChannel`
 * inside the vault origin; the host page relays nothing. It listens while its frame is connected.
 */
export class GroupController implements ReactiveController {
  readonly #member: GroupMember;
  readonly #group: FrameGroup;
  readonly #type: SplitFieldType;
  readonly #onMessage = (message: GroupMessage): void => {
    this.#receive(message);
  };

  constructor(member: GroupMember, group: FrameGroup, type: SplitFieldType) {
    this.#member = member;
    this.#group = group;
    this.#type = type;
    member.addController(this);
  }

  hostConnected(): void {
    this.#group.listen(this.#onMessage);
    // A CVC frame that mounts after the number frame announced the brand asks for it again.
    if (this.#type === 'cardCvc') this.#group.post({ t: 'join' });
  }

  hostDisconnected(): void {
    this.#group.unlisten(this.#onMessage);
  }

  /** The number frame's brand changed: the CVC frame adapts its length. */
  announceBrand(brand: CardBrand | undefined): void {
    this.#group.post({ t: 'brand', brand: brand ?? 'unknown' });
  }

  /** The number frame caught an autofilled expiry or CVC: hand it to that frame. */
  forwardAutofill(values: { expiry: string } | { cvc: string }): void {
    this.#group.post({ t: 'autofill', ...values });
  }

  /**
   * Marks every frame as submitted and asks the expiry and CVC frames for their values; resolves
   * with the answers that came (a missing frame is a missing answer).
   */
  collect(): Promise<SiblingAnswer[]> {
    this.#group.post({ t: 'touch' });
    return this.#group.collect();
  }

  #receive(message: GroupMessage): void {
    const member = this.#member;
    switch (message.t) {
      case 'brand':
        if (this.#type === 'cardCvc') {
          member.siblingBrandChanged(message.brand === 'unknown' ? undefined : message.brand);
        }
        return;
      case 'touch':
        member.touched();
        return;
      case 'join':
        if (this.#type === 'cardNumber') this.announceBrand(member.ownBrand());
        return;
      case 'autofill': {
        const value = this.#type === 'cardExpiry' ? message.expiry : message.cvc;
        if (this.#type !== 'cardNumber' && value) member.autofilled(value);
        return;
      }
      case 'collect':
        if (this.#type === 'cardNumber') return;
        this.#group.post({ t: 'values', id: message.id, from: this.#type, ...member.answer() });
        return;
      case 'values':
        return;
    }
  }
}
