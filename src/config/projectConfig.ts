/**
 * The project's defaults for the command line: `[tool.redirect-codemod]` in pyproject.toml, a
 * `"redirect-codemod"` key in package.json, or redirect-codemod.config.json. The nearest
 * directory that has one, from the first path given up to the repository's top, is used; two
 * of them in one directory are refused (which one wins would be a guess). Everything is read
 * and checked before the run: a malformed config is an error, never half applied.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { suggest } from '../cliArgs.js';
import { invalidPattern } from '../engine/exclude.js';
import { MODES, type Mode } from '../site.js';

export interface ProjectConfig {
  mode?: Mode;
  exclude?: string[];
  /** A changelog file (relative to the config's directory), or false for none. */
  changelog?: string | false;
  types?: 'on' | 'off';
  strict?: boolean;
}

export interface FoundConfig {
  /** Absolute path of the file. */
  file: string;
  /** Where in the file: `[tool.redirect-codemod]`, `"redirect-codemod"`, or '' for the whole file. */
  section: string;
  values: ProjectConfig;
}

export class ConfigError extends Error {}

export const CONFIG_KEYS = ['mode', 'exclude', 'changelog', 'types', 'strict'] as const;

interface Source {
  file: string;
  section: string;
  /** The section, undefined when the file has none; throws when the file cannot be read as its format. */
  read: (text: string) => unknown;
  /** Whether a file that cannot be parsed was meant to configure the tool (else it is not ours to judge). */
  mentions: (text: string) => boolean;
}

const SOURCES: ReadonlyArray<(dir: string) => Source> = [
  (dir) => ({ file: path.join(dir, 'redirect-codemod.config.json'), section: '', read: (text) => JSON.parse(text) as unknown, mentions: () => true }),
  (dir) => ({
    file: path.join(dir, 'pyproject.toml'),
    section: '[tool.redirect-codemod]',
    read: (text) => ((parseToml(text) as { tool?: Record<string, unknown> }).tool ?? {})['redirect-codemod'],
    mentions: (text) => text.includes('redirect-codemod'),
  }),
  (dir) => ({
    file: path.join(dir, 'package.json'),
    section: '"redirect-codemod"',
    read: (text) => {
      const json = JSON.parse(text) as unknown;
      return json !== null && typeof json === 'object' && Object.hasOwn(json, 'redirect-codemod') ? (json as Record<string, unknown>)['redirect-codemod'] : undefined;
    },
    mentions: (text) => text.includes('"redirect-codemod"'),
  }),
];

/** The config that applies to paths under `start` (a directory), or null. */
export function findConfig(start: string, cwd: string): FoundConfig | null {
  const relative = (file: string) => path.relative(cwd, file) || '.';
  for (let dir = start; ; dir = path.dirname(dir)) {
    const found: FoundConfig[] = [];
    for (const source of SOURCES.map((make) => make(dir))) {
      if (!existsSync(source.file)) continue;
      const text = readFileSync(source.file, 'utf8');
      let section: unknown;
      try {
        section = source.read(text);
      } catch (error) {
        if (!source.mentions(text)) continue;
        throw new ConfigError(`${relative(source.file)}: cannot be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      }
      if (section === undefined) continue;
      found.push({ file: source.file, section: source.section, values: validate(section, `${relative(source.file)}${source.section ? ` ${source.section}` : ''}`) });
    }
    if (found.length > 1) throw new ConfigError(`${found.map((f) => `${path.basename(f.file)}${f.section ? ` ${f.section}` : ''}`).join(' and ')} both configure redirect-codemod in ${relative(dir)}: keep one`);
    if (found.length === 1) return found[0]!;
    // The repository's top is as far as a project's config reaches.
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return null;
  }
}

function validate(section: unknown, where: string): ProjectConfig {
  if (section === null || typeof section !== 'object' || Array.isArray(section)) throw new ConfigError(`${where}: must be a table / object of settings`);
  const values: ProjectConfig = {};
  for (const [key, value] of Object.entries(section as Record<string, unknown>)) {
    const fail = (what: string) => new ConfigError(`${where}: ${key} ${what} (got ${JSON.stringify(value)})`);
    switch (key) {
      case 'mode':
        if (typeof value !== 'string' || !(MODES as readonly string[]).includes(value)) throw fail(`must be one of ${MODES.join(', ')}`);
        values.mode = value as Mode;
        break;
      case 'exclude': {
        if (!Array.isArray(value) || value.some((pattern) => typeof pattern !== 'string')) throw fail('must be a list of gitignore patterns');
        const bad = invalidPattern(value as string[]);
        if (bad) throw fail(`holds a pattern that cannot be read: ${bad}`);
        values.exclude = value as string[];
        break;
      }
      case 'changelog':
        if (value !== false && (typeof value !== 'string' || value.trim() === '')) throw fail('must be a file name, or false for none');
        values.changelog = value as string | false;
        break;
      case 'types':
        if (value !== 'on' && value !== 'off' && typeof value !== 'boolean') throw fail('must be "on", "off", true or false');
        values.types = value === true || value === 'on' ? 'on' : 'off';
        break;
      case 'strict':
        if (typeof value !== 'boolean') throw fail('must be true or false');
        values.strict = value;
        break;
      default: {
        const meant = suggest(key, CONFIG_KEYS);
        throw new ConfigError(`${where}: unknown setting ${JSON.stringify(key)}${meant ? ` (did you mean ${meant}?)` : ''}; the settings are ${CONFIG_KEYS.join(', ')}`);
      }
    }
  }
  return values;
}
