/**
 * Every git call the tool makes: an argument array (never a shell), never interactive, and
 * every configuration key that names a program turned off, so no git command the tool runs
 * can start a program a repository configures (hooks, fsmonitor, filters, diff and merge
 * drivers, pagers, editors, credential helpers, proxies, askpass, signing). The result is
 * kept whole so a failure can be reported with git's own words.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** git could not be started at all (not installed, or out of processes or file descriptors). */
export class GitUnavailableError extends Error {
  constructor(readonly code: string | undefined, message: string) {
    super(message);
  }
}

/** Prompts of any kind fail instead of waiting for a person; programs named in the environment are the user's own. */
function environment(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    // Reads (status) must not take the index lock a user's own git may be holding.
    GIT_OPTIONAL_LOCKS: '0',
    // These override core.sshCommand, core.askPass and core.gitProxy from any configuration file.
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
    GIT_ASKPASS: process.env.GIT_ASKPASS ?? '',
    GIT_PROXY_COMMAND: process.env.GIT_PROXY_COMMAND ?? '',
    GIT_EDITOR: 'true',
    GIT_SEQUENCE_EDITOR: 'true',
    GIT_PAGER: 'cat',
    LC_ALL: 'C',
    ...extra,
  };
}

/**
 * Keys with a fixed name that run a program, or make git run more of itself than asked
 * (submodules, automatic maintenance), each with the value that turns it off. `pager.<cmd>`
 * is covered by --no-pager, the editors and the transports by the environment above.
 */
const ALWAYS = [
  '--no-pager',
  ...[
    'core.hooksPath=/dev/null',
    'core.fsmonitor=false',
    'core.pager=cat',
    'core.editor=true',
    'sequence.editor=true',
    'core.askPass=',
    'core.alternateRefsCommand=',
    'diff.external=',
    'commit.gpgSign=false',
    'tag.gpgSign=false',
    'push.gpgSign=false',
    'log.showSignature=false',
    'gpg.program=false',
    'gpg.ssh.program=false',
    'gpg.x509.program=false',
    'gpg.ssh.defaultKeyCommand=',
    'submodule.recurse=false',
    'fetch.recurseSubmodules=false',
    'push.recurseSubmodules=no',
    'protocol.ext.allow=never',
    'gc.auto=0',
    'maintenance.auto=false',
    'http.saveCookies=false',
    'advice.detachedHead=false',
  ].flatMap((setting) => ['-c', setting]),
];

/** Keys of the form section.<name>.key that run a program, from any scope, and what turns each off. */
const NAMED_PROGRAMS: Array<[RegExp, string]> = [
  [/^filter\..+\.(clean|smudge|process)$/i, ''],
  [/^diff\..+\.(textconv|command)$/i, ''],
  [/^merge\..+\.(driver|recursive)$/i, 'false'],
  [/^(mergetool|difftool)\..+\.cmd$/i, 'false'],
];

/** Scopes a repository controls: its own configuration files and what they include. */
const REPOSITORY_SCOPES = new Set(['local', 'worktree']);

/**
 * The `-c` options that turn off what this repository's configuration (and the user's) names
 * by pattern: filter, diff and merge drivers from every scope; credential helpers and
 * upload/receive-pack programs only when the repository itself sets them (the user's own
 * helpers are kept, in their order, for clone, fetch and push). `git remote` subcommands that
 * reach a remote cannot be given --upload-pack; the tool runs them only in its own clones.
 */
export interface Overrides {
  /** `-c` options for every call. */
  options: string[];
  /** The repository names its own upload-pack / receive-pack: the first value wins in git, so these go on the command line. */
  uploadPack: boolean;
  receivePack: boolean;
}

