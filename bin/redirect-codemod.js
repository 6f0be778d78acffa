#!/usr/bin/env node
// Thin entry: the compiled and bundled CLI lives in dist/bundle (built by `npm run build`, run by `npm ci` and `npm pack`).
import { main } from '../dist/bundle/cli.js';

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
  env: process.env,
});
