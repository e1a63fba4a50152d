/**
 * The body the frame posts to `/v1/tokens`, built from what its fields hold: Stripe's
 * parameters (`card[number]`, `bank_account[routing_number]`, …) and the cardholder data the
 * page passed, nothing else. Pure functions, tested in Node; the component only gathers the
 * values (and, for split fields, its siblings' answers) and posts the result.
 */
import { CARDHOLDER_FIELDS, type CardholderData, type TokenType } from '../domain/index.js';
import type { ChangeDetail, ElementType, ProtocolError } from '../protocol/index.js';
import { visibleError, type FieldEntry } from './field-state.js';
import type { FieldValues } from './fields.js';
import { parseExpiry } from './formatting.js';
import type { Say } from './i18n/words.js';

/** Form parameters, nested as Stripe's bracket keys. */
export type TokenParams = Record<string, unknown>;

/** Parameters to post, or why there are none. */
export type ParamsResult = { params: TokenParams } | { error: ProtocolError };

/** What the expiry or CVC frame of a split card answers when the number frame collects. */
export interface SiblingAnswer {
  from: 'cardExpiry' | 'cardCvc';
  /** `{ month, year }` from the expiry, `{ cvc }` from the CVC frame. */
  values: Readonly<Record<string, string>>;
  complete: boolean;
  /** The field's error code and message (in the sibling's language), when not complete. */
  code?: string;
  message?: string;
}

/** Which element types create which tokens (pii and account need no field at all). */
const CREATES: Readonly<Record<TokenType, readonly ElementType[] | 'any'>> = {
  card: ['card', 'cardNumber'],
  bank_account: ['bankAccount'],
  cvc_update: ['cardCvc'],
  pii: 'any',
  account: 'any',
};

/** Whether an element of `elementType` can create a `kind` token. */
export function canCreate(elementType: ElementType, kind: TokenType): boolean {
  const types = CREATES[kind];
  return types === 'any' || types.includes(elementType);
}

/** The error for a token an element cannot create (an integration mistake). */
export function mismatchError(elementType: ElementType, kind: TokenType): ProtocolError {
  return {
    type: 'invalid_request_error',
    message: `A ${elementType} element cannot create a ${kind} token.`,
  };
}

/** The cardholder fields of the page's data that are non-empty strings; the rest is dropped. */
export function cardholderData(data: Readonly<Record<string, unknown>>): CardholderData {
  const out: CardholderData = {};
  for (const key of CARDHOLDER_FIELDS) {
    const value = data[key];
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  return out;
}

/** The ASCII digits of a card number as typed (spaces are the formatter's). */
function cardNumber(value: string): string {
  return value.replace(/\s/g, '');
}

/** `card[…]` of the combined card element; the postal code only when the element shows it. */
export function cardParams(
  values: FieldValues,
  options: { postalCode: boolean },
  data: Readonly<Record<string, unknown>>,
): TokenParams {
  const { month, year } = parseExpiry(values.expiry);
  return {
    card: {
      number: cardNumber(values.number),
      exp_month: month,
      exp_year: year,
      cvc: values.cvc,
      ...(options.postalCode ? { address_zip: values.postalCode.trim() } : {}),
      ...cardholderData(data),
    },
  };
}

/**
 * `card[…]` of split fields: the number frame's own number and its siblings' answers. A missing
 * or incomplete sibling is an error in Stripe's shape, in the sibling's words when it gave some.
 */
export function splitCardParams(
  number: string,
  answers: readonly SiblingAnswer[],
  data: Readonly<Record<string, unknown>>,
  say: Say,
): ParamsResult {
  const expiry = answers.find((answer) => answer.from === 'cardExpiry');
  const cvc = answers.find((answer) => answer.from === 'cardCvc');
  for (const [answer, missing] of [
    [expiry, 'incomplete_expiry'],
    [cvc, 'incomplete_cvc'],
  ] as const) {
    if (!answer?.complete) {
      const code = answer?.code ?? missing;
      return {
        error: {
          type: 'validation_error',
          code,
          message: answer?.message ?? say(code),
        },
      };
    }
  }
  return {
    params: {
      card: {
        number: cardNumber(number),
        exp_month: expiry?.values.month,
        exp_year: expiry?.values.year,
        cvc: cvc?.values.cvc,
        ...cardholderData(data),
      },
    },
  };
}

/** `bank_account[…]`: the element's fields, with the country and currency the page gave. */
export function bankAccountParams(
  values: FieldValues,
  data: Readonly<Record<string, unknown>>,
): TokenParams {
  return {
    bank_account: {
      country: typeof data.country === 'string' ? data.country : 'US',
      currency: typeof data.currency === 'string' ? data.currency : 'usd',
      account_holder_name: values.accountHolderName.trim(),
      account_holder_type: values.accountHolderType,
      routing_number: values.routingNumber,
      account_number: values.accountNumber,
    },
  };
}

/** `cvc_update[cvc]`. */
export function cvcUpdateParams(values: FieldValues): TokenParams {
  return { cvc_update: { cvc: values.cvc } };
}

/**
 * `pii[id_number]` from the page's data (nothing else of it), or Stripe.js's error for a
 * missing `personal_id_number` (`parameter_missing`), said by `say`.
 */
export function piiParams(data: Readonly<Record<string, unknown>>, say: Say): ParamsResult {
  const id = data.id_number;
  if (typeof id !== 'string' || id === '') {
    return {
      error: {
        type: 'validation_error',
        code: 'parameter_missing',
        param: 'personal_id_number',
        message: say('personal_id_number_missing'),
      },
    };
  }
  return { params: { pii: { id_number: id } } };
}

/** `account[…]`: the page's data as given (the server checks it against its schema). */
export function accountParams(data: Readonly<Record<string, unknown>>): TokenParams {
  return { account: data };
}

/**
 * Why fields shown as submitted cannot tokenize, or null when they are complete: the error the
 * element shows (the first visible one), else the first incomplete field's own code, said by
 * `say`. `entries` are the fields in display order, `submitted` set.
 */
export function incompleteError(
  detail: ChangeDetail,
  entries: readonly FieldEntry[],
  say: Say,
): ProtocolError | null {
  if (detail.complete) return null;
  if (detail.error) return detail.error;
  const pending = entries.find((entry) => !entry.state.complete);
  const code = (pending && visibleError({ ...pending, submitted: true })?.code) ?? 'incomplete';
  return { type: 'validation_error', code, message: say(code) };
}
