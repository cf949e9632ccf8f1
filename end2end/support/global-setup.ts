import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { samskapBinary, serverEnvironment, servers, type Server } from './server';
import { waitForLinkFromEmail } from './mail';

/** The e2e admin, made the way an operator makes the first admin. */
export const admin = { email: 'admin@example.no', password: 'en lang og god setning' };

/** A resident who registered and confirmed their address, as the idea journeys need. */
export const participant = { email: 'sofie.e2e@example.no', password: 'sykkelsti langs fjorden', name: 'Sofie Testesen' };

function post(server: Server, pathname: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${server.baseURL}${pathname}`, {
    method: 'POST',
    headers: { origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form),
  });
}

/** Runs the server binary as the operator would, with `input` on standard input. */
function samskap(server: Server, args: string[], input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(samskapBinary(), args, { env: { ...process.env, ...serverEnvironment(server) } }, (error, _stdout, stderr) =>
      error ? reject(new Error(`samskap ${args[0]} on ${server.backend}: ${error.message}\n${stderr}`)) : resolve(),
    );
    child.stdin?.end(input ?? '');
  });
}

/**
 * Signs in over HTTP and writes the browser state with the session cookie to
 * `file`. (Signing in once keeps the tests clear of the sign-in rate limit.)
 */
async function signIn(server: Server, email: string, password: string, file: string): Promise<void> {
  const response = await post(server, '/api/accounts/sign-in', { email, password });
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .find((pair) => pair.startsWith('samskap_session='));
  if (!response.ok || !session) throw new Error(`${email} could not sign in on ${server.backend}: ${response.status}`);
  const { hostname } = new URL(server.baseURL);
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
async function registerParticipant(server: Server): Promise<void> {
  const registered = await post(server, '/api/accounts/register', {
    display_name: participant.name,
    email: participant.email,
    password: participant.password,
    actor_type: 'resident',
    organisation: '',
    idempotency_key: randomUUID(),
  });
  if (!registered.ok) throw new Error(`the e2e participant could not register on ${server.backend}: ${registered.status}`);
  const link = new URL(await waitForLinkFromEmail(server, participant.email, '/verify-email'));
  const token = link.searchParams.get('token') ?? '';
  const confirmed = await post(server, '/api/accounts/verify-email', { token, idempotency_key: randomUUID() });
  if (!confirmed.ok) throw new Error(`the e2e participant could not confirm on ${server.backend}: ${confirmed.status}`);
}

/** Bærum's demo data set (the pages show real ideas and challenges), the admin and the participant. */
async function prepare(server: Server): Promise<void> {
  await samskap(server, ['demo']);
  await Promise.all([
    samskap(server, ['create-admin', '--email', admin.email, '--name', 'Kari Admin'], `${admin.password}\n`).then(() =>
      signIn(server, admin.email, admin.password, server.adminState),
    ),
    registerParticipant(server).then(() =>
      signIn(server, participant.email, participant.password, server.participantState),
    ),
  ]);
}

export default async function globalSetup(): Promise<void> {
  // Both servers at once: each has a database and an outbox of its own.
  await Promise.all(Object.values(servers).map(prepare));
}
