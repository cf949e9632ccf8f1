import { test, expect } from '../support/fixtures';
import { press } from '../support/keyboard';
import { asVisitor } from '../support/visitor';

// "Hva er gevinsten?", the whole way, on a phone without JavaScript and
// with the keyboard for every button: staff write a benefit plan for an
// idea in review, rank the board by expected benefit, select the idea,
// put it to use, record three measurements, close it as benefits
// realised and publish what they learned; a signed-out visitor reads it
// on /impact. What each rule refuses, and every number, the integration
// tests check (server/tests/integration/gains*.rs).

// Demo ideas in review that no other journey moves: one for each try.
const ideas = [24, 5];
const phone = { width: 320, height: 720 };

function daysAgo(days: number): string {
  const date = new Date(Date.now() - days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

test.use({ javaScriptEnabled: false, viewport: phone, signedInAs: 'admin' });

test('staff plan, select, measure and close an idea as benefits realised; everyone reads it on /impact', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const id = ideas[testInfo.retry];
  const kpi = `Ledige lesesalplasser etter kl. 22 (${testInfo.retry})`;

  // The plan: estimates, and a public KPI with its baseline and target.
  await page.goto(`/ideas/${id}/benefits`);
  const figures = page.locator('#figures');
  await figures.getByLabel('Anslått kostnad (kroner)').fill('150 000');
  await figures.getByLabel('Forventet årlig gevinst (kroner)').fill('300 000');
  await press(page, 'Lagre anslag', figures);
  await expect(page.getByRole('status')).toContainText('Endringene er lagret');
  await expect(page.locator('#figures')).toContainText('Forventet årlig gevinst per krone: 2');

  const add = page.locator('#kpi-add');
  await add.getByLabel('Indikator', { exact: true }).fill(kpi);
  await add.getByLabel('Type gevinst').selectOption('quality_for_residents');
  await add.getByLabel('Enhet', { exact: true }).fill('plasser');
  await add.getByLabel('Utgangsverdi').fill('0');
  await add.getByLabel('Mål', { exact: true }).fill('40');
  await add.getByLabel('Måldato').fill('2027-06-30');
  await add.getByLabel('Målemetode').fill('Telling fra adgangskortsystemet hver kveld.');
  await add.getByLabel(/Offentlig: vis indikatoren/).check();
  await press(page, 'Legg til indikator', add);
  await expect(page.locator('#kpis')).toContainText(kpi);

  // The board ranks by expected benefit per krone, and says it on the card.
  await page.goto('/admin/pipeline');
  await page.getByLabel('Rekkefølge').selectOption('benefit');
  await press(page, 'Vis');
  await expect(page).toHaveURL(/rank=benefit/);
  await expect(page.locator(`#card-${id}`)).toContainText('Gevinst per krone 2');

  // Selected, then put to use, from the idea's page.
  for (const status of ['Valgt ut', 'Tatt i bruk']) {
    await page.goto(`/ideas/${id}`);
    const move = page.locator('section.author-tools', { has: page.getByRole('heading', { name: 'Flytt idéen' }) });
    await move.getByRole('radio', { name: new RegExp(`^ ?${status}`) }).check();
    await press(page, 'Flytt', move);
    await expect(page.locator('#timeline')).toContainText(status);
  }

  // Three measurements; the third reaches the target.
  await page.goto(`/ideas/${id}/benefits`);
  for (const [value, days] of [['12', 60], ['25', 30], ['41', 2]] as const) {
    const record = page.locator('.gains__kpi', { hasText: kpi }).locator('details.gains__record');
    await record.locator('summary').focus();
    await page.keyboard.press('Enter');
    await record.getByLabel(/^Verdi/).fill(value);
    await record.getByLabel('Målt dato').fill(daysAgo(days));
    await record.getByLabel('Kilde').fill('Adgangskortsystemet');
    await press(page, 'Lagre målingen', record);
    await expect(page.locator('.gains__kpi', { hasText: kpi }).locator('table').first()).toContainText(value);
  }
  await expect(page.locator('.gains__kpi', { hasText: kpi })).toContainText('Målet er nådd');

  // Closed as benefits realised: the target was reached, so no reason is needed.
  await page.goto(`/ideas/${id}`);
  const move = page.locator('section.author-tools', { has: page.getByRole('heading', { name: 'Flytt idéen' }) });
  await move.getByRole('radio', { name: /^ ?Gevinst realisert/ }).check();
  await press(page, 'Flytt', move);
  await expect(page.locator('#timeline')).toContainText('Gevinst realisert');

  // What was learned, published.
  const lesson = page.locator('#lesson');
  await lesson.getByLabel('Hva vi lærte').fill(`Studentene brukte plassene fra første kveld (${testInfo.retry}).`);
  await lesson.getByLabel(/Offentlig: vis læringen/).check();
  await press(page, 'Lagre læringen', lesson);
  await expect(page.locator('#lesson-public')).toContainText('Studentene brukte plassene');

  // A signed-out visitor reads the story and the lesson on /impact.
  await asVisitor(browser, false, async (visitor) => {
    await visitor.goto('/impact');
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Hva ble det til?');
    await expect(visitor.locator('body')).toContainText(kpi);
    await expect(visitor.locator('body')).toContainText('Studentene brukte plassene');
    await expect(visitor.locator('body')).not.toContainText('150 000');
  });
});
