import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The server under test is the binary `cargo leptos build` made; the test
// script passes its path and a fresh database in the environment.
const root = path.resolve(__dirname, '..', '..');
const port = process.env.SAMSKAP_TEST_PORT ?? '3100';
export const baseURL = `http://127.0.0.1:${port}`;

export function samskapBinary(): string {
  const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
  return process.env.SAMSKAP_BIN ?? path.join(targetDir, 'debug', 'samskap');
}

// The config is evaluated in every worker too, so the folder must not be random.
export const dataDir = process.env.SAMSKAP_E2E_DATA_DIR ?? path.join(tmpdir(), `samskap-e2e-${port}`);

export function serverEnvironment(): Record<string, string> {
  mkdirSync(dataDir, { recursive: true });
  return {
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? path.join(root, 'target', 'site'),
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite://${dataDir}/samskap.db?mode=rwc`,
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
