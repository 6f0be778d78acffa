#!/usr/bin/env node
// Thin entry: the compiled and bundled CLI lives in dist/bundle (built by `npm run build`, run by `npm ci` and `npm pack`).
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

cli = await import('../dist/bundle/cli.js');
const { main } = cli;

// A reader that stops early (`| head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  stdin: process.stdin,
  env: process.env,
});
