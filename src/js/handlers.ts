/**
 * What a handler's parameter is. In order of strength:
 *   1. its type annotation (`res: Response` imported from `express`);
 *   2. the type of the variable holding the function (`const GET: APIRoute = ...`);
 *   3. where the function is registered (`app.get('/', (req, res) => ...)` with
 *      `app = express()`), directly, through a route object, a wrapper, or by name;
 *   4. the nearest package.json, for handlers that are exported, registered on an object
 *      the file does not define, or class methods: when exactly one server framework is a
 *      dependency and the parameter's position is that framework's;
 *   5. TypeScript's type checker, when the caller provides one (src/js/typeChecker.ts).
 */
import path from 'node:path';
import type * as t from '@babel/types';
import type { HandlerShape } from '../rules/jsRule.js';
import { dispatchTablesOf } from './dispatchTables.js';
import { exportIndexOf } from './exportIndex.js';
import type { PackageInfo } from './packageInfo.js';
import type { MethodsFound } from './routeMethods.js';
import { isFunctionNode, memberName, propertyKeyName, type FunctionNode, type JsScope, type JsScopes, type ParameterTyper, type Resolved } from './scopes.js';

export interface TypeOracle {
  /** The framework type name (`express.Response`) of a function's parameter, if the checker knows it. */
  parameterType(fn: FunctionNode, index: number): string | null;
  /** Where the identifier at `offset` is declared (`react-router.redirect` through a re-export), if the checker knows it. */
  declarationOf(offset: number): string | null;
  /** Questions declined so far (types not installed, time budget spent) and why the last was. */
  declined?(): { count: number; why: string };
  /** A call left for review because a question about it was declined. */
  leftForReview?(why: string): void;
}

export interface Registration {
  call: t.CallExpression | t.OptionalCallExpression;
  method: string;
  object: t.Node;
  viaRouteObject: boolean;
  /** The route object holding the handler (`{ method: 'PUT', handler }`), when there is one. */
  routeObject?: t.ObjectExpression;
}

export class HandlerTyper implements ParameterTyper {
  private readonly cache = new Map<FunctionNode, Map<number, Resolved | null>>();
  /** Answers given without the type checker (`untyped`), kept apart: they may differ from the full ones. */
  private readonly untypedCache = new Map<FunctionNode, Map<number, Resolved | null>>();
  private withoutTypes = false;
  private byName: Map<FunctionNode, Registration> | undefined;

  constructor(
    private readonly shapes: readonly HandlerShape[],
    private readonly pkg: PackageInfo,
    private readonly types: TypeOracle | null = null,
    /** --trust-package: a function no registration or export ties to a framework is still trusted on the package's word. */
    private readonly trustPackage = false,
    /** What other files register this file's exports with, or pass them (src/js/crossFileCallers.ts). */
    private readonly elsewhere?: ReadonlyMap<string, MethodsFound>,
  ) {}

  parameterType(fn: FunctionNode, index: number, scopes: JsScopes): Resolved | null {
    const cache = this.withoutTypes ? this.untypedCache : this.cache;
    let perFunction = cache.get(fn);
    if (!perFunction) cache.set(fn, (perFunction = new Map()));
    if (perFunction.has(index)) return perFunction.get(index)!;
    perFunction.set(index, null); // a cycle resolves to "unknown"
    const found = this.compute(fn, index, scopes);
    perFunction.set(index, found);
    return found;
  }

  private compute(fn: FunctionNode, index: number, scopes: JsScopes): Resolved | null {
    const outer = scopes.scopeOf(scopes.parentOf(fn) ?? fn);

    const annotation = scopes.resolveType(parameterAnnotation(fn.params[index]), scopes.scopeOf(fn));
    if (annotation) {
      const shape = this.shapes.find((s) => s.annotations.includes(annotation.name));
      if (shape) return { name: shape.type, proof: 'annotation' };
    }

    const holder = scopes.parentOf(fn);
    if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') {
      const fnType = scopes.resolveType(holder.id.typeAnnotation, outer);
      const shape = fnType && this.shapes.find((s) => s.functionAnnotations?.includes(fnType.name));
      if (shape && shape.param === index) return { name: shape.type, proof: 'annotation' };
    }

