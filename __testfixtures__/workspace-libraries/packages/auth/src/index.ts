// A library: its package.json lists no framework; the apps that import it decide.
export { save } from './save';

export function requireLogin(req: any, res: any, next: () => void) {
  if (!req.session?.user) return res.redirect('/login'); // expect: rewritten (express, registered by apps/api on express.Router())
  next();
}

export function logout(req: any, res: any) {
  req.session = null;
  res.redirect('/'); // expect: rewritten (express, registered by apps/api on express.Router())
}

export function unused(client: any, url: string) {
  return client.redirect(url); // expect: not-framework (nothing registers it; the package depends on no framework)
}
