import { redirect } from 'react-router';

export const a = () => redirect('/a', 301);
export const b = () => redirect('/b', { status: 307, headers });
export const c = (init) => redirect('/c', init);
export const d = (init) => redirect('/d', { ...init });
