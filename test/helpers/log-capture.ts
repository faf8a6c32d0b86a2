import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';

/** The service's own logger at debug level, writing into memory so a test can read every line. */
export function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines, text: () => lines.join('\n') };
}
