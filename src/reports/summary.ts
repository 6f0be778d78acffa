/** The end-of-run summary for people: counts per framework, then the review list and the errors. */
import { nothingWritten, refusedToWrite, type RunResult } from '../engine/run.js';
import { TYPE_CHECKER_PROOF, type Action, type Framework, type Site } from '../site.js';
import { paint } from './color.js';
import { printableName as shown } from '../text/quoteName.js';

export type RiskClass = 'identical' | 'changes' | 'unknown';

export interface SummaryCounts {
  filesScanned: number;
  filesChanged: number;
  rewritten: number;
  explicit: number;
  review: number;
  /** Review sites whose call nothing ties to a framework (`framework: "unknown"`): counted in `review` too. */
  unproven: number;
  /** Redirect-shaped calls proved not to be framework redirects (the report's `notFramework` list). */
  notFramework: number;
  errors: number;
  byFramework: Partial<Record<Framework, Record<Action, number>>>;
  /** Sites only the type checker could tie to a framework. */
  decidedByTypes: number;
  /** Rewritten sites by what a client sees: nothing changes, behaviour changes, methods unknown. */
  risk: Record<RiskClass, number> & { byFramework: Partial<Record<Framework, Record<RiskClass, number>>> };
  /** Test assertions of 302 (src/testsuite/): found, rewritten with their redirect, listed, left as they are; tests following a redirect after PUT/PATCH/DELETE. */
  tests: { found: number; updated: number; listed: number; unchanged: number; following: number };
}

/** The risk class of a rewritten site. */
export function riskClass(site: Site): RiskClass {
  if (site.risk?.methods === 'unknown') return 'unknown';
  return site.risk?.changesBehaviour ? 'changes' : 'identical';
}

export function summaryCounts(result: RunResult): SummaryCounts {
  const byFramework: SummaryCounts['byFramework'] = {};
  for (const site of result.sites) {
    const counts = (byFramework[site.framework] ??= { rewritten: 0, explicit: 0, review: 0 });
    counts[site.action]++;
  }
  const count = (action: Action) => result.sites.filter((site) => site.action === action).length;
  const risk: SummaryCounts['risk'] = { identical: 0, changes: 0, unknown: 0, byFramework: {} };
  for (const site of result.sites.filter((s) => s.action === 'rewritten')) {
    const cls = riskClass(site);
    risk[cls]++;
    (risk.byFramework[site.framework] ??= { identical: 0, changes: 0, unknown: 0 })[cls]++;
  }
  return {
    filesScanned: result.filesScanned,
    filesChanged: result.changes.length,
    rewritten: count('rewritten'),
    explicit: count('explicit'),
    review: count('review'),
    unproven: result.sites.filter((site) => site.action === 'review' && site.framework === 'unknown').length,
    notFramework: result.notFramework.length,
    errors: result.errors.length,
    byFramework,
    decidedByTypes: result.sites.filter((site) => site.reason?.includes(TYPE_CHECKER_PROOF)).length,
    risk,
    tests: {
      found: result.tests.length,
      updated: result.tests.filter((test) => test.action === 'test-updated').length,
      listed: result.tests.filter((test) => test.action === 'listed').length,
      unchanged: result.tests.filter((test) => test.action === 'unchanged').length,
      following: result.followingTests.length,
    },
  };
}

