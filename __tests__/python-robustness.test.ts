/**
 * Python files that once cost the tool minutes, or that it misread: long runs of comment lines
 * (tree-sitter-python's indent scanner re-reads them at every line), a backslash continuation
 * after the last argument, and Python 3 keywords used as names. Parse work is counted in the
 * parser's reads, never timed.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseInput, pythonParser, withPythonTree, type Tree } from '../src/python/parser.js';
import { transformPython } from '../src/python/transformPython.js';

const FLASK_MODULE = 'from flask import Flask, redirect\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    if True:\n        return redirect("/x")\n';

/** Every node but comments and the module itself: type, start offset, row and column. */
function shape(tree: Tree): string[] {
  const nodes: string[] = [];
  const cursor = tree.walk();
  for (;;) {
    if (cursor.nodeType !== 'comment' && cursor.nodeType !== 'module') {
      nodes.push(`${cursor.nodeType}@${cursor.startIndex}:${cursor.startPosition.row}:${cursor.startPosition.column}${cursor.nodeIsMissing ? '!' : ''}`);
    }
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return nodes;
      }
    }
  }
}

describe('long runs of comment lines', () => {
  // Small chunks: the parser's reads then count what it scans, re-scans included.
  beforeEach(() => {
    parseInput.chunk = 16;
  });
  afterEach(() => {
    parseInput.chunk = 4096;
  });

  it("tree-sitter-python alone re-reads a comment run at every line (the cause; when this fails, the workaround can go)", async () => {
    const parser = await pythonParser();
    const reads = (lines: number) => {
      const text = FLASK_MODULE + '# old code\n'.repeat(lines);
      let count = 0;
      const tree = parser.parse((index) => {
        count++;
        return text.slice(index, index + 16);
      });
      tree?.delete();
      return count;
    };
    const [small, medium, large] = [100, 200, 400].map(reads) as [number, number, number];
    // Quadratic: twice the lines, nearly four times the reads.
    expect(medium / small).toBeGreaterThan(3.2);
    expect(large / medium).toBeGreaterThan(3.2);
  });

  const SHAPES: Record<string, (lines: number) => string> = {
    'after an indented block, to the end of the file': (n) => FLASK_MODULE + '# old code\n'.repeat(n),
    'indented inside a block, code after it': (n) => FLASK_MODULE + ('def f():\n    y = 2\n' + '    # old code\n'.repeat(30) + '    return y\n').repeat(Math.ceil(n / 33)),
    'runs of 19 lines between statements': (n) => FLASK_MODULE + ('# old code\n'.repeat(19) + 'x = 1\n').repeat(Math.ceil(n / 20)),
    'runs of 15 lines, left to the parser': (n) => FLASK_MODULE + ('    # old code\n'.repeat(15) + 'x = 1\n').repeat(Math.ceil(n / 16)),
    'CRLF line endings': (n) => (FLASK_MODULE + '# old code\n'.repeat(n)).replaceAll('\n', '\r\n'),
  };

  for (const [name, make] of Object.entries(SHAPES)) {
    it(`parse work grows linearly: ${name}`, async () => {
      const work: number[] = [];
      for (const kb of [100, 200, 400]) {
        const text = make(Math.round((kb * 1024) / 12));
        const before = parseInput.reads;
        const clean = await withPythonTree(text, (tree) => !tree.rootNode.hasError);
        expect(clean).toBe(true);
        const chars = (parseInput.reads - before) * parseInput.chunk;
        // Each character is read a bounded number of times...
        expect(chars / text.length).toBeLessThan(16);
        work.push(chars);
      }
      // ...so twice the file, about twice the work.
      expect(work[1]! / work[0]!).toBeLessThan(2.3);
      expect(work[2]! / work[1]!).toBeLessThan(2.3);
    });
  }

  it('a file of that shape (24,000 comment lines) is rewritten with exact positions and untouched bytes', async () => {
    const tail = '# old code\n'.repeat(2000);
    const source = `${FLASK_MODULE}${tail}\n@app.post("/late")\ndef late():\n    return redirect("/y")\n${tail}${'#\n'.repeat(20000)}`;
    const result = await transformPython(source, 'app.py', 'preserve');
    if (!result.ok) throw new Error(result.message);
    const late = source.split('\n').indexOf('    return redirect("/y")') + 1;
    expect(result.sites.map((site) => `${site.line}:${site.column}:${site.action}`)).toEqual(['9:16:rewritten', `${late}:12:rewritten`]);
    expect(result.output).toBe(source.replace('redirect("/x")', 'redirect("/x", code=302)').replace('redirect("/y")', 'redirect("/y", code=302)'));
  });

  it('the tree is the one the parser gives the whole file, less the comments', async () => {
    const parser = await pythonParser();
    const run = (indent: string, n = 20) => `${indent}# old code\n`.repeat(n);
    const sources = [
      `${run('')}${FLASK_MODULE}${run('')}`,
      `class A:\n    def f(self):\n        x = 1\n${run('    ')}    def g(self):\n        return 2\n${run('        ')}y = 3\n`,
      `def f():\n    if a:\n        b = 1\n${run('')}        c = 2\n${run('    ')}    return c\n`,
      `x = (1,\n${run('  ')}     2)\nd = {\n${run('    ')}}\n`,
      `def f():\n    return 1\n${run('\t')}\f# form feed\n${run('')}`,
      `s = 1 + \\\n${run('')}2\n`,
    ];
    for (const source of sources) {
      const whole = parser.parse(source)!;
      const expected = shape(whole);
      const hadError = whole.rootNode.hasError;
      whole.delete();
      const got = await withPythonTree(source, (tree) => ({ shape: shape(tree), error: tree.rootNode.hasError, text: tree.rootNode.descendantsOfType('integer').map((n) => n?.text) }));
      expect(got.shape, source).toEqual(expected);
      expect(got.error, source).toBe(hadError);
      expect(got.text.every((text) => text !== undefined && /^\d$/.test(text)), source).toBe(true);
    }
  });

  it('a run of #-lines inside a string stays in the string', async () => {
    const docstring = `def view():\n    """Example:\n${'    # step\n'.repeat(30)}    # end """\n    return redirect("/done")\n`;
    const fString = `def other(n):\n    return redirect(f"""/x/{n}\n${'# not a comment\n'.repeat(20)}""")\n`;
    const source = `from flask import redirect\n\n\n${docstring}\n\n${fString}`;
    const result = await transformPython(source, 'doc.py', 'adopt');
    if (!result.ok) throw new Error(result.message);
    const lines = source.split('\n');
    const done = lines.indexOf('    return redirect("/done")') + 1;
    const other = lines.indexOf('    return redirect(f"""/x/{n}') + 1;
    expect(result.sites.map((site) => `${site.line}:${site.action}`)).toEqual([`${done}:rewritten`, `${other}:rewritten`]);
    expect(result.output).toBe(source.replace('redirect("/done")', 'redirect("/done", code=303)').replace('""")', '""", code=303)'));
    execFileSync('/usr/bin/python3', ['-c', 'import sys; compile(sys.stdin.read(), "doc.py", "exec")'], { input: result.output });
  });
});

