/**
 * `redirect-codemod check`: the implicit redirects that remain, as text for people,
 * GitHub workflow annotations, or SARIF 2.1.0 for code-scanning tools.
 * Implicit calls are warnings; calls left for review are notes; files that could not be
 * processed are errors.
 */
import { topRelative, type RunResult } from '../engine/run.js';
import type { Site } from '../site.js';
import { TOOL } from '../version.js';
import { printableName as shown } from '../text/quoteName.js';

export type CheckFormat = 'text' | 'json' | 'github' | 'sarif';

const RULES = {
  implicit: {
    id: 'implicit-redirect-status',
    name: 'ImplicitRedirectStatus',
    text: 'Redirect without an explicit status',
    help: 'This redirect names no status: it sends its framework\'s default (302 today; Flask 3.2 and Werkzeug 3.2 change it to 303). Name the status, or run `redirect-codemod run --mode preserve|adopt`.',
  },
  review: {
    id: 'redirect-status-unproven',
    name: 'RedirectStatusUnproven',
    text: 'Redirect whose status could not be proven',
    help: 'The tool could not prove whether this redirect names its status; check it by hand.',
  },
  unprocessed: {
    id: 'file-not-processed',
    name: 'FileNotProcessed',
    text: 'File that could not be checked',
    help: 'The file could not be read or parsed, so its redirects were not checked.',
  },
} as const;

export function implicitSites(result: RunResult): Site[] {
  return result.sites.filter((site) => site.action === 'rewritten');
}

function message(site: Site): string {
  if (site.action === 'review') return `${site.api}: ${site.reason ?? 'left for review'}`;
  return `${site.api}() names no status; it sends ${site.framework === 'flask' || site.framework === 'werkzeug' ? '302 today and 303 from Flask/Werkzeug 3.2' : 'the framework default (302)'}${site.reason ? ` (${site.reason})` : ''}`;
}

export function renderCheckText(result: RunResult): string {
  const implicit = implicitSites(result);
  const review = result.sites.filter((site) => site.action === 'review');
  const lines = [
    `redirect-codemod check: ${implicit.length} implicit redirect(s), ${review.length} to review, ${result.errors.length} file(s) not checked, ${result.notFramework.length} call(s) named like a redirect proved not to be framework redirects`,
  ];
  for (const site of [...implicit, ...review]) lines.push(`  ${shown(site.file)}:${site.line}:${site.column}  ${site.action === 'review' ? 'review' : 'implicit'}  ${message(site)}`);
  for (const error of result.errors) lines.push(`  ${shown(error.file)}${error.line ? `:${error.line}` : ''}  not checked  ${error.message}`);
  if (implicit.length > 0) lines.push('', 'Fix: redirect-codemod run <paths> --mode preserve (keep 302) or --mode adopt (write 303).');
  if (result.config) lines.push('', `Config: ${result.config.file}${result.config.section ? ` ${result.config.section}` : ''}${result.config.applied.length > 0 ? `: ${result.config.applied.join(', ')}` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** GitHub Actions workflow commands (`::warning file=…,line=…::message`). */
export function renderCheckGithub(result: RunResult): string {
  const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines: string[] = [];
  for (const site of result.sites) {
    if (site.action === 'explicit') continue;
    const level = site.action === 'review' ? 'notice' : 'warning';
    const title = site.action === 'review' ? RULES.review.text : RULES.implicit.text;
    const where = `file=${escapeProperty(topRelative(result, site.file))},line=${site.line},col=${site.column},endLine=${site.endLine},endColumn=${site.endColumn}`;
    lines.push(`::${level} ${where},title=${escapeProperty(title)}::${escapeData(message(site))}`);
  }
  for (const error of result.errors) {
    lines.push(`::error file=${escapeProperty(topRelative(result, error.file))}${error.line ? `,line=${error.line}` : ''},title=${escapeProperty(RULES.unprocessed.text)}::${escapeData(error.message)}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** SARIF 2.1.0, with paths relative to the repository (%SRCROOT%) and code-point columns. */
export function renderCheckSarif(result: RunResult): string {
  const rules = [RULES.implicit, RULES.review, RULES.unprocessed];
  const ruleIndex = (id: string) => rules.findIndex((rule) => rule.id === id);
  const location = (file: string, region: Record<string, number>) => ({
    physicalLocation: { artifactLocation: { uri: encodeURI(topRelative(result, file)), uriBaseId: '%SRCROOT%' }, region },
  });
  const results = [
    ...result.sites
      .filter((site) => site.action !== 'explicit')
      .map((site) => {
        const rule = site.action === 'review' ? RULES.review : RULES.implicit;
        return {
          ruleId: rule.id,
          ruleIndex: ruleIndex(rule.id),
          level: site.action === 'review' ? 'note' : 'warning',
          message: { text: message(site) },
          locations: [location(site.file, { startLine: site.line, startColumn: site.column, endLine: site.endLine, endColumn: site.endColumn })],
          properties: { framework: site.framework, api: site.api },
        };
      }),
    ...result.errors.map((error) => ({
      ruleId: RULES.unprocessed.id,
      ruleIndex: ruleIndex(RULES.unprocessed.id),
      level: 'error',
      message: { text: error.message },
      locations: [location(error.file, error.line ? { startLine: error.line } : {})],
    })),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.text },
              fullDescription: { text: rule.help },
              help: { text: rule.help },
              defaultConfiguration: { level: rule === RULES.implicit ? 'warning' : rule === RULES.review ? 'note' : 'error' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${new URL(`file://${encodeURI(result.top.endsWith('/') ? result.top : `${result.top}/`)}`).href}` } },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
