/** The tool's own name and version, read from its package.json (from src/ or dist/src/ alike). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function ownPackage(): { name: string; version: string; homepage?: string } {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (json.name === 'redirect-codemod') return { name: json.name, version: json.version ?? '0.0.0', ...(json.homepage ? { homepage: json.homepage } : {}) };
    }
  }
  return { name: 'redirect-codemod', version: '0.0.0' };
}

export const TOOL = ownPackage();
