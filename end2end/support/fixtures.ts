import { test as base } from '@playwright/test';
import { servers, type Backend, type Server } from './server';

export { expect } from '@playwright/test';
export type { Page, Browser, BrowserContext } from '@playwright/test';

/** Who the test's own browser is signed in as: nobody, or one of the people the global setup made. */
export type SignedInAs = 'visitor' | 'participant' | 'admin';

interface TestOptions {
  signedInAs: SignedInAs;
  /** The server of the test's project, with its data folder and stored sign-ins. */
  server: Server;
}

interface WorkerOptions {
  /** Each project runs against a server of its own (playwright.config.ts). */
  backend: Backend;
}

/**
 * Playwright's `test` with the project's server. A test says who it is
 * signed in as with `test.use({ signedInAs: 'participant' })`; the stored
 * sign-in is the one made on its project's server.
 */
export const test = base.extend<TestOptions, WorkerOptions>({
  backend: ['postgres', { scope: 'worker', option: true }],
  signedInAs: ['visitor', { option: true }],
  server: async ({ backend }, use) => {
    await use(servers[backend]);
  },
  storageState: async ({ signedInAs, server }, use) => {
    const states = { visitor: undefined, participant: server.participantState, admin: server.adminState };
    await use(states[signedInAs]);
  },
});