    const registration = this.registrationOf(fn, scopes);
    if (registration) {
      const object = scopes.resolve(registration.object, scopes.scopeOf(registration.call));
      if (object) {
        const shape = this.shapes.find(
          (s) =>
            s.instances.some((pattern) => pattern.test(object.name)) &&
            (registration.viaRouteObject ? s.routeObjects === true && registration.method === 'route' : s.methods.includes(registration.method)),
        );
        if (shape) return shape.param === index ? { name: shape.type, proof: 'registration' } : null;
      }
    }
    const wrapper = this.wrapperOf(fn, scopes);
    if (wrapper) return wrapper.param === index ? { name: wrapper.type, proof: 'registration' } : null;

    const byPackage = this.fromPackage(fn, index, registration, scopes);
    if (byPackage && !byPackage.ambiguous) return byPackage;

    // Asked only where the package does not decide: a handler its package proves keeps that
    // proof, and its second look needs no parse (src/js/transformJs.ts withRegistrations).
    const elsewhere = this.fromRegistrationsElsewhere(fn, index, scopes);
    if (elsewhere !== undefined) return elsewhere;

    const byCallers = this.fromCallers(fn, index, scopes);
    if (byCallers) return byCallers;

    const byCallersElsewhere = this.fromCallersElsewhere(fn, index, scopes);
    if (byCallersElsewhere) return byCallersElsewhere;

