import { test, expect } from '../support/fixtures';
import { checkAccessibility } from '../support/checks';
import { linkFromEmail } from '../support/mail';

const password = 'sykkelsti langs fjorden';

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled, viewport: { width: 320, height: 720 } });

    // Without JavaScript it is a resident's journey, run on SQLite too.
    const tag = javaScriptEnabled ? [] : ['@resident'];
    test('register, verify by the emailed link, sign in, change language, sign out', { tag }, async ({ page, browser, server }) => {
      // Seven pages, four of them checked by axe, and two password hashes.
      test.setTimeout(90_000);
      const email = `kari.${javaScriptEnabled ? 'js' : 'nojs'}.${Date.now()}@example.no`;
      const checkThisPage = () => checkAccessibility(page, browser, javaScriptEnabled);

      await page.goto('/');
      await page.getByRole('link', { name: 'Registrer deg' }).click();
      await expect(page.locator('h1')).toHaveText('Registrer deg');
      await checkThisPage();

      // A mistake first: the form comes back with the message and what was typed.
      await page.getByLabel('Navn som vises').fill('Kari Nordmann');
      await page.getByLabel('E-postadresse').fill('kari.example.no');
      await page.getByLabel('Passord', { exact: true }).fill(password);
      await page.getByLabel('Jeg deltar som').selectOption('volunteer');
      await page.getByRole('button', { name: 'Opprett konto' }).click();
      await expect(page.getByText('Skriv en gyldig e-postadresse')).toBeVisible();
      await expect(page.getByLabel('Navn som vises')).toHaveValue('Kari Nordmann');
      await expect(page.getByLabel('Jeg deltar som')).toHaveValue('volunteer');
      await expect(page.getByLabel('E-postadresse')).toHaveAttribute('aria-invalid', 'true');
      await checkThisPage();

      await page.getByLabel('E-postadresse').fill(email);
      await page.getByLabel('Passord', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Opprett konto' }).click();
      await expect(page.locator('h1')).toHaveText('Sjekk e-posten din');

      const link = await linkFromEmail(server, email, '/verify-email');
      await page.goto(link);
      await expect(page.locator('h1')).toHaveText('Bekreft e-postadressen');
      await checkThisPage();
      await page.getByRole('button', { name: 'Bekreft e-postadressen' }).click();
      await expect(page.locator('h1')).toHaveText('E-postadressen er bekreftet');

      // The link works once.
      await page.goto(link);
      await page.getByRole('button', { name: 'Bekreft e-postadressen' }).click();
      await expect(page.getByRole('alert')).toContainText('Lenken er ugyldig, utløpt eller allerede brukt');

      await page.getByRole('link', { name: 'Logg inn' }).click();
      await page.getByLabel('E-postadresse').fill(email);
      await page.getByLabel('Passord').fill(password);
      await page.getByRole('button', { name: 'Logg inn' }).click();
      await expect(page.locator('h1')).toHaveText('Min side');
      await expect(page.getByText('E-postadressen din er bekreftet.')).toBeVisible();
      await checkThisPage();

      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('h1')).toHaveText('My page');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
      await page.goto('/me');
      await expect(page).toHaveURL(/\/login\?return_to=%2Fme$/);
    });
  });
}