export function renderSummary(result: RunResult, color: boolean): string {
  const c = paint(color);
  const counts = summaryCounts(result);
  const out: string[] = [];
  // A dry or refused run says what it would do; only a run that wrote says what it did.
  const planned = nothingWritten(result);
  const wrote = planned ? 'would change' : 'changed';
  const status = result.mode === 'preserve' ? 'status 302' : result.mode === 'adopt' ? 'status 303' : '303 where safe, else 302';
  const rewrittenVerb = planned ? 'to rewrite' : 'rewritten';

  out.push(c.bold(`redirect-codemod · mode ${result.mode} (${status})${result.dry ? ' · dry run, nothing written' : refusedToWrite(result) ? ' · refused, nothing written' : ''}`));
  out.push(`  files scanned: ${counts.filesScanned}, ${wrote}: ${counts.filesChanged}`);
  out.push(
    `  redirects: ${c.green(`${counts.rewritten} ${rewrittenVerb}`)}, ${counts.explicit} already explicit, ` +
      `${counts.review > 0 ? c.yellow(`${counts.review} left for review`) : '0 left for review'}` +
      `${counts.unproven > 0 ? ` (${counts.unproven} not tied to a framework)` : ''}, ${counts.notFramework} not framework calls`,
  );
  for (const [framework, byAction] of Object.entries(counts.byFramework)) {
    out.push(`    ${framework.padEnd(9)} ${byAction.rewritten} ${rewrittenVerb}, ${byAction.explicit} explicit, ${byAction.review} review`);
  }

  if (counts.tests.found > 0 || counts.tests.following > 0) out.push(testsLine(counts.tests, result.dry));
  if (counts.rewritten > 0) {
    out.push(
      `  what clients see: ${counts.risk.identical} unchanged, ` +
        `${counts.risk.changes > 0 ? c.yellow(`${counts.risk.changes} changed`) : '0 changed'}, ${counts.risk.unknown} with unknown methods`,
    );
  }
  for (const pkg of result.versions.packages) {
    out.push(`  ${pkg.name}: ${pkg.declared ? `declared ${pkg.declared}` : 'not declared'}${pkg.locked ? `, locked ${pkg.locked}` : ''} (${pkg.sources.join(', ')})`);
  }
  for (const warning of result.versions.warnings) out.push(c.yellow(`  warning: ${warning}`));

  if (result.typeChecker && result.typeChecker.asked > 0) {
    const { projects, milliseconds } = result.typeChecker;
    out.push(`  type checker: decided ${counts.decidedByTypes} site(s) syntax could not, in ${(milliseconds / 1000).toFixed(1)} s (${projects} tsconfig project(s))`);
  }
  if (result.typeChecker && result.typeChecker.notInstalled > 0) out.push(c.yellow(`  types not installed: ${result.typeChecker.notInstalled} call(s) left for review`));
  for (const [project, left] of Object.entries(result.typeChecker?.overBudget ?? {})) {
    out.push(c.yellow(`  type checker budget spent on ${project}: ${left} call(s) left undecided, for review`));
  }

  const risky = result.sites.filter((site) => site.action === 'rewritten' && site.risk?.changesBehaviour);
  if (risky.length > 0) {
    out.push('', c.yellow(`Changes what clients see (${risky.length}): a PUT, PATCH, DELETE, other or unknown method can reach these`));
    for (const site of risky) out.push(`  ${location(site)}  ${site.api} → ${site.status.after}  methods: ${methodsText(site)} (${site.risk!.why})`);
  }
  if (result.mode === 'adopt-safe') {
    const kept = result.sites.filter((site) => site.action === 'rewritten' && site.status.after === 302);
    if (kept.length > 0) {
      out.push('', `Kept at 302 by adopt-safe (${kept.length}): a client could tell 303 apart here; review before adopting 303`);
      for (const site of kept) out.push(`  ${location(site)}  ${site.api}  methods: ${methodsText(site)} (${site.risk?.why ?? ''})`);
    }
  }

  out.push(...testSections(result, c));
  const review = result.sites.filter((site) => site.action === 'review');
  if (review.length > 0) {
    out.push('', c.yellow(`Left for review (${review.length}): not changed, check each by hand`));
    for (const site of review) out.push(`  ${location(site)}  ${site.api}: ${site.reason ?? ''}`);
  }
  if (result.notFramework.length > 0) {
    const unparsed = result.notFramework.filter((call) => !call.parsed).length;
    out.push('', `Not framework calls (${result.notFramework.length}): named like a redirect, proved not to be one this tool rewrites${unparsed > 0 ? ` (${unparsed} in files that import no framework, not parsed)` : ''}`);
    for (const call of result.notFramework.slice(0, 10)) out.push(`  ${call.file}:${call.line}:${call.column}  ${call.api}: ${call.reason}`);
    if (result.notFramework.length > 10) out.push(`  … and ${result.notFramework.length - 10} more (see the JSON report's notFramework)`);
  }
  if (result.skipped.length > 0) {
    out.push('', `Skipped (${result.skipped.length}): not parsed`);
    for (const skip of result.skipped.slice(0, 10)) out.push(`  ${shown(skip.file)}  ${skip.reason}`);
    if (result.skipped.length > 10) out.push(`  … and ${result.skipped.length - 10} more (see the JSON report)`);
  }
  if (result.config) out.push('', `Config: ${result.config.file}${result.config.section ? ` ${result.config.section}` : ''}${result.config.applied.length > 0 ? `: ${result.config.applied.join(', ')}` : ', nothing the command line did not set'}`);
  if (result.excludedByPattern.length > 0) out.push('', `Excluded by pattern: ${result.excludedByPattern.length} file(s) (${result.excludedByPattern.slice(0, 3).join(', ')}${result.excludedByPattern.length > 3 ? ', …' : ''})`);
  if (result.excludedDirectories.length > 0) {
    const dirs = result.excludedDirectories;
    out.push('', `Not searched: ${dirs.length} build-output director${dirs.length === 1 ? 'y' : 'ies'} (${dirs.slice(0, 3).map((d) => `${d}/`).join(', ')}${dirs.length > 3 ? ', …' : ''}); --include dist to search them`);
  }
  if (result.errors.length > 0) {
    out.push('', c.red(`Files not processed (${result.errors.length})`));
    for (const error of result.errors) out.push(`  ${shown(error.file)}${error.line ? `:${error.line}` : ''}  ${error.message}`);
  }
  if (result.interrupted) {
    out.push('', c.red(`Interrupted: ${result.changes.length} file(s) ${result.dry ? 'analysed' : 'written'} before the signal; the rest untouched (their calls are listed for review)`));
  }
  if (result.changelog) {
    const { note, write, entry } = result.changelog;
    if (write && result.dry) out.push('', `Changelog: the entry would be added to ${write.shown} (see its diff above)`);
    else out.push('', `Changelog: ${note}`);
    if (!write) out.push(`  ${entry}`);
  }
  if (result.modeWarning) {
    out.push('', c.red(`${result.modeWarning.refused ? 'Nothing was written: ' : 'Warning: '}${result.modeWarning.message}`));
  }
  if (result.refusedDirty.length > 0) {
    out.push('', c.red(`Nothing was written: ${result.refusedDirty.length} file(s) to rewrite are not committed in git`));
    for (const file of result.refusedDirty) out.push(`  ${shown(file.path)} ${file.why}`);
    out.push('  Commit or stash them first (so the rewrite can be reviewed and undone), or pass --allow-dirty.');
  }
  if (!planned && !result.inGitWorkTree && result.changes.length > 0) {
    out.push('', c.yellow('Not in a git work tree: the files were rewritten in place and nothing can bring them back; --dry shows the diff without writing.'));
  }
  return out.join('\n') + '\n';
}

