import type { Request, Response } from 'express';

export function afterLogin(req: Request, res: Response): void {
  res.redirect(302, req.session.returnTo ?? '/');
}
