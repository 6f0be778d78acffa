/**
 * What the nearest package.json (and its lockfile) says a file's project depends on.
 * Read as data only: JSON is parsed, lockfiles are scanned as text, nothing is run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isWithin } from '../engine/paths.js';
import { escapeRegExp } from '../text/escapeRegExp.js';
import { tellsFrameworkVersion } from '../versions/frameworkPackages.js';
import { imageManifestsFor, readImageLayouts, type ImageLayout } from './imageManifests.js';

export interface PackageInfo {
  /** The package.json's path, or null when none was found below the root. */
  file: string | null;
  /** The package's name, when it has one. */
  name: string | null;
  /** dependencies + devDependencies + peerDependencies: name → declared range. */
  dependencies: Map<string, string>;
  /** Installed versions read from the lockfile, when one is present. */
  locked: Map<string, string>;
  /** Names listed only in devDependencies (examples, tests): they do not make the main code "several frameworks". */
  devOnly?: Set<string>;
  /** The workspace root's package.json, when its dependencies were added to a member's that lists no server framework. */
  workspaceRoot?: string;
  /** A package.json a Dockerfile copies beside the file (src/js/imageManifests.ts), when its dependencies were added. */
  copied?: { manifest: string; dockerfile: string };
}

/** Packages that mean a server framework (the rules' handler packages). */
const SERVER_PACKAGES = ['express', 'fastify', 'koa', '@koa/router', 'koa-router', 'hono', '@hapi/hapi', 'elysia', 'h3', 'nuxt', 'astro', '@nestjs/core', '@nestjs/common', 'react-router', '@remix-run/node'];

const NO_PACKAGE: PackageInfo = { file: null, name: null, dependencies: new Map(), locked: new Map() };

export class PackageLookup {
  private readonly byDirectory = new Map<string, PackageInfo>();
  private readonly byFile = new Map<string, PackageInfo>();
  /** The package.json read at each directory above a member, as a workspace root (read once for all its members). */
  private readonly roots = new Map<string, (PackageInfo & { isWorkspaceRoot: boolean }) | null>();
  private layouts: readonly ImageLayout[] = [];
  private loading: Promise<void> | undefined;

  /** `stopAt`: the highest directory to look in (the run's repository or root). */
  constructor(private readonly stopAt: string) {}

  /** Reads the Dockerfiles of the top once (src/js/imageManifests.ts); before it, no copied manifest is seen. */
  loadImageLayouts(): Promise<void> {
    return (this.loading ??= readImageLayouts(this.stopAt).then(
      (layouts) => {
        this.layouts = layouts;
      },
      () => {
        // An unreadable Dockerfile proves nothing.
      },
    ));
  }

  forFile(file: string): PackageInfo {
    const info = this.forDirectory(path.dirname(file));
    if (this.layouts.length === 0 || hasServerFramework(info)) return info;
    let copied = this.byFile.get(file);
    if (!copied) this.byFile.set(file, (copied = this.withCopiedManifest(info, file)));
    return copied;
  }

  /**
   * A file whose repository manifest lists no server framework runs with the package.json a
   * Dockerfile copies beside it (`COPY deploy/package.json ./` then `COPY api/ ./api/`): its
   * dependencies are added. Every image that holds the file must say which; one that cannot
   * be read (an unknown copy over the path) and nothing is added.
   */
  private withCopiedManifest(info: PackageInfo, file: string): PackageInfo {
    const manifests = imageManifestsFor(file, this.layouts);
    if (manifests.length === 0 || manifests.includes(null)) return info;
    let result = info;
    for (const manifest of new Set(manifests as string[])) {
      if (manifest === info.file) continue;
      const copied = readPackage(path.dirname(manifest), false, manifest);
      if (!copied || !hasServerFramework(copied)) continue;
      const layout = this.layouts.find((l) => imageManifestsFor(file, [l])[0] === manifest)!;
      result = {
        ...result,
        dependencies: new Map([...result.dependencies, ...copied.dependencies]),
        devOnly: new Set([...(result.devOnly ?? [])].filter((name) => !copied.dependencies.has(name) || copied.devOnly?.has(name))),
        locked: new Map([...result.locked, ...copied.locked]),
        copied: { manifest, dockerfile: layout.dockerfile },
      };
    }
    return result;
  }

  private forDirectory(dir: string): PackageInfo {
    const cached = this.byDirectory.get(dir);
    if (cached) return cached;
    let info = readPackage(dir);
    if (info && !hasServerFramework(info)) info = this.withWorkspaceRoot(info, dir);
    if (!info) {
      const parent = path.dirname(dir);
      const canClimb = dir !== this.stopAt && parent !== dir && isWithin(parent, this.stopAt);
      info = canClimb ? this.forDirectory(parent) : NO_PACKAGE;
    }
    this.byDirectory.set(dir, info);
    return info;
  }

