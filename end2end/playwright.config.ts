import { defineConfig, devices } from '@playwright/test';
import type { Backend } from './support/server';
import { samskapBinary, serverEnvironment, servers } from './support/server';

// Debian's Chromium, started with flags that keep it off the closed network.
const chromium = {
  ...devices['Desktop Chrome'],
  // Residents browse in Norwegian; tests that need another language ask for it.
  locale: 'nb-NO',
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig<{ backend: Backend }>({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // One retry in CI, for a 2-core machine's slow moments; every try starts
  // from state of its own (README, "Retries and the lost headers"), so a
  // real fault fails twice.
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 30_000,
  use: {
    locale: 'nb-NO',
    trace: 'off',
  },
  projects: [
    // Every journey, on the database the test script gives (PostgreSQL in CI).
    {
      name: 'postgres',
      use: { ...chromium, baseURL: servers.postgres.baseURL, backend: 'postgres' },
    },
    // The resident's journeys (register, post, support, comment, browse) once
    // more on the embedded default, as a new user's first run has it.
    {
      name: 'sqlite',
      grep: /@resident/,
      use: { ...chromium, baseURL: servers.sqlite.baseURL, backend: 'sqlite' },
    },
  ],
  webServer: Object.values(servers).map((server) => ({
    command: samskapBinary(),
    url: `${server.baseURL}/readyz`,
    env: serverEnvironment(server),
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  })),
});