    const checked = this.withoutTypes ? null : this.types?.parameterType(fn, index);
    const shape = checked ? this.shapes.find((s) => s.annotations.includes(checked)) : undefined;
    if (shape) return { name: shape.type, proof: 'types', note: `the parameter's type is ${checked}` };
    return byPackage;
  }

  /** Runs `question` without asking the type checker (a question for another pass, which must not load a TypeScript project). */
  untyped<T>(question: () => T): T {
    const before = this.withoutTypes;
    this.withoutTypes = true;
    try {
      return question();
    } finally {
      this.withoutTypes = before;
    }
  }

  /**
   * An exported handler registered in other files (`router.post('/x', Ctrl.create)` on an
   * `express.Router()` in routes.js): the registrations' framework decides where the handler's
   * own package does not (it lists no framework, or several). Registrations on two
   * frameworks decide nothing: review, naming both. Undefined when no registration elsewhere
   * names a framework.
   */
  private fromRegistrationsElsewhere(fn: FunctionNode, index: number, scopes: JsScopes): Resolved | null | undefined {
    if (!this.elsewhere) return undefined;
    const exported = exportedNameOf(fn, scopes);
    const found = exported !== null ? this.elsewhere.get(exported)?.frameworks : undefined;
    if (!found || found.length === 0) return undefined;
    const types = [...new Set(found.map((f) => f.type))];
    const shape = this.shapes.find((s) => s.type === types[0]);
    if (!shape) return undefined;
    if (types.length > 1) {
      const frameworks = [...new Set(found.map((f) => f.framework))];
      const parameterIsOne = this.shapes.some((s) => types.includes(s.type) && s.param === index);
      if (!parameterIsOne) return null;
      return { name: shape.type, proof: 'registration', ambiguous: frameworks, note: `it is registered on several frameworks: ${found.map((f) => `${f.framework} (${f.why})`).join('; ')}` };
    }
    if (shape.param !== index) return null;
    const proved = found.find((f) => f.proof === 'registration') ?? found[0]!;
    if (proved.proof === 'package') {
      // Only the registering package's word: the parameter must have the framework's name, as for a package proof.
      const param = fn.params[index];
      const name = param?.type === 'Identifier' ? param.name : param?.type === 'AssignmentPattern' && param.left.type === 'Identifier' ? param.left.name : null;
      if (name !== null && !shape.paramNames.includes(name)) {
        return { name: shape.type, proof: 'package', ambiguous: [proved.framework], note: `${proved.why}, but \`${name}\` is not a name ${proved.framework} handlers give this parameter` };
      }
    }
    return { name: shape.type, proof: proved.proof, note: proved.why };
  }

  /**
   * A helper the handlers call with their own object: `getStartFlow(request, h, task)` inside a
   * proved handler. Every call of the function in the file must pass, at this position, a value
   * that resolves to the same framework object; one call that does not, and nothing is proved.
   * Calls through a dispatch table count too (`const actions = { update, cancel }` then
   * `actions[name](request, h)`), when every use of the table is such a call (src/js/dispatchTables.ts).
   */
  private fromCallers(fn: FunctionNode, index: number, scopes: JsScopes): Resolved | null {
    const holder = scopes.parentOf(fn);
    const name = fn.type === 'FunctionDeclaration' && fn.id ? fn.id.name : holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && holder.init === fn ? holder.id.name : null;
    // Tables are looked for (a walk of the tree) only for a parameter named and placed as a framework's object.
    const param = fn.params[index];
    const paramName = param?.type === 'Identifier' ? param.name : null;
    const tables = paramName !== null && this.shapes.some((s) => s.param === index && s.paramNames.includes(paramName)) ? dispatchTablesOf(fn, name, scopes) : [];
    if (tables === null || (name === null && tables.length === 0)) return null;
    let found: Resolved | null = null;
    let calls = 0;
    const entry = fn.type === 'ObjectMethod' ? fn : holder?.type === 'ObjectProperty' ? holder : null;
    const shown = name ?? `${tables[0]?.name}.${(entry && propertyKeyName(entry)) ?? '[…]'}`;
    const passes = (call: t.CallExpression | t.OptionalCallExpression, scope: JsScope): boolean => {
      calls++;
      const arg = call.arguments[index];
      if (!arg || arg.type === 'SpreadElement' || call.arguments.slice(0, index).some((a) => a.type === 'SpreadElement')) return false;
      const resolved = scopes.resolve(arg, scope);
      if (!resolved || resolved.ambiguous || !this.shapes.some((shape) => shape.type === resolved.name)) return false;
      if (found && found.name !== resolved.name) return false;
      const through = tables.length > 0 ? `, directly or through ${tables.map((table) => `\`${table.name}[…]()\``).join(', ')},` : '';
      found ??= { name: resolved.name, proof: 'registration', note: `every call of ${shown}() in the file${through} passes it the handler's ${resolved.name}` };
      return true;
    };
    if (name !== null) {
      for (const { call, scope } of scopes.calls) {
        if (call.callee.type !== 'Identifier' || call.callee.name !== name || scopes.functionNamed(call.callee, scope) !== fn) continue;
        if (!passes(call, scope)) return null;
      }
    }
    for (const table of tables) for (const call of table.calls) if (!passes(call, scopes.scopeOf(call))) return null;
    return calls > 0 ? found : null;
  }

  /** A member of a parameter typed as an object that holds the framework's object: `{ c }: { c: Context }`. */
  parameterMember(fn: FunctionNode, index: number, path: readonly string[], scopes: JsScopes): Resolved | null {
    let at: { annotation: t.Node; scope: JsScope } | null = { annotation: parameterAnnotation(fn.params[index]) as t.Node, scope: scopes.scopeOf(fn) };
    for (const key of path) {
      at = at && scopes.memberType(at.annotation, key, at.scope);
      if (!at) return null;
    }
    const type = scopes.resolveType(at.annotation, at.scope);
    const shape = type && this.shapes.find((s) => s.annotations.includes(type.name));
    return shape ? { name: shape.type, proof: 'annotation', note: `\`${path.join('.')}\` is typed ${type.name}` } : null;
  }

  /**
   * `this` in a function the framework binds it for: hapi's `server.decorate('toolkit', name, fn)`
   * (fn given in place or by name), with `server` an instance of the framework or the first
   * parameter of a plugin's `register` in a package that depends on that framework alone.
   */
  thisType(fn: FunctionNode, scopes: JsScopes): Resolved | null {
    if (fn.type !== 'FunctionExpression' && fn.type !== 'FunctionDeclaration') return null;
    const holder = scopes.parentOf(fn);
    const name = fn.type === 'FunctionDeclaration' && fn.id ? fn.id.name : holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && holder.init === fn ? holder.id.name : null;
    const given: t.Node[] = [fn];
    // Given by name: the decorating call is among the file's calls.
    if (name !== null) {
      for (const { call, scope } of scopes.calls) {
        const arg = call.arguments[2];
        if (arg?.type === 'Identifier' && arg.name === name && scopes.functionNamed(arg, scope) === fn) given.push(arg);
      }
    }
    for (const node of given) {
      const call = scopes.parentOf(node);
      if (call?.type !== 'CallExpression' || call.arguments[2] !== node || call.arguments.length !== 3) continue;
      const [kind, property] = call.arguments;
      if (call.callee.type !== 'MemberExpression' || kind?.type !== 'StringLiteral' || property?.type !== 'StringLiteral') continue;
      const method = memberName(call.callee);
      for (const shape of this.shapes) {
        const decoration = shape.thisDecorations;
        if (!decoration || decoration.method !== method || decoration.kind !== kind.value) continue;
        const server = this.serverProof(call.callee.object, shape, scopes);
        if (server) return { name: shape.type, proof: server.proof, note: `\`this\` is the ${kind.value} \`${property.value}\` is decorated onto with .${method}('${kind.value}', …)${server.note ? `; ${server.note}` : ''}` };
      }
    }
    return null;
  }

  /** A framework's server object: resolved to an instance, or a plugin's `register(server)` in a package on that framework alone. */
  private serverProof(object: t.Node, shape: HandlerShape, scopes: JsScopes): { proof: Resolved['proof']; note?: string } | null {
    const resolved = scopes.resolve(object, scopes.scopeOf(object));
    if (resolved && shape.instances.some((pattern) => pattern.test(resolved.name))) return { proof: 'registration' };
    if (object.type !== 'Identifier' || !shape.thisDecorations) return null;
    const binding = scopes.lookup(object.name, scopes.scopeOf(object));
    if (binding?.kind !== 'param' || binding.index !== 0 || binding.path.length !== 0) return null;
    const plugin = binding.fn.type === 'ObjectMethod' ? binding.fn : scopes.parentOf(binding.fn);
    if ((plugin?.type !== 'ObjectMethod' && plugin?.type !== 'ObjectProperty') || propertyKeyName(plugin) !== shape.thisDecorations.pluginKey) return null;
    const main = this.shapes.filter((s) => s.packages.some((n) => this.pkg.dependencies.has(n) && !this.pkg.devOnly?.has(n)));
    if (main.length !== 1 || main[0] !== shape) return null;
    return { proof: 'package', note: `\`${object.name}\` is the first parameter of a plugin's ${shape.thisDecorations.pluginKey}(), and the nearest package.json depends on ${shape.packages[0]} and no other server framework` };
  }

  /**
   * An exported helper other files call with their handler's object (src/js/crossFileCallers.ts):
   * every call found passes the same framework object at this position, and the file itself
   * calls it no other way (its own calls would have proved it above; one that did not, refuses).
   */
  private fromCallersElsewhere(fn: FunctionNode, index: number, scopes: JsScopes): Resolved | null {
    const exported = this.elsewhere ? exportedNameOf(fn, scopes) : null;
    const calledWith = exported !== null && exported !== 'default' ? this.elsewhere!.get(exported)?.calledWith : undefined;
    const type = calledWith?.types[index];
    if (!type || !this.shapes.some((shape) => shape.type === type)) return null;
    const holder = scopes.parentOf(fn);
    const name = fn.type === 'FunctionDeclaration' && fn.id ? fn.id.name : holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && holder.init === fn ? holder.id.name : null;
    if (name !== null) {
      const calledHere = scopes.calls.some(({ call, scope }) => call.callee.type === 'Identifier' && call.callee.name === name && scopes.functionNamed(call.callee, scope) === fn);
      const tables = dispatchTablesOf(fn, name, scopes);
      if (calledHere || tables === null || tables.length > 0) return null;
    }
    return { name: type, proof: 'registration', note: `every call of ${exported}() in the project (${calledWith!.files.join(', ')}) passes it the handler's ${type}` };
  }

  /** A handler the file cannot tie to a framework object: decide by the package, if it names one framework. */
  private fromPackage(fn: FunctionNode, index: number, registration: Registration | null, scopes: JsScopes): Resolved | null {
    const exportedName = exportedNameOf(fn, scopes);
    const handlerLike =
      exportedName !== null ||
      (registration !== null && this.shapes.some((s) => s.methods.includes(registration.method) || (registration.viaRouteObject && s.routeObjects))) ||
      routeObjectAround(fn, scopes) !== null ||
      isHandlerProperty(fn, scopes) ||
      returnedByExportedFactory(fn, scopes);
    if (!handlerLike && !this.trustPackage) return null;

    const listed = this.shapes.filter((s) => s.packages.some((name) => this.pkg.dependencies.has(name)));
    // A framework only in devDependencies (examples, tests) does not count beside one the code depends on.
    const main = listed.filter((s) => s.packages.some((name) => this.pkg.dependencies.has(name) && !this.pkg.devOnly?.has(name)));
    const present = main.length > 0 ? main : listed;
    const fitting = present.filter(
      (s) => s.param === index && (!s.exportedNames || (exportedName !== null && s.exportedNames.includes(exportedName))),
    );
    if (fitting.length === 0) return null;
    const names = [...new Set(fitting.map((s) => s.packages[0]!))];
    // Next.js API routes also take `(req, res)` and answer `res.redirect(url)` with 307: a package that
    // depends on next cannot prove by itself which framework a (req, res) handler belongs to. (A
    // project's own context type, `ctx: AppContext<T>`, is no such doubt: the package still decides.)
    const nextJs = index === 1 && this.pkg.dependencies.has('next') && !this.pkg.devOnly?.has('next');
    if (nextJs) {
      if (!handlerLike) return null;
      const withNext = [...new Set([...present.map((s) => s.packages[0]!), 'next'])];
      return { name: fitting[0]!.type, proof: 'package', ambiguous: withNext, note: 'the package also depends on next, whose API routes take (req, res) too' };
    }
    if (present.length === 1 && fitting.length === 1) {
      const shape = fitting[0]!;
      const param = fn.params[index];
      const name = param?.type === 'Identifier' ? param.name : param?.type === 'AssignmentPattern' && param.left.type === 'Identifier' ? param.left.name : null;
      if (!handlerLike && (name === null || !shape.paramNames.includes(name))) return null;
      if (name !== null && !shape.paramNames.includes(name)) {
        return { name: shape.type, proof: 'package', ambiguous: names, note: `\`${name}\` is not a name ${names[0]} handlers give this parameter` };
      }
      if (!handlerLike) {
        return { name: shape.type, proof: 'package', note: `trusted on --trust-package: the nearest package.json depends on ${names[0]} alone, and \`${name}\` is an ${names[0]} handler's parameter at its position` };
      }
      const where = this.pkg.copied
        ? `${path.relative(path.dirname(this.pkg.copied.dockerfile), this.pkg.copied.manifest)}, which ${path.basename(this.pkg.copied.dockerfile)} copies into the image beside this file,`
        : this.pkg.workspaceRoot
          ? 'the workspace root\'s package.json'
          : 'the nearest package.json';
      const others = listed.length > present.length ? ' (others only in devDependencies)' : '';
      return { name: shape.type, proof: 'package', note: `${where} depends on ${names[0]} and no other server framework${others}` };
    }
    if (!handlerLike) return null;
    const all = [...new Set(present.map((s) => s.packages[0]!))];
    return { name: fitting[0]!.type, proof: 'package', ambiguous: all };
  }

  /** Where a handler is registered: around it, or by its name elsewhere in the file. */
  registrationOf(fn: FunctionNode, scopes: JsScopes): Registration | null {
    const direct = registrationAround(fn, scopes);
    if (direct) return direct;
    this.byName ??= this.registrationsByName(scopes);
    return this.byName.get(fn) ?? null;
  }

  /** Handlers passed by name: `app.get('/', logout)` with `function logout(req, res) {}`. */
  private registrationsByName(scopes: JsScopes): Map<FunctionNode, Registration> {
    const found = new Map<FunctionNode, Registration>();
    const methods = new Set(this.shapes.flatMap((s) => s.methods));
    for (const { call, scope } of scopes.calls) {
      const callee = call.callee;
      if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') continue;
      const method = memberName(callee);
      if (method === null || !methods.has(method)) continue;
      for (const arg of handlerReferences(call.arguments)) {
        if (arg.type !== 'Identifier') continue;
        const fn = scopes.functionNamed(arg, scope);
        if (fn && !found.has(fn)) found.set(fn, { call, method, object: callee.object, viaRouteObject: false });
      }
    }
    return found;
  }

  private wrapperOf(fn: FunctionNode, scopes: JsScopes): HandlerShape | null {
    const parent = scopes.parentOf(fn);
    if (!parent || (parent.type !== 'CallExpression' && parent.type !== 'OptionalCallExpression') || !parent.arguments.includes(fn as t.Expression)) return null;
    const callee = scopes.resolve(parent.callee, scopes.scopeOf(parent));
    if (!callee) return null;
    return this.shapes.find((s) => s.wrappers?.includes(callee.name)) ?? null;
  }
}

