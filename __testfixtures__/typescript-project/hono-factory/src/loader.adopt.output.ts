import { redirect } from './utils.js';

export async function loader() {
  throw redirect('/login', 303);
}
