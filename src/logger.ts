import pino, { type Logger } from 'pino';

/**
 * The structured logger. Binding codes, amounts and phone numbers never go into log fields;
 * the paths below are redacted in case a caller passes a whole object.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'yishi' },
      redact: { paths: ['code', '*.code', 'text', '*.text', 'phone', '*.phone', 'amount', '*.amount', 'token', '*.token'], censor: '[redacted]' },
    },
    destination as pino.DestinationStream | undefined,
  );
}