/**
 * The handlers a registration names, through the forms real code wraps them in: arrays of
 * middleware (`[requireLogin, show]`), wrappers (`asyncHandler(show)`, `catchAsync(show)`,
 * `wrap(show)`) and `ctrl.show.bind(ctrl)`.
 */
export function handlerReferences(args: readonly t.Node[], depth = 0): t.Node[] {
  const found: t.Node[] = [];
  for (const arg of args) {
    if (arg.type === 'Identifier' || arg.type === 'MemberExpression') found.push(arg);
    else if (depth < 3 && arg.type === 'ArrayExpression') found.push(...handlerReferences(arg.elements.filter((e): e is t.Expression => e !== null), depth + 1));
    else if (depth < 3 && arg.type === 'CallExpression') {
      const callee = arg.callee;
      if (callee.type === 'MemberExpression' && memberName(callee) === 'bind') found.push(...handlerReferences([callee.object], depth + 1));
      else if (callee.type === 'Identifier' || callee.type === 'MemberExpression') found.push(...handlerReferences(arg.arguments, depth + 1));
    }
  }
  return found;
}

function parameterAnnotation(param: t.Node | undefined): t.Node | null | undefined {
  if (!param) return null;
  if (param.type === 'AssignmentPattern') return parameterAnnotation(param.left);
  if (param.type === 'TSParameterProperty') return parameterAnnotation(param.parameter);
  return (param as t.Identifier).typeAnnotation;
}

