import type { ReactiveController } from '@lit/reactive-element';
import type { ChangeDetail, ProtocolError, TokenKind } from '../protocol/index.js';
import type { TokenResult } from './frame-connection.js';

/** What the form controller needs from its element. */
export interface FormHost extends HTMLElement {
  addController(controller: ReactiveController): void;
  readonly internals: ElementInternals;
  /** The token this element creates on submit (`card`, `bank_account`, `cvc_update`). */
  readonly submitKind: TokenKind;
  /** Message shown when the form is submitted with this element incomplete (localised). */
  readonly incompleteMessage: string;
  /** Disabled itself or by a `<fieldset>`. */
  readonly isDisabled: boolean;
  /** Where the browser anchors its validation bubble (the iframe). */
  readonly validationAnchor: HTMLElement | undefined;
  tokenize(kind: TokenKind, data: Record<string, unknown>): Promise<TokenResult>;
}

/**
 * Form association for the no-JavaScript path, with the rules of native inputs: only a named,
 * enabled element that is rendered takes part in its form. While such an element is incomplete
 * the form is invalid (the browser blocks submission and shows the message, in the element's
 * language); on submit it tokenizes first, sets its form value to `tok_…`, then submits the form
 * again with the same submitter. Editing the card afterwards drops the token. An unnamed,
 * disabled or hidden element neither blocks the form nor adds to what it posts.
 */
export class FormController implements ReactiveController {
  readonly #host: FormHost;
  #form: HTMLFormElement | null = null;
  #token: string | null = null;
  #complete = false;
  #error: string | undefined;
  #tokenizing = false;
  /** Hiding the element (or an ancestor) changes its box: validity follows. */
  readonly #visibility = new ResizeObserver(() => {
    this.#applyValidity();
  });

  constructor(host: FormHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#form = this.#host.internals.form;
    this.#form?.addEventListener('submit', this.#onSubmit, { capture: true });
    this.#visibility.observe(this.#host);
    this.#applyValidity();
  }

  hostDisconnected(): void {
    this.#form?.removeEventListener('submit', this.#onSubmit, { capture: true });
    this.#form = null;
    this.#visibility.disconnect();
  }

  /** After each render: the name, `disabled` or language may have changed. */
  hostUpdated(): void {
    this.#applyValidity();
  }

  /** The element reported a change: any token is stale, validity follows completeness. */
  changed(detail: ChangeDetail): void {
    this.#complete = detail.complete;
    this.#error = detail.error?.message;
    this.#setToken(null);
    this.#applyValidity();
  }

  /** The element was cleared or reset. */
  reset(): void {
    this.#complete = false;
    this.#error = undefined;
    this.#setToken(null);
    this.#applyValidity();
  }

  /** Whether the element takes part in its form: named, enabled and rendered, as native inputs. */
  #participates(): boolean {
    const host = this.#host;
    return host.hasAttribute('name') && !host.isDisabled && host.checkVisibility();
  }

  #setToken(token: string | null): void {
    this.#token = token;
    this.#host.internals.setFormValue(token);
  }

  #applyValidity(): void {
    const internals = this.#host.internals;
    if (this.#complete || !this.#participates()) {
      internals.setValidity({});
      return;
    }
    internals.setValidity(
      { customError: true },
      this.#error ?? this.#host.incompleteMessage,
      this.#host.validationAnchor,
    );
  }

  #showError(error: ProtocolError): void {
    this.#host.internals.setValidity(
      { customError: true },
      error.message,
      this.#host.validationAnchor,
    );
    this.#host.internals.reportValidity();
  }

  readonly #onSubmit = (event: SubmitEvent): void => {
    if (this.#token !== null) return;
    if (!this.#participates()) {
      // Hidden or disabled since validity was last set: it must not hold the form up.
      this.#applyValidity();
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (this.#tokenizing || !this.#complete) {
      if (!this.#complete) this.#host.internals.reportValidity();
      return;
    }
    this.#tokenizing = true;
    const form = event.currentTarget as HTMLFormElement;
    const submitter = event.submitter;
    void this.#host.tokenize(this.#host.submitKind, {}).then((result) => {
      this.#tokenizing = false;
      if (result.error) {
        this.#showError(result.error);
        return;
      }
      this.#setToken(result.token.id);
      form.requestSubmit(submitter && submitter.isConnected ? submitter : null);
    });
  };
}
