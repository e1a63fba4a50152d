import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import { DIGIT_RUN } from './schema-errors.js';

/**
 * Wraps a destination so that every log line has card-number-like digit runs (12–19 digits,
 * possibly spaced or dashed) replaced, whatever logged them: a URL, an error message, a plugin.
 * Timestamps are ISO strings so that they never look like such a run.
 */
export function redactingStream(destination: { write(line: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      destination.write(line.replace(DIGIT_RUN, '[REDACTED]'));
    },
  };
}

/** Fastify's logger options: pino with redaction, never request bodies or credentials. */
export function loggerOptions(
  level: string,
  destination: { write(line: string): unknown },
): LoggerOptions & { stream: DestinationStream } {
  return {
    level,
    stream: redactingStream(destination),
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'body'],
      censor: '[REDACTED]',
    },
  };
}
