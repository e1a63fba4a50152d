/**
 * A token request from the fields: checks that the element can create the token asked for,
 * marks the fields submitted (so they show what is missing), builds Stripe's parameters
 * (`token-params.ts`; for split fields with the siblings' answers) and posts them
 * (`tokenize.ts`). A chunk of its own: the first render does not need it, so the frame loads it
 * once it is ready.
 */
import type { TokenType } from '../domain/index.js';
import type { ChangeDetail, ElementType, FrameConfig } from '../protocol/index.js';
import type { FieldEntry } from './field-state.js';
import type { FieldValues } from './fields.js';
import type { Say } from './i18n/words.js';
import {
  accountParams,
  bankAccountParams,
  canCreate,
  cardParams,
  cvcUpdateParams,
  incompleteError,
  mismatchError,
  piiParams,
  splitCardParams,
  type ParamsResult,
  type SiblingAnswer,
} from './token-params.js';
import { postToken, type TokenReply } from './tokenize.js';

/** What a token request needs of the frame's fields. */
export interface TokenState {
  readonly config: FrameConfig | null;
  /** The fields' values now. */
  values(): FieldValues;
  say: Say;
  /** The split-field siblings' answers (none outside split fields). */
  collect(): Promise<SiblingAnswer[]>;
  /** Marks the fields submitted; the element's state and its fields' entries after that. */
  submit(): { detail: ChangeDetail; entries: readonly FieldEntry[] };
  /** Whether the element shows a postal code. */
  postalCode(): boolean;
}

function incomplete(state: TokenState): ReturnType<typeof incompleteError> {
  const { detail, entries } = state.submit();
  return incompleteError(detail, entries, state.say);
}

async function tokenParams(
  state: TokenState,
  type: ElementType,
  kind: TokenType,
  data: Record<string, unknown>,
): Promise<ParamsResult> {
  if (!canCreate(type, kind)) return { error: mismatchError(type, kind) };
  if (kind === 'pii') return piiParams(data, state.say);
  if (kind === 'account') return { params: accountParams(data) };
  if (type === 'cardNumber') {
    // Split fields: every frame shows its errors, and the siblings answer with their values.
    const answers = await state.collect();
    const error = incomplete(state);
    if (error) return { error };
    return splitCardParams(state.values().number, answers, data, state.say);
  }
  const error = incomplete(state);
  if (error) return { error };
  const values = state.values();
  switch (kind) {
    case 'card':
      return { params: cardParams(values, { postalCode: state.postalCode() }, data) };
    case 'bank_account':
      return { params: bankAccountParams(values, data) };
    case 'cvc_update':
      return { params: cvcUpdateParams(values) };
  }
}

/** Creates a token of `kind` for the page on `hostOrigin`, or says why not. */
export async function tokenRequest(
  state: TokenState,
  kind: TokenType,
  data: Record<string, unknown>,
  hostOrigin: string,
): Promise<TokenReply> {
  const config = state.config;
  if (!config) {
    const code = 'frame_not_configured';
    return { error: { type: 'api_error', code, message: state.say(code) } };
  }
  const result = await tokenParams(state, config.elementType, kind, data);
  if ('error' in result) return { error: result.error };
  return postToken(config.publishableKey, result.params, { hostOrigin, say: state.say });
}
