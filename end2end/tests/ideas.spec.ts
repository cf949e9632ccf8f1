import path from 'node:path';
import { test, expect } from '../support/fixtures';
import { checkAccessibility } from '../support/checks';

const phone = { width: 320, height: 720 };
const photo = path.join(__dirname, '..', 'fixtures', 'sykkelparkering.jpg');

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled, viewport: phone, signedInAs: 'participant' });

    // Without JavaScript it is a resident's journey, run on SQLite too (its search is SQLite's own).
    const tag = javaScriptEnabled ? [] : ['@resident'];
    test('post an idea with a photo from a phone, find it by search, open it', { tag }, async ({ page, browser }) => {
      // Eight pages, three of them checked by axe.
      test.setTimeout(120_000);
      // A word nobody else uses, so the search finds this idea only.
      const marker = `sykkelhotell${javaScriptEnabled ? 'js' : 'nojs'}${Date.now().toString(36)}`;
      await page.goto('/ideas');
      await page.getByRole('link', { name: 'Del en idé' }).first().click();
      await expect(page.locator('h1')).toHaveText('Ny idé');
      await checkAccessibility(page, browser, javaScriptEnabled);

      // A mistake first: the form comes back with the message and the text kept.
      await page.getByLabel('Tittel', { exact: true }).fill('Sykkel');
      await page.getByLabel('Kort oppsummering').fill('Låsbare plasser for sykler ved Bekkestua.');
      await page.getByLabel('Beskrivelse').fill(`Et **${marker}** med tak og lading for elsykler.`);
      await page.getByLabel('Innsatsområde').selectOption('co_creation');
      await page.getByLabel('Område', { exact: true }).selectOption('Bekkestua');
      await page.getByRole('button', { name: 'Lagre utkast og se over' }).click();
      await expect(page.getByText('Teksten er for kort.')).toBeVisible();
      await expect(page.getByLabel('Beskrivelse')).toHaveValue(new RegExp(marker));
      await expect(page.getByLabel('Tittel', { exact: true })).toHaveAttribute('aria-invalid', 'true');

      await page.getByLabel('Tittel', { exact: true }).fill('Overbygd sykkelparkering ved Bekkestua stasjon');
      await page.getByLabel('Emneord', { exact: true }).fill('sykkel, Bekkestua');
      await page.getByRole('button', { name: 'Lagre utkast og se over' }).click();
      await expect(page.locator('h1')).toHaveText('Se over og publiser');
      // "Steal first": the demo data set has ideas like this one.
      await expect(page.getByRole('heading', { name: 'Lignende idéer' })).toBeVisible();
      await checkAccessibility(page, browser, javaScriptEnabled);

      await page.getByLabel('Velg bilder eller ta et bilde').setInputFiles(photo);
      await page.getByLabel('Hva viser bildet?').fill('Fullt sykkelstativ ved stasjonen');
      await page.getByRole('button', { name: 'Last opp' }).click();
      await expect(page.getByRole('img', { name: 'Fullt sykkelstativ ved stasjonen' })).toBeVisible();

      await page.getByRole('button', { name: 'Publiser idéen' }).click();
      await expect(page.getByText('Idéen er publisert. Takk!')).toBeVisible();
      await expect(page.locator('h1')).toHaveText('Overbygd sykkelparkering ved Bekkestua stasjon');
      await checkAccessibility(page, browser, javaScriptEnabled);

      await page.getByRole('link', { name: 'Idéer', exact: true }).first().click();
      await page.getByLabel('Søk i idéene').fill(marker);
      await page.getByRole('button', { name: 'Vis idéer' }).click();
      await expect(page).toHaveURL(new RegExp(`q=${marker}`));
      const results = page.locator('.idea-list > li');
      await expect(results).toHaveCount(1);
      await results.getByRole('link', { name: 'Overbygd sykkelparkering ved Bekkestua stasjon' }).click();
      await expect(page.getByRole('img', { name: 'Fullt sykkelstativ ved stasjonen' })).toBeVisible();
      await expect(page.locator('dd').filter({ hasText: 'Sofie Testesen' })).toBeVisible();
    });

    test('propose a challenge, which waits for staff', async ({ page, browser }) => {
      const title = `Flere benker langs turveiene (${javaScriptEnabled ? 'js' : 'nojs'})`;
      await page.goto('/challenges');
      await page.getByRole('link', { name: 'Foreslå en utfordring' }).click();
      await expect(page.locator('h1')).toHaveText('Ny utfordring');
      await checkAccessibility(page, browser, javaScriptEnabled);
      await page.getByLabel('Tittel', { exact: true }).fill(title);
      await page.getByLabel('Problemet som skal løses').fill('Eldre trenger steder å hvile på tur.');
      await page.getByLabel('Innsatsområde').selectOption('co_creation');
      await page.getByLabel('Første dag for idéer').fill('2027-01-01');
      await page.getByLabel('Siste dag for idéer').fill('2026-12-01');
      await page.getByRole('button', { name: 'Send forslaget' }).click();
      await expect(page.getByText('Sluttdatoen kan ikke være før startdatoen.')).toBeVisible();
      await expect(page.getByLabel('Tittel', { exact: true })).toHaveValue(title);
      await page.getByLabel('Siste dag for idéer').fill('2027-03-01');
      await page.getByRole('button', { name: 'Send forslaget' }).click();
      await expect(page.locator('h1')).toHaveText(title);
      await expect(page.locator('.status-badge').first()).toHaveText('Foreslått');
      await checkAccessibility(page, browser, javaScriptEnabled);
    });

    test('join a challenge as a co-creator and leave it again', async ({ page, browser }, testInfo) => {
      await page.goto('/challenges');
      // Each run and each try joins an open challenge of its own, so a retry
      // never finds itself on the first try's team.
      await page.locator('.challenge-list a').nth((javaScriptEnabled ? 1 : 2) + 2 * testInfo.retry).click();
      await expect(page.getByRole('heading', { name: 'Teamet' })).toBeVisible();
      const note = `Jeg kan lage kart over sykkelveiene (${javaScriptEnabled ? 'js' : 'nojs'})`;
      await page.getByLabel('Hva kan du bidra med?').fill(note);
      await page.getByRole('button', { name: 'Bli med som medskaper' }).click();
      await expect(page.getByText('Du er med i teamet.')).toBeVisible();
      await expect(page.locator('.team-list')).toContainText(note);
      await checkAccessibility(page, browser, javaScriptEnabled);
      await page.getByRole('button', { name: 'Forlat teamet' }).click();
      await expect(page.getByText('Du har forlatt teamet.')).toBeVisible();
      await expect(page.locator('.team-list')).not.toContainText(note);
    });
  });
}

