/**
 * TypeScript's type checker, through ts-morph, for receivers that syntax cannot tie to a
 * framework (an app made by a factory in another module, a context type from a generic).
 * Loaded lazily: ts-morph is imported, and a project built for a tsconfig.json, only when
 * a TypeScript file has a redirect whose receiver is still unknown. TypeScript reads the
 * tsconfig and declaration files as data; nothing from the repository is run.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isWithin } from '../engine/paths.js';
import { isTypeScript } from './extensions.js';
import type { TypeOracle } from './handlers.js';
import type { FunctionNode } from './scopes.js';

type TsMorph = typeof import('ts-morph');

const require = createRequire(import.meta.url);

export interface TypeCheckerStats {
  /** Parameters the checker was asked about, and how many it tied to a framework type. */
  asked: number;
  decided: number;
  projects: number;
  milliseconds: number;
}

export class TypeCheckers {
  readonly stats: TypeCheckerStats = { asked: 0, decided: 0, projects: 0, milliseconds: 0 };
  private tsMorph: TsMorph | undefined;
  private readonly projects = new Map<string, import('ts-morph').Project>();
  private readonly configs = new Map<string, string | null>();

  /** `stopAt`: the highest directory searched for a tsconfig.json. */
  constructor(private readonly stopAt: string) {}

  /** An oracle for one file, or null when the file is not TypeScript under a tsconfig.json. */
  forFile(file: string, text: string): TypeOracle | null {
    if (!isTypeScript(file)) return null;
    const config = this.configFor(path.dirname(file));
    if (!config) return null;
    // TypeScript drops a BOM when it reads the file; Babel's offsets count it.
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return {
      parameterType: (fn, index) => this.parameterType(config, file, fn, index, shift),
      declarationOf: (offset) => this.declarationOf(config, file, offset - shift),
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
  private ask(question: (tsMorph: TsMorph, project: import('ts-morph').Project) => string | null, config: string): string | null {
    const started = performance.now();
    this.stats.asked++;
    try {
      const tsMorph = (this.tsMorph ??= require('ts-morph') as TsMorph);
      let project = this.projects.get(config);
      if (!project) {
        // All of the tsconfig's files at once: one program, then every question is cheap.
        project = new tsMorph.Project({ tsConfigFilePath: config });
        this.projects.set(config, project);
        this.stats.projects++;
      }
      const answer = question(tsMorph, project);
      if (answer) this.stats.decided++;
      return answer;
    } catch {
      return null;
    } finally {
      this.stats.milliseconds += performance.now() - started;
    }
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

/** The npm package a declaration file belongs to (`@types/express` → `express`), or null. */
function packageOf(file: string): string | null {
  const at = file.lastIndexOf('/node_modules/');
  if (at === -1) return null;
  const parts = file.slice(at + '/node_modules/'.length).split('/');
  const name = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  return name.startsWith('@types/') ? name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2') : name;
}
