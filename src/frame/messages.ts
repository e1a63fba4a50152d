/**
 * What the frame says to the user: validation messages (Stripe.js's codes and, where Stripe.js
 * has them, its English wording), field labels, placeholders and the iframes' accessible names,
 * in English and French. Pure data and lookups; the Lit fields render them.
 */
import { FRAME_TITLES, resolveLocale, type ElementType, type Locale } from '../protocol/index.js';

export { resolveLocale, SUPPORTED_LOCALES, type Locale } from '../protocol/index.js';

/**
 * Browser-side error codes, as Stripe.js reports them, plus Tessera's own: `non_ascii_digits`,
 * `incomplete` (fields without a more precise code), `unexpected_reply` (the token server's
 * reply was not Stripe's shape) and `frame_not_configured`.
 */
export type MessageCode =
  | 'incomplete_number'
  | 'invalid_number'
  | 'incomplete_expiry'
  | 'invalid_expiry_year_past'
  | 'invalid_expiry_month_past'
  | 'invalid_expiry_year'
  | 'invalid_expiry_month'
  | 'incomplete_cvc'
  | 'invalid_cvc'
  | 'incomplete_zip'
  | 'invalid_zip'
  | 'incomplete_routing_number'
  | 'invalid_routing_number'
  | 'incomplete_account_number'
  | 'invalid_account_number'
  | 'incomplete_account_holder_name'
  | 'incomplete'
  | 'api_connection_error'
  | 'unexpected_reply'
  | 'frame_not_configured'
  | 'non_ascii_digits';

type Catalogue = Readonly<Record<MessageCode, string>>;

const MESSAGES: Readonly<Record<Locale, Catalogue>> = {
  en: {
    incomplete_number: 'Your card number is incomplete.',
    invalid_number: 'Your card number is invalid.',
    incomplete_expiry: "Your card's expiration date is incomplete.",
    invalid_expiry_year_past: "Your card's expiration year is in the past.",
    invalid_expiry_month_past: "Your card's expiration date is in the past.",
    invalid_expiry_year: "Your card's expiration year is invalid.",
    invalid_expiry_month: "Your card's expiration month is invalid.",
    incomplete_cvc: "Your card's security code is incomplete.",
    invalid_cvc: "Your card's security code is invalid.",
    incomplete_zip: 'Your postal code is incomplete.',
    invalid_zip: 'Your postal code is invalid.',
    incomplete_routing_number: 'Your routing number is incomplete.',
    invalid_routing_number: 'Your routing number is invalid.',
    incomplete_account_number: 'Your account number is incomplete.',
    invalid_account_number: 'Your account number is invalid.',
    incomplete_account_holder_name: "Enter the account holder's name.",
    incomplete: 'Your payment details are incomplete.',
    api_connection_error:
      'We could not reach the payment server. Check your connection and try again.',
    unexpected_reply: 'The payment server sent an unexpected reply. Try again.',
    frame_not_configured: 'The payment form is still loading. Try again in a moment.',
    non_ascii_digits: 'Use the digits 0–9.',
  },
  fr: {
    incomplete_number: 'Le numéro de votre carte est incomplet.',
    invalid_number: 'Le numéro de votre carte est invalide.',
    incomplete_expiry: "La date d'expiration de votre carte est incomplète.",
    invalid_expiry_year_past: "L'année d'expiration de votre carte est déjà passée.",
    invalid_expiry_month_past: "La date d'expiration de votre carte est déjà passée.",
    invalid_expiry_year: "L'année d'expiration de votre carte est invalide.",
    invalid_expiry_month: "Le mois d'expiration de votre carte est invalide.",
    incomplete_cvc: 'Le code de sécurité de votre carte est incomplet.',
    invalid_cvc: 'Le code de sécurité de votre carte est invalide.',
    incomplete_zip: 'Votre code postal est incomplet.',
    invalid_zip: 'Votre code postal est invalide.',
    incomplete_routing_number: 'Votre numéro de routage est incomplet.',
    invalid_routing_number: 'Votre numéro de routage est invalide.',
    incomplete_account_number: 'Votre numéro de compte est incomplet.',
    invalid_account_number: 'Votre numéro de compte est invalide.',
    incomplete_account_holder_name: 'Saisissez le nom du titulaire du compte.',
    incomplete: 'Vos informations de paiement sont incomplètes.',
    api_connection_error:
      'Impossible de joindre le serveur de paiement. Vérifiez votre connexion et réessayez.',
    unexpected_reply: 'Le serveur de paiement a envoyé une réponse inattendue. Réessayez.',
    frame_not_configured: 'Le formulaire de paiement se charge encore. Réessayez dans un instant.',
    non_ascii_digits: 'Utilisez les chiffres 0 à 9.',
  },
};

