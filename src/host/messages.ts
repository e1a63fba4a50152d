/**
 * What the elements say on the merchant's page, in one catalogue: the errors the client reports
 * itself (the frame does not load, does not answer, the element is gone) and the validation
 * messages of a form that is submitted with an element incomplete, in English and French; and
 * the set-up errors for the developer, in English. Stripe's codes where Stripe has one
 * (`incomplete_number`, `parameter_missing`), Tessera's own otherwise. Messages the frame or the
 * server sent are passed on as they are. Kept short: they ship in the script tag.
 */
import type { ClientErrorType } from '../domain/index.js';
import type { ElementType, Locale, ProtocolError } from '../protocol/index.js';

/** Errors of the element's set-up, for its developer. */
export type IntegrationMessageCode = 'publishable_key_missing';

/** Every message the client writes itself for the shopper. */
export type ClientMessageCode =
  | 'frame_load_timeout'
  | 'frame_not_ready'
  | 'frame_timeout'
  | 'frame_no_token'
  | 'element_removed'
  | 'element_not_mounted'
  | 'personal_id_number_missing'
  | 'incomplete_card'
  | 'incomplete_number'
  | 'incomplete_expiry'
  | 'incomplete_cvc'
  | 'incomplete_bank_account';

type Catalogue = Readonly<Record<ClientMessageCode, string>>;

/** Said to the shopper: short, and in their language. */
const MESSAGES: Readonly<Record<Locale, Catalogue>> = {
  en: {
    frame_load_timeout: 'The payment form did not load. Check your connection and reload the page.',
    frame_not_ready: 'The payment form is not ready yet. Try again.',
    frame_timeout: 'The payment form did not answer in time. Try again.',
    frame_no_token: 'The payment form sent an unexpected reply. Try again.',
    element_removed: 'The payment form was removed from the page.',
    element_not_mounted: 'The payment form is not on the page.',
    personal_id_number_missing: 'Enter the personal ID number.',
    incomplete_card: 'Enter your card details.',
    incomplete_number: 'Enter your card number.',
    incomplete_expiry: "Enter your card's expiration date.",
    incomplete_cvc: "Enter your card's security code.",
    incomplete_bank_account: 'Enter your bank account details.',
  },
  fr: {
    frame_load_timeout:
      "Le formulaire de paiement ne s'est pas chargé. Vérifiez votre connexion et rechargez la page.",
    frame_not_ready: "Le formulaire de paiement n'est pas encore prêt. Réessayez.",
    frame_timeout: "Le formulaire de paiement n'a pas répondu à temps. Réessayez.",
    frame_no_token: 'Le formulaire de paiement a envoyé une réponse inattendue. Réessayez.',
    element_removed: 'Le formulaire de paiement a été retiré de la page.',
    element_not_mounted: "Le formulaire de paiement n'est pas sur la page.",
    personal_id_number_missing: "Saisissez le numéro d'identification personnel.",
    incomplete_card: 'Saisissez les informations de votre carte.',
    incomplete_number: 'Saisissez le numéro de votre carte.',
    incomplete_expiry: "Saisissez la date d'expiration de votre carte.",
    incomplete_cvc: 'Saisissez le code de sécurité de votre carte.',
    incomplete_bank_account: 'Saisissez les informations de votre compte bancaire.',
  },
};

/**
 * Said to the developer who set the element up (as Stripe.js's integration errors are):
 * English, with what to change.
 */
const INTEGRATION_MESSAGES: Readonly<Record<IntegrationMessageCode, string>> = {
  publishable_key_missing:
    'This Tessera element has no publishable key: set its publishable-key attribute or its tessera property.',
};

/** The message for `code` in `locale`. */
export function clientMessage(code: ClientMessageCode, locale: Locale): string {
  return MESSAGES[locale][code];
}

/** The code an error carries where it is not the catalogue key: Stripe's, where Stripe has one. */
const ERROR_CODES: Partial<Record<ClientMessageCode, string>> = {
  personal_id_number_missing: 'parameter_missing',
};

/** An error in Stripe's shape, with the catalogue's message and code. */
export function clientError(
  type: ClientErrorType,
  key: ClientMessageCode,
  locale: Locale,
): ProtocolError {
  return { type, code: ERROR_CODES[key] ?? key, message: clientMessage(key, locale) };
}

/** A set-up error in Stripe's shape (`invalid_request_error`), for the element's developer. */
export function integrationError(code: IntegrationMessageCode): ProtocolError {
  return { type: 'invalid_request_error', code, message: INTEGRATION_MESSAGES[code] };
}

/** The validation message of a form submitted with an element of `elementType` incomplete. */
export const INCOMPLETE_CODES: Readonly<Record<ElementType, ClientMessageCode>> = {
  card: 'incomplete_card',
  cardNumber: 'incomplete_number',
  cardExpiry: 'incomplete_expiry',
  cardCvc: 'incomplete_cvc',
  bankAccount: 'incomplete_bank_account',
  controller: 'incomplete_card',
};