export function overridesFor(listing: string): Overrides {
  const fields = listing.split('\0');
  const entries: Array<{ scope: string; key: string; value: string }> = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [key, ...value] = fields[i + 1]!.split('\n');
    entries.push({ scope: fields[i]!, key: key!.toLowerCase(), value: value.join('\n') });
  }
  const settings = new Set<string>();
  for (const { key } of entries) {
    const off = NAMED_PROGRAMS.find(([pattern]) => pattern.test(key));
    if (off) settings.add(`${key}=${off[1]}`);
    if (/^filter\..+\.(clean|smudge|process)$/.test(key)) settings.add(`${key.replace(/\.[^.]+$/, '')}.required=false`);
  }
  const fromRepository = entries.filter(({ scope }) => REPOSITORY_SCOPES.has(scope));
  const uploadPack = fromRepository.some(({ key }) => /^remote\..+\.uploadpack$/.test(key));
  const receivePack = fromRepository.some(({ key }) => /^remote\..+\.receivepack$/.test(key));
  const helpers = entries.filter(({ key }) => /^credential\.(.+\.)?helper$/.test(key));
  const out = [...settings].flatMap((setting) => ['-c', setting]);
  if (helpers.some(({ scope }) => REPOSITORY_SCOPES.has(scope))) {
    // An empty helper resets the list; the user's own are then given again.
    out.push('-c', 'credential.helper=');
    for (const { scope, key, value } of helpers) if (!REPOSITORY_SCOPES.has(scope) && value !== '') out.push('-c', `${key}=${value}`);
  }
  return { options: out, uploadPack, receivePack };
}

/** One listing of the configuration per repository (the directory holding `.git`, found without starting git). */
const overridesByRepository = new Map<string, Promise<Overrides>>();

function repositoryOf(cwd: string): string {
  if (process.env.GIT_DIR) return `GIT_DIR=${process.env.GIT_DIR}`;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git')) || existsSync(path.join(dir, 'HEAD'))) return dir;
    if (path.dirname(dir) === dir) return '';
  }
}

const NONE: Overrides = { options: [], uploadPack: false, receivePack: false };

async function neutralising(cwd: string): Promise<Overrides> {
  const key = repositoryOf(cwd);
  let pending = overridesByRepository.get(key);
  if (!pending) {
    // `git config` reads configuration only; it starts no program.
    pending = run(cwd, [...ALWAYS, 'config', '--list', '--show-scope', '-z'], {}).then((result) => (result.code === 0 ? overridesFor(result.stdout) : NONE));
    overridesByRepository.set(key, pending);
  }
  return pending;
}

export async function gitCommand(cwd: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<GitResult> {
  const overrides = await neutralising(cwd);
  const command = [...args];
  // The subcommand is the first word that is not a `-c key=value` pair.
  let at = 0;
  while (command[at] === '-c') at += 2;
  const subcommand = command[at];
  if (overrides.receivePack && subcommand === 'push') command.splice(at + 1, 0, '--receive-pack=git-receive-pack');
  if (overrides.uploadPack && (subcommand === 'fetch' || subcommand === 'pull' || subcommand === 'ls-remote' || subcommand === 'clone')) command.splice(at + 1, 0, '--upload-pack=git-upload-pack');
  return run(cwd, [...ALWAYS, ...overrides.options, ...command], options);
}

function run(cwd: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv }): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => reject(new GitUnavailableError(error.code, `git could not be started: ${error.code === 'EMFILE' || error.code === 'ENFILE' ? 'too many open files (raise the limit: ulimit -n)' : error.message}`));
    let child;
    try {
      child = spawn('git', args, {
        cwd,
        env: environment(options.env),
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
    } catch (error) {
      fail(error as NodeJS.ErrnoException);
      return;
    }
    // Without its pipes (no file descriptors left) the child never started.
    if (!child.stdout || !child.stderr || (options.input !== undefined && !child.stdin)) {
      child.on('error', fail);
      if (!child.pid) return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve({ code: 127, stdout: '', stderr: error.message }) : fail(error)));
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** A failed git step, named for the report. */
export class GitStepError extends Error {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(message);
  }
}

/** Runs git and returns stdout, or throws a GitStepError naming the step and git's message. */
export async function gitOrFail(step: string, cwd: string, args: readonly string[], options?: { input?: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const result = await gitCommand(cwd, args, options);
  if (result.code !== 0) {
    const said = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' / ');
    throw new GitStepError(step, `git ${args[0]} failed (exit ${result.code})${said ? `: ${said}` : ''}`);
  }
  return result.stdout;
}