/** Method names that register handlers with some framework; any other call around a handler is a wrapper. */
const REGISTERING = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'route', 'on', 'register', 'addHook', 'onRequest', 'handle', 'mount', 'setNotFoundHandler']);

/** `X.m(..., fn)` or `X.route({ handler: fn })` / `X.route([{ options: { handler } }])` around a function. */
function registrationAround(fn: FunctionNode, scopes: JsScopes): Registration | null {
  let node: t.Node = fn;
  let viaRouteObject = false;
  let routeObject: t.ObjectExpression | undefined;
  for (let depth = 0; depth < 6; depth++) {
    const parent = scopes.parentOf(node);
    if (!parent) return null;
    if (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') {
      if (!parent.arguments.includes(node as t.Expression)) return null;
      const callee = parent.callee;
      const method = callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression' ? memberName(callee) : null;
      if (method !== null && REGISTERING.has(method)) {
        return { call: parent, method, object: (callee as t.MemberExpression).object, viaRouteObject, ...(routeObject ? { routeObject } : {}) };
      }
      // A wrapper around the handler (`asyncHandler(fn)`, `catchAsync(fn)`, `utils.wrap(fn)`): the registration is further out.
      if (viaRouteObject || (callee.type !== 'Identifier' && method === null)) return null;
      node = parent;
      continue;
    }
    if (parent.type === 'ArrayExpression' && !viaRouteObject) {
      // An array of middleware: `router.post('/', [requireLogin, (req, res) => ...])`.
      node = parent;
      continue;
    }
    if (parent.type === 'ObjectProperty' || parent.type === 'ObjectExpression' || parent.type === 'ArrayExpression') {
      if (parent.type === 'ObjectProperty' && parent.value === node) {
        const key = parent.key.type === 'Identifier' ? parent.key.name : parent.key.type === 'StringLiteral' ? parent.key.value : '';
        if (node === fn && key !== 'handler') return null;
        if (node !== fn && key !== 'options' && key !== 'config') return null;
      }
      if (node === fn && fn.type === 'ObjectMethod' && !(fn.key.type === 'Identifier' && fn.key.name === 'handler')) return null;
      // The route object is the outermost object literal: `{ method, path, options: { handler } }`.
      if (parent.type === 'ObjectExpression') routeObject = parent;
      viaRouteObject = true;
      node = parent;
      continue;
    }
    return null;
  }
  return null;
}

