import { test, expect } from '../support/fixtures';
import { press } from '../support/keyboard';

// Solution cards ("stjæl og del"), on a phone without JavaScript, links and
// buttons pressed from the keyboard: staff turn an implemented idea into a
// card (the form starts from the idea), save the draft and publish it; a
// resident writing an idea like it is shown the card on the preview step
// and follows it. Versions, stale saves, search and who may do what are
// checked by server/tests/integration/solutions.rs.

const phone = { width: 320, height: 720 };

test.use({ viewport: phone, signedInAs: 'admin', javaScriptEnabled: false });

/** Follows a link from the keyboard. */
async function follow(page: import('@playwright/test').Page, name: string | RegExp): Promise<void> {
  await page.getByRole('link', { name, exact: typeof name === 'string' }).first().focus();
  await page.keyboard.press('Enter');
}

test('staff publish a card from an implemented idea, and a resident is shown it', async ({ page, browser, server }, testInfo) => {
  test.setTimeout(90_000);
  // The demo data set's implemented course for new leaders; a retry takes
  // its piloted rickshaw rides, since the first try may have made a card.
  const idea = testInfo.retry ? 9 : 33;
  const title = `Kurs i tjenestedesign for ledere ${testInfo.retry}`;

  await page.goto(`/ideas/${idea}`);
  await follow(page, 'Lag en løsning av ideen');
  await expect(page).toHaveURL(`/solutions/new?idea=${idea}`);
  await expect(page.getByText(/Skjemaet er fylt ut fra ideen/)).toBeVisible();
  await expect(page.getByLabel('Tittel')).not.toHaveValue('');
  await page.getByLabel('Tittel').fill(title);
  await page.getByLabel('Dette gjorde vi').fill('1. Hver leder tok med et ekte problem.\n2. Vi møttes fire ganger.');
  await page.getByLabel('Kostnad', { exact: true }).fill('80000');
  await page.getByLabel('Lisens').selectOption('cc_by_4');
  await press(page, 'Lagre utkastet');
  await expect(page).toHaveURL(/\/solutions\/\d+\?saved=1$/);
  await expect(page.getByRole('status')).toContainText('Løsningen er lagret');
  await expect(page.getByText('Dette er et utkast.')).toBeVisible();
  const address = new URL(page.url()).pathname;

  await press(page, 'Publiser løsningen');
  await expect(page).toHaveURL(`${address}?published=1`);
  await expect(page.getByRole('status')).toContainText('Løsningen er publisert');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('link', { name: 'CC BY 4.0' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Versjon 1' })).toBeVisible();

  // A resident starts an idea like it: the preview step shows the card.
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: phone,
    locale: 'nb-NO',
    storageState: server.participantState,
  });
  try {
    const resident = await context.newPage();
    await resident.goto('/ideas/new');
    await resident.getByLabel('Tittel').fill('Tjenestedesign for ledere i skolen');
    await resident.getByLabel('Kort oppsummering').fill('Rektorer bør lære tjenestedesign.');
    await resident.getByLabel('Beskrivelse').fill('Som lederne i kommunen har gjort.');
    await resident.getByLabel('Innsatsområde').selectOption('innovation_competence');
    await press(resident, 'Lagre utkast og se over');
    const suggestions = resident.getByRole('region', { name: 'Finnes løsningen allerede?' });
    await expect(suggestions).toBeVisible();
    await follow(resident, title);
    await expect(resident).toHaveURL(address);
    await expect(resident.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(resident.getByRole('link', { name: 'Rediger løsningen' })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
