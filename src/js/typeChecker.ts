/**
 * TypeScript's type checker, through ts-morph, for receivers that syntax cannot tie to a
 * framework (an app made by a factory in another module, a context type from a generic).
 * TypeScript reads the tsconfig and declaration files as data; nothing from the repository
 * is run. It is bounded, because a tree of many projects without installed dependencies
 * once grew to gigabytes for nothing:
 *   - a file gets an oracle only when a framework's types are installed where TypeScript
 *     would find them (node_modules/@types/express, express's own .d.ts, hono's, ... from
 *     the tsconfig's directory upward); otherwise its questions are declined and the calls
 *     that needed an answer go to review (`declined`, counted in `notInstalled`);
 *   - ts-morph is loaded, and a project built, only on the first question; a project holds
 *     the files that asked and what they import, not every file of the tsconfig;
 *   - at most MAX_PROJECTS projects are alive at once (the least recently used is dropped);
 *   - each project has a time budget; once spent, its questions are declined and the calls
 *     left undecided are reported (`overBudget`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isWithin } from '../engine/paths.js';
import { JS_RULES } from '../rules/js/index.js';
import { isTypeScript } from './extensions.js';
import type { TypeOracle } from './handlers.js';
import type { FunctionNode } from './scopes.js';

type TsMorph = typeof import('ts-morph');
type Project = import('ts-morph').Project;

const require = createRequire(import.meta.url);

/** Projects alive at once. */
export const MAX_PROJECTS = 2;
/**
 * Time each tsconfig project may spend answering, in milliseconds. The first question loads the
 * framework's declarations, which alone took 5-6 s on a loaded 2-core machine: the budget is for
 * projects that keep asking, not for that first load.
 */
export const PROJECT_BUDGET_MS = 20_000;

export interface TypeCheckerStats {
  /** Parameters the checker was asked about, and how many it tied to a framework type. */
  asked: number;
  decided: number;
  projects: number;
  /** The most projects alive at once in one thread (at most MAX_PROJECTS). */
  maxAlive: number;
  milliseconds: number;
  /** Calls left for review because no framework's types are installed where TypeScript would look. */
  notInstalled: number;
  /** Calls left for review because their project's time budget was spent, per tsconfig (relative to the top). */
  overBudget: Record<string, number>;
}

export const NOT_INSTALLED =
  "TypeScript could not be asked: no framework's types are installed where it would find them (install the dependencies and run again)";

/** The packages whose declarations can tie a value to a framework (`next/navigation` → `next`). */
const FRAMEWORK_PACKAGES = [
  ...new Set(JS_RULES.flatMap((rule) => [...rule.clues.modules, ...(rule.handler?.packages ?? [])]).flatMap((specifier) => packageName(specifier) ?? [])),
];

export class TypeCheckers {
  readonly stats: TypeCheckerStats = { asked: 0, decided: 0, projects: 0, maxAlive: 0, milliseconds: 0, notInstalled: 0, overBudget: {} };
  private tsMorph: TsMorph | undefined;
  /** Insertion order is recency: the first entry is the least recently used. */
  private readonly projects = new Map<string, Project>();
  /** Time spent per tsconfig, kept after its project is dropped so the budget holds. */
  private readonly spent = new Map<string, number>();
  private readonly configs = new Map<string, string | null>();
  private readonly installed = new Map<string, boolean>();

  /** `stopAt`: the highest directory searched for a tsconfig.json. */
  constructor(
    private readonly stopAt: string,
    private readonly budgetMs = PROJECT_BUDGET_MS,
  ) {}

  /**
   * An oracle for one file, or null when the file is not TypeScript under a tsconfig.json.
   * `answers` is false when no framework's types are installed: every question is declined.
   */
  forFile(file: string, text: string): (TypeOracle & { answers: boolean }) | null {
    if (!isTypeScript(file)) return null;
    const config = this.configFor(path.dirname(file));
    if (!config) return null;
    let declined = { count: 0, why: '' };
    const decline = (why: string) => {
      declined = { count: declined.count + 1, why };
      return null;
    };
    const common = {
      declined: () => declined,
      leftForReview: (why: string) => {
        if (why === NOT_INSTALLED) this.stats.notInstalled++;
        else {
          const key = path.relative(this.stopAt, config) || config;
          this.stats.overBudget[key] = (this.stats.overBudget[key] ?? 0) + 1;
        }
      },
    };
    if (!this.typesInstalled(path.dirname(config))) {
      return { answers: false, parameterType: () => decline(NOT_INSTALLED), declarationOf: () => decline(NOT_INSTALLED), ...common };
    }
    // TypeScript drops a BOM when it reads the file; Babel's offsets count it.
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const overBudget = () => `the type checker spent its ${this.budgetMs / 1000} s budget on ${path.relative(this.stopAt, config) || config} before this question`;
    return {
      answers: true,
      parameterType: (fn, index) => ((this.spent.get(config) ?? 0) >= this.budgetMs ? decline(overBudget()) : this.parameterType(config, file, fn, index, shift)),
      declarationOf: (offset) => ((this.spent.get(config) ?? 0) >= this.budgetMs ? decline(overBudget()) : this.declarationOf(config, file, offset - shift)),
      ...common,
    };
  }

