import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { ApiError, errors } from './errors.js';
import { safeName } from './redaction.js';

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