export function methodsText(site: Site): string {
  const methods = site.risk?.methods ?? 'unknown';
  return methods === 'unknown' ? 'unknown' : methods.join(', ');
}

function location(site: Site): string {
  return `${shown(site.file)}:${site.line}:${site.column}`;
}


function testsLine(tests: SummaryCounts['tests'], dry: boolean): string {
  const following = tests.following > 0 ? `; ${tests.following} following a redirect after PUT/PATCH/DELETE` : '';
  return `  tests asserting 302: ${tests.found} found, ${tests.updated} ${dry ? 'to update' : 'updated'} (test-updated), ${tests.listed} listed, ${tests.unchanged} unchanged${following}`;
}

/** The test assertions the run rewrote or lists, and the tests whose redirect-following changes. */
function testSections(result: RunResult, c: ReturnType<typeof paint>): string[] {
  const out: string[] = [];
  const at = (test: { file: string; line: number; column: number }) => `${shown(test.file)}:${test.line}:${test.column}`;
  const updated = result.tests.filter((test) => test.action === 'test-updated');
  if (updated.length > 0) {
    out.push('', `Tests updated with their redirects (${updated.length}): 302 → 303 (test-updated)`);
    for (const test of updated) out.push(`  ${at(test)}  ${test.text}  (${test.request?.method} ${test.request?.endpoint ?? test.request?.path} → ${test.tiedTo.join(', ')})`);
  }
  const listed = result.tests.filter((test) => test.action === 'listed');
  if (listed.length > 0) {
    out.push('', c.yellow(`Tests to review (${listed.length}): assert 302, not changed`));
    for (const test of listed) out.push(`  ${at(test)}  ${test.text}: ${test.reason ?? ''}`);
  }
  if (result.followingTests.length > 0) {
    out.push('', c.yellow(`Tests following a redirect after PUT, PATCH or DELETE (${result.followingTests.length}): their follow-up request changes with 303`));
    for (const test of result.followingTests) out.push(`  ${at(test)}  ${test.request.text}: ${test.reason}`);
  }
  return out;
}
