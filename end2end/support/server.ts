import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The servers under test are the binary `cargo leptos build` made, started
// twice: once on the database the test script passes (a fresh PostgreSQL
// database in CI), once on the embedded default, SQLite, as a new user's
// first run has it. Each has a port and a data folder (database, outbox) of
// its own.
const root = path.resolve(__dirname, '..', '..');

export type Backend = 'postgres' | 'sqlite';

// The config is evaluated in every worker too, so the folder must be the
// same there: a run without SAMSKAP_E2E_DATA_DIR makes a fresh one once, in
// the runner, and its workers inherit it.
if (!process.env.SAMSKAP_E2E_DATA_DIR) {
  process.env.SAMSKAP_E2E_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'samskap-e2e-'));
}
const dataRoot = process.env.SAMSKAP_E2E_DATA_DIR;
const firstPort = Number(process.env.SAMSKAP_TEST_PORT ?? '3100');

export interface Server {
  backend: Backend;
  port: number;
  baseURL: string;
  /** Database file (SQLite), uploads and the email outbox. */
  dataDir: string;
  databaseUrl: string;
  /** The browser states of the e2e admin and participant, written by the global setup. */
  adminState: string;
  participantState: string;
}

function server(backend: Backend, port: number, databaseUrl?: string): Server {
  const dataDir = path.join(dataRoot, backend);
  const states = path.join(__dirname, '..', 'test-results', `states-${backend}`);
  return {
    backend,
    port,
    baseURL: `http://127.0.0.1:${port}`,
    dataDir,
    databaseUrl: databaseUrl ?? `sqlite://${dataDir}/samskap.db?mode=rwc`,
    adminState: path.join(states, 'admin.json'),
    participantState: path.join(states, 'participant.json'),
  };
}

export const servers: Record<Backend, Server> = {
  // Without DATABASE_URL (a quick local run) this one is on SQLite too.
  postgres: server('postgres', firstPort, process.env.DATABASE_URL),
  sqlite: server('sqlite', firstPort + 1),
};

export function samskapBinary(): string {
  const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
  return process.env.SAMSKAP_BIN ?? path.join(targetDir, 'debug', 'samskap');
}

export function serverEnvironment(server: Server): Record<string, string> {
  mkdirSync(server.dataDir, { recursive: true });
  return {
    LEPTOS_SITE_ADDR: `127.0.0.1:${server.port}`,
    LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? path.join(root, 'target', 'site'),
    DATA_DIR: server.dataDir,
    DATABASE_URL: server.databaseUrl,
    MAIL_RETRY_SECONDS: '1',
    RUST_LOG: 'warn',
  };
}

/** Every page path of the route table, as the server binary reports it. */
export function pageRoutes(): string[] {
  const output = execFileSync(samskapBinary(), ['routes'], { encoding: 'utf8' });
  return JSON.parse(output) as string[];
}

export const languages = ['nb', 'nn', 'en'] as const;
export type Language = (typeof languages)[number];
