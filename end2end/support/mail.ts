import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Server } from './server';

/** Undoes quoted-printable soft line breaks and escapes, enough to find links. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The first link to `linkPath` in an email `server` wrote (embedded
 * default: .eml files in DATA_DIR/outbox) to `to`. Waits for the mail worker.
 */
export async function linkFromEmail(server: Server, to: string, linkPath: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(() => (link = findLink(server, to, linkPath)), {
      message: `an email to ${to} with a ${linkPath} link`,
      timeout: 15_000,
      intervals: [50, 100, 250],
    })
    .toBeTruthy();
  return link!;
}

/** Like `linkFromEmail`, outside a test (the global setup). */
export async function waitForLinkFromEmail(server: Server, to: string, linkPath: string): Promise<string> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const link = findLink(server, to, linkPath);
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no email to ${to} with a ${linkPath} link`);
}

/** The latest link to `linkPath` in the emails written so far to `to`. */
function findLink(server: Server, to: string, linkPath: string): string | undefined {
  const outbox = path.join(server.dataDir, 'outbox');
  const pattern = new RegExp(`https?://[^\\s"<>]+${linkPath.replace(/[/?]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+`);
  let files: string[] = [];
  try {
    files = readdirSync(outbox).filter((name) => name.endsWith('.eml'));
  } catch {
    return undefined;
  }
  let link: string | undefined;
  for (const name of files) {
    const raw = decodeQuotedPrintable(readFileSync(path.join(outbox, name), 'utf8'));
    if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw)) continue;
    const match = raw.match(pattern);
    if (match) link = match[0];
  }
  return link;
}
