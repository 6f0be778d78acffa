import { redirect } from '@remix-run/node';

export async function action() {
  const headers = await commitSession();
  return redirect('/done', { status: 303, headers });
}

export async function other() {
  return redirect('/elsewhere', {
    status: 303,
    headers: { 'Set-Cookie': '' },
  });
}

export async function empty() {
  return redirect('/x', { status: 303 });
}
