#!/usr/bin/env node
// Thin entry: the compiled and bundled CLI lives in dist/bundle (built by `npm run build`, run by `npm ci` and `npm pack`),
// loaded by ./loadCli.cjs with the code cache the build made.
import { createRequire } from 'node:module';

// A signal while the command is not handling signals itself (loading, printing the reports
// after the run): stop at once with the documented 130, saying whether anything was written.
let cli;
const early = (signal) => {
  if (process.listenerCount(signal) > 1) return;
  process.stderr.write(cli?.signalState.ran ? 'redirect-codemod: interrupted while printing the reports\n' : 'redirect-codemod: interrupted; nothing was written\n');
  process.exit(130);
};
process.on('SIGINT', early);
process.on('SIGTERM', early);

// A reader that stops early (`| head`) is not an error. Any other failure to write the output
// (a full device) is remembered: the run finishes what it was doing and exits 74 (EX_IOERR).
let outputFailure = null;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    outputFailure ??= { stream: stream === process.stdout ? 'standard output' : 'standard error', error };
  });
}

// Loaded here rather than imported above, so that running out of file descriptors while
// loading it ends in a sentence and exit 74 rather than a stack trace.
try {
  cli = createRequire(import.meta.url)('./loadCli.cjs').loadCli().cli;
} catch (error) {
  if (error?.code !== 'EMFILE' && error?.code !== 'ENFILE') throw error;
  process.stderr.write(`redirect-codemod: too many open files (${error.code}) while starting; raise the limit (ulimit -n)\n`);
  process.exit(74);
}
const { main } = cli;

let code;
try {
  code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    stdin: process.stdin,
    env: process.env,
  });
} catch (error) {
  // A module loaded on demand (the diff library, a parser) can meet the same limit.
  if (error?.code !== 'EMFILE' && error?.code !== 'ENFILE') throw error;
  process.stderr.write(`redirect-codemod: too many open files (${error.code}); raise the limit (ulimit -n)\n`);
  code = 74;
}
// A failed write is reported by an event on a later tick.
await new Promise((resolve) => setImmediate(resolve));
if (outputFailure) {
  const { stream, error } = outputFailure;
  if (stream !== 'standard error') process.stderr.write(`redirect-codemod: could not write to ${stream} (${error.code ?? error.message}); the run itself finished with exit code ${code}\n`);
  process.exitCode = 74;
} else {
  process.exitCode = code;
}
