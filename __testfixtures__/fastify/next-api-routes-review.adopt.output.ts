// A package that runs Fastify and Next.js: Next's API routes take (req, res) too, and send 307.
import type { NextApiRes } from './withSession';

export const withOAuth = (provider: string) => async (req, res: NextApiRes) => {
  return res.redirect(`/auth/${provider}`);
};

export function logout(req, res) {
  res.redirect('/');
}