/**
 * The route object a handler sits in when the object is not (yet) passed to a registration:
 * `export default [{ method: 'GET', path: '/x', options: { handler(request, h) {} } }]`,
 * `module.exports = { method: 'POST', path, handler }`. An object literal with both a `method`
 * and a `path` key is a route; its handler is under `handler`, directly or in `options`/`config`.
 */
export function routeObjectAround(fn: FunctionNode, scopes: JsScopes): t.ObjectExpression | null {
  let node: t.Node = fn;
  let key = fn.type === 'ObjectMethod' && fn.key.type === 'Identifier' ? fn.key.name : null;
  for (let depth = 0; depth < 4; depth++) {
    const parent = scopes.parentOf(node);
    if (!parent) return null;
    if (parent.type === 'ObjectProperty' && parent.value === node) {
      key = parent.key.type === 'Identifier' ? parent.key.name : parent.key.type === 'StringLiteral' ? parent.key.value : null;
      node = parent;
      continue;
    }
    if (parent.type !== 'ObjectExpression') return null;
    if (key !== 'handler' && key !== 'options' && key !== 'config') return null;
    const keys = new Set(parent.properties.flatMap((p) => (p.type === 'ObjectProperty' && p.key.type === 'Identifier' ? [p.key.name] : [])));
    if (keys.has('method') && keys.has('path')) return parent;
    node = parent;
    key = null;
  }
  return null;
}

