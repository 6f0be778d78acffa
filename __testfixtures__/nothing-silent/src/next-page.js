import { redirect } from 'next/navigation';
import { redirect as kit } from '@sveltejs/kit';

export async function action() {
  redirect('/done'); // expect: not-framework
}

export function load() {
  throw kit(303, '/login'); // expect: not-framework
}
