import { NextResponse } from 'next/server';
import { redirect as navigate } from 'next/navigation';
import { redirect } from '@sveltejs/kit';

export function middleware(request: Request) {
  return NextResponse.redirect(new URL('/login', request.url));
}

export async function action() {
  navigate('/done');
}

export function load() {
  throw redirect(303, '/login');
}