/** A function under a `handler` key (`const listRefresh = { handler: async (request, h) => ... }`): hapi's route options. */
function isHandlerProperty(fn: FunctionNode, scopes: JsScopes): boolean {
  const holder = fn.type === 'ObjectMethod' ? fn : scopes.parentOf(fn);
  if (holder?.type !== 'ObjectMethod' && holder?.type !== 'ObjectProperty') return false;
  if (holder.type === 'ObjectProperty' && holder.value !== fn) return false;
  return !holder.computed && holder.key.type === 'Identifier' && holder.key.name === 'handler';
}

/** A middleware returned by an exported factory: `export default function guard() { return async (ctx, next) => {...} }`. */
function returnedByExportedFactory(fn: FunctionNode, scopes: JsScopes): boolean {
  const parent = scopes.parentOf(fn);
  let factory: t.Node | undefined;
  if (parent?.type === 'ReturnStatement') {
    // Up through the blocks to the function that returns it.
    factory = scopes.parentOf(parent);
    while (factory && !isFunctionNode(factory)) factory = scopes.parentOf(factory);
  } else if (parent?.type === 'ArrowFunctionExpression' && parent.body === fn) factory = parent;
  if (factory === undefined || !isFunctionNode(factory)) return false;
  return exportedNameOf(factory, scopes) !== null || resultExported(factory, scopes);
}

/** A factory whose result is exported under another name: `const jwt = authenticate('jwt')` with `module.exports = { jwt }`. */
function resultExported(factory: FunctionNode, scopes: JsScopes): boolean {
  const holder = scopes.parentOf(factory);
  const name = factory.type === 'FunctionDeclaration' && factory.id ? factory.id.name : holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && holder.init === factory ? holder.id.name : null;
  if (name === null) return false;
  const exported = exportIndexOf(scopes.program).functions;
  // The factory's calls are among the file's calls: no walk of the tree is needed.
  return scopes.calls.some(({ call, scope }) => {
    if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== name || scopes.functionNamed(call.callee, scope) !== factory) return false;
    const declarator = scopes.parentOf(call);
    return declarator?.type === 'VariableDeclarator' && declarator.init === call && declarator.id.type === 'Identifier' && exported.has(declarator.id.name);
  });
}

/** The exported name of a function (`export function GET`, `exports.logout = ...`), or null. */
export function exportedNameOf(fn: FunctionNode, scopes: JsScopes): string | null {
  return directlyExportedName(fn, scopes) ?? exportedElsewhereInFile(fn, scopes);
}

/**
 * A function exported by a statement of its own, or as a member of an object or class that is
 * (src/js/exportIndex.ts): `export default { subscribe }`, `module.exports = controller`.
 */
