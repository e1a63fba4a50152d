import type { ReactiveController } from 'lit';
import type { ChangeDetail, ProtocolError, TokenKind } from '../protocol/index.js';
import type { TokenResult } from './frame-connection.js';

/** What the form controller needs from its element. */
export interface FormHost extends HTMLElement {
  addController(controller: ReactiveController): void;
  readonly internals: ElementInternals;
  /** The token this element creates on submit (`card`, `bank_account`, `cvc_update`). */
  readonly submitKind: TokenKind;
  /** Message shown when the form is submitted with this element incomplete. */
  readonly incompleteMessage: string;
  /** Where the browser anchors its validation bubble (the iframe). */
  readonly validationAnchor: HTMLElement | undefined;
  tokenize(kind: TokenKind, data: Record<string, unknown>): Promise<TokenResult>;
}

/**
 * Form association for the no-JavaScript path: while the element is incomplete the form is
 * invalid (the browser blocks submission and shows the message); on submit a named element
 * tokenizes first, sets its form value to `tok_…`, then submits the form again with the same
 * submitter. Editing the card afterwards drops the token.
 */
export class FormController implements ReactiveController {
  readonly #host: FormHost;
  #form: HTMLFormElement | null = null;
  #token: string | null = null;
  #complete = false;
  #tokenizing = false;

  constructor(host: FormHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#form = this.#host.internals.form;
    this.#form?.addEventListener('submit', this.#onSubmit, { capture: true });
    this.#applyValidity();
  }

  hostDisconnected(): void {
    this.#form?.removeEventListener('submit', this.#onSubmit, { capture: true });
    this.#form = null;
  }

  /** The element reported a change: any token is stale, validity follows completeness. */
  changed(detail: ChangeDetail): void {
    this.#complete = detail.complete;
    this.#setToken(null);
    this.#applyValidity(detail.error?.message);
  }

  /** The element was cleared or reset. */
  reset(): void {
    this.#complete = false;
    this.#setToken(null);
    this.#applyValidity();
  }

  #setToken(token: string | null): void {
    this.#token = token;
    this.#host.internals.setFormValue(token);
  }

  #applyValidity(message?: string): void {
    const anchor = this.#host.validationAnchor;
    if (this.#complete) this.#host.internals.setValidity({});
    else {
      this.#host.internals.setValidity(
        { customError: true },
        message ?? this.#host.incompleteMessage,
        anchor,
      );
    }
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
    if (!this.#host.hasAttribute('name') || this.#token !== null) return;
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