// Staff correct a published challenge: the fourth of the demo data set,
// open for ideas since two weeks and last in the list of open ones, where
// a later last day keeps it (the journey above counts on that order).
test.describe('staff correct a published challenge, without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: phone, signedInAs: 'admin' });

  test('correct the title and move the last day; a past last day is refused next to its field', async ({ page, browser }) => {
    const title = 'Digitale tjenester som alle kan bruke – også uten smarttelefon';
    await page.goto('/challenges/4');
    await page.getByRole('link', { name: 'Endre utfordringen' }).click();
    await expect(page.locator('h1')).toHaveText('Endre utfordringen');
    await checkAccessibility(page, browser, false);

    const lastDay = page.getByLabel('Siste dag for idéer');
    const before = await lastDay.inputValue();
    const later = new Date(`${before}T12:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 5);
    const after = later.toISOString().slice(0, 10);
    const fiveDaysAgo = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);

    // A mistake first: the form comes back with the message at the field and the title kept.
    await page.getByLabel('Tittel', { exact: true }).fill(title);
    await lastDay.fill(fiveDaysAgo);
    await page.getByRole('button', { name: 'Lagre endringene' }).click();
    await expect(page.getByText('Siste dag kan ikke være passert.')).toBeVisible();
    await expect(lastDay).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Tittel', { exact: true })).toHaveValue(title);
    await checkAccessibility(page, browser, false);

    // Saved from the keyboard, it leads back to the challenge.
    await lastDay.fill(after);
    await page.getByRole('button', { name: 'Lagre endringene' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Endringene er lagret.')).toBeVisible();
    await expect(page.locator('h1')).toHaveText(title);
    await checkAccessibility(page, browser, false);

    // The audit log says what changed.
    await page.goto('/admin/audit?action=challenge_edited');
    await expect(page.getByText(`closes_on: ${before} → ${after}`)).toBeVisible();
  });
});