function exportedElsewhereInFile(fn: FunctionNode, scopes: JsScopes): string | null {
  const index = exportIndexOf(scopes.program);
  let node: t.Node = fn;
  let parent = scopes.parentOf(fn);
  // Through wrappers: `const subscribe = asyncHandler(async (req, res) => {...})`.
  while (parent && (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.arguments.includes(node as t.Expression)) {
    node = parent;
    parent = scopes.parentOf(parent);
  }
  if (!parent) return null;
  if (fn.type === 'FunctionDeclaration' && fn.id) return index.functions.get(fn.id.name) ?? null;
  if (parent.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return index.functions.get(parent.id.name) ?? null;
  if (parent.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'MemberExpression') {
    const target = parent.left.object;
    // `exports.create = wrap(function* (req, res) {...})`.
    if (node !== fn && isExportsTarget(target)) return memberName(parent.left);
    // `accountController.create = async function (req, res) {}` on an exported object.
    return target.type === 'Identifier' && index.objects.has(target.name) ? memberName(parent.left) : null;
  }
  // A property or method of an object literal held by an exported variable.
  const property = fn.type === 'ObjectMethod' ? fn : parent.type === 'ObjectProperty' && parent.value === node ? parent : null;
  if (property && !property.computed) {
    const object = scopes.parentOf(property);
    const holder = object && scopes.parentOf(object);
    const key = propertyKeyName(property);
    if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && index.objects.has(holder.id.name)) return key;
    if (holder?.type === 'ExportDefaultDeclaration') return key;
    // `exports.article = { hasAuthorization(req, res, next) {...} }`, `module.exports.auth = {...}`.
    if (holder?.type === 'AssignmentExpression' && holder.right === object && holder.left.type === 'MemberExpression' && isExportsTarget(holder.left.object)) return key;
    return null;
  }
  // A method of an exported class (or of a class whose instance is exported).
  if (fn.type === 'ClassMethod' && !fn.computed && fn.key.type === 'Identifier' && fn.kind === 'method') {
    const body = scopes.parentOf(fn);
    const cls = body && scopes.parentOf(body);
    if (cls?.type !== 'ClassDeclaration' && cls?.type !== 'ClassExpression') return null;
    const owner = scopes.parentOf(cls);
    const exported = owner?.type === 'ExportNamedDeclaration' || owner?.type === 'ExportDefaultDeclaration' || (cls.id !== null && cls.id !== undefined && index.classes.has(cls.id.name));
    return exported ? fn.key.name : null;
  }
  return null;
}

/** `exports` or `module.exports`. */
function isExportsTarget(node: t.Node): boolean {
  return (node.type === 'Identifier' && node.name === 'exports') || (node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && memberName(node) === 'exports');
}

function directlyExportedName(fn: FunctionNode, scopes: JsScopes): string | null {
  const parent = scopes.parentOf(fn);
  if (!parent) return null;
  if (fn.type === 'FunctionDeclaration' && fn.id) {
    if (parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportDefaultDeclaration') return fn.id.name;
  }
  if (parent.type === 'ExportDefaultDeclaration') return 'default';
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    const declaration = scopes.parentOf(parent);
    const exported = declaration && scopes.parentOf(declaration);
    if (exported?.type === 'ExportNamedDeclaration') return parent.id.name;
  }
  if (parent.type === 'AssignmentExpression' && parent.right === fn) {
    const left = parent.left;
    if (left.type === 'MemberExpression') {
      const name = memberName(left);
      const target = left.object;
      const isExports =
        (target.type === 'Identifier' && target.name === 'exports') ||
        (target.type === 'MemberExpression' && target.object.type === 'Identifier' && target.object.name === 'module' && memberName(target) === 'exports');
      if (isExports && name) return name;
      if (target.type === 'Identifier' && target.name === 'module' && name === 'exports') return 'default';
    }
  }
  if ((parent.type === 'ObjectProperty' || fn.type === 'ObjectMethod') && isFunctionNode(fn)) {
    // `module.exports = { logout(req, res) {...} }` / `{ logout: (req, res) => ... }`
    const object = fn.type === 'ObjectMethod' ? parent : scopes.parentOf(parent);
    const assignment = object && scopes.parentOf(object);
    if (assignment?.type === 'AssignmentExpression' && assignment.right === object && assignment.left.type === 'MemberExpression' && memberName(assignment.left) === 'exports') {
      const key = fn.type === 'ObjectMethod' ? fn.key : (parent as t.ObjectProperty).key;
      return key.type === 'Identifier' ? key.name : null;
    }
  }
  return null;
}
