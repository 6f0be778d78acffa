/**
 * The command line: parses arguments, runs the pipeline, prints the reports.
 * Exit codes: 0 done (changed or not), 1 internal error, 2 usage error or refusal
 * (nothing written), 3 finished but some files could not be processed.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import yargs from 'yargs';
import type { ChangelogRequest } from './changelog/plan.js';
import { MissingPathError } from './engine/discover.js';
import { runCodemod } from './engine/run.js';
import { wantsColor } from './reports/color.js';
import { jsonReport } from './reports/jsonReport.js';
import { renderSummary } from './reports/summary.js';
import { renderDiff } from './reports/unifiedDiff.js';
import { MODES, type Mode } from './site.js';

export const EXIT = { ok: 0, internal: 1, usage: 2, someFilesFailed: 3 } as const;

const MODE_HELP = [
  'Choose a mode with --mode:',
  '  preserve  write code=302, the status these redirects send today: upgrading to Flask 3.2 / Werkzeug 3.2 changes nothing',
  '  adopt     write code=303, the new default of Flask 3.2 / Werkzeug 3.2: the code says what it will do after the upgrade',
].join('\n');

/** yargs reads `--json -` as a flag without value plus a `-` path; `-` here means stdout. */
function joinDashValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json' && argv[i + 1] === '-') {
      out.push('--json=-');
      i++;
    } else out.push(argv[i]!);
  }
  return out;
}

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export async function main(argv: string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  let usageError: string | null = null;

  const parser = yargs(joinDashValues(argv))
    .scriptName('redirect-codemod')
    .usage('$0 [run] <paths..> --mode preserve|adopt [options]')
    .epilogue(
      'Makes every implicit redirect status explicit (Flask, Werkzeug, Quart, Express, Fastify, Koa, Hono, hapi, React Router, ...) before Flask 3.2 changes the default from 302 to 303.',
    )
    .command(['run <paths..>', '$0 <paths..>'], 'rewrite implicit redirects under the given paths', (y) =>
      y.positional('paths', { type: 'string', array: true, describe: 'files or directories to rewrite' }),
    )
    .option('mode', { type: 'string', choices: MODES as unknown as string[], describe: 'preserve: write 302 (behaviour unchanged); adopt: write 303 (the new default)' })
    .option('dry', { type: 'boolean', default: false, describe: 'write nothing; print the unified diff and the summary' })
    .option('json', { type: 'string', describe: 'write the JSON report to FILE (- for stdout)' })
    .option('changelog', { type: 'string', describe: 'add the changelog entry to FILE (default: find CHANGELOG.md / CHANGES.rst; --no-changelog to skip)' })
    .option('types', { type: 'string', choices: ['on', 'off'], default: 'on', describe: "ask TypeScript's type checker (ts-morph) about receivers syntax cannot tie to a framework" })
    .option('allow-dirty', { type: 'boolean', default: false, describe: 'write files even when they have uncommitted changes in git' })
    .strict()
    .help()
    .version()
    .wrap(Math.min(110, io.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      usageError = message || error?.message || 'invalid arguments';
    });

  let args;
  try {
    args = await parser.parseAsync();
  } catch (error) {
    usageError ??= error instanceof Error ? error.message : String(error);
  }
  if (usageError !== null) {
    io.stderr.write(`redirect-codemod: ${usageError}\n\nRun redirect-codemod --help for the options.\n`);
    return EXIT.usage;
  }
  if (!args || args.help || args.version) return EXIT.ok;

  const paths = (args.paths as string[] | undefined) ?? [];
  if (paths.length === 0) {
    io.stderr.write('redirect-codemod: give at least one file or directory\n');
    return EXIT.usage;
  }
  if (args.mode === undefined) {
    io.stderr.write(`redirect-codemod: --mode is required\n\n${MODE_HELP}\n`);
    return EXIT.usage;
  }
  const mode = args.mode as Mode;
  const dry = args.dry === true || io.env.DRY_RUN === 'true' || io.env.XARGS_DRY_RUN === 'true';
  const changelog: ChangelogRequest =
    (args.changelog as unknown) === false ? { kind: 'none' } : typeof args.changelog === 'string' && args.changelog !== '' ? { kind: 'file', file: path.resolve(io.cwd, args.changelog) } : { kind: 'auto' };
  const jsonTarget = typeof args.json === 'string' && args.json !== '' ? args.json : undefined;
  // With the JSON report on stdout, the human-readable output moves to stderr.
  const human = jsonTarget === '-' ? io.stderr : io.stdout;
  const color = wantsColor(human, io.env);

  if (jsonTarget !== undefined && jsonTarget !== '-' && !existsSync(path.dirname(path.resolve(io.cwd, jsonTarget)))) {
    io.stderr.write(`redirect-codemod: --json ${jsonTarget}: its directory does not exist\n`);
    return EXIT.usage;
  }

  let result;
  try {
    result = await runCodemod({ paths, mode, dry, allowDirty: args['allow-dirty'] === true, types: args.types !== 'off', changelog, cwd: io.cwd });
  } catch (error) {
    if (error instanceof MissingPathError) {
      io.stderr.write(`redirect-codemod: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`redirect-codemod: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }

  if (dry) {
    const write = result.changelog?.write;
    const changes = write ? [...result.changes, { file: write.file, path: write.shown, before: write.before, after: write.after }] : result.changes;
    if (changes.length > 0) human.write(`${renderDiff(changes, color)}\n`);
  }
  human.write(renderSummary(result, color));
  if (jsonTarget !== undefined) {
    const json = `${JSON.stringify(jsonReport(result), null, 2)}\n`;
    if (jsonTarget === '-') io.stdout.write(json);
    else {
      try {
        await writeFile(path.resolve(io.cwd, jsonTarget), json);
      } catch (error) {
        io.stderr.write(`redirect-codemod: could not write the JSON report to ${jsonTarget}: ${error instanceof Error ? error.message : String(error)}\n`);
        exitCode = EXIT.someFilesFailed;
      }
    }
  }

  if (result.refusedDirty.length > 0) exitCode = EXIT.usage;
  else if (result.errors.length > 0) exitCode = EXIT.someFilesFailed;
  return exitCode;
}