function compiles(source: string): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import sys; compile(sys.stdin.buffer.read(), "app.py", "exec")'], { input: source, stdio: ['pipe', 'ignore', 'pipe'] });
    return true;
  } catch {
    return false;
  }
}

describe('a backslash continuation after the last argument', () => {
  const view = (call: string) => `from flask import Flask, redirect\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return ${call}\n`;
  const CASES: Array<[string, string, string]> = [
    // call, expected action, expected call after (preserve)
    ['redirect("/x" \\\n)', 'rewritten', 'redirect("/x", code=302 \\\n)'],
    ['redirect("/x", \\\n)', 'rewritten', 'redirect("/x", code=302, \\\n)'],
    ['redirect(\\\n        "/x" \\\n    )', 'rewritten', 'redirect(\\\n        "/x", code=302 \\\n    )'],
    ['redirect("/x" \\\r\n)', 'rewritten', 'redirect("/x", code=302 \\\r\n)'],
    ['redirect("/x" \\\n, 301)', 'explicit', 'redirect("/x" \\\n, 301)'],
    ['redirect("/x" \\\n, code=307)', 'explicit', 'redirect("/x" \\\n, code=307)'],
  ];
  for (const [call, action, after] of CASES) {
    it(`${JSON.stringify(call)}: ${action}`, async () => {
      const source = view(call);
      expect(compiles(source)).toBe(true);
      const result = await transformPython(source, 'app.py', 'preserve');
      if (!result.ok) throw new Error(result.message);
      expect(result.sites.map((site) => `${site.action}:${site.status.before}`)).toEqual([action === 'explicit' ? `explicit:${/code=(\d+)|, (\d+)/.exec(call)!.slice(1).find(Boolean)}` : 'rewritten:implicit']);
      expect(result.output).toBe(view(after));
      expect(compiles(result.output)).toBe(true);
    });
  }
});

describe('Python 3 keywords used as names', () => {
  const REFUSED: Array<[string, string]> = [
    ['async = 1\n', 'async'],
    ['await = 2\n', 'await'],
    ['def go():\n    return redirect("/", async=True)\n', 'async'],
    ['x = dict(await=1)\n', 'await'],
    ['for async in range(3):\n    pass\n', 'async'],
    ['with open("f") as True:\n    pass\n', 'True'],
    ['try:\n    pass\nexcept OSError as None:\n    pass\n', 'None'],
  ];
  for (const [code, keyword] of REFUSED) {
    it(`refuses ${JSON.stringify(code)}`, async () => {
      const source = `from flask import redirect, request\n\n\ndef view():\n    return redirect("/x")\n\n\n${code}`;
      expect(compiles(source)).toBe(false);
      const result = await transformPython(source, 'app.py', 'adopt');
      const line = source.slice(0, source.lastIndexOf(keyword)).split('\n').length;
      expect(result).toEqual({ ok: false, message: `not edited: the Python 3 keyword "${keyword}" used as a name at line ${line}`, line });
    });
  }

  it('two statements that tree-sitter joins without their newline are refused too', async () => {
    const source = 'from flask import redirect\nredirect("/x")\npass(1)\n';
    expect(compiles(source)).toBe(false);
    const result = await transformPython(source, 'app.py', 'adopt');
    expect(result.ok).toBe(false);
  });

  it('async and await as keywords, and soft keywords as names, are clean Python 3', async () => {
    const source =
      'from quart import Quart, redirect\n\napp = Quart(__name__)\nmatch = case = type = _ = print = exec = 1\n\n\n@app.route("/")\nasync def index():\n    await app.ensure_async(print)()\n    async with app.app_context():\n        return redirect("/x")\n';
    expect(compiles(source)).toBe(true);
    const result = await transformPython(source, 'app.py', 'adopt');
    if (!result.ok) throw new Error(result.message);
    expect(result.output).toBe(source.replace('redirect("/x")', 'redirect("/x", code=303)'));
  });
});
