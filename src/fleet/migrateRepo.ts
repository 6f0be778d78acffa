/**
 * One repository of the fleet: locate (or clone), check it is clean, find or plan the branch,
 * migrate in a detached worktree under the work directory, commit, move the branch, push.
 *
 * The user's own checkout is never touched: the engine writes in a worktree the fleet owns,
 * and the branch moves with one compare-and-swap `update-ref` after the commit exists. A
 * repository killed at any moment is therefore either untouched or on its finished commit;
 * a leftover worktree is the fleet's own and is removed on the next run.
 */
import { existsSync, statSync } from 'node:fs';
import { realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { isWithin } from '../engine/paths.js';
import type { Mode } from '../site.js';
import type { EnginePool } from './enginePool.js';
import type { EngineOutcome, FleetRunOptions } from './engineTask.js';
import { pendingRepo, replaceFile, type RepoCounts, type RepoReport } from './fleetReport.js';
import { gitCommand, gitOrFail, GitStepError } from '../engine/gitCommand.js';
import { workdirName, type RepoEntry } from './repoList.js';

export interface MigrateOptions {
  mode: Mode;
  branch: string;
  dry: boolean;
  push: boolean;
  types: boolean;
  forceMode: boolean;
  /** Passed to each repository's run as they are. */
  run: FleetRunOptions;
  /** Absolute; holds `clones/` and `worktrees/`. */
  workdir: string;
  /** Where a dry run's review files go: this prefix + `.<repository>.patch` / `.md` (beside the report). */
  reviewPrefix?: string;
  signal: AbortSignal;
}

/** Trailers on every fleet commit: how a later run recognises its own work and its counts. */
const TRAILER = { mode: 'Redirect-Codemod-Mode', sites: 'Redirect-Codemod-Sites', files: 'Redirect-Codemod-Files' } as const;

/** Used only when git has no identity configured, so a fresh CI machine can still commit. */
const FALLBACK_IDENTITY = ['-c', 'user.name=redirect-codemod', '-c', 'user.email=redirect-codemod@localhost'];

class Skip extends Error {}

export async function migrateRepo(entry: RepoEntry, options: MigrateOptions, pool: EnginePool): Promise<RepoReport> {
  const started = Date.now();
  const report = pendingRepo(entry.spec, entry.kind);
  let worktree: { repo: string; dir: string } | null = null;
  try {
    const place = await locate(entry, options, report);
    report.path = place.repo;
    if (options.signal.aborted) return interrupted(report, 'not started');

    const branchRef = `refs/heads/${options.branch}`;
    // A local repository whose origin already has the branch (an earlier run pushed it from
    // elsewhere): continue from it, so there is no second commit and no rejected push.
    const remote = place.cloned ? false : await fetchRemoteBranch(place.repo, options.branch);
    const existing = await branchTip(place.repo, branchRef, place.cloned || remote);
    const holder = await checkedOutAt(place.repo, branchRef);
    if (holder) throw new GitStepError('branch', `${options.branch} is checked out in ${holder}; switch that work tree to another branch or pass --branch`);

    worktree = { repo: place.repo, dir: path.join(options.workdir, 'worktrees', workdirName(entry)) };
    await removeWorktree(worktree, options.workdir);
    const add = ['worktree', 'add', '--detach', '--quiet', '--', worktree.dir, existing ?? place.base];
    if ((await gitCommand(place.repo, add)).code !== 0) {
      // A registration whose directory was deleted (a work directory cleared by hand) blocks the path.
      await gitCommand(place.repo, ['worktree', 'prune']);
      await gitOrFail('worktree', place.repo, add);
    }

    const outcome = await runEngine(pool, path.join(worktree.dir, place.subdirectory), options);
    report.filesNotProcessed = outcome.errors;
    report.counts = { sites: outcome.rewritten, files: outcome.filesChanged, explicit: outcome.explicit, review: outcome.review };
    if (outcome.interrupted) return interrupted(report, 'stopped during the rewrite; nothing committed, repository untouched');
    if (outcome.refused) throw new GitStepError('run', outcome.refused);

    let earlier: Pick<RepoCounts, 'sites' | 'files'> | null = null;
    if (outcome.rewritten > 0 && outcome.filesChanged > 0) {
      report.branch = options.branch;
      if (options.dry) {
        report.status = 'changed';
        report.reason = 'dry run: nothing committed';
        if (outcome.reviewFiles && options.reviewPrefix) {
          report.patch = `${options.reviewPrefix}.${workdirName(entry)}.patch`;
          report.summary = `${options.reviewPrefix}.${workdirName(entry)}.md`;
          await replaceFile(report.patch, outcome.reviewFiles.patch);
          await replaceFile(report.summary, outcome.reviewFiles.summaryMarkdown);
        }
        return report;
      }
      report.commit = await commit(worktree.dir, place.repo, outcome, options);
      await gitOrFail('branch', place.repo, ['update-ref', '-m', 'redirect-codemod fleet', branchRef, report.commit, existing ?? '0'.repeat(report.commit.length)]);
      report.status = 'changed';
    } else if (existing && (earlier = await earlierCounts(place.repo, existing, options.mode))) {
      // A previous run committed this branch (perhaps killed before its report was written);
      // the calls it made explicit count as rewritten, not as found explicit.
      report.counts = { ...earlier, explicit: Math.max(0, outcome.explicit - earlier.sites), review: outcome.review };
      report.status = 'changed';
      report.branch = options.branch;
      report.commit = existing;
      report.resumed = true;
      report.reason = 'already migrated: the branch holds the change, committed by an earlier run';
    } else {
      report.status = outcome.review > 0 ? 'review-only' : 'unchanged';
      return report;
    }

    if (options.push && !options.dry) {
      await gitOrFail('push', place.repo, ['push', '--quiet', '--porcelain', 'origin', `${branchRef}:${branchRef}`]);
      report.pushed = true;
    }
    return report;
  } catch (error) {
    if (error instanceof Skip) {
      report.status = 'skipped';
      report.reason = error.message;
    } else {
      report.status = 'failed';
      report.step = error instanceof GitStepError ? error.step : 'run';
      report.error = error instanceof Error ? error.message : String(error);
    }
    return report;
  } finally {
    if (worktree) await removeWorktree(worktree, options.workdir).catch(() => undefined);
    report.durationMs = Date.now() - started;
  }
}

interface Place {
  /** The repository whose refs the fleet uses: the local work tree, or the clone. */
  repo: string;
  /** The commit the branch starts from when it does not exist yet. */
  base: string;
  /** Path of the given directory inside the repository ('' for its top). */
  subdirectory: string;
  cloned: boolean;
}

async function locate(entry: RepoEntry, options: MigrateOptions, report: RepoReport): Promise<Place> {
  if (entry.kind === 'path') {
    if (!existsSync(entry.location)) throw new Skip('missing: no such directory');
    if (!statSync(entry.location).isDirectory()) throw new Skip('missing: not a directory');
    const bare = await gitCommand(entry.location, ['rev-parse', '--is-bare-repository']);
    if (bare.code !== 0) throw new Skip('not a git repository');
    if (bare.stdout.trim() !== 'true') return localRepository(entry.location);
  }
  return clonedRepository(entry, options, report);
}

async function localRepository(location: string): Promise<Place> {
  const top = (await gitOrFail('locate', location, ['rev-parse', '--show-toplevel'])).replace(/\n$/, '');
  const subdirectory = path.relative(await realpath(top), await realpath(location));
  const dirty = (await gitOrFail('locate', top, ['status', '--porcelain=v1', '-z', '--untracked-files=normal'])).split('\0').filter(Boolean);
  if (dirty.length > 0) {
    const shown = dirty.slice(0, 5).map((line) => line.slice(3));
    throw new Skip(`dirty: ${dirty.length} uncommitted change(s) (${shown.join(', ')}${dirty.length > shown.length ? ', …' : ''}); commit or stash them first`);
  }
  const head = await gitCommand(top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head.code !== 0) throw new Skip('no commits yet');
  return { repo: top, base: head.stdout.trim(), subdirectory, cloned: false };
}

/** URLs and bare repositories: cloned once into the work directory, fetched on later runs. */
async function clonedRepository(entry: RepoEntry, options: MigrateOptions, report: RepoReport): Promise<Place> {
  const dir = path.join(options.workdir, 'clones', workdirName(entry));
  report.path = dir;
  if (existsSync(dir)) {
    const origin = await gitCommand(dir, ['config', '--get', 'remote.origin.url']);
    if (origin.code !== 0 || origin.stdout.trim() !== entry.location) {
      throw new GitStepError('clone', `${dir} exists and is not a clone of ${entry.location}; remove it or choose another --workdir`);
    }
    await gitOrFail('fetch', dir, ['fetch', '--quiet', '--prune', 'origin']);
    await gitCommand(dir, ['remote', 'set-head', 'origin', '--auto']);
  } else {
    await gitOrFail('clone', options.workdir, ['clone', '--quiet', '--no-checkout', '--', entry.location, dir]);
  }
  const base = await gitCommand(dir, ['rev-parse', '--verify', '--quiet', 'refs/remotes/origin/HEAD^{commit}']);
  if (base.code !== 0) throw new Skip('empty repository: no default branch to start from');
  return { repo: dir, base: base.stdout.trim(), subdirectory: '', cloned: true };
}

/** The branch's tip: the local branch, else (in a clone) the one an earlier run pushed. */
async function branchTip(repo: string, branchRef: string, cloned: boolean): Promise<string | null> {
  const local = await gitCommand(repo, ['rev-parse', '--verify', '--quiet', `${branchRef}^{commit}`]);
  if (local.code === 0) return local.stdout.trim();
  if (!cloned) return null;
  const remoteRef = branchRef.replace(/^refs\/heads\//, 'refs/remotes/origin/');
  const remote = await gitCommand(repo, ['rev-parse', '--verify', '--quiet', `${remoteRef}^{commit}`]);
  if (remote.code !== 0) return null;
  // Start the local branch where the pushed one is, so the compare-and-swap below has a base.
  await gitOrFail('branch', repo, ['update-ref', branchRef, remote.stdout.trim(), '0'.repeat(remote.stdout.trim().length)]);
  return remote.stdout.trim();
}

/**
 * Brings the branch's tip from `origin` into `refs/remotes/origin/<branch>` when the repository
 * has an origin that has the branch; false when it has none (or cannot be reached).
 */
async function fetchRemoteBranch(repo: string, branch: string): Promise<boolean> {
  if ((await gitCommand(repo, ['config', '--get', 'remote.origin.url'])).code !== 0) return false;
  const fetched = await gitCommand(repo, ['fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
  if (fetched.code === 0) return true;
  // Not on the origin (or the origin is out of reach): what the last fetch brought still counts.
  return (await gitCommand(repo, ['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${branch}^{commit}`])).code === 0;
}

/** The work tree that has the branch checked out (moving it under a checkout would dirty it). */
async function checkedOutAt(repo: string, branchRef: string): Promise<string | null> {
  const list = await gitOrFail('branch', repo, ['worktree', 'list', '--porcelain', '-z']);
  let current: string | null = null;
  for (const field of list.split('\0')) {
    if (field.startsWith('worktree ')) current = field.slice('worktree '.length);
    else if (field === `branch ${branchRef}`) return current;
  }
  return null;
}

async function runEngine(pool: EnginePool, root: string, options: MigrateOptions): Promise<EngineOutcome> {
  try {
    return await pool.run({ root, mode: options.mode, dry: options.dry, types: options.types, forceMode: options.forceMode, run: options.run });
  } catch (error) {
    throw new GitStepError('run', error instanceof Error ? error.message : String(error));
  }
}

async function commit(worktree: string, repo: string, outcome: EngineOutcome, options: MigrateOptions): Promise<string> {
  await gitOrFail('commit', worktree, ['add', '--all', '--', '.']);
  // Author and committer come from the same user.name / user.email when unset in the environment.
  const identity = (await gitCommand(repo, ['var', 'GIT_COMMITTER_IDENT'])).code === 0 ? [] : FALLBACK_IDENTITY;
  const message = `${outcome.commitMessage.trimEnd()}\n\n${TRAILER.mode}: ${options.mode}\n${TRAILER.sites}: ${outcome.rewritten}\n${TRAILER.files}: ${outcome.filesChanged}\n`;
  await gitOrFail('commit', worktree, [...identity, 'commit', '--quiet', '--no-verify', '--no-gpg-sign', '--file=-'], { input: message });
  return (await gitOrFail('commit', worktree, ['rev-parse', 'HEAD'])).trim();
}

/** The counts an earlier fleet commit recorded in its trailers, when the tip is one in this mode. */
async function earlierCounts(repo: string, tip: string, mode: Mode): Promise<Pick<RepoCounts, 'sites' | 'files'> | null> {
  const body = await gitCommand(repo, ['log', '-1', '--format=%B', tip]);
  if (body.code !== 0) return null;
  const value = (key: string) => new RegExp(`^${key}: (.+)$`, 'm').exec(body.stdout)?.[1]?.trim();
  if (value(TRAILER.mode) !== mode) return null;
  return { sites: Number(value(TRAILER.sites) ?? 0), files: Number(value(TRAILER.files) ?? 0) };
}

/** Removes a worktree the fleet made (registered or half-made); never anything outside the work directory. */
async function removeWorktree(worktree: { repo: string; dir: string }, workdir: string): Promise<void> {
  if (!isWithin(worktree.dir, path.join(workdir, 'worktrees')) || !existsSync(worktree.dir)) return;
  await gitCommand(worktree.repo, ['worktree', 'remove', '--force', '--force', '--', worktree.dir]);
  if (existsSync(worktree.dir)) {
    // Left by a killed run before git registered it: remove it, then forget its registration.
    await rm(worktree.dir, { recursive: true, force: true });
    await gitCommand(worktree.repo, ['worktree', 'prune']);
  }
}

function interrupted(report: RepoReport, reason: string): RepoReport {
  report.status = 'interrupted';
  report.reason = reason;
  return report;
}
