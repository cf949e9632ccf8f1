import { test, expect } from '../support/fixtures';
import { press } from '../support/keyboard';
import { asVisitor } from '../support/visitor';

// Method guides (focus area 1), on a phone, with and without JavaScript,
// buttons and links pressed from the keyboard: staff add a guide in
// bokmål, save a second version with a note, find both in the history and
// read the first again; a signed-out reader finds it in the library, and in
// English is told it is only in bokmål so far. A stale save, bad addresses
// and who may do what are checked by server/tests/integration/guides.rs.

const phone = { width: 320, height: 720 };

test.use({ viewport: phone, signedInAs: 'admin' });

/** Follows a link from the keyboard. */
async function follow(page: import('@playwright/test').Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('staff add a guide, save a second version, and a visitor reads it', async ({ page, browser }, testInfo) => {
      test.setTimeout(90_000);
      const run = `${javaScriptEnabled ? 'js' : 'nojs'} ${testInfo.retry}`;
      const title = `Slik holder du en workshop ${run}`;

      await page.goto('/guides');
      await expect(page.getByRole('heading', { level: 2, name: 'Slik lager du en gevinstplan' })).toBeVisible();
      await follow(page, 'Ny metodeguide');
      await expect(page).toHaveURL(/\/guides\/new$/);
      const bokmal = page.getByRole('group', { name: 'Bokmål' });
      await bokmal.getByLabel('Tittel').fill(title);
      await bokmal.getByLabel('Sammendrag').fill('Samle folk, still gode spørsmål og skriv ned det dere lærer.');
      await bokmal.getByLabel('Tekst').fill('## Før workshopen\n\n- Inviter dem det gjelder.');
      await press(page, 'Legg til guiden');
      await expect(page).toHaveURL(/\/guides\/slik-holder-du-en-workshop-[a-z0-9-]+\?saved=1$/);
      await expect(page.getByRole('status')).toContainText('Guiden er lagret');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('.prose li')).toHaveText('Inviter dem det gjelder.');
      const address = new URL(page.url()).pathname;

      await follow(page, 'Rediger guiden');
      await expect(page).toHaveURL(`${address}/edit`);
      await page.getByRole('group', { name: 'Bokmål' }).getByLabel('Tekst')
        .fill('## Før workshopen\n\n- Inviter dem det gjelder.\n- Book et rom med dagslys.');
      await page.getByLabel('Hva endret du?').fill('La til rommet');
      await press(page, 'Lagre ny versjon');
      await expect(page).toHaveURL(`${address}?saved=1`);
      await expect(page.locator('.prose li')).toHaveText(['Inviter dem det gjelder.', 'Book et rom med dagslys.']);

      await follow(page, 'Rediger guiden');
      const history = page.locator('.guide-history tbody tr');
      await expect(history).toHaveCount(2);
      await expect(history.first()).toContainText('La til rommet');
      await follow(page, 'Les versjon 1');
      await expect(page.getByText('Dette er versjon 1. Den nyeste er versjon 2.')).toBeVisible();
      await expect(page.locator('.prose li')).toHaveCount(1);

      await asVisitor(browser, javaScriptEnabled, async (reader) => {
        await reader.goto('/guides');
        await follow(reader, title);
        await expect(reader).toHaveURL(address);
        await expect(reader.locator('.prose li')).toHaveCount(2);
        await expect(reader.getByRole('link', { name: 'Rediger guiden' })).toHaveCount(0);
        await reader.context().addCookies([{ name: 'samskap_lang', value: 'en', url: new URL(reader.url()).origin }]);
        await reader.reload();
        await expect(reader.getByText('This guide is so far only in Norwegian Bokmål.')).toBeVisible();
      });
    });
  });
}

test('a challenge and the idea form point to the guides', async ({ page }) => {
  await page.goto('/challenges/1');
  await page.getByRole('link', { name: /Se metodeguidene/ }).click();
  await expect(page).toHaveURL(/\/guides$/);
  await page.goto('/ideas/new');
  await expect(page.getByRole('link', { name: /Se metodeguidene/ })).toHaveAttribute('href', '/guides');
});
