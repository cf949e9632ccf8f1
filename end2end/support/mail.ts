import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { dataDir } from './server';

/** Undoes quoted-printable soft line breaks and escapes, enough to find links. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The first link to `linkPath` in an email the server wrote (embedded
 * default: .eml files in DATA_DIR/outbox) to `to`. Waits for the mail worker.
 */
export async function linkFromEmail(to: string, linkPath: string): Promise<string> {
  const outbox = path.join(dataDir, 'outbox');
  const pattern = new RegExp(`https?://[^\\s"<>]+${linkPath.replace(/[/?]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+`);
  let link: string | undefined;
  await expect
    .poll(
      () => {
        let files: string[] = [];
        try {
          files = readdirSync(outbox).filter((name) => name.endsWith('.eml'));
        } catch {
          return undefined;
        }
        for (const name of files) {
          const raw = decodeQuotedPrintable(readFileSync(path.join(outbox, name), 'utf8'));
          if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw)) continue;
          const match = raw.match(pattern);
          if (match) link = match[0];
        }
        return link;
      },
      { message: `an email to ${to} with a ${linkPath} link`, timeout: 15_000 },
    )
    .toBeTruthy();
  return link!;
}
