import { redirect } from 'react-router';

export async function loader({ request }: { request: Request }) {
  const user = await getUser(request);
  if (!user) throw redirect('/login');
  return { user };
}