/** Said for a code the catalogue does not know (a newer server's, say). */
const FALLBACK_MESSAGES: Readonly<Record<Locale, string>> = {
  en: 'Your payment details are invalid.',
  fr: 'Vos informations de paiement sont invalides.',
};

/** A field's visible label and its placeholder. */
export interface FieldLabels {
  readonly label: string;
  readonly placeholder: string;
}

/** Everything the frame's fields and iframes are called in one language. */
export interface Labels {
  readonly cardNumber: FieldLabels;
  readonly expiry: FieldLabels;
  readonly cvc: FieldLabels;
  readonly postalCode: FieldLabels;
  readonly routingNumber: FieldLabels;
  readonly accountNumber: FieldLabels;
  readonly accountHolderName: FieldLabels;
  /** The holder-type choice: its label and one name per option. */
  readonly accountHolderType: {
    readonly label: string;
    readonly individual: string;
    readonly company: string;
  };
  /** The accessible name (`title`) of each kind of iframe. */
  readonly frameTitles: Readonly<Record<ElementType, string>>;
}

const LABELS: Readonly<Record<Locale, Labels>> = {
  en: {
    cardNumber: { label: 'Card number', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Expiration date', placeholder: 'MM / YY' },
    cvc: { label: 'Security code', placeholder: 'CVC' },
    postalCode: { label: 'ZIP / Postal code', placeholder: 'ZIP' },
    routingNumber: { label: 'Routing number', placeholder: '' },
    accountNumber: { label: 'Account number', placeholder: '' },
    accountHolderName: { label: 'Account holder name', placeholder: 'Full name' },
    accountHolderType: {
      label: 'Account holder type',
      individual: 'Individual',
      company: 'Company',
    },
    frameTitles: FRAME_TITLES.en,
  },
  fr: {
    cardNumber: { label: 'Numéro de carte', placeholder: '1234 1234 1234 1234' },
    expiry: { label: "Date d'expiration", placeholder: 'MM / AA' },
    cvc: { label: 'Code de sécurité', placeholder: 'CVC' },
    postalCode: { label: 'Code postal', placeholder: 'Code postal' },
    routingNumber: { label: 'Numéro de routage', placeholder: '' },
    accountNumber: { label: 'Numéro de compte', placeholder: '' },
    accountHolderName: { label: 'Nom du titulaire du compte', placeholder: 'Nom complet' },
    accountHolderType: {
      label: 'Type de titulaire',
      individual: 'Particulier',
      company: 'Entreprise',
    },
    frameTitles: FRAME_TITLES.fr,
  },
};

function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(MESSAGES.en, code);
}

/**
 * The user-facing message for a browser validation code in `locale` (any tag; unsupported
 * ones get English). Unknown codes get a generic message rather than the raw code.
 */
export function messageFor(code: string, locale: string): string {
  const language = resolveLocale(locale, []);
  return isMessageCode(code) ? MESSAGES[language][code] : FALLBACK_MESSAGES[language];
}

/** Field labels, placeholders and iframe titles in `locale` (unsupported tags get English). */
export function labelsFor(locale: string): Labels {
  return LABELS[resolveLocale(locale, [])];
}
