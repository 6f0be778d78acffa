/**
 * A package.json kept in a subfolder and copied beside the code when the image is built:
 *
 *   WORKDIR /app
 *   COPY deploy/package.json ./          the manifest the code runs with
 *   COPY api/ ./api/                     the code, which has no manifest of its own in the repository
 *
 * Dockerfiles are read as data (dockerfile-ast): nothing is built or run. What is sound, and
 * so used: the final stage only; COPY/ADD from the build context with literal paths (a `*` in
 * a file name, as in `package*.json`); WORKDIR. Anything else in the final stage that may put
 * files in the image — `COPY --from` another stage, a variable in a path, an ADD of a URL or
 * an archive, a heredoc — makes the paths under its destination unknown: no manifest is read
 * through them. The build context is the Dockerfile's directory, or the repository top, the
 * first where every source exists; a Dockerfile whose sources exist in neither is not used. A
 * file the context's .dockerignore leaves out (read with gitignore rules, which leave out at
 * least what Docker's do) is not in the image.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { isDirectory, isFile, isWithin } from '../engine/paths.js';

/** One COPY/ADD of the final stage, as plain data (sent to the file workers as is). */
export interface ImageCopy {
  /** Absolute repository paths (files or directories); empty when unknown. */
  sources: string[];
  /** Absolute path in the image. */
  dest: string;
  /** The destination is a directory (ends in `/`, or several sources, or a directory source). */
  destIsDir: boolean;
  /** What lands there cannot be read from the repository (`--from`, a variable, a URL, an archive). */
  unknown: boolean;
}

export interface ImageLayout {
  dockerfile: string;
  context: string;
  copies: ImageCopy[];
  /** The context's .dockerignore, if any. */
  dockerignore: string | null;
}

const DOCKERFILE = /^(Dockerfile(\..+)?|.+\.[Dd]ockerfile|Containerfile)$/;

/** The Dockerfiles in `top` and two levels of directories below it (`apps/api/Dockerfile`), read into image layouts; [] when there are none (and the parser is not loaded). */
export async function readImageLayouts(top: string): Promise<ImageLayout[]> {
  const files: string[] = [];
  const look = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isFile() && DOCKERFILE.test(entry.name)) files.push(path.join(dir, entry.name));
      else if (entry.isDirectory() && depth < 2 && !entry.name.startsWith('.') && entry.name !== 'node_modules') look(path.join(dir, entry.name), depth + 1);
    }
  };
  look(top, 0);
  if (files.length === 0) return [];
  const { DockerfileParser } = await import('dockerfile-ast');
  const layouts: ImageLayout[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    // Read through a narrow view: keyword, arguments, flags, JSON form and here-documents.
    const layout = layoutOf(DockerfileParser.parse(text) as unknown as { getInstructions(): Instruction[] }, file, top);
    if (layout) layouts.push(layout);
  }
  return layouts;
}

interface Instruction {
  getKeyword(): string;
  getArguments(): Array<{ getValue(): string }>;
  getFlags?(): Array<{ getName(): string }>;
  getJSONStrings?(): Array<{ getJSONValue(): string }>;
  getHeredocs?(): unknown[];
}

