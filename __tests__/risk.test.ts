/**
 * Behaviour risk per site: the HTTP methods that can reach each redirect, whether the rewrite
 * changes what a client sees (per mode, on the installed framework version), and adopt-safe.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProjectVersions, runsAtLeast } from '../src/versions/manifests.js';
import { runCli, tempDir } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

interface ReportSite {
  file: string;
  line: number;
  action: string;
  status: { after?: number };
  risk: { methods: string[] | 'unknown'; changesBehaviour: boolean; why: string };
}

function report(files: Record<string, string>, args: string[]): { sites: ReportSite[]; status: number | null; stdout: string; json: Record<string, unknown> } {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const out = path.join(dir, '..', `${path.basename(dir)}.json`);
  const run = runCli([dir, '--dry', '--no-changelog', '--json', out, ...args]);
  const json = JSON.parse(readFileSync(out, 'utf8'));
  return { sites: json.sites, status: run.status, stdout: run.stdout, json };
}

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'risk', name), 'utf8');
const methodsByLine = (sites: ReportSite[]) => Object.fromEntries(sites.map((s) => [s.line, s.risk.methods === 'unknown' ? 'unknown' : s.risk.methods.join(' ')]));

describe('methods that reach each Flask site', () => {
  const sites = () => report({ 'shop/routes.py': fixture('flask_routes.py') }, ['--mode', 'adopt']).sites;

  it('from decorators, add_url_rule, class-based views, callers and enclosing handlers', () => {
    expect(methodsByLine(sites())).toEqual({
      14: 'GET HEAD OPTIONS',
      19: 'GET POST HEAD OPTIONS',
      24: 'PUT OPTIONS',
      29: 'DELETE OPTIONS',
      33: 'PATCH OPTIONS',
      41: 'GET HEAD OPTIONS',
      44: 'DELETE OPTIONS',
      51: 'GET POST HEAD OPTIONS',
      55: 'GET HEAD OPTIONS DELETE',
      69: 'unknown',
      74: 'unknown',
      80: 'GET HEAD OPTIONS',
      86: 'PUT OPTIONS',
    });
  });

  it('says why methods are unknown', () => {
    const byLine = new Map(sites().map((s) => [s.line, s.risk.why]));
    expect(byLine.get(69)).toBe('never_routed() is not registered as a route in this module or the modules that import it');
    expect(byLine.get(74)).toBe("the route's methods are not a literal list");
  });

  it('changesBehaviour: in adopt where PUT, PATCH, DELETE or unknown methods reach; never in preserve', () => {
    const adopt = sites();
    expect(adopt.filter((s) => s.risk.changesBehaviour).map((s) => s.line)).toEqual([24, 29, 33, 44, 55, 69, 74, 86]);
    const preserve = report({ 'shop/routes.py': fixture('flask_routes.py') }, ['--mode', 'preserve']).sites;
    expect(preserve.some((s) => s.risk.changesBehaviour)).toBe(false);
  });

  it('adopt-safe writes 303 only where no client can tell, 302 elsewhere, and lists those', () => {
    const { sites: safe, stdout, json } = report({ 'shop/routes.py': fixture('flask_routes.py'), 'CHANGELOG.md': '# Changelog\n' }, ['--mode', 'adopt-safe']);
    expect(safe.filter((s) => s.status.after === 303).map((s) => s.line)).toEqual([14, 19, 41, 51, 80]);
    expect(safe.filter((s) => s.status.after === 302).map((s) => s.line)).toEqual([24, 29, 33, 44, 55, 69, 74, 86]);
    expect(safe.some((s) => s.risk.changesBehaviour)).toBe(false);
    expect(stdout).toMatch(/Kept at 302 by adopt-safe \(8\)/);
    expect(stdout).toMatch(/shop\/routes\.py:24:12 {2}flask\.redirect {2}methods: PUT, OPTIONS/);
    expect((json.summary as { risk: unknown }).risk).toMatchObject({ identical: 11, changes: 0, unknown: 2 });
  });

  it('the adopt-safe changelog entry says which got which', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'shop'));
    writeFileSync(path.join(dir, 'shop', 'routes.py'), fixture('flask_routes.py'));
    writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n');
    expect(runCli([dir, '--mode', 'adopt-safe']).status).toBe(0);
    expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(
      /13 redirects \(Flask 13\) now name their status: 5 `code=303` \(See Other\) where only GET, HEAD or POST requests reach them, .*; 8 keep `code=302` because a PUT, PATCH, DELETE or unknown method could reach them/,
    );
  });
});

describe('methods that reach each JavaScript site', () => {
  it('from registrations, route objects, NestJS decorators and React Router loaders/actions', () => {
    const { sites } = report(
      {
        'src/routes.js': fixture('express_routes.js'),
        'src/pages.tsx': fixture('nest_and_loaders.tsx'),
        'package.json': '{ "dependencies": { "express": "^4.21.0" } }\n',
      },
      ['--mode', 'adopt'],
    );
    const byFile = (file: string) => methodsByLine(sites.filter((s) => s.file === file));
    expect(byFile('src/routes.js')).toEqual({
      10: 'GET',
      11: 'POST',
      12: 'DELETE',
      13: 'ALL',
      14: 'ALL',
      15: 'PATCH',
      18: 'PUT',
      23: 'GET POST',
      26: 'ALL',
      29: 'PURGE',
      31: 'unknown',
    });
    expect(byFile('src/pages.tsx')).toEqual({ 7: 'GET', 11: 'DELETE', 16: 'GET HEAD', 20: 'POST PUT PATCH DELETE' });
    expect(sites.find((s) => s.line === 20)?.risk.why).toMatch(/their method is not known here/);
    expect(sites.filter((s) => s.risk.changesBehaviour && s.file === 'src/routes.js').map((s) => s.line)).toEqual([12, 13, 14, 15, 18, 26, 29, 31]);
  });
});

describe('handlers registered in another file', () => {
  it('are followed through require and import, and adopt-safe uses what it finds', () => {
    const { sites } = report(
      {
        'controllers/auth.js': "exports.logout = (req, res) => {\n  res.redirect('/');\n};\n\nexports.login = (req, res) => res.redirect('/home');\n\nexports.orphan = (req, res) => res.redirect('/x');\n",
        'controllers/items.ts': "export function remove(req, res) {\n  res.redirect('/items');\n}\n",
        'routes/index.js': "const express = require('express');\nconst auth = require('../controllers/auth');\nconst router = express.Router();\nrouter.delete('/session', auth.logout);\nrouter.post('/session', auth.login);\nmodule.exports = router;\n",
        'routes/items.ts': "import express from 'express';\nimport { remove } from '../controllers/items.js';\nexport const items = express.Router().delete('/items/:id', remove);\n",
        'package.json': '{ "dependencies": { "express": "^4.21.0" } }\n',
      },
      ['--mode', 'adopt-safe'],
    );
    expect(sites.map((s) => [s.file, s.line, s.risk.methods, s.status.after, s.risk.why])).toEqual([
      ['controllers/auth.js', 2, ['DELETE'], 302, 'registered in index.js with .delete()'],
      ['controllers/auth.js', 5, ['POST'], 303, 'registered in index.js with .post()'],
      ['controllers/auth.js', 7, 'unknown', 302, 'orphan is exported, and no file among those scanned registers it'],
      ['controllers/items.ts', 2, ['DELETE'], 302, 'registered in items.ts with .delete()'],
    ]);
  });
});

describe('Flask views registered in another module', () => {
  it('are followed through relative imports of the module or of the function', () => {
    const { sites } = report(
      {
        'shop/views.py': 'from flask import redirect\n\n\ndef logout():\n    return redirect("/")\n\n\ndef index():\n    return redirect("/home")\n\n\ndef orphan():\n    return redirect("/x")\n',
        'shop/__init__.py':
          'from flask import Flask\n\nfrom . import views\nfrom .views import index\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.add_url_rule("/logout", view_func=views.logout, methods=["POST", "DELETE"])\n    app.route("/")(index)\n    return app\n',
      },
      ['--mode', 'adopt-safe'],
    );
    expect(sites.map((s) => [s.line, s.risk.methods, s.status.after, s.risk.why])).toEqual([
      [5, ['POST', 'DELETE', 'OPTIONS'], 302, 'registered in __init__.py with add_url_rule()'],
      [9, ['GET', 'HEAD', 'OPTIONS'], 303, 'registered in __init__.py with route()'],
      [13, 'unknown', 302, 'orphan() is not registered as a route in this module or the modules that import it'],
    ]);
  });
});

describe('the installed Flask decides what preserve means', () => {
  const app = 'from flask import Flask, redirect\napp = Flask(__name__)\n\n@app.put("/x")\ndef x():\n    return redirect("/y")\n\n@app.get("/z")\ndef z():\n    return redirect("/y")\n';

  it('on Flask >= 3.2 preserve would change behaviour: said prominently, nothing written without --force-mode', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'app.py'), app);
    writeFileSync(path.join(dir, 'requirements.txt'), 'flask==3.2.0\n');
    const refused = runCli([dir, '--mode', 'preserve', '--no-changelog']);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toMatch(/Nothing was written: the project already runs Flask\/Werkzeug 3\.2 or later, where redirect\(\) sends 303: writing 302 at 2 site\(s\) CHANGES behaviour \(1 of them reachable by PUT/);
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe(app);
    expect(runCli([dir, '--mode', 'preserve', '--no-changelog', '--force-mode']).status).toBe(0);
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toContain('redirect("/y", code=302)');
  });

  it('on Flask >= 3.2 adopt changes nothing a client sees', () => {
    const { sites, status } = report({ 'app.py': app, 'poetry.lock': '[[package]]\nname = "flask"\nversion = "3.2.1"\n' }, ['--mode', 'adopt']);
    expect(status).toBe(0);
    expect(sites.map((s) => s.risk.changesBehaviour)).toEqual([false, false]);
  });
});

describe('manifests: declared ranges and locked versions, read as data', () => {
  const cases: Array<[string, string, string, { declared?: string; locked?: string }]> = [
    ['requirements.txt', 'requirements-prod.txt', 'Flask[async]>=3.1,<4  # web\n-r base.txt\n', { declared: '>=3.1,<4' }],
    ['constraints', 'constraints.txt', 'werkzeug==3.2.0\n', { declared: '==3.2.0', locked: '3.2.0' }],
    ['PEP 621', 'pyproject.toml', '[project]\nname = "x"\ndependencies = ["flask~=3.2", "requests"]\n', { declared: '~=3.2' }],
    ['Poetry', 'pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.11"\nFlask = { version = "^3.1" }\n', { declared: '^3.1' }],
    ['setup.cfg', 'setup.cfg', '[metadata]\nname = x\n\n[options]\ninstall_requires =\n    flask>=2.3\n    click\n', { declared: '>=2.3' }],
    ['Pipfile', 'Pipfile', '[packages]\nflask = "==3.1.2"\n', { declared: '==3.1.2', locked: '3.1.2' }],
    ['Pipfile.lock', 'Pipfile.lock', '{ "default": { "flask": { "version": "==3.2.0" } }, "develop": {} }', { locked: '3.2.0' }],
    ['poetry.lock', 'poetry.lock', '[[package]]\nname = "flask"\nversion = "3.1.1"\n', { locked: '3.1.1' }],
    ['uv.lock', 'uv.lock', 'version = 1\n\n[[package]]\nname = "flask"\nversion = "3.2.0"\nsource = { registry = "https://pypi.org/simple" }\n', { locked: '3.2.0' }],
    ['package.json + lock', 'package.json', '{ "dependencies": { "express": "^4.21.0" } }', { declared: '^4.21.0' }],
  ];
  for (const [name, file, text, expected] of cases) {
    it(name, () => {
      const dir = tempDir();
      writeFileSync(path.join(dir, file), text);
      const versions = readProjectVersions([dir], dir);
      expect(versions.warnings).toEqual([]);
      expect(versions.packages[0]).toMatchObject({ ...expected, sources: [file] });
    });
  }

  it('a malformed manifest gives a clear warning and the run goes on', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'pyproject.toml'), '[project\nname = ');
    writeFileSync(path.join(dir, 'requirements.txt'), 'flask==3.2.0\n');
    const versions = readProjectVersions([dir], dir);
    expect(versions.warnings).toEqual([expect.stringMatching(/^pyproject\.toml could not be read \(.+\); versions from it are unknown$/)]);
    expect(runsAtLeast(versions, 'flask', '3.2')).toBe(true);
    const run = runCli([dir, '--mode', 'adopt', '--dry']);
    expect(run.status).toBe(0);
  });

  it('setup.py is read as text, never run', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'setup.py'), 'open("pwned", "w").write("executed")\nsetup(install_requires=["Flask>=3.1,<4", "click"])\n');
    expect(readProjectVersions([dir], dir).packages).toEqual([{ name: 'flask', declared: '>=3.1,<4', sources: ['setup.py'] }]);
    writeFileSync(path.join(dir, 'app.py'), 'from flask import redirect\nredirect("/")\n');
    expect(runCli([dir, '--mode', 'adopt', '--no-changelog']).status).toBe(0);
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
  });

  it('the run reports the declared and locked versions of the frameworks it found', () => {
    const dir = tempDir();
    cpSync(path.join(FIXTURES, 'flask', 'plain-call.input.py'), path.join(dir, 'app.py'));
    writeFileSync(path.join(dir, 'requirements.txt'), 'flask>=2.2\n');
    writeFileSync(path.join(dir, 'poetry.lock'), '[[package]]\nname = "flask"\nversion = "3.1.1"\n\n[[package]]\nname = "werkzeug"\nversion = "3.1.3"\n');
    const run = runCli([dir, '--mode', 'adopt', '--dry', '--no-changelog']);
    expect(run.stdout).toMatch(/ {2}flask: declared >=2\.2, locked 3\.1\.1 \(poetry\.lock, requirements\.txt\)/);
    expect(run.stdout).toMatch(/ {2}werkzeug: not declared, locked 3\.1\.3 \(poetry\.lock\)/);
  });
});
