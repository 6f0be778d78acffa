/**
 * Proving where `redirect` comes from, as a table of small sources in the style of
 * typescript-eslint's rule tests: each row names the site the tool must report, or none.
 */
import { describe, expect, it } from 'vitest';
import { transformPython } from '../src/python/transformPython.js';

interface Row {
  name: string;
  code: string;
  /** `api:action` for each site, in order. */
  sites: string[];
}

const ROWS: Row[] = [
  { name: 'plain import', code: 'from flask import redirect\nredirect("/")\n', sites: ['flask.redirect:rewritten'] },
  { name: 'import inside the function', code: 'def v():\n    from flask import redirect\n    return redirect("/")\n', sites: ['flask.redirect:rewritten'] },
  { name: 'flask.helpers', code: 'from flask.helpers import redirect\nredirect("/")\n', sites: ['flask.redirect:rewritten'] },
  { name: 'import flask.json binds flask', code: 'import flask.json\nflask.redirect("/")\n', sites: ['flask.redirect:rewritten'] },
  { name: 'flask.Flask instance', code: 'import flask\napp = flask.Flask(__name__)\napp.redirect("/")\n', sites: ['Flask.redirect:rewritten'] },
  { name: 'aliased Flask class', code: 'from flask import Flask as F\napp = F(__name__)\napp.redirect("/")\n', sites: ['Flask.redirect:rewritten'] },
  { name: 'flask.current_app', code: 'import flask\nflask.current_app.redirect("/")\n', sites: ['current_app.redirect:rewritten'] },
  { name: 'assigned alias of the function', code: 'from flask import redirect\ngo = redirect\ngo("/")\n', sites: ['flask.redirect:rewritten'] },
  { name: 'star import from flask', code: 'from flask import *\nredirect("/")\n', sites: ['flask.redirect:rewritten'] },
  { name: 'global declaration reaches the module import', code: 'from flask import redirect\ndef v():\n    global redirect\n    return redirect("/")\n', sites: ['flask.redirect:rewritten'] },
  { name: 'class body name is not visible in its methods', code: 'from flask import redirect\nclass V:\n    redirect = None\n    def get(self):\n        return redirect("/")\n', sites: ['flask.redirect:rewritten'] },
  { name: 'a method named redirect does not shadow the import in other methods', code: 'from flask import redirect\nclass V:\n    def redirect(self):\n        pass\n    def get(self):\n        return redirect("/")\n', sites: ['flask.redirect:rewritten'] },
  { name: 'a def opening a function body shadows in that body', code: 'from flask import redirect\ndef v():\n    def redirect(u):\n        return u\n    return redirect("/")\n', sites: [] },
  { name: 'lambda inside a comprehension keeps both scopes', code: 'from flask import redirect\nfs = [lambda: redirect(u) for u in urls]\n', sites: ['flask.redirect:rewritten'] },
  { name: 'redirect as a default value runs in the enclosing scope', code: 'from flask import redirect\ndef v(r=redirect("/")):\n    return r\n', sites: ['flask.redirect:rewritten'] },
  { name: 'quart.Quart instance', code: 'from quart import Quart\napp = Quart(__name__)\napp.redirect("/")\n', sites: ['Quart.redirect:rewritten'] },

  { name: 'no import: a project helper', code: 'def redirect(u):\n    return u\nredirect("/")\n', sites: [] },
  { name: 'django redirect is not flask', code: 'from django.shortcuts import redirect\nredirect("/")\n', sites: [] },
  { name: 'starlette RedirectResponse is not a redirect() call', code: 'from starlette.responses import RedirectResponse\nRedirectResponse("/")\n', sites: [] },
  { name: 'relative import', code: 'from .helpers import redirect\nredirect("/")\n', sites: [] },
  { name: 'a variable named redirect', code: 'redirect = {"a": 1}\nredirect.get("a")\n', sites: [] },
  { name: 'comprehension variable shadows', code: 'from flask import redirect\n[redirect("/") for redirect in handlers]\n', sites: [] },
  { name: 'lambda parameter shadows', code: 'from flask import redirect\nf = lambda redirect: redirect("/")\n', sites: [] },
  { name: 'loop target shadows in the function', code: 'from flask import redirect\ndef v(hs):\n    for redirect in hs:\n        redirect("/")\n', sites: [] },
  { name: 'with-as target shadows', code: 'from flask import redirect\ndef v():\n    with ctx() as redirect:\n        redirect("/")\n', sites: [] },
  { name: 'app is a parameter, not the module app', code: 'from flask import Flask\napp = Flask(__name__)\ndef v(app):\n    return app.redirect("/")\n', sites: [] },
  { name: 'app from a factory cannot be proven', code: 'from myproject import create_app\napp = create_app()\napp.redirect("/")\n', sites: [] },
  { name: 'self.redirect', code: 'class V:\n    def get(self):\n        return self.redirect("/")\n', sites: [] },

  { name: 'rebound at module level after the import', code: 'from flask import redirect\ndef redirect(u):\n    return u\nredirect("/")\n', sites: ['flask.redirect:review'] },
  { name: 'flask or quart under one name: same status parameter', code: 'if QUART:\n    from quart import redirect\nelse:\n    from flask import redirect\nredirect("/")\n', sites: ['quart.redirect:rewritten'] },
  { name: 'a framework or a project helper under one name', code: 'try:\n    from flask import redirect\nexcept ImportError:\n    from .compat import redirect\nredirect("/")\n', sites: ['flask.redirect:review'] },
  { name: 'a redirect() without location', code: 'from flask import redirect\nredirect()\n', sites: ['flask.redirect:review'] },
  { name: 'a location keyword is a location', code: 'from flask import redirect\nredirect(location="/")\n', sites: ['flask.redirect:rewritten'] },
  { name: 'Response keyword alone is still implicit', code: 'from flask import redirect\nredirect("/", Response=R)\n', sites: ['flask.redirect:rewritten'] },
  { name: 'code keyword and **kwargs: explicit', code: 'from flask import redirect\nredirect("/", code=303, **kw)\n', sites: ['flask.redirect:explicit'] },
];

