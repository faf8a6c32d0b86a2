/** The operator CLI (SPEC §4): `npm run admin -- COMMAND …`. The logic lives in src/cli/. */
import { runAdmin } from '../src/cli/admin.js';

process.exitCode = await runAdmin(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  // `npm run` starts scripts in the package directory; file arguments are the operator's, relative to where they typed.
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
