import { redirect } from '@remix-run/node';

export async function action() {
  const headers = await commitSession();
  return redirect('/done', { headers });
}

export async function other() {
  return redirect('/elsewhere', {
    headers: { 'Set-Cookie': '' },
  });
}

export async function empty() {
  return redirect('/x', {});
}