describe('which calls are framework redirects', () => {
  for (const row of ROWS) {
    it(row.name, async () => {
      const result = await transformPython(row.code, 'snippet.py', 'preserve');
      if (!result.ok) throw new Error(result.message);
      expect(result.sites.map((site) => `${site.api}:${site.action}`)).toEqual(row.sites);
      if (row.sites.every((site) => !site.endsWith(':rewritten'))) expect(result.output).toBe(row.code);
    });
  }

  it('reports review sites with a reason a person understands', async () => {
    const result = await transformPython('from flask import redirect\ndef v(*a):\n    return redirect(*a)\n', 's.py', 'adopt');
    if (!result.ok) throw new Error(result.message);
    expect(result.sites[0]).toMatchObject({ action: 'review', line: 3, column: 12, reason: expect.stringContaining('*a') });
  });

  it('says why a call bound to two frameworks was still rewritten', async () => {
    const result = await transformPython('if Q:\n    from quart import redirect\nelse:\n    from flask import redirect\nredirect("/")\n', 's.py', 'adopt');
    if (!result.ok) throw new Error(result.message);
    expect(result.sites[0]?.reason).toBe('the callee may be quart.redirect or flask.redirect; each takes the status as code=');
  });

  it('columns count code points, as editors show them', async () => {
    const result = await transformPython('from flask import redirect\nx = "🍵é"; redirect("/")\n', 's.py', 'preserve');
    if (!result.ok) throw new Error(result.message);
    expect(result.sites[0]).toMatchObject({ line: 2, column: 11, endLine: 2, endColumn: 24 });
  });
});

describe('files it must not edit', () => {
  const broken: Array<[string, string, RegExp]> = [
    ['exec statement', 'from flask import redirect\nexec "x = 1"\nredirect("/")\n', /exec statement at line 2/],
    ['except E, e', 'from flask import redirect\ntry:\n    pass\nexcept E, e:\n    pass\nredirect("/")\n', /except E, e.*line 4/],
    ['octal literal', 'from flask import redirect\nmode = 0755\nredirect("/")\n', /integer literal \(0755\) at line 2/],
    ['missing bracket', 'from flask import redirect\nredirect("/"\n', /syntax error/],
  ];
  for (const [name, code, message] of broken) {
    it(name, async () => {
      const result = await transformPython(code, 'broken.py', 'preserve');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    });
  }
});
