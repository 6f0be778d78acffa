/**
 * One JavaScript / TypeScript file in, its sites and rewritten text out. Refuses files
 * that do not parse, and verifies its own output like the Python transform does. Also hands
 * the cross-file pass, as plain data, what it needs from the same parse: the file's
 * registrations of other modules' handlers, and which sites wait on another file's
 * registration (`withRegistrations` completes those without parsing the file again).
 */
import { applyEdits, isInsertionOnly } from '../engine/applyEdits.js';
import { statusFor, type LookAlike, type Mode, type Site, type SiteRisk } from '../site.js';
import { LineIndex } from '../text/lineIndex.js';
import { findJsSites } from './findSites.js';
import type { TypeOracle } from './handlers.js';
import type { PackageInfo } from './packageInfo.js';
import type { MethodsFound } from './routeMethods.js';
import { parseJs } from './parser.js';
import { registrationsIn, type JsRegistration } from './crossFileRegistrations.js';
import { callsIn, type JsCall } from './crossFileCallers.js';
import { jsRouteFacts, type JsRouteFacts } from '../testsuite/jsRoutes.js';

export interface JsTransformed {
  ok: true;
  sites: Site[];
  output: string;
  unknownHandlers: string[];
  lookAlikes: LookAlike[];
  /** The file's registrations of project modules' handlers (src/js/crossFileRegistrations.ts). */
  registrations?: JsRegistration[];
  /** The file's calls of project modules' exports, with the framework objects they pass (src/js/crossFileCallers.ts). */
  calls?: JsCall[];
  /** Sites (by index in `sites`) whose methods wait on the registration of an exported handler elsewhere. */
  pending?: Array<{ site: number; handler: string }>;
  /** Export names whose registration elsewhere would change something other than a pending site's methods (a review reason). */
  elsewhereInReasons?: string[];
  /** What the test step's route table finds for these sites in this file alone (asked with `routeFacts`; src/testsuite/jsRoutes.ts). */
  routeFacts?: JsRouteFacts;
}

export type JsTransformResult = JsTransformed | { ok: false; message: string; line?: number };

export interface JsTransformOptions {
  pkg: PackageInfo;
  types?: TypeOracle | null;
  /** Methods of this file's exported handlers, as other files register them. */
  registeredElsewhere?: ReadonlyMap<string, MethodsFound>;
  /** --trust-package (see src/js/handlers.ts). */
  trustPackage?: boolean;
  /** The run will tie JavaScript tests to routes: take the route facts of a file with sites while its tree is here. */
  routeFacts?: boolean;
}

export function transformJs(source: string, file: string, mode: Mode, options: JsTransformOptions): JsTransformResult {
  const parsed = parseJs(source, file);
  if (!parsed.ok) return parsed;
  const unknown = new Set<string>();
  const lookAlikes: LookAlike[] = [];
  const pending = new Map<SiteRisk, string>();
  const elsewhere = new AskedMap(options.registeredElsewhere ?? []);
  let registrations: JsRegistration[] = [];
  let calls: JsCall[] = [];
  const sites = findJsSites({
    text: source,
    ast: parsed.ast,
    file,
    lines: new LineIndex(source),
    mode,
    pkg: options.pkg,
    types: options.types ?? null,
    registeredElsewhere: elsewhere,
    unknownHandlers: unknown,
    lookAlikes,
    trustPackage: options.trustPackage === true,
    pending,
    onScopes: (scopes) => {
      registrations = registrationsIn(scopes);
      calls = callsIn(scopes);
    },
  });
  const unknownHandlers = [...unknown];
  const pendingSites = sites.flatMap((site, index) => (site.risk && pending.has(site.risk) ? [{ site: index, handler: pending.get(site.risk)! }] : []));
  // methodsReaching asks once per pending site; any other question about a name came from a review reason.
  const elsewhereInReasons = [...elsewhere.asked].filter(([name, times]) => times > pendingSites.filter((p) => p.handler === name).length).map(([name]) => name);
  const crossFile = { registrations, calls, pending: pendingSites, elsewhereInReasons, ...(options.routeFacts && sites.length > 0 ? { routeFacts: jsRouteFacts(parsed.ast, file, source, sites) } : {}) };
  const edits = sites.flatMap((site) => (site.edit ? [site.edit] : []));
  if (edits.length === 0) return { ok: true, sites, output: source, unknownHandlers, lookAlikes, ...crossFile };

  const output = applyEdits(source, edits);
  const failure = verifyOutput(source, output, edits, file, mode, options);
  if (failure) return { ok: false, message: `not edited: ${failure} (this is a bug in redirect-codemod; please report it)` };
  return { ok: true, sites, output, unknownHandlers, lookAlikes, ...crossFile };
}

/**
 * The cross-file pass's second look at a file, without parsing it again: the first pass's
 * result with the methods other files register its pending handlers with. Null when that
 * is not enough (a review reason names a handler found elsewhere, or a status changes, as
 * adopt-safe's may): then the file is analysed again. The output is the first pass's, which
 * was verified; the sites differ only in their risk.
 */
export function withRegistrations(first: JsTransformed, registeredElsewhere: ReadonlyMap<string, MethodsFound>, mode: Mode): JsTransformed | null {
  if (!first.pending || !first.elsewhereInReasons || first.elsewhereInReasons.some((name) => registeredElsewhere.has(name))) return null;
  const sites = structuredClone(first.sites);
  for (const { site, handler } of first.pending) {
    const found = registeredElsewhere.get(handler);
    const risk = sites[site]?.risk;
    if (!found || !risk) continue;
    if (statusFor(mode, found.methods) !== statusFor(mode, risk.methods)) return null;
    sites[site]!.risk = { methods: found.methods, changesBehaviour: false, why: found.why };
  }
  return { ...first, sites };
}

/** A map that counts the questions asked of it. */
class AskedMap<V> extends Map<string, V> {
  readonly asked = new Map<string, number>();

  override get(key: string): V | undefined {
    this.asked.set(key, (this.asked.get(key) ?? 0) + 1);
    return super.get(key);
  }
}

function verifyOutput(source: string, output: string, edits: NonNullable<Site['edit']>[], file: string, mode: Mode, options: JsTransformOptions): string | null {
  if (!isInsertionOnly(source, output, edits)) return 'the rewrite changed more than the inserted status';
  const reparsed = parseJs(output, file);
  if (!reparsed.ok) return `the rewritten file would not parse (${reparsed.message})`;
  const again = findJsSites({ text: output, ast: reparsed.ast, file, lines: new LineIndex(output), mode, pkg: options.pkg, types: null, trustPackage: options.trustPackage === true });
  if (again.some((site) => site.action === 'rewritten')) return 'the rewritten file still holds an implicit redirect';
  return null;
}
