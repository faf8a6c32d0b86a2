import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';

/** The service's own logger (debug level unless told), writing into memory so a test can read every line. */
export function captureLogs(level = 'debug') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, stream), lines, text: () => lines.join('\n') };
}
