/**
 * The per-file analysis, the seam between the engine and its worker threads: plain data in
 * (a path, its decoded text, the mode), plain data out (sites, the rewritten text, the
 * handlers left for the cross-file pass). No AST crosses it, so it runs the same in the
 * main thread and in a worker (src/engine/fileWorker.ts), each with its own parsers.
 */
import { PackageLookup } from '../js/packageInfo.js';
import { TypeCheckers, type TypeCheckerStats } from '../js/typeChecker.js';
import type { JsTransformResult } from '../js/transformJs.js';
import type { PythonTransformResult } from '../python/transformPython.js';
import type { Mode } from '../site.js';
import type { MethodsFound } from '../js/routeMethods.js';

export interface FileTask {
  /** Absolute path. */
  file: string;
  /** Path for reports, relative to the root. */
  shown: string;
  text: string;
  python: boolean;
  mode: Mode;
  /** Ask the type checker (when its types are installed). */
  types: boolean;
  /** --trust-package (src/js/handlers.ts). */
  trustPackage: boolean;
  /** The cross-file pass: methods of this file's exported handlers, as other files register them. */
  registeredElsewhere?: ReadonlyMap<string, MethodsFound>;
  /** The run ties JavaScript tests to routes: hand back the file's route facts (src/testsuite/jsRoutes.ts). */
  routeFacts?: boolean;
}

export type FileOutcome = JsTransformResult | PythonTransformResult;

/** What one thread keeps between files: the parsers (loaded on first use), package.json and tsconfig lookups. */
export class Analyser {
  readonly packages: PackageLookup;
  private typeCheckers: TypeCheckers | null = null;
  private workerStats: TypeCheckerStats | null = null;
  private js: typeof import('../js/toolkit.js') | undefined;
  private python: typeof import('../python/toolkit.js') | undefined;

  constructor(
    private readonly top: string,
    private readonly typeBudgetMs: number,
  ) {
    this.packages = new PackageLookup(top);
  }

  /** The type oracle for a file, or null (not TypeScript, no tsconfig, types off). */
  typesFor(file: string, text: string) {
    return (this.typeCheckers ??= new TypeCheckers(this.top, this.typeBudgetMs)).forFile(file, text);
  }

  /** This thread's type checker counts and those the workers reported. */
  typeStats(): TypeCheckerStats | null {
    return addTypeStats(addTypeStats(null, this.typeCheckers?.stats ?? null), this.workerStats);
  }

  addWorkerStats(stats: TypeCheckerStats | null): void {
    this.workerStats = addTypeStats(this.workerStats, stats);
  }

  async jsKit() {
    return (this.js ??= await import('../js/toolkit.js'));
  }

  async pythonKit() {
    return (this.python ??= await import('../python/toolkit.js'));
  }

  async analyse(task: FileTask): Promise<FileOutcome> {
    if (task.python) return (await this.pythonKit()).transformPython(task.text, task.shown, task.mode, task.registeredElsewhere);
    await this.packages.loadImageLayouts();
    const pkg = this.packages.forFile(task.file);
    const types = task.types ? this.typesFor(task.file, task.text) : null;
    return (await this.jsKit()).transformJs(task.text, task.shown, task.mode, { pkg, types, trustPackage: task.trustPackage, ...(task.registeredElsewhere ? { registeredElsewhere: task.registeredElsewhere } : {}), ...(task.routeFacts ? { routeFacts: true } : {}) });
  }
}

/** Adds one thread's type checker counts to another's. */
export function addTypeStats(into: TypeCheckerStats | null, from: TypeCheckerStats | null): TypeCheckerStats | null {
  if (!from) return into;
  if (!into) return structuredClone(from);
  into.asked += from.asked;
  into.decided += from.decided;
  into.projects += from.projects;
  into.maxAlive = Math.max(into.maxAlive, from.maxAlive);
  into.milliseconds += from.milliseconds;
  into.notInstalled += from.notInstalled;
  for (const [project, left] of Object.entries(from.overBudget)) into.overBudget[project] = (into.overBudget[project] ?? 0) + left;
  return into;
}
