/**
 * The packages whose versions the tool reads (src/versions/manifests.ts): a leaf module, so
 * that the package.json reader (src/js/packageInfo.ts) can look up only these in a lockfile.
 */
import type { Framework } from '../site.js';

/** The packages that tell which version of each framework runs. */
export const FRAMEWORK_PACKAGES: Readonly<Record<string, Framework>> = {
  flask: 'flask',
  werkzeug: 'werkzeug',
  quart: 'quart',
  express: 'express',
  fastify: 'fastify',
  koa: 'koa',
  hono: 'hono',
  '@hapi/hapi': 'hapi',
  'react-router': 'react-router',
  'react-router-dom': 'react-router',
  '@remix-run/node': 'react-router',
  '@nestjs/common': 'nest',
  h3: 'h3',
  nuxt: 'h3',
  elysia: 'elysia',
  astro: 'astro',
};

/** A package name as manifests compare them: lower case, and `.`/`_` runs as `-` (PEP 503) outside npm scopes. */
export function normalisePackageName(name: string): string {
  return name.startsWith('@') ? name.toLowerCase() : name.toLowerCase().replace(/[._]+/g, '-');
}

/** Whether the version of this dependency is one the tool reports or decides by (as readProjectVersions() tests it). */
export function tellsFrameworkVersion(name: string): boolean {
  return normalisePackageName(name) in FRAMEWORK_PACKAGES;
}
