/**
 * The JavaScript / TypeScript before/after stories: __testfixtures__/<framework>/<case>.input.<ext>
 * with its .preserve.output and .adopt.output, and, where the case needs one, the nearest
 * package.json (and lockfile) as <case>.package.json / <case>.package-lock.json.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackageLookup } from '../src/js/packageInfo.js';
import { transformJs } from '../src/js/transformJs.js';
import type { Action, Mode } from '../src/site.js';
import { tempDir } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

type Expectation = { actions: Action[]; reasons?: RegExp[] } | { error: RegExp };

const EXPECTED: Record<string, Expectation> = {
  'express/arrow-handler': { actions: ['rewritten'] },
  'express/router-require-crlf': { actions: ['rewritten'] },
  'express/status-before-redirect': { actions: ['rewritten'], reasons: [/res\.status\(n\) before redirect\(\) is overwritten/] },
  'express/already-explicit': { actions: ['explicit', 'explicit', 'explicit'] },
  'express/named-handler-and-route-chain': { actions: ['rewritten', 'rewritten', 'rewritten'] },
  'express/typed-response': { actions: ['rewritten'], reasons: [/proved by type annotation/] },
  'express/controller-without-import': { actions: ['rewritten'], reasons: [/package\.json depends on express and no other/] },
  'express/controller-two-frameworks': { actions: ['review'], reasons: [/depends on several \(express, @hapi\/hapi\)/] },
  'express/look-alikes': { actions: ['review'], reasons: [/receiver `res` is the first parameter of `notAHandler`, which nothing in the repository registers, in a package that depends on express/] },
  'express/controller-unusual-parameter': {
    actions: ['review', 'review'],
    reasons: [/`history` is not a name express handlers give this parameter/, /`history` is not a name express handlers give this parameter/],
  },
  'express/exported-function-declarations': { actions: ['rewritten', 'rewritten', 'rewritten', 'rewritten'], reasons: [/proved by package\.json/] },
  'express/exported-default-object': { actions: ['rewritten', 'rewritten', 'rewritten'] },
  'express/controller-object': { actions: ['rewritten', 'rewritten', 'rewritten', 'rewritten'] },
  'express/wrapped-handlers': { actions: ['rewritten', 'rewritten', 'rewritten'], reasons: [/proved by handler registration/, /proved by handler registration/, /proved by handler registration/] },
  'express/middleware-without-import': {
    actions: ['rewritten', 'review'],
    reasons: [/proved by package\.json/, /receiver `res` is the second parameter of `requireAdmin`, which nothing in the repository registers, in a package that depends on express.*--trust-package/],
  },
  'express/factory-result-exported': {
    actions: ['rewritten', 'review'],
    reasons: [/proved by package\.json/, /receiver `res` is the second parameter of a function passed to|receiver `res` is the second parameter of an anonymous function/],
  },
  'express/exported-object-literal': { actions: ['rewritten', 'rewritten'] },
  'hapi/handler-options-object': { actions: ['rewritten', 'rewritten'] },
  'hapi/helper-given-toolkit': {
    actions: ['rewritten', 'rewritten', 'review'],
    reasons: [/every call of startFlow\(\) in the file passes it the handler's hapi\.ResponseToolkit/, /every call of backToList\(\)/, /receiver `toolkit` is the first parameter of `goHome`/],
  },
  'hapi/dispatch-table': {
    actions: ['rewritten', 'rewritten', 'rewritten', 'review'],
    reasons: [/every call of saveDraft\(\) in the file, directly or through `buttonActions\[…\]\(\)`, passes it the handler's hapi\.ResponseToolkit/, /every call of discardDraft\(\)/, /every call of buttonActions\.preview\(\) in the file/, /receiver `toolkit` is the second parameter of `leaking`/],
  },
  'hapi/toolkit-decoration': {
    actions: ['rewritten', 'rewritten', 'rewritten', 'review'],
    reasons: [
      /`this` is the toolkit `backWithErrors` is decorated onto with \.decorate\('toolkit', …\); `server` is the first parameter of a plugin's register\(\)/,
      /`this` is the toolkit `home` is decorated onto/,
      /\.code\(\) before redirect\(\) is overwritten: hapi's redirect\(\) sets 302/,
      /the receiver is `this`, which nothing ties to a framework/,
    ],
  },
  'hapi/route-objects-exported': { actions: ['rewritten', 'rewritten'], reasons: [/proved by package\.json/] },
  'koa/middleware-factory': { actions: ['rewritten', 'rewritten'], reasons: [/ctx\.status is set before the return/] },
  'koa/new-router-alias-context': { actions: ['rewritten', 'explicit', 'rewritten', 'rewritten'], reasons: [/proved by handler registration/, /ctx\.status is set before the call in the same block/] },
  'express/spread-arguments': { actions: ['review'], reasons: [/spreads its arguments/] },
  'express/multiline-comment-parenthesised': { actions: ['rewritten', 'rewritten'] },
  'fastify/v5-url-first': { actions: ['rewritten'] },
  'fastify/v4-code-first-from-lockfile': { actions: ['rewritten'], reasons: [/Fastify < 4\.28 takes the code first/] },
  'fastify/unknown-version': { actions: ['rewritten'], reasons: [/works on every version/] },
  'fastify/code-set-before': { actions: ['explicit', 'explicit'], reasons: [/reply\.code\(\) before redirect\(\)/, /reply\.status\(\) earlier/] },
  'fastify/next-api-routes-review': {
    actions: ['review', 'review'],
    reasons: [/the package also depends on next, whose API routes take \(req, res\) too/, /the package also depends on next/],
  },
  'fastify/not-found-handler': { actions: ['rewritten'], reasons: [/proved by handler registration/] },
  'fastify/route-object-handler': { actions: ['rewritten'] },
  'fastify/plugin-proved-by-package': { actions: ['rewritten'], reasons: [/proved by package\.json/] },
  'koa/statement-gets-status-line': { actions: ['rewritten', 'rewritten'] },
  'koa/no-semicolons-crlf': { actions: ['rewritten'] },
  'koa/status-next-to-call': { actions: ['explicit'] },
  'koa/expression-position-review': { actions: ['review', 'review'], reasons: [/not a statement of its own/, /not a statement of its own/] },
  'hono/app-routes': { actions: ['rewritten', 'rewritten', 'explicit'] },
  'hono/factory-middleware': { actions: ['rewritten', 'rewritten'], reasons: [/proved by handler registration/] },
  'hono/typed-options-member': {
    actions: ['explicit', 'rewritten', 'rewritten', 'review'],
    reasons: [/`c` is typed hono\.Context/, /`c` is typed hono\.Context/, /`c` is typed hono\.Context/, /receiver `c`/],
  },
  'hono/typed-context': { actions: ['rewritten'] },
  'react-router/loader-throw': { actions: ['rewritten'] },
  'react-router/init-object': { actions: ['rewritten', 'rewritten', 'rewritten'] },
  'react-router/aliases-and-sources': { actions: ['rewritten', 'rewritten', 'rewritten', 'rewritten'] },
  'react-router/explicit-and-review': { actions: ['explicit', 'explicit', 'review', 'review'] },
  'fetch/response-redirect': { actions: ['rewritten', 'explicit'] },
  'fetch/shadowed-response': { actions: [] },
  'nest/redirect-decorator': { actions: ['rewritten', 'rewritten', 'explicit'] },
  'hapi/route-handlers': { actions: ['rewritten', 'rewritten', 'explicit', 'explicit'] },
  'h3/send-redirect': { actions: ['rewritten', 'explicit'] },
  'h3/nuxt-auto-import': { actions: ['rewritten'] },
  'h3/v2-redirect': { actions: ['rewritten'] },
  'elysia/context-redirect': { actions: ['rewritten', 'rewritten'] },
  'astro/endpoints-and-middleware': { actions: ['rewritten', 'rewritten', 'explicit'] },
  'untouched/next-and-sveltekit': { actions: [] },
  'untouched/syntax-error': { error: /syntax error .*at line 2/ },
};

interface Case {
  id: string;
  dir: string;
  name: string;
  ext: string;
}

function jsCases(): Case[] {
  const cases: Case[] = [];
  for (const framework of readdirSync(FIXTURES)) {
    if (framework === 'flask') continue;
    for (const file of readdirSync(path.join(FIXTURES, framework))) {
      const match = /^(.*)\.input\.(\w+)$/.exec(file);
      if (match) cases.push({ id: `${framework}/${match[1]}`, dir: path.join(FIXTURES, framework), name: match[1]!, ext: match[2]! });
    }
  }
  return cases.sort((a, b) => a.id.localeCompare(b.id));
}

/** The case's package.json (and lockfile) laid out in a directory, read by the real lookup. */
function packageFor(c: Case) {
  const dir = tempDir('redirect-codemod-pkg-');
  mkdirSync(path.join(dir, 'src'));
  for (const [from, to] of [['package.json', 'package.json'], ['package-lock.json', 'package-lock.json']] as const) {
    const source = path.join(c.dir, `${c.name}.${from}`);
    if (existsSync(source)) copyFileSync(source, path.join(dir, to));
  }
  return new PackageLookup(dir).forFile(path.join(dir, 'src', `file.${c.ext}`));
}

