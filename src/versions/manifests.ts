/**
 * The framework versions a project declares and locks, read as data from its manifests:
 * requirements*.txt / constraints*.txt, pyproject.toml (PEP 621 and Poetry), setup.cfg,
 * Pipfile / Pipfile.lock, poetry.lock, uv.lock, setup.py (its requirement strings, read as
 * text), and package.json with its lockfile. Nothing is executed. A malformed file gives a
 * warning and the run goes on.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { PackageLookup } from '../js/packageInfo.js';
import { FRAMEWORK_PACKAGES, normalisePackageName as normalise } from './frameworkPackages.js';
import { isWithin } from '../engine/paths.js';

export { FRAMEWORK_PACKAGES };

export interface DeclaredVersion {
  /** The package as the manifest names it (normalised: lower case, `-`). */
  name: string;
  declared?: string;
  locked?: string;
  /** The manifests it was read from, relative to the repository top. */
  sources: string[];
}

export interface ProjectVersions {
  packages: DeclaredVersion[];
  warnings: string[];
}

export function readProjectVersions(dirs: readonly string[], top: string): ProjectVersions {
  const found = new Map<string, DeclaredVersion>();
  const warnings: string[] = [];
  // A lock file's version wins over a pin in a requirements file, which wins over a range.
  const lockStrength = new Map<string, number>();
  const note = (name: string, source: string, value: { declared?: string; locked?: string }, strength = 1) => {
    const key = normalise(name);
    if (!(key in FRAMEWORK_PACKAGES)) return;
    const entry = found.get(key) ?? { name: key, sources: [] };
    if (value.declared && (!entry.declared || entry.declared === '*')) entry.declared = value.declared;
    if (value.locked && (lockStrength.get(key) ?? 0) < strength) {
      entry.locked = value.locked;
      lockStrength.set(key, strength);
    }
    if (!entry.sources.includes(source)) entry.sources.push(source);
    found.set(key, entry);
  };
  const readRequirementFiles = new Set<string>();
  const requirementsFile = (file: string) => {
    if (readRequirementFiles.has(file)) return;
    readRequirementFiles.add(file);
    const shown = path.relative(top, file) || path.basename(file);
    try {
      readRequirements(readFileSync(file, 'utf8'), (pkg, spec) => note(pkg, shown, pinnedOrDeclared(spec)), (included) => {
        // `-r` / `-c` includes, relative to the including file; only inside the repository.
        const target = path.resolve(path.dirname(file), included);
        if (isWithin(target, top) && existsSync(target)) requirementsFile(target);
      });
    } catch (error) {
      warnings.push(`${shown} could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); versions from it are unknown`);
    }
  };

  for (const dir of [...new Set(dirs)]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const file = path.join(dir, name);
      const shown = path.relative(top, file) || name;
      const read = (parse: (text: string) => void) => {
        try {
          parse(readFileSync(file, 'utf8'));
        } catch (error) {
          warnings.push(`${shown} could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); versions from it are unknown`);
        }
      };
      if (/^(requirements|constraints).*\.(txt|in)$/i.test(name)) requirementsFile(file);
      else if (/^requirements$/i.test(name)) {
        // A requirements/ folder (base.txt, prod.txt, ...).
        try {
          for (const inner of readdirSync(file).sort()) if (/\.(txt|in)$/i.test(inner)) requirementsFile(path.join(file, inner));
        } catch {
          // Not a directory.
        }
      }
      else if (name === 'pyproject.toml') read((text) => readPyproject(text, (pkg, spec) => note(pkg, shown, pinnedOrDeclared(spec))));
      else if (name === 'setup.cfg') read((text) => readSetupCfg(text, (pkg, spec) => note(pkg, shown, pinnedOrDeclared(spec))));
      else if (name === 'Pipfile') read((text) => readPipfile(text, (pkg, spec) => note(pkg, shown, pinnedOrDeclared(spec))));
      else if (name === 'Pipfile.lock') read((text) => readPipfileLock(text, (pkg, version) => note(pkg, shown, { locked: version }, 2)));
      else if (name === 'poetry.lock' || name === 'uv.lock') read((text) => readTomlLock(text, (pkg, version) => note(pkg, shown, { locked: version }, 2)));
      else if (name === 'setup.py') read((text) => readSetupPyText(text, (pkg, spec) => note(pkg, shown, pinnedOrDeclared(spec))));
    }
    if (existsSync(path.join(dir, 'package.json'))) {
      const shown = path.relative(top, path.join(dir, 'package.json')) || 'package.json';
      try {
        JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
        const info = new PackageLookup(dir).forFile(path.join(dir, 'package.json'));
        for (const [pkg, range] of info.dependencies) note(pkg, shown, { declared: range, ...(info.locked.get(pkg) ? { locked: info.locked.get(pkg)! } : {}) }, 2);
      } catch (error) {
        warnings.push(`${shown} could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); versions from it are unknown`);
      }
    }
  }
  return { packages: [...found.values()].sort((a, b) => a.name.localeCompare(b.name)), warnings };
}

/** A PEP 440 version with its pre-, post- or dev-release part: `3.2.0`, `3.2.0rc1`, `3.2.0.dev0`. */
const PEP440 = String.raw`\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview|dev|post)[-_.]?\d*)*(?:\+[\w.]+)?`;

