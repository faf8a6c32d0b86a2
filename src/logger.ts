import pino, { type Logger } from 'pino';
import { createRedactor } from './redact.js';

/**
 * The structured logger. Binding codes, amounts and phone numbers never go into log fields;
 * the paths below are redacted in case a caller passes a whole object. Every line is scrubbed of
 * the given secrets and of anything shaped like a bot token before it is written.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream, secrets: string[] = []): Logger {
  const scrub = createRedactor(secrets);
  return pino(
    {
      level,
      hooks: { streamWrite: scrub },
      base: { service: 'yishi' },
      redact: { paths: ['code', '*.code', 'text', '*.text', 'phone', '*.phone', 'amount', '*.amount', 'token', '*.token'], censor: '[redacted]' },
      serializers: { err: safeErr },
    },
    destination as pino.DestinationStream | undefined,
  );
}

/** Fields of errors that carry what people wrote: query parameters, request payloads, row details. */
const DATA_FIELDS = ['params', 'parameters', 'payload', 'detail'];

/**
 * pino's error serializer without the data a failed query or request carries (drizzle puts the
 * query parameters — binding codes, texts, amounts — into the message and stack), keeping the
 * SQLSTATE or errno of the first cause that has one.
 */
export function safeErr(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const s = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const f of DATA_FIELDS) delete s[f];
  if (typeof s.message === 'string') s.message = s.message.replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]');
  if (typeof s.stack === 'string') s.stack = s.stack.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/g, '\nparams: [redacted]');
  if (s.code === undefined) {
    for (let e: unknown = err.cause, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' || typeof code === 'number') {
        s.causeCode = code;
        break;
      }
    }
  }
  return s;
}
