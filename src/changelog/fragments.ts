/**
 * Changelog tools that collect one file per change instead of editing a changelog:
 * towncrier (a `[tool.towncrier]` table in pyproject.toml or towncrier.toml) and
 * Changesets (a `.changeset/` folder). The fragment's name is fixed, so a second run
 * finds it and adds nothing. Configuration is parsed as data (TOML, JSON), never run.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { directoriesUp, isWithin } from '../engine/paths.js';

export interface FragmentTarget {
  kind: 'towncrier' | 'changesets';
  file: string;
  /** Builds the fragment's text from the entry in the markup the tool expects. */
  text: (entry: { markdown: string; rst: string }) => string;
}

export type FragmentLookup = FragmentTarget | { kind: 'unsupported'; tool: string; reason: string } | null;

const FRAGMENT_NAME = 'redirect-status';

/** The first fragment-based tool configured from `root` up to `top`. */
export function locateFragmentTool(root: string, top: string, packageNames: readonly string[]): FragmentLookup {
  for (const dir of directoriesUp(root, top)) {
    const changesets = path.join(dir, '.changeset');
    if (existsSync(path.join(changesets, 'config.json')) && statSync(changesets).isDirectory()) return changesetTarget(changesets, packageNames);
    const towncrier = towncrierConfig(dir);
    if (towncrier) return towncrierTarget(dir, top, towncrier);
  }
  return null;
}

function changesetTarget(folder: string, packageNames: readonly string[]): FragmentLookup {
  if (packageNames.length === 0) return { kind: 'unsupported', tool: 'Changesets', reason: 'no changed file belongs to a named package' };
  return {
    kind: 'changesets',
    file: path.join(folder, `${FRAGMENT_NAME}.md`),
    text: ({ markdown }) => `---\n${packageNames.map((name) => `${JSON.stringify(name)}: patch`).join('\n')}\n---\n\n${markdown}\n`,
  };
}

type TowncrierConfig = Record<string, unknown>;

function towncrierConfig(dir: string): TowncrierConfig | null {
  for (const name of ['towncrier.toml', 'pyproject.toml']) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    try {
      const toml = parseToml(readFileSync(file, 'utf8')) as { tool?: { towncrier?: TowncrierConfig } };
      if (toml.tool?.towncrier) return toml.tool.towncrier;
    } catch {
      // A malformed file configures nothing; the changelog search goes on.
    }
  }
  return null;
}

function towncrierTarget(dir: string, top: string, config: TowncrierConfig): FragmentLookup {
  const directory =
    typeof config.directory === 'string'
      ? config.directory
      : typeof config.package === 'string'
        ? path.join(typeof config.package_dir === 'string' ? config.package_dir : '.', config.package, 'newsfragments')
        : 'newsfragments';
  // The configuration is the repository's: an absolute directory, or one that climbs out, is refused.
  if (path.isAbsolute(directory) || !isWithin(path.resolve(dir, directory), top)) {
    return { kind: 'unsupported', tool: 'towncrier', reason: `its directory ${JSON.stringify(directory)} lies outside the repository` };
  }
  const output = typeof config.filename === 'string' ? config.filename : 'NEWS.rst';
  const markdown = /\.md$/i.test(output);
  const type = fragmentType(config);
  return {
    kind: 'towncrier',
    // `+` starts an orphan fragment: one not tied to an issue number.
    file: path.join(dir, directory, `+${FRAGMENT_NAME}.${type}.${markdown ? 'md' : 'rst'}`),
    text: (entry) => `${markdown ? entry.markdown : entry.rst}\n`,
  };
}

/** The configured fragment type that fits "changed" best: `changed`, `change`, `misc`, else the first. */
function fragmentType(config: TowncrierConfig): string {
  const configured: string[] = [];
  if (Array.isArray(config.type)) {
    for (const type of config.type as Array<Record<string, unknown>>) if (typeof type.directory === 'string') configured.push(type.directory);
  }
  if (config.fragment && typeof config.fragment === 'object') configured.push(...Object.keys(config.fragment));
  const types = configured.length > 0 ? configured : ['feature', 'bugfix', 'doc', 'removal', 'misc'];
  return ['changed', 'change', 'changes', 'misc'].find((t) => types.includes(t)) ?? types[0]!;
}