describe('JavaScript and TypeScript fixtures', () => {
  it('every fixture has an expectation and every expectation a fixture', () => {
    expect(jsCases().map((c) => c.id)).toEqual(Object.keys(EXPECTED).sort((a, b) => a.localeCompare(b)));
  });

  for (const c of jsCases()) {
    for (const mode of ['preserve', 'adopt'] as Mode[]) {
      it(`${c.id} (${mode})`, () => {
        const input = readFileSync(path.join(c.dir, `${c.name}.input.${c.ext}`), 'utf8');
        const expected = readFileSync(path.join(c.dir, `${c.name}.${mode}.output.${c.ext}`), 'utf8');
        const pkg = packageFor(c);
        const result = transformJs(input, `${c.name}.${c.ext}`, mode, { pkg });
        const expectation = EXPECTED[c.id]!;
        if ('error' in expectation) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.message).toMatch(expectation.error);
          expect(expected).toBe(input);
          return;
        }
        if (!result.ok) throw new Error(result.message);
        expect(result.output).toBe(expected);
        expect(result.sites.map((site) => site.action)).toEqual(expectation.actions);
        (expectation.reasons ?? []).forEach((reason, i) => expect(result.sites.filter((s) => s.reason)[i]?.reason).toMatch(reason));
        for (const site of result.sites.filter((s) => s.action === 'rewritten')) expect(site.status.after).toBe(mode === 'preserve' ? 302 : 303);

        const again = transformJs(result.output, `${c.name}.${c.ext}`, mode, { pkg });
        if (!again.ok) throw new Error(again.message);
        expect(again.output).toBe(result.output);
        expect(again.sites.filter((site) => site.action === 'rewritten')).toEqual([]);
      });
    }
  }
});
