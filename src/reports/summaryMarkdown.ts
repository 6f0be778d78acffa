/**
 * `--summary-md FILE`: a Markdown summary ready to be a pull-request body — what changed and
 * why, a table of sites per framework and action, the review list, and how to reproduce.
 */
import { FRAMEWORK_NAMES } from '../changelog/entry.js';
import { nothingWritten, refusedToWrite, topRelative, type RunResult } from '../engine/run.js';
import { STATUS_FOR_MODE, type Framework } from '../site.js';
import { methodsText, summaryCounts } from './summary.js';
import { TOOL } from '../version.js';
import { printableName as shown } from '../text/quoteName.js';

/** Plain text inside Markdown: `**options` must not turn into bold. */
function escape(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}

export function renderSummaryMarkdown(result: RunResult, command: string): string {
  const counts = summaryCounts(result);
  const status = result.mode === 'adopt-safe' ? '303 where safe' : STATUS_FOR_MODE[result.mode];
  const out: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

  const python = result.sites.some((site) => site.language === 'python');
  const context = python
    ? 'Flask 3.2 and Werkzeug 3.2 change the default status of `redirect()` from **302 to 303**.'
    : 'These redirects named no status, so they sent their framework\'s default, an implicit **302**.';
  out.push(`## Make redirect statuses explicit (${result.mode}: ${status})`, '');
  const explanation = {
    preserve: `${context} This change writes the status these redirects already send, **302**, so ${python ? 'upgrading' : 'a framework upgrade'} changes nothing a client sees.`,
    adopt: `${context} This change writes **303 (See Other)** where a redirect named no status${python ? ', so the code says what it will do after the upgrade' : ''}. Clients follow a 303 with a GET: a redirect answered to a PUT, PATCH or DELETE request no longer repeats that method.`,
    'adopt-safe': `${context} This change writes **303 (See Other)** where only GET, HEAD or POST requests reach a redirect (no client can tell it from 302), and **302** where a PUT, PATCH, DELETE or unknown method could: those are listed below to review before adopting 303.`,
  };
  out.push(explanation[result.mode], '');
  const planned = nothingWritten(result);
  out.push(
    `**${plural(counts.rewritten, 'redirect')} ${planned ? 'to rewrite' : 'rewritten'}** in ${plural(counts.filesChanged, 'file')}, ${counts.explicit} already explicit, ` +
      `${counts.review > 0 ? `**${counts.review} left for review**` : '0 left for review'} (${plural(counts.filesScanned, 'file')} scanned).`,
    '',
  );

  const frameworks = (Object.entries(counts.byFramework) as Array<[Framework, { rewritten: number; explicit: number; review: number }]>).sort(
    (a, b) => b[1].rewritten - a[1].rewritten || FRAMEWORK_NAMES[a[0]].localeCompare(FRAMEWORK_NAMES[b[0]]),
  );
  if (frameworks.length > 0) {
    out.push(`| Framework | ${planned ? 'To rewrite' : 'Rewritten'} | Already explicit | Left for review |`, '|---|--:|--:|--:|');
    for (const [framework, c] of frameworks) out.push(`| ${FRAMEWORK_NAMES[framework]} | ${c.rewritten} | ${c.explicit} | ${c.review} |`);
    out.push(`| **Total** | **${counts.rewritten}** | **${counts.explicit}** | **${counts.review}** |`, '');
  }

  if (counts.rewritten > 0) {
    out.push(
      `**What clients see:** ${counts.risk.identical} unchanged, ${counts.risk.changes > 0 ? `**${counts.risk.changes} changed**` : '0 changed'}, ${counts.risk.unknown} with unknown methods.`,
      '',
    );
  }
  const risky = result.sites.filter((site) => site.action === 'rewritten' && (site.risk?.changesBehaviour || (result.mode === 'adopt-safe' && site.status.after === 302)));
  if (risky.length > 0) {
    out.push(result.mode === 'adopt-safe' ? '### Kept at 302: a client could tell 303 apart' : '### Changes what clients see', '');
    for (const site of risky) {
      out.push(`- [ ] \`${shown(topRelative(result, site.file))}:${site.line}\` — \`${site.api}\` → ${site.status.after}, reached by ${escape(methodsText(site))} (${escape(site.risk?.why ?? '')})`);
    }
    out.push('');
  }
  const review = result.sites.filter((site) => site.action === 'review');
  if (review.length > 0) {
    out.push('### Left for review', '', 'These calls were not changed: the tool could not prove their status. Please check each one.', '');
    for (const site of review) out.push(`- [ ] \`${shown(topRelative(result, site.file))}:${site.line}\` — \`${site.api}\`: ${escape(site.reason ?? '')}`);
    out.push('');
  }
  if (result.errors.length > 0) {
    out.push('### Files not processed', '');
    for (const error of result.errors) out.push(`- \`${shown(topRelative(result, error.file))}${error.line ? `:${error.line}` : ''}\`: ${escape(error.message)}`);
    out.push('');
  }
  if (result.changelog) {
    const { write, note } = result.changelog;
    out.push(`**Changelog:** ${write ? `entry ${planned ? 'to be added' : 'added'} to \`${write.shown}\`` : escape(note)}.`, '');
  }
  if (refusedToWrite(result)) {
    const why = result.modeWarning?.refused ? result.modeWarning.message : `${plural(result.refusedDirty.length, 'file')} to rewrite ${result.refusedDirty.length === 1 ? 'is' : 'are'} not committed in git`;
    out.push(`**Nothing was written:** ${escape(why)}`, '');
  }

  const rewritten = result.sites.filter((site) => site.action === 'rewritten');
  if (rewritten.length > 0) {
    out.push(`<details><summary>${planned ? 'Calls to rewrite' : 'Rewritten calls'} (${rewritten.length})</summary>`, '');
    for (const site of rewritten) {
      out.push(`- \`${shown(topRelative(result, site.file))}:${site.line}\` — \`${site.api}\` → ${site.status.after}${site.reason ? ` (${escape(site.reason)})` : ''}`);
    }
    out.push('', '</details>', '');
  }
  // The package is not on the npm registry yet: say how to get the command that works today.
  const install = `# redirect-codemod ${TOOL.version}, not yet on the npm registry: from a clone of its repository, npm ci && npm link`;
  out.push('<details><summary>How to reproduce</summary>', '', '```sh', install, command, '```', '', '</details>', '');
  return out.join('\n');
}