  /**
   * A workspace member that lists no server framework runs on what its workspace root depends
   * on (npm/yarn `workspaces`, pnpm-workspace.yaml): the root's dependencies are added, the
   * member's own ranges kept.
   */
  private withWorkspaceRoot(info: PackageInfo, dir: string): PackageInfo {
    for (let up = path.dirname(dir); isWithin(up, this.stopAt) && up !== path.dirname(up); up = path.dirname(up)) {
      let root = this.roots.get(up);
      if (root === undefined) this.roots.set(up, (root = readPackage(up, true)));
      if (!root) continue;
      if (!root.isWorkspaceRoot) return info;
      const dependencies = new Map([...root.dependencies, ...info.dependencies]);
      const devOnly = new Set([...(root.devOnly ?? [])].filter((name) => !info.dependencies.has(name)));
      for (const name of info.devOnly ?? []) if (!root.dependencies.has(name) || root.devOnly?.has(name)) devOnly.add(name);
      return { ...info, dependencies, devOnly, locked: new Map([...root.locked, ...info.locked]), workspaceRoot: root.file! };
    }
    return info;
  }
}

/** Whether the package depends on a server framework (not only in devDependencies). */
function hasServerFramework(info: PackageInfo): boolean {
  return [...info.dependencies.keys()].some((name) => SERVER_PACKAGES.includes(name) && !info.devOnly?.has(name));
}

function readPackage(dir: string, workspace?: false, file?: string): PackageInfo | null;
function readPackage(dir: string, workspace: true): (PackageInfo & { isWorkspaceRoot: boolean }) | null;
function readPackage(dir: string, workspace = false, file = path.join(dir, 'package.json')): (PackageInfo & { isWorkspaceRoot?: boolean }) | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const dependencies = new Map<string, string>();
  const devOnly = new Set<string>();
  for (const field of ['peerDependencies', 'devDependencies', 'dependencies']) {
    const deps = (json as Record<string, unknown>)[field];
    if (deps && typeof deps === 'object') {
      for (const [name, range] of Object.entries(deps)) {
        if (typeof range !== 'string') continue;
        dependencies.set(name, range);
        if (field === 'devDependencies') devOnly.add(name);
        else devOnly.delete(name);
      }
    }
  }
  const name = (json as { name?: unknown }).name;
  // Only the versions of the frameworks are ever read from `locked`: a lockfile is searched for those alone.
  const info = { file, name: typeof name === 'string' ? name : null, dependencies, devOnly, locked: readLockfile(dir, [...dependencies.keys()].filter(tellsFrameworkVersion)) };
  if (!workspace) return info;
  const workspaces = (json as { workspaces?: unknown }).workspaces;
  let pnpm = false;
  try {
    pnpm = readFileSync(path.join(dir, 'pnpm-workspace.yaml'), 'utf8').length > 0;
  } catch {
    // No pnpm workspace file.
  }
  return { ...info, isWorkspaceRoot: Array.isArray(workspaces) || (typeof workspaces === 'object' && workspaces !== null) || pnpm };
}

/** Installed versions from package-lock.json, yarn.lock or pnpm-lock.yaml beside the package.json. */
function readLockfile(dir: string, names: string[]): Map<string, string> {
  const locked = new Map<string, string>();
  if (names.length === 0) return locked;
  const read = (name: string) => {
    try {
      return readFileSync(path.join(dir, name), 'utf8');
    } catch {
      return null;
    }
  };
  const npmLock = read('package-lock.json') ?? read('npm-shrinkwrap.json');
  if (npmLock) {
    try {
      const lock = JSON.parse(npmLock) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
      for (const name of names) {
        const version = lock.packages?.[`node_modules/${name}`]?.version ?? lock.dependencies?.[name]?.version;
        if (version) locked.set(name, version);
      }
    } catch {
      // An unreadable lockfile tells nothing; the declared range still does.
    }
    return locked;
  }
  const yarnLock = read('yarn.lock');
  if (yarnLock) {
    for (const name of names) {
      const escaped = escapeRegExp(name);
      const match = new RegExp(`^"?${escaped}@[^\\n]*:\\n(?:[ \\t]+[^\\n]*\\n)*?[ \\t]+version:? "?([0-9][^"\\s]*)`, 'm').exec(yarnLock);
      if (match?.[1]) locked.set(name, match[1]);
    }
    return locked;
  }
  const pnpmLock = read('pnpm-lock.yaml');
  if (pnpmLock) {
    for (const name of names) {
      const escaped = escapeRegExp(name);
      const match = new RegExp(`^[ \\t]+'?${escaped}'?:\\n[ \\t]+specifier: [^\\n]*\\n[ \\t]+version: ([0-9][^\\s(]*)`, 'm').exec(pnpmLock);
      if (match?.[1]) locked.set(name, match[1]);
    }
  }
  return locked;
}
