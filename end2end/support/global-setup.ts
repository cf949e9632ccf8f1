import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { baseURL, samskapBinary, serverEnvironment } from './server';

/** The e2e admin, made the way an operator makes the first admin. */
export const admin = { email: 'admin@example.no', password: 'en lang og god setning' };

/** The admin's signed-in browser state. Signing in once keeps the tests clear of the sign-in rate limit. */
export const adminState = path.join(__dirname, '..', 'test-results', 'admin-state.json');

export default async function globalSetup(): Promise<void> {
  execFileSync(samskapBinary(), ['create-admin', '--email', admin.email, '--name', 'Kari Admin'], {
    input: `${admin.password}\n`,
    env: { ...process.env, ...serverEnvironment() },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const response = await fetch(`${baseURL}/api/accounts/sign-in`, {
    method: 'POST',
    headers: { origin: baseURL, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ email: admin.email, password: admin.password }),
  });
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .find((pair) => pair.startsWith('samskap_session='));
  if (!response.ok || !session) throw new Error(`the e2e admin could not sign in: ${response.status}`);
  const { hostname } = new URL(baseURL);
  const cookie = {
    name: 'samskap_session',
    value: session.slice('samskap_session='.length),
    domain: hostname,
    path: '/',
    expires: -1,
    httpOnly: true,
    secure: false,
    sameSite: 'Lax' as const,
  };
  mkdirSync(path.dirname(adminState), { recursive: true });
  writeFileSync(adminState, JSON.stringify({ cookies: [cookie], origins: [] }));
}
