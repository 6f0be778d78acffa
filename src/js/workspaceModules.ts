/**
 * Where a bare module specifier of one package leads inside the repository, read as data
 * (nothing installed, nothing run): another member of the workspace (`@acme/auth` listed by
 * the root package.json's `workspaces` or pnpm-workspace.yaml), or a tsconfig/jsconfig `paths`
 * alias (`@/controllers/auth`). A checkout has no node_modules to follow, so the members are
 * found from the workspace globs and their package.json names, and a member's entry from its
 * `exports` / `module` / `main`, falling back from build output (`dist/index.js`) to the source
 * beside it (`src/index.ts`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDirectory, isFile, isWithin } from '../engine/paths.js';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.mts', '.cts'];
/** Export conditions in the order a source checkout is most likely to satisfy. */
const CONDITIONS = ['source', 'development', 'import', 'module', 'require', 'node', 'default', 'types'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);

interface Member {
  name: string;
  dir: string;
  manifest: Record<string, unknown>;
}

export class ModuleResolver {
  private readonly membersByRoot = new Map<string, Member[]>();
  private readonly workspaceRootOf = new Map<string, string | null>();
  private readonly pathsOf = new Map<string, ((specifier: string) => string[]) | null>();
  /** Resolutions by workspace root (or paths matcher) and specifier: they do not depend on the importing directory. */
  private readonly resolved = new Map<unknown, Map<string, string | null>>();

  /** `stopAt`: the highest directory to read (the run's root); nothing above it is read. */
  constructor(private readonly stopAt: string) {}

  /**
   * The file `specifier`, written in `from`, leads to in the repository, or null. Asynchronous
   * only so that the YAML and tsconfig readers load when a repository has such a file.
   */
  async resolve(from: string, specifier: string): Promise<string | null> {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return null;
    const found = (await this.throughPaths(from, specifier)) ?? (await this.throughWorkspace(from, specifier));
    return found && isWithin(found, this.stopAt) ? found : null;
  }

  /** The file a package's own name leads to (its `exports` / `main` entry), for the package whose manifest is in `dir`. */
  packageEntry(dir: string): string | null {
    const manifest = readJson(path.join(dir, 'package.json'));
    return manifest ? entryOf({ name: typeof manifest.name === 'string' ? manifest.name : '', dir, manifest }, '') : null;
  }

  private async throughWorkspace(from: string, specifier: string): Promise<string | null> {
    const root = await this.workspaceRoot(path.dirname(from));
    if (!root) return null;
    return this.once(root, specifier, async () => this.inWorkspace(root, specifier));
  }

  private async once(owner: unknown, specifier: string, compute: () => Promise<string | null>): Promise<string | null> {
    let perOwner = this.resolved.get(owner);
    if (!perOwner) this.resolved.set(owner, (perOwner = new Map()));
    let found = perOwner.get(specifier);
    if (found === undefined) perOwner.set(specifier, (found = await compute()));
    return found;
  }

  private async inWorkspace(root: string, specifier: string): Promise<string | null> {
    // The longest member name the specifier starts with: `@acme/auth/guards` → `@acme/auth` + `guards`.
    let best: Member | null = null;
    for (const member of await this.members(root)) {
      if ((specifier === member.name || specifier.startsWith(`${member.name}/`)) && (!best || member.name.length > best.name.length)) best = member;
    }
    if (!best) return null;
    return entryOf(best, specifier.slice(best.name.length + 1));
  }

  private async throughPaths(from: string, specifier: string): Promise<string | null> {
    const matcher = await this.pathsMatcher(path.dirname(from));
    if (!matcher) return null;
    return this.once(matcher, specifier, async () => {
      for (const candidate of matcher(specifier)) {
        const file = withExtensions(candidate);
        if (file) return file;
      }
      return null;
    });
  }

  /** The nearest tsconfig.json / jsconfig.json at or above `dir` (within the root), made into a `paths` matcher. */
  private async pathsMatcher(dir: string): Promise<((specifier: string) => string[]) | null> {
    if (this.pathsOf.has(dir)) return this.pathsOf.get(dir)!;
    let matcher: ((specifier: string) => string[]) | null = null;
    const config = ['tsconfig.json', 'jsconfig.json'].map((name) => path.join(dir, name)).find((file) => existsSync(file));
    if (config) {
      try {
        const { createPathsMatcher, parseTsconfig } = await import('get-tsconfig');
        matcher = createPathsMatcher({ path: config, config: parseTsconfig(config) });
      } catch {
        // An unreadable config (or one extending a package that is not installed) gives no aliases.
        matcher = null;
      }
    } else if (dir !== this.stopAt && isWithin(path.dirname(dir), this.stopAt) && path.dirname(dir) !== dir) {
      matcher = await this.pathsMatcher(path.dirname(dir));
    }
    this.pathsOf.set(dir, matcher);
    return matcher;
  }

  /** The nearest directory at or above `dir` whose package.json lists `workspaces`, or that holds pnpm-workspace.yaml. */
  private async workspaceRoot(dir: string): Promise<string | null> {
    if (this.workspaceRootOf.has(dir)) return this.workspaceRootOf.get(dir)!;
    let found: string | null = null;
    if ((await workspaceGlobs(dir)) !== null) found = dir;
    else if (dir !== this.stopAt && isWithin(path.dirname(dir), this.stopAt) && path.dirname(dir) !== dir) found = await this.workspaceRoot(path.dirname(dir));
    this.workspaceRootOf.set(dir, found);
    return found;
  }

