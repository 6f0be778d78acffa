/**
 * JavaScript / TypeScript name binding, enough to prove where a callee comes from.
 *
 * One iterative walk records scopes (module, functions, blocks, catch clauses), the
 * bindings in each (imports, `require`, declarations with their initialisers,
 * destructuring paths, parameters with their position), every call and decorator call,
 * and each node's parent. Expressions then resolve to dotted names such as
 * `express.Router()` or `react-router.redirect`; what a handler's parameter is comes
 * from a `ParameterTyper` (src/js/handlers.ts), so this module knows no framework.
 */
import type * as t from '@babel/types';
import { VISITOR_KEYS } from './visitorKeys.js';

export type FunctionNode =
  | t.FunctionDeclaration
  | t.FunctionExpression
  | t.ArrowFunctionExpression
  | t.ObjectMethod
  | t.ClassMethod
  | t.ClassPrivateMethod;

type Binding =
  | { kind: 'import'; name: string; module: string; member: string | null }
  | { kind: 'value'; init: t.Node; scope: JsScope; path: string[] }
  | { kind: 'param'; fn: FunctionNode; index: number; path: string[] }
  | { kind: 'function'; fn: FunctionNode }
  | { kind: 'type'; annotation: t.Node; scope: JsScope }
  | { kind: 'other' };

export interface JsScope {
  parent: JsScope | null;
  /** The function this scope belongs to (null at module level). */
  fn: FunctionNode | null;
  isFunctionScope: boolean;
  bindings: Map<string, Binding>;
}

/** How a resolved name was proven, for the site's reason and the report. */
export type Proof = 'import' | 'global' | 'registration' | 'annotation' | 'package' | 'types';

export interface Resolved {
  name: string;
  proof: Proof;
  /** Several frameworks fit and nothing decides between them. */
  ambiguous?: string[];
  note?: string;
}

export interface ParameterTyper {
  /** What a function's parameter is (e.g. `express.Response`), or null when unknown. */
  parameterType(fn: FunctionNode, index: number, scopes: JsScopes): Resolved | null;
  /** What a member of a parameter is (`options.c` with `options: { c: Context }`), or null when unknown. */
  parameterMember?(fn: FunctionNode, index: number, path: readonly string[], scopes: JsScopes): Resolved | null;
  /** What `this` is inside a function (not an arrow), or null when unknown. */
  thisType?(fn: FunctionNode, scopes: JsScopes): Resolved | null;
  /** Runs a question without the type checker. */
  untyped?<T>(question: () => T): T;
}

export interface ScopedCall {
  call: t.CallExpression | t.OptionalCallExpression;
  scope: JsScope;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
/** Keys whose nodes run in the enclosing scope even under a function: `{ [key]() {} }`, decorators. */
const OUTER_KEYS = new Set(['key', 'decorators']);
/** Type-only keys: no calls or bindings live there (annotations are read from their owners). */
const TYPE_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'superTypeParameters', 'typeArguments', 'predicate', 'implements']);
const WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ParenthesizedExpression', 'TypeCastExpression', 'AwaitExpression']);

/** The keys the walk descends into, per node type: the visitor keys less the type-only ones. */
const WALK_KEYS = new Map<string, readonly string[]>();
function walkKeys(type: string): readonly string[] {
  let keys = WALK_KEYS.get(type);
  if (!keys) WALK_KEYS.set(type, (keys = (VISITOR_KEYS[type] ?? []).filter((key) => !TYPE_KEYS.has(key))));
  return keys;
}

/**
 * Each node's parent, kept on the node under a symbol (no key of Babel's, invisible to
 * Object.keys and structured clones): a map of every node to its parent was much of a run's
 * time and garbage.
 */
const PARENT = Symbol('parent');
type WithParent = t.Node & { [PARENT]?: t.Node };

export function isFunctionNode(node: t.Node | null | undefined): node is FunctionNode {
  return !!node && FUNCTION_TYPES.has(node.type);
}

export class JsScopes {
  readonly module: JsScope = { parent: null, fn: null, isFunctionScope: true, bindings: new Map() };
  readonly calls: ScopedCall[] = [];
  private readonly scopeOfNode = new Map<t.Node, JsScope>();
  private resolving = 0;
  private identifiers: Map<string, t.Identifier[]> | undefined;

