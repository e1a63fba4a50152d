import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { ApiError, errors } from './errors.js';

/**
 * Runs of 12–19 digits, possibly separated by spaces, dashes, dots or underscores, also URL- or
 * form-encoded (`%20`, `+`, `%2D`, `%2E`, `%5F`): what a card number looks like wherever it
 * turns up.
 */
export const DIGIT_RUN = /\d(?:(?:[ +._-]|%20|%2[dDeE]|%5[fF])?\d){11,18}/g;

/** A parameter name made safe to echo: card-number-like runs masked, length capped. */
export function safeName(name: string): string {
  const masked = name.replace(DIGIT_RUN, '[REDACTED]');
  return masked.length > 100 ? `${masked.slice(0, 100)}…` : masked;
}

/** `/card/exp_month` → `card[exp_month]` (JSON Pointer segments unescaped). */
export function bracketPath(segments: readonly string[]): string {
  const [head = '', ...rest] = segments.map((s) =>
    safeName(s.replaceAll('~1', '/').replaceAll('~0', '~')),
  );
  return head + rest.map((s) => `[${s}]`).join('');
}

function pointerSegments(pointer: string): string[] {
  return pointer.split('/').filter((s) => s !== '');
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'a hash (use bracket keys such as card[number])',
  string: 'a string',
  array: 'an array',
};

/** Turns the first schema validation failure into the Stripe error a client expects. */
export function schemaError(error: FastifySchemaValidationError): ApiError {
  const at = pointerSegments(error.instancePath);
  const params = error.params;
  switch (error.keyword) {
    case 'required':
      return errors.parameterMissing(bracketPath([...at, String(params.missingProperty)]));
    case 'additionalProperties':
      return errors.parameterUnknown(bracketPath([...at, String(params.additionalProperty)]));
    case 'minLength':
      return errors.parameterEmpty(bracketPath(at));
    case 'maxLength':
      return errors.parameterInvalid(
        bracketPath(at),
        `must be at most ${String(params.limit)} characters`,
      );
    case 'maxItems':
      return at[0] === 'expand'
        ? errors.expandUnsupported(bracketPath(at))
        : errors.parameterInvalid(bracketPath(at), 'too many items');
    case 'enum':
      return errors.parameterInvalid(
        bracketPath(at),
        `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
      );
    case 'pattern':
      return errors.parameterInvalid(bracketPath(at), 'has the wrong format');
    case 'type':
      return errors.parameterInvalid(
        at.length > 0 ? bracketPath(at) : 'request',
        `must be ${TYPE_NAMES[String(params.type)] ?? String(params.type)}`,
      );
    default:
      return errors.parameterInvalid(at.length > 0 ? bracketPath(at) : 'request', 'is invalid');
  }
}