  private async members(root: string): Promise<Member[]> {
    let members = this.membersByRoot.get(root);
    if (members) return members;
    members = [];
    const globs = (await workspaceGlobs(root)) ?? [];
    const excluded = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
    const seen = new Set<string>();
    for (const glob of globs.filter((g) => !g.startsWith('!'))) {
      for (const dir of expand(root, glob.replace(/^\.\//, '').replace(/\/$/, '').split('/'))) {
        if (seen.has(dir) || excluded.some((pattern) => matchesGlob(path.relative(root, dir), pattern))) continue;
        seen.add(dir);
        const manifest = readJson(path.join(dir, 'package.json'));
        if (manifest && typeof manifest.name === 'string') members.push({ name: manifest.name, dir, manifest });
      }
    }
    this.membersByRoot.set(root, members);
    return members;
  }
}

/** The workspace globs of a directory: package.json `workspaces` (array or `{ packages }`), or pnpm-workspace.yaml's `packages`. */
async function workspaceGlobs(dir: string): Promise<string[] | null> {
  const manifest = readJson(path.join(dir, 'package.json'));
  const workspaces = manifest?.workspaces;
  const listed = Array.isArray(workspaces) ? workspaces : workspaces && typeof workspaces === 'object' ? (workspaces as { packages?: unknown }).packages : undefined;
  if (Array.isArray(listed)) return listed.filter((glob): glob is string => typeof glob === 'string');
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'pnpm-workspace.yaml'), 'utf8');
  } catch {
    return null;
  }
  try {
    const { parse } = await import('yaml');
    const parsed = parse(text) as { packages?: unknown } | null;
    const packages = parsed?.packages;
    return Array.isArray(packages) ? packages.filter((glob): glob is string => typeof glob === 'string') : [];
  } catch {
    return [];
  }
}

/** The directories a workspace glob names: `packages/*`, `apps/**`, `tools/cli`. */
function expand(dir: string, segments: readonly string[], depth = 0): string[] {
  if (segments.length === 0) return [dir];
  const [first, ...rest] = segments as [string, ...string[]];
  if (first === '**') {
    // Any depth (bounded): this directory and every one below it, then the rest of the glob.
    const here = expand(dir, rest, depth);
    if (depth >= 5) return here;
    return [...here, ...subdirectories(dir).flatMap((sub) => expand(sub, segments, depth + 1))];
  }
  if (!/[*?[{]/.test(first)) {
    const next = path.join(dir, first);
    return isDirectory(next) ? expand(next, rest, depth) : [];
  }
  return subdirectories(dir)
    .filter((sub) => matchesGlob(path.basename(sub), first))
    .flatMap((sub) => expand(sub, rest, depth + 1));
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name))
      .map((entry) => path.join(dir, entry.name));
  } catch {
    return [];
  }
}

/** A path against a glob of `*`, `**` and `?` (what workspace lists use). */
function matchesGlob(relative: string, glob: string): boolean {
  const pattern = glob
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => (segment === '**' ? '.*' : segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
    .join('/');
  return new RegExp(`^${pattern.replace(/\.\*\//g, '(?:.*/)?')}$`).test(relative.split(path.sep).join('/'));
}

/** A member's file for a subpath ('' for the package itself). */
function entryOf(member: Member, subpath: string): string | null {
  const targets: string[] = [];
  const exportsField = member.manifest.exports;
  const key = subpath === '' ? '.' : `./${subpath}`;
  if (typeof exportsField === 'string' && subpath === '') targets.push(exportsField);
  else if (exportsField && typeof exportsField === 'object') {
    const map = exportsField as Record<string, unknown>;
    const conditional = Object.keys(map).every((k) => !k.startsWith('.'));
    const entry = conditional ? (subpath === '' ? map : undefined) : map[key];
    targets.push(...conditionTargets(entry));
  }
  if (subpath === '') {
    for (const field of ['source', 'module', 'main']) if (typeof member.manifest[field] === 'string') targets.push(member.manifest[field] as string);
    targets.push('src/index', 'index');
  } else targets.push(subpath, `src/${subpath}`);
  for (const target of targets) {
    const file = withExtensions(path.resolve(member.dir, target)) ?? fromBuildOutput(member.dir, target);
    if (file && isWithin(file, member.dir)) return file;
  }
  return null;
}

/** The file paths a conditional export names, in CONDITIONS order (nested conditions followed). */
function conditionTargets(entry: unknown, depth = 0): string[] {
  if (typeof entry === 'string') return [entry];
  if (Array.isArray(entry)) return entry.flatMap((e) => conditionTargets(e, depth + 1));
  if (!entry || typeof entry !== 'object' || depth > 4) return [];
  const map = entry as Record<string, unknown>;
  return CONDITIONS.flatMap((condition) => (condition in map ? conditionTargets(map[condition], depth + 1) : []));
}

/** `dist/index.js` (not built in a checkout) → `src/index.ts` beside it; `index.d.ts` → `index.ts`. */
function fromBuildOutput(dir: string, target: string): string | null {
  const source = target
    .replace(/^\.\//, '')
    .replace(/^(dist|build|lib|out)\//, 'src/')
    .replace(/\.d\.([cm]?ts)$/, '.$1');
  return source === target ? null : withExtensions(path.resolve(dir, source));
}

/** The file a module path names: itself, with an extension, `.js` written for `.ts`, or its index file. */
export function withExtensions(base: string): string | null {
  if (isFile(base)) return base;
  const stem = base.replace(/\.([cm]?js|jsx)$/, '');
  for (const ext of EXTENSIONS) if (isFile(stem + ext)) return stem + ext;
  for (const ext of EXTENSIONS) if (isFile(path.join(base, `index${ext}`))) return path.join(base, `index${ext}`);
  return null;
}



function readJson(file: string): Record<string, unknown> | null {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
