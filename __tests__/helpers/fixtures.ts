/** Reads the before/after fixture stories in __testfixtures__/<framework>/. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../__testfixtures__/', import.meta.url));

export function fixtureCases(framework: string): string[] {
  return readdirSync(path.join(FIXTURES, framework))
    .filter((name) => name.includes('.input.'))
    .map((name) => name.slice(0, name.indexOf('.input.')))
    .sort();
}

export function fixtureBytes(framework: string, name: string, part: 'input' | 'preserve.output' | 'adopt.output', ext = 'py'): Buffer {
  return readFileSync(path.join(FIXTURES, framework, `${name}.${part}.${ext}`));
}