  constructor(
    readonly program: t.Program,
    private readonly typer: ParameterTyper,
  ) {
    this.walk(program);
  }

  parentOf(node: t.Node): t.Node | undefined {
    return (node as WithParent)[PARENT];
  }

  scopeOf(node: t.Node): JsScope {
    for (let n: t.Node | undefined = node; n; n = (n as WithParent)[PARENT]) {
      const scope = this.scopeOfNode.get(n);
      if (scope) return scope;
    }
    return this.module;
  }

  /**
   * The project module (`./controllers/auth`) and export an expression names: `auth.logout`
   * with `auth = require('./controllers/auth')` or `import * as auth`, or `logout` imported
   * from it. Null for anything else.
   */
  projectExport(node: t.Node, scope: JsScope, isProjectModule: (module: string) => boolean = (module) => module.startsWith('.')): { module: string; member: string } | null {
    if (node.type === 'Identifier') {
      const binding = this.lookup(node.name, scope);
      return binding?.kind === 'import' && isProjectModule(binding.module) && binding.member ? { module: binding.module, member: binding.member } : null;
    }
    if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && node.object.type === 'Identifier') {
      const member = memberName(node);
      const binding = this.lookup(node.object.name, scope);
      if (!member || !binding) return null;
      if (binding.kind === 'import' && isProjectModule(binding.module) && binding.member === null) return { module: binding.module, member };
      if (binding.kind === 'value' && binding.path.length === 0 && binding.init.type === 'CallExpression') {
        const [first] = binding.init.arguments;
        const callee = binding.init.callee;
        if (callee.type === 'Identifier' && callee.name === 'require' && first?.type === 'StringLiteral' && isProjectModule(first.value)) return { module: first.value, member };
      }
    }
    return null;
  }

  /**
   * Every identifier spelled `name` outside type annotations, in any position (declarations,
   * property keys and references alike): the caller tells them apart by their parents.
   */
  identifiersNamed(name: string): readonly t.Identifier[] {
    if (!this.identifiers) {
      // Built on the first question only (a second walk): most files never ask.
      this.identifiers = new Map();
      const nodes: t.Node[] = [this.program];
      while (nodes.length > 0) {
        const node = nodes.pop()!;
        if (node.type === 'Identifier') {
          const list = this.identifiers.get(node.name);
          if (list) list.push(node);
          else this.identifiers.set(node.name, [node]);
        }
        for (const key of walkKeys(node.type)) {
          const value = (node as unknown as Record<string, unknown>)[key];
          if (Array.isArray(value)) {
            for (const item of value) if (item && typeof item === 'object' && typeof (item as t.Node).type === 'string') nodes.push(item as t.Node);
          } else if (value && typeof value === 'object' && typeof (value as t.Node).type === 'string') nodes.push(value as t.Node);
        }
      }
    }
    return this.identifiers.get(name) ?? [];
  }

  /** The binding a name has where `scope` is, or undefined for a global. */
  lookup(name: string, scope: JsScope): Binding | undefined {
    for (let s: JsScope | null = scope; s; s = s.parent) {
      const binding = s.bindings.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  /** The function bound to an identifier, when it names a function declared in this file. */
  functionNamed(identifier: t.Identifier, scope: JsScope): FunctionNode | null {
    const binding = this.lookup(identifier.name, scope);
    if (binding?.kind === 'function') return binding.fn;
    if (binding?.kind === 'value' && binding.path.length === 0 && isFunctionNode(binding.init)) return binding.init;
    return null;
  }

  resolve(node: t.Node, scope: JsScope): Resolved | null {
    if (this.resolving > 64) return null; // a cycle such as `a = a.b`
    this.resolving++;
    try {
      return this.resolveInner(node, scope);
    } finally {
      this.resolving--;
    }
  }

  /**
   * The type a member of a type has: `c` of `{ c: Context }`, of a type alias or an interface
   * naming one, or of an intersection holding one. Returns the member's annotation and the scope
   * it is written in, or null.
   */
  memberType(node: t.Node | null | undefined, key: string, scope: JsScope, depth = 0): { annotation: t.Node; scope: JsScope } | null {
    if (!node || depth > 8) return null;
    switch (node.type) {
      case 'TSTypeAnnotation':
        return this.memberType(node.typeAnnotation, key, scope, depth + 1);
      case 'TSTypeReference': {
        if (node.typeName.type !== 'Identifier') return null;
        const binding = this.lookup(node.typeName.name, scope);
        return binding?.kind === 'type' ? this.memberType(binding.annotation, key, binding.scope, depth + 1) : null;
      }
      case 'TSIntersectionType':
        for (const part of node.types) {
          const found = this.memberType(part, key, scope, depth + 1);
          if (found) return found;
        }
        return null;
      case 'TSTypeLiteral':
      case 'TSInterfaceBody':
        for (const member of node.type === 'TSTypeLiteral' ? node.members : node.body) {
          if (member.type !== 'TSPropertySignature' || member.computed || !member.typeAnnotation) continue;
          const name = member.key.type === 'Identifier' ? member.key.name : member.key.type === 'StringLiteral' ? member.key.value : null;
          if (name === key) return { annotation: member.typeAnnotation, scope };
        }
        return null;
      default:
        return null;
    }
  }

  /** `resolve` without asking the type checker: for what another pass wants to know (src/js/crossFileCallers.ts). */
  resolveUntyped(node: t.Node, scope: JsScope): Resolved | null {
    return this.typer.untyped ? this.typer.untyped(() => this.resolve(node, scope)) : this.resolve(node, scope);
  }

  /** Resolves a TypeScript type reference (`Response`, `express.Response`, `Context<Env>`). */
  resolveType(node: t.Node | null | undefined, scope: JsScope): Resolved | null {
    if (!node) return null;
    switch (node.type) {
      case 'TSTypeAnnotation':
      case 'TypeAnnotation':
        return this.resolveType(node.typeAnnotation, scope);
      case 'TSTypeReference':
        return this.resolveType(node.typeName, scope);
      case 'GenericTypeAnnotation':
        return this.resolveType(node.id, scope);
      case 'TSQualifiedName':
      case 'QualifiedTypeIdentifier': {
        const left = this.resolveType(node.type === 'TSQualifiedName' ? node.left : node.qualification, scope);
        const right = node.type === 'TSQualifiedName' ? node.right.name : node.id.name;
        return left ? { ...left, name: `${left.name}.${right}` } : null;
      }
      case 'Identifier': {
        const binding = this.lookup(node.name, scope);
        if (binding?.kind === 'import') return { name: binding.name, proof: 'annotation' };
        if (binding?.kind === 'type') return this.resolveType(binding.annotation, binding.scope);
        return null;
      }
      default:
        return null;
    }
  }

  private resolveInner(node: t.Node, scope: JsScope): Resolved | null {
    if (WRAPPERS.has(node.type)) return this.resolve((node as t.TSAsExpression).expression ?? (node as t.AwaitExpression).argument, scope);
    switch (node.type) {
      case 'Identifier': {
        const binding = this.lookup(node.name, scope);
        if (!binding) return { name: `#global.${node.name}`, proof: 'global' };
        return this.resolveBinding(binding);
      }
      case 'ThisExpression': {
        // The nearest function that binds `this` (arrows take their outer function's).
        let s: JsScope | null = scope;
        while (s && (!s.fn || s.fn.type === 'ArrowFunctionExpression')) s = s.parent;
        return s?.fn ? (this.typer.thisType?.(s.fn, this) ?? null) : null;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const property = memberName(node);
        if (property === null) return null;
        if (node.object.type === 'Identifier' && node.object.name === 'globalThis' && !this.lookup('globalThis', scope)) {
          return { name: `#global.${property}`, proof: 'global' };
        }
        // `options.c` with `options: { c: Context }`.
        const param = node.object.type === 'Identifier' ? this.lookup(node.object.name, scope) : undefined;
        const member = param?.kind === 'param' ? this.typer.parameterMember?.(param.fn, param.index, [...param.path, property], this) : null;
        if (member) return member;
        const object = this.resolve(node.object, scope);
        return object ? { ...object, name: `${object.name}.${property}` } : null;
      }
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression': {
        const callee = node.callee;
        const first = node.arguments[0];
        if (callee.type === 'Identifier' && callee.name === 'require' && !this.lookup('require', scope) && first?.type === 'StringLiteral') {
          return { name: first.value, proof: 'import' };
        }
        const resolved = this.resolve(callee, scope);
        return resolved ? { ...resolved, name: `${resolved.name}()` } : null;
      }
      default:
        return null;
    }
  }

  private resolveBinding(binding: Binding): Resolved | null {
    switch (binding.kind) {
      case 'import':
        return { name: binding.name, proof: 'import' };
      case 'value': {
        // `const { c } = options` with `options: { c: Context }`.
        const source = binding.path.length > 0 && binding.init.type === 'Identifier' ? this.lookup(binding.init.name, binding.scope) : undefined;
        const member = source?.kind === 'param' ? this.typer.parameterMember?.(source.fn, source.index, [...source.path, ...binding.path], this) : null;
        if (member) return member;
        const base = this.resolve(binding.init, binding.scope);
        return base ? withPath(base, binding.path) : null;
      }
      case 'param': {
        // A member destructured from a typed options object: `{ c }: { c: Context }`.
        const member = binding.path.length > 0 ? this.typer.parameterMember?.(binding.fn, binding.index, binding.path, this) : null;
        if (member) return member;
        const type = this.typer.parameterType(binding.fn, binding.index, this);
        return type ? withPath(type, binding.path) : null;
      }
      default:
        return null;
    }
  }

  private bind(scope: JsScope, name: string, binding: Binding): void {
    // A later declaration of the same name (redeclared `var`, overloads) keeps the first.
    if (!scope.bindings.has(name)) scope.bindings.set(name, binding);
  }

  private functionScopeOf(scope: JsScope): JsScope {
    let s = scope;
    while (!s.isFunctionScope && s.parent) s = s.parent;
    return s;
  }

  /** Binds every name a pattern declares; `make(path)` says what each name is. */
  private bindPattern(scope: JsScope, pattern: t.Node | null | undefined, make: (path: string[]) => Binding, path: string[] = []): void {
    if (!pattern) return;
    switch (pattern.type) {
      case 'Identifier':
        this.bind(scope, pattern.name, make(path));
        return;
      case 'AssignmentPattern':
        this.bindPattern(scope, pattern.left, make, path);
        return;
      case 'TSParameterProperty':
        this.bindPattern(scope, pattern.parameter, make, path);
        return;
      case 'ObjectPattern':
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') this.bindPattern(scope, property.argument, () => ({ kind: 'other' }));
          else {
            const key = !property.computed && property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : null;
            this.bindPattern(scope, property.value, key === null ? () => ({ kind: 'other' }) : make, key === null ? path : [...path, key]);
          }
        }
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) this.bindPattern(scope, element, () => ({ kind: 'other' }));
        return;
      case 'RestElement':
        this.bindPattern(scope, pattern.argument, () => ({ kind: 'other' }));
        return;
      default:
        return;
    }
  }

  /**
   * Iterative walk (deeply nested code must not overflow the stack) over Babel's visitor
   * keys, skipping type annotations, which hold no calls.
   */
  private walk(program: t.Program): void {
    // Two parallel stacks, not a stack of pairs: one allocation fewer per node (much of a run's garbage).
    const nodes: t.Node[] = [program];
    const scopes: JsScope[] = [this.module];
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const scope = scopes.pop()!;
      const inner = this.visit(node, scope);
      const keys = walkKeys(node.type);
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k]!;
        const childScope = inner === scope || OUTER_KEYS.has(key) ? scope : inner;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
          for (let i = value.length - 1; i >= 0; i--) this.push(nodes, scopes, value[i], node, childScope);
        } else this.push(nodes, scopes, value, node, childScope);
      }
    }
  }

  private push(nodes: t.Node[], scopes: JsScope[], value: unknown, parent: t.Node, scope: JsScope): void {
    if (value && typeof value === 'object' && typeof (value as t.Node).type === 'string') {
      (value as WithParent)[PARENT] = parent;
      nodes.push(value as t.Node);
      scopes.push(scope);
    }
  }

  /** Records what `node` declares; returns the scope its children run in. */
  private visit(node: t.Node, scope: JsScope): JsScope {
    if (isFunctionNode(node)) {
      if (node.type === 'FunctionDeclaration' && node.id) this.bind(scope, node.id.name, { kind: 'function', fn: node });
      const inner: JsScope = { parent: scope, fn: node, isFunctionScope: true, bindings: new Map() };
      if (node.type === 'FunctionExpression' && node.id) this.bind(inner, node.id.name, { kind: 'function', fn: node });
      node.params.forEach((param, index) => this.bindPattern(inner, param, (path) => ({ kind: 'param', fn: node, index, path })));
      this.scopeOfNode.set(node, inner);
      // Keys and decorators run outside (OUTER_KEYS); parameters, defaults and the body inside.
      return inner;
    }
    switch (node.type) {
      case 'CallExpression':
      case 'OptionalCallExpression':
        this.calls.push({ call: node, scope });
        return scope;
      case 'BlockStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'SwitchStatement':
      case 'StaticBlock': {
        const inner: JsScope = { parent: scope, fn: scope.fn, isFunctionScope: false, bindings: new Map() };
        this.scopeOfNode.set(node, inner);
        return inner;
      }
      case 'CatchClause': {
        const inner: JsScope = { parent: scope, fn: scope.fn, isFunctionScope: false, bindings: new Map() };
        this.bindPattern(inner, node.param, () => ({ kind: 'other' }));
        this.scopeOfNode.set(node, inner);
        return inner;
      }
      case 'VariableDeclaration': {
        const target = node.kind === 'var' ? this.functionScopeOf(scope) : scope;
        for (const declarator of node.declarations) {
          const init = declarator.init;
          this.bindPattern(target, declarator.id, (path) => (init ? { kind: 'value', init, scope, path } : { kind: 'other' }));
        }
        return scope;
      }
      case 'ClassDeclaration':
        if (node.id) this.bind(scope, node.id.name, { kind: 'other' });
        return scope;
      case 'ImportDeclaration': {
        const source = node.source.value;
        for (const specifier of node.specifiers) {
          const imported =
            specifier.type === 'ImportSpecifier'
              ? `${source}.${specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value}`
              : source;
          // A project module's name (`./utils.redirect`) matches no framework rule, but says where it comes from.
          const member = specifier.type === 'ImportSpecifier' ? imported.slice(source.length + 1) : null;
          this.bind(scope, specifier.local.name, { kind: 'import', name: imported, module: source, member });
        }
        return scope;
      }
      case 'TSImportEqualsDeclaration': {
        const reference = node.moduleReference;
        this.bind(
          scope,
          node.id.name,
          reference.type === 'TSExternalModuleReference' ? { kind: 'import', name: reference.expression.value, module: reference.expression.value, member: null } : { kind: 'other' },
        );
        return scope;
      }
      case 'TSTypeAliasDeclaration':
        this.bind(scope, node.id.name, { kind: 'type', annotation: node.typeAnnotation, scope });
        return scope;
      case 'TSInterfaceDeclaration':
        // Its body is read for members' types only (HandlerTyper.parameterMember); as a type it resolves to nothing.
        this.bind(scope, node.id.name, { kind: 'type', annotation: node.body, scope });
        return scope;
      case 'TSEnumDeclaration':
      case 'TSModuleDeclaration':
        if (node.id.type === 'Identifier') this.bind(scope, node.id.name, { kind: 'other' });
        return scope;
      default:
        return scope;
    }
  }
}

function withPath(base: Resolved, path: string[]): Resolved {
  return path.length === 0 ? base : { ...base, name: `${base.name}.${path.join('.')}` };
}

/** The name of a property's key as written (`{ a: 1 }`, `{ 'a': 1 }`); null when computed or another literal. */
export function propertyKeyName(property: t.ObjectProperty | t.ObjectMethod | t.ClassMethod | t.ClassProperty): string | null {
  if (property.computed) return null;
  return property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : null;
}

/** The value of an object literal's `key: value` property, if it has one. */
export function propertyValue(object: t.ObjectExpression, key: string): t.Node | undefined {
  for (const p of object.properties) if (p.type === 'ObjectProperty' && propertyKeyName(p) === key) return p.value;
  return undefined;
}

/** The property name of `a.b` or `a['b']`, or null for a computed or private one. */
export function memberName(node: t.MemberExpression | t.OptionalMemberExpression): string | null {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'StringLiteral') return node.property.value;
  return null;
}
