/**
 * JSON Schemas of the Tokens API parameters, as Stripe's OpenAPI spec lists them. Fastify
 * validates every request against them before a handler runs; `schema-errors.ts` turns a
 * failure into Stripe's error. Form bodies carry strings only, so booleans and integers are
 * strings with a pattern here and are converted by the token service.
 */

import {
  ACCOUNT_HOLDER_TYPES,
  ACCOUNT_TYPES,
  CARDHOLDER_FIELDS,
  type TokenType,
} from 'tessera/validation';

const text = { type: 'string', maxLength: 5000 } as const;
const shortText = { type: 'string', maxLength: 100 } as const;
const required = { type: 'string', minLength: 1, maxLength: 5000 } as const;
const booleanText = { type: 'string', enum: ['true', 'false'] } as const;
const integerText = { type: 'string', pattern: '^[0-9]{1,4}$' } as const;

function object(properties: Record<string, unknown>, requiredKeys: string[] = []) {
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(requiredKeys.length > 0 ? { required: requiredKeys } : {}),
  } as const;
}

const address = object({
  city: shortText,
  country: text,
  line1: { type: 'string', maxLength: 200 },
  line2: { type: 'string', maxLength: 200 },
  postal_code: text,
  state: text,
});

const dob = object({ day: integerText, month: integerText, year: integerText }, [
  'day',
  'month',
  'year',
]);

const card = object(
  {
    number: required,
    exp_month: required,
    exp_year: required,
    cvc: text,
    ...Object.fromEntries(CARDHOLDER_FIELDS.map((field) => [field, text])),
    networks: object({
      preferred: { type: 'string', enum: ['cartes_bancaires', 'mastercard', 'visa'] },
    }),
  },
  ['number', 'exp_month', 'exp_year'],
);

const bankAccount = object(
  {
    account_number: required,
    country: required,
    account_holder_name: text,
    account_holder_type: { type: 'string', enum: ACCOUNT_HOLDER_TYPES },
    account_type: { type: 'string', enum: ACCOUNT_TYPES },
    currency: text,
    routing_number: text,
  },
  ['account_number', 'country'],
);

const individual = object({
  first_name: shortText,
  last_name: shortText,
  email: text,
  phone: text,
  dob,
  address,
  id_number: text,
  ssn_last_4: { type: 'string', pattern: '^[0-9]{4}$' },
});

const company = object({
  name: shortText,
  phone: text,
  tax_id: text,
  vat_id: text,
  registration_number: text,
  address,
});

const account = object({
  business_type: {
    type: 'string',
    enum: ['company', 'government_entity', 'individual', 'non_profit'],
  },
  individual,
  company,
  tos_shown_and_accepted: booleanText,
});

/** What can be tokenized, one schema per token type. */
const TOKEN_TYPE_SCHEMAS: Readonly<Record<TokenType, unknown>> = {
  card,
  bank_account: bankAccount,
  cvc_update: object({ cvc: required }, ['cvc']),
  pii: object({ id_number: required }, ['id_number']),
  account,
};

/** Body of `POST /v1/tokens`. */
export const createTokenBody = object({
  ...TOKEN_TYPE_SCHEMAS,
  expand: { type: 'array', maxItems: 0, items: text },
  key: text,
});

/** Path parameters of the routes under `/v1/tokens/:token`. */
export const tokenParams = object({ token: { type: 'string', maxLength: 255 } }, ['token']);

/** Query of `GET /v1/tokens/:token` (`expand[]` is accepted but there is nothing to expand). */
export const retrieveTokenQuery = object({ expand: { type: 'array', maxItems: 0, items: text } });

/** An empty body: the routes that take no parameters still refuse unknown ones. */
export const emptyBody = object({});