function layoutOf(dockerfile: { getInstructions(): Instruction[] }, file: string, top: string): ImageLayout | null {
  const instructions = dockerfile.getInstructions();
  let stage = -1;
  instructions.forEach((instruction, i) => {
    if (instruction.getKeyword() === 'FROM') stage = i;
  });
  if (stage < 0) return null;
  let workdir = '/';
  const raw: Array<{ sources: string[]; dest: string; unknown: boolean }> = [];
  for (const instruction of instructions.slice(stage + 1)) {
    const keyword = instruction.getKeyword();
    if (keyword === 'WORKDIR') {
      const dir = instruction.getArguments().map((a) => a.getValue()).join(' ');
      workdir = dir.includes('$') ? '\0unknown' : path.posix.resolve(workdir, dir);
      continue;
    }
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const json = instruction.getJSONStrings?.() ?? [];
    const words = json.length > 0 ? json.map((a) => a.getJSONValue()) : instruction.getArguments().map((a) => a.getValue());
    const flags = (instruction.getFlags?.() ?? []).map((flag) => flag.getName());
    const dest = words.at(-1) ?? '';
    const sources = words.slice(0, -1);
    const unknown =
      flags.includes('from') ||
      (instruction.getHeredocs?.() ?? []).length > 0 ||
      workdir === '\0unknown' ||
      words.some((w) => w.includes('$')) ||
      (keyword === 'ADD' && sources.some((s) => /^[a-z]+:\/\//i.test(s) || /\.(tar|tgz|gz|bz2|xz|zip)$/i.test(s)));
    const absoluteDest = workdir === '\0unknown' ? '/' : path.posix.resolve(workdir, dest);
    raw.push({ sources, dest: dest.endsWith('/') || dest === '.' ? `${absoluteDest}/` : absoluteDest, unknown });
  }
  // The context: where every literal source exists.
  const literal = raw.filter((c) => !c.unknown).flatMap((c) => c.sources);
  const context = [path.dirname(file), top].find((dir) => literal.every((source) => expandSource(dir, source).length > 0));
  if (!context) return null;
  const copies = raw.map((c): ImageCopy => {
    const sources = c.unknown ? [] : c.sources.flatMap((source) => expandSource(context, source));
    const destIsDir = c.dest.endsWith('/') || sources.length > 1 || sources.some(isDirectory);
    return { sources, dest: c.dest.replace(/(.)\/$/, '$1'), destIsDir, unknown: c.unknown };
  });
  let dockerignore: string | null = null;
  try {
    dockerignore = readFileSync(path.join(context, '.dockerignore'), 'utf8');
  } catch {
    // No .dockerignore: the whole context is sent.
  }
  return { dockerfile: file, context, copies, dockerignore };
}

/** A COPY source's repository paths: itself, or the files a `*` in its last segment matches. */
function expandSource(context: string, source: string): string[] {
  const absolute = path.resolve(context, source.replace(/^\/+/, ''));
  if (!isWithin(absolute, context)) return [];
  const base = path.basename(absolute);
  if (!/[*?]/.test(base)) return existsSync(absolute) ? [absolute] : [];
  if (/[*?[]/.test(path.dirname(absolute))) return [];
  const pattern = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  try {
    return readdirSync(path.dirname(absolute))
      .filter((name) => pattern.test(name))
      .map((name) => path.join(path.dirname(absolute), name));
  } catch {
    return [];
  }
}

/**
 * The package.json files the images put nearest above `file` once it is copied in, one per
 * image that holds the file; null for an image where that cannot be told (a path under an
 * unknown copy).
 */
export function imageManifestsFor(file: string, layouts: readonly ImageLayout[]): Array<string | null> {
  const found: Array<string | null> = [];
  for (const layout of layouts) {
    if (!isWithin(file, layout.context)) continue;
    if (ignoredBy(layout, path.relative(layout.context, file).split(path.sep).join('/'))) continue;
    const landed = landedPath(file, layout.copies);
    if (landed === undefined) continue;
    if (landed === null) {
      found.push(null);
      continue;
    }
    let manifest: string | null | undefined;
    for (let dir = path.posix.dirname(landed); ; dir = path.posix.dirname(dir)) {
      manifest = repositoryFileAt(path.posix.join(dir, 'package.json'), layout.copies);
      if (manifest !== undefined || dir === '/') break;
    }
    found.push(manifest ?? null);
  }
  return found;
}

const ignorers = new WeakMap<ImageLayout, ReturnType<typeof ignore>>();

/** Whether the layout's .dockerignore leaves the path out (its rules compiled once per layout). */
function ignoredBy(layout: ImageLayout, relative: string): boolean {
  if (layout.dockerignore === null) return false;
  let rules = ignorers.get(layout);
  if (!rules) ignorers.set(layout, (rules = ignore().add(layout.dockerignore)));
  return rules.ignores(relative);
}

/** Where the last copy that takes `file` puts it; undefined when no copy does, null when an unknown copy may have replaced it. */
function landedPath(file: string, copies: readonly ImageCopy[]): string | null | undefined {
  for (let i = copies.length - 1; i >= 0; i--) {
    const copy = copies[i]!;
    for (const source of copy.sources) {
      if (source === file) return copy.destIsDir ? path.posix.join(copy.dest, path.basename(file)) : copy.dest;
      if (isWithin(file, source) && isDirectory(source)) return path.posix.join(copy.dest, path.relative(source, file).split(path.sep).join('/'));
    }
  }
  return undefined;
}

/**
 * The repository file the image holds at `imagePath` (the last copy that puts one there);
 * undefined when none does, null when an unknown copy covers the path.
 */
function repositoryFileAt(imagePath: string, copies: readonly ImageCopy[]): string | null | undefined {
  for (let i = copies.length - 1; i >= 0; i--) {
    const copy = copies[i]!;
    if (copy.unknown) {
      if (imagePath === copy.dest || imagePath.startsWith(`${copy.dest.replace(/\/$/, '')}/`)) return null;
      continue;
    }
    for (const source of copy.sources) {
      if (isDirectory(source)) {
        const inside = imagePath.startsWith(`${copy.dest.replace(/\/$/, '')}/`) ? imagePath.slice(copy.dest.replace(/\/$/, '').length + 1) : null;
        if (inside !== null && isFile(path.join(source, inside))) return path.join(source, inside);
      } else if ((copy.destIsDir ? path.posix.join(copy.dest, path.basename(source)) : copy.dest) === imagePath) return source;
    }
  }
  return undefined;
}



