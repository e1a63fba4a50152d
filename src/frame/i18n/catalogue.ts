/**
 * What a catalogue holds: every word the frame shows or reports in one language, and the
 * strings it hands the host page (the iframe titles, the form-validation prompts, the client's
 * connection errors). English (`locales/en.ts`) is the reference: every other catalogue has
 * exactly its keys, none empty (tested). Messages are keyed by the stable code the error
 * objects carry, the same in every language; a merchant's `messages` option overrides them by
 * that code.
 */

/** Validation codes a field reports, as Stripe.js reports them, plus Tessera's own. */
export const FIELD_CODES = [
  'incomplete_number',
  'invalid_number',
  'incomplete_expiry',
  'invalid_expiry_year_past',
  'invalid_expiry_month_past',
  'invalid_expiry_year',
  'invalid_expiry_month',
  'incomplete_cvc',
  'invalid_cvc',
  'incomplete_zip',
  'invalid_zip',
  'incomplete_routing_number',
  'invalid_routing_number',
  'incomplete_account_number',
  'invalid_account_number',
  'incomplete_account_holder_name',
  'non_ascii_digits',
] as const;

/**
 * Every message code: the fields' codes; errors the frame writes itself (`incomplete`, a field
 * without a more precise code; `invalid`, said for a code no catalogue knows;
 * `api_connection_error`; `unexpected_reply`, a token server reply not in Stripe's shape;
 * `frame_not_configured`; `personal_id_number_missing`); the client's connection errors, which
 * the frame hands to the host (`frame_not_ready`, `frame_timeout`, `frame_no_token`,
 * `element_removed`, `element_not_mounted`); and the form-validation prompt of each element
 * (`form_incomplete_*`), shown by the browser when a form is submitted with the element empty.
 */
export const MESSAGE_CODES = [
  ...FIELD_CODES,
  'incomplete',
  'invalid',
  'api_connection_error',
  'unexpected_reply',
  'frame_not_configured',
  'personal_id_number_missing',
  'frame_not_ready',
  'frame_timeout',
  'frame_no_token',
  'element_removed',
  'element_not_mounted',
  'form_incomplete_card',
  'form_incomplete_number',
  'form_incomplete_expiry',
  'form_incomplete_cvc',
  'form_incomplete_bank_account',
] as const;

/** A message code. */
export type MessageCode = (typeof MESSAGE_CODES)[number];

/** A field's label and placeholder. */
export interface FieldWords {
  readonly label: string;
  readonly placeholder: string;
}

/** Every word of one language. */
export interface Catalogue {
  /** Labels and placeholders of the inputs. */
  readonly fields: {
    readonly cardNumber: FieldWords;
    /** The placeholder spells the date's order as cards print it, `MM / YY`, in local letters. */
    readonly expiry: FieldWords;
    readonly cvc: FieldWords;
    readonly postalCode: FieldWords;
    readonly accountHolderName: FieldWords;
    readonly routingNumber: FieldWords;
    readonly accountNumber: FieldWords;
  };
  /** The account holder type choice: its label and one name per option. */
  readonly accountHolderType: {
    readonly label: string;
    readonly individual: string;
    readonly company: string;
  };
  /** Where the security code is printed: read with the CVC field, drawn by its icon. */
  readonly cvcHint: {
    /** Three digits on the back (every brand but American Express). */
    readonly back: string;
    /** Four digits on the front (American Express). */
    readonly front: string;
  };
  /** Short accessible names of the iframes, one per element type. */
  readonly titles: {
    readonly card: string;
    readonly cardNumber: string;
    readonly cardExpiry: string;
    readonly cardCvc: string;
    readonly bankAccount: string;
    readonly controller: string;
  };
  /** Every message, by code. */
  readonly messages: Readonly<Record<MessageCode, string>>;
}
