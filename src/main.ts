import { loadConfigOrExit } from './config.js';
import { startService, type ServiceHandle } from './index.js';
import { describeStartFailure } from './start-failure.js';

const config = loadConfigOrExit();
let service: ServiceHandle | undefined;
let stopRequested: NodeJS.Signals | undefined;
let signals = 0;

function stop(sig: NodeJS.Signals): void {
  service!.log.info({ signal: sig }, 'shutting down');
  service!.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}

// SIGTERM/SIGINT (a supervisor, `docker stop`, Ctrl-C, or npm passing them on): stop cleanly, also
// when it comes while starting; a second one exits at once.
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => {
    if (++signals > 1) process.exit(1);
    if (service) stop(sig);
    else stopRequested = sig;
  });
}

try {
  service = await startService({ config });
} catch (err) {
  process.stderr.write(`${describeStartFailure(err, config)}\n`);
  process.exit(1);
}
if (stopRequested) stop(stopRequested);
