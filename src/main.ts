import { loadConfigOrExit } from './config.js';
import { startService } from './index.js';

const config = loadConfigOrExit();
const service = await startService({ config });
let signals = 0;
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => {
    if (++signals > 1) process.exit(1);
    service.log.info({ signal: sig }, 'shutting down');
    service.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
