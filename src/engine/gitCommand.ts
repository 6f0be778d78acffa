/**
 * Every git call the tool makes: an argument array (never a shell), never interactive, hooks
 * off (a repository's hooks are code the tool must not run), and the result kept whole so a
 * failure can be reported with git's own words.
 */
import { spawn } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Prompts of any kind fail instead of waiting for a person. */
const NON_INTERACTIVE: NodeJS.ProcessEnv = {
  GIT_TERMINAL_PROMPT: '0',
  GCM_INTERACTIVE: 'never',
  // Reads (status) must not take the index lock a user's own git may be holding.
  GIT_OPTIONAL_LOCKS: '0',
  GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
  LC_ALL: 'C',
};

/** Options every call carries: no hooks, no pager, no editor. */
const ALWAYS = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.pager=cat', '-c', 'advice.detachedHead=false'];

export function gitCommand(cwd: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawn('git', [...ALWAYS, ...args], {
      cwd,
      env: { ...process.env, ...NON_INTERACTIVE, GIT_EDITOR: 'true', ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => resolve({ code: 127, stdout: '', stderr: error.message }));
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    if (options.input !== undefined) child.stdin!.end(options.input);
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
