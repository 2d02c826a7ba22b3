/**
 * The `gpjobs` executable under Node (`dist/cli/gpjobs.cjs`): runs the command line over electron/core.
 * The desktop app's executable runs the same thing in its command-line mode (see run-process.ts).
 */
import { runCliProcess } from './run-process';

void runCliProcess(process.argv.slice(2), (code) => process.exit(code));