/** `==3.2.0` is a pin: the version that runs. Anything else is a declared range. */
function pinnedOrDeclared(spec: string): { declared?: string; locked?: string } {
  const trimmed = spec.trim();
  if (trimmed === '' || trimmed === '*') return { declared: '*' };
  const pin = new RegExp(String.raw`^===?\s*v?(${PEP440})$`, 'i').exec(trimmed);
  return pin ? { declared: trimmed, locked: pin[1]! } : { declared: trimmed };
}

/** One PEP 508 requirement: `Flask[async] >=3.1,<4 ; python_version >= "3.9"`. */
function requirement(line: string): [string, string] | null {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*\(?([^;#)]*)/.exec(line);
  return match ? [match[1]!, match[2]!.trim()] : null;
}

/**
 * pip's requirements format: `\` continues a line (pip-compile puts each `--hash` on its
 * own), options follow the requirement (`--hash=…`), `-r` / `-c` name other files.
 */
function readRequirements(text: string, note: (name: string, spec: string) => void, include: (file: string) => void): void {
  const logical = text.replace(/\\\r?\n/g, ' ');
  for (const raw of logical.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const option = /^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)/.exec(line);
    if (option) include(option[1]!);
    if (line.startsWith('-')) continue;
    const req = requirement(line.replace(/\s+--?[a-z][\w-]*(?:[=\s]\S+)?/gi, ''));
    if (req) note(...req);
  }
}

function readPyproject(text: string, note: (name: string, spec: string) => void): void {
  const toml = parseToml(text) as {
    project?: { dependencies?: unknown; 'optional-dependencies'?: Record<string, unknown> };
    tool?: { poetry?: { dependencies?: Record<string, unknown>; group?: Record<string, { dependencies?: Record<string, unknown> }> } };
  };
  const pep508 = [toml.project?.dependencies, ...Object.values(toml.project?.['optional-dependencies'] ?? {})];
  for (const list of pep508) if (Array.isArray(list)) for (const item of list) if (typeof item === 'string') {
    const req = requirement(item);
    if (req) note(...req);
  }
  const poetry = [toml.tool?.poetry?.dependencies, ...Object.values(toml.tool?.poetry?.group ?? {}).map((g) => g.dependencies)];
  for (const table of poetry) for (const [name, value] of Object.entries(table ?? {})) note(name, poetrySpec(value));
}

function poetrySpec(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { version?: unknown }).version === 'string') return (value as { version: string }).version;
  return '*';
}

function readSetupCfg(text: string, note: (name: string, spec: string) => void): void {
  let section = '';
  let inRequires = false;
  for (const raw of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1]!.trim();
      inRequires = false;
      continue;
    }
    if (section !== 'options') continue;
    const key = /^(\w[\w-]*)\s*=\s*(.*)$/.exec(raw);
    if (key) {
      inRequires = key[1] === 'install_requires';
      if (inRequires && key[2]!.trim()) for (const part of key[2]!.split(';').length > 1 ? [key[2]!] : key[2]!.split(',')) {
        const req = requirement(part);
        if (req) note(...req);
      }
      continue;
    }
    if (inRequires && /^\s+\S/.test(raw)) {
      const req = requirement(raw.replace(/\s+#.*$/, ''));
      if (req) note(...req);
    } else if (raw.trim() !== '') inRequires = false;
  }
}

/** setup.py is code: it is never run, only searched for requirement strings such as "Flask>=2.3". */
function readSetupPyText(text: string, note: (name: string, spec: string) => void): void {
  for (const match of text.matchAll(/["']\s*(flask|werkzeug|quart)\s*((?:[<>=!~]=?|===)\s*[\w.*,<>=!~ ]*)?\s*["']/gi)) note(match[1]!, (match[2] ?? '').trim());
}

function readPipfile(text: string, note: (name: string, spec: string) => void): void {
  const toml = parseToml(text) as Record<string, Record<string, unknown> | undefined>;
  for (const table of [toml.packages, toml['dev-packages']]) for (const [name, value] of Object.entries(table ?? {})) note(name, poetrySpec(value));
}

function readPipfileLock(text: string, note: (name: string, version: string) => void): void {
  const lock = JSON.parse(text) as Record<string, Record<string, { version?: string }> | undefined>;
  for (const group of [lock.default, lock.develop]) {
    for (const [name, value] of Object.entries(group ?? {})) if (typeof value?.version === 'string') note(name, value.version.replace(/^==/, ''));
  }
}

function readTomlLock(text: string, note: (name: string, version: string) => void): void {
  const toml = parseToml(text) as { package?: Array<{ name?: unknown; version?: unknown }> };
  for (const pkg of toml.package ?? []) if (typeof pkg.name === 'string' && typeof pkg.version === 'string') note(pkg.name, pkg.version);
}

/** Whether the project runs `name` at `minimum` or later: by its locked version, else by the range's lower bound. */
export function runsAtLeast(versions: ProjectVersions, name: string, minimum: string): boolean {
  const entry = versions.packages.find((p) => p.name === name);
  if (!entry) return false;
  if (entry.locked) return compare(entry.locked, minimum) >= 0;
  const floor = /(?:>=|~=|\^|~|==)\s*v?(\d+(?:\.\d+)*)/.exec(entry.declared ?? '');
  return floor ? compare(floor[1]!, minimum) >= 0 : false;
}

function compare(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
