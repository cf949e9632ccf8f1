import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { baseURL, samskapBinary, serverEnvironment } from './server';
import { waitForLinkFromEmail } from './mail';

/** The e2e admin, made the way an operator makes the first admin. */
export const admin = { email: 'admin@example.no', password: 'en lang og god setning' };

/** The admin's signed-in browser state. Signing in once keeps the tests clear of the sign-in rate limit. */
export const adminState = path.join(__dirname, '..', 'test-results', 'admin-state.json');

/** A resident who registered and confirmed their address, as the idea journeys need. */
export const participant = { email: 'sofie.e2e@example.no', password: 'sykkelsti langs fjorden', name: 'Sofie Testesen' };
export const participantState = path.join(__dirname, '..', 'test-results', 'participant-state.json');

function post(pathname: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${baseURL}${pathname}`, {
    method: 'POST',
    headers: { origin: baseURL, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form),
  });
}

/** Signs in over HTTP and writes the browser state with the session cookie to `file`. */
async function signIn(email: string, password: string, file: string): Promise<void> {
  const response = await post('/api/accounts/sign-in', { email, password });
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .find((pair) => pair.startsWith('samskap_session='));
  if (!response.ok || !session) throw new Error(`${email} could not sign in: ${response.status}`);
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
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ cookies: [cookie], origins: [] }));
}

/** Registers the participant and confirms the address by the emailed link. */
async function registerParticipant(): Promise<void> {
  const registered = await post('/api/accounts/register', {
    display_name: participant.name,
    email: participant.email,
    password: participant.password,
    actor_type: 'resident',
    organisation: '',
    idempotency_key: randomUUID(),
  });
  if (!registered.ok) throw new Error(`the e2e participant could not register: ${registered.status}`);
  const link = new URL(await waitForLinkFromEmail(participant.email, '/verify-email'));
  const token = link.searchParams.get('token') ?? '';
  const confirmed = await post('/api/accounts/verify-email', { token, idempotency_key: randomUUID() });
  if (!confirmed.ok) throw new Error(`the e2e participant could not confirm: ${confirmed.status}`);
}

export default async function globalSetup(): Promise<void> {
  const env = { ...process.env, ...serverEnvironment() };
  // Bærum's demo data set: the pages show real ideas and challenges.
  execFileSync(samskapBinary(), ['demo'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(samskapBinary(), ['create-admin', '--email', admin.email, '--name', 'Kari Admin'], {
    input: `${admin.password}\n`,
    env,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  await registerParticipant();
  await signIn(participant.email, participant.password, participantState);
  await signIn(admin.email, admin.password, adminState);
}