  /** The package and name a value is declared under, following re-exports. */
  private declarationOf(config: string, file: string, offset: number): string | null {
    return this.ask((tsMorph, project) => {
      const source = project.getSourceFile(file) ?? project.addSourceFileAtPath(file);
      const node = source.getDescendantAtPos(offset);
      if (!node || node.getKind() !== tsMorph.SyntaxKind.Identifier) return null;
      let symbol = node.getSymbol();
      if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
      const declaration = symbol?.getDeclarations()[0];
      const owner = declaration && packageOf(declaration.getSourceFile().getFilePath());
      return owner && symbol ? `${owner}.${symbol.getName()}` : null;
    }, config);
  }

  /** Runs one question against the tsconfig's project, timing it; any failure is "unknown". */
  private ask(question: (tsMorph: TsMorph, project: Project) => string | null, config: string): string | null {
    const started = performance.now();
    this.stats.asked++;
    try {
      const tsMorph = (this.tsMorph ??= require('ts-morph') as TsMorph);
      const answer = question(tsMorph, this.projectFor(tsMorph, config));
      if (answer) this.stats.decided++;
      return answer;
    } catch {
      return null;
    } finally {
      const elapsed = performance.now() - started;
      this.stats.milliseconds += elapsed;
      this.spent.set(config, (this.spent.get(config) ?? 0) + elapsed);
    }
  }

  /**
   * The tsconfig's project, made on first use with only the files that ask (TypeScript
   * follows their imports), and moved to the end of the recency order.
   */
  private projectFor(tsMorph: TsMorph, config: string): Project {
    let live = this.projects.get(config);
    if (live) this.projects.delete(config);
    else {
      live = new tsMorph.Project({ tsConfigFilePath: config, skipAddingFilesFromTsConfig: true });
      this.stats.projects++;
      // Dropped, not kept: its program and checker are garbage once no question holds them.
      while (this.projects.size >= MAX_PROJECTS) this.projects.delete(this.projects.keys().next().value!);
    }
    this.projects.set(config, live);
    this.stats.maxAlive = Math.max(this.stats.maxAlive, this.projects.size);
    return live;
  }

  private parameterType(config: string, file: string, fn: FunctionNode, index: number, shift: number): string | null {
    const param = fn.params[index];
    if (!param || param.start == null) return null;
    return this.ask((tsMorph, project) => {
      const source = project.getSourceFile(file) ?? project.addSourceFileAtPath(file);
      const node = source.getDescendantAtPos(param.start! - shift);
      const parameter = node?.getFirstAncestorByKind(tsMorph.SyntaxKind.Parameter) ?? node?.asKind(tsMorph.SyntaxKind.Parameter);
      if (!parameter) return null;
      const type = parameter.getType();
      const symbol = type.getAliasSymbol() ?? type.getSymbol();
      const declaration = symbol?.getDeclarations()[0];
      const owner = declaration && packageOf(declaration.getSourceFile().getFilePath());
      return owner && symbol ? `${owner}.${symbol.getName()}` : null;
    }, config);
  }

  /**
   * Whether a framework's declarations are installed where TypeScript would find them from
   * `dir`: a node_modules in it or any directory above (TypeScript's lookup goes up to the
   * filesystem root) holding @types/<framework> or the framework with its own types.
   */
  private typesInstalled(dir: string): boolean {
    const cached = this.installed.get(dir);
    if (cached !== undefined) return cached;
    const modules = path.join(dir, 'node_modules');
    const here = existsSync(modules) && FRAMEWORK_PACKAGES.some((name) => hasTypes(modules, name));
    const parent = path.dirname(dir);
    const found = here || (parent !== dir && this.typesInstalled(parent));
    this.installed.set(dir, found);
    return found;
  }

  private configFor(dir: string): string | null {
    if (this.configs.has(dir)) return this.configs.get(dir)!;
    const candidate = path.join(dir, 'tsconfig.json');
    const parent = path.dirname(dir);
    const found = existsSync(candidate)
      ? candidate
      : dir !== this.stopAt && parent !== dir && isWithin(parent, this.stopAt)
        ? this.configFor(parent)
        : null;
    this.configs.set(dir, found);
    return found;
  }
}

/** `node_modules/@types/<name>`, or `node_modules/<name>` whose package.json names its types or that ships index.d.ts. */
function hasTypes(modules: string, name: string): boolean {
  const typesName = name.startsWith('@') ? name.slice(1).replace('/', '__') : name;
  if (existsSync(path.join(modules, '@types', typesName, 'package.json'))) return true;
  const dir = path.join(modules, name);
  if (existsSync(path.join(dir, 'index.d.ts'))) return true;
  try {
    return /"(types|typings)"\s*:|\.d\.[mc]?ts"/.test(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return false;
  }
}

/** The npm package a module specifier names (`@hapi/hapi/lib` → `@hapi/hapi`), or null for a relative or virtual one. */
function packageName(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('#') || specifier.includes(':')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? (parts.length > 1 ? `${parts[0]}/${parts[1]}` : null) : parts[0]!;
}

/** The npm package a declaration file belongs to (`@types/express` → `express`), or null. */
function packageOf(file: string): string | null {
  const at = file.lastIndexOf('/node_modules/');
  if (at === -1) return null;
  const parts = file.slice(at + '/node_modules/'.length).split('/');
  const name = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  return name.startsWith('@types/') ? name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2') : name;
}
