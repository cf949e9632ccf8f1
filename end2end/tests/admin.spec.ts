import { test, expect } from '../support/fixtures';
import { checkPageEverywhere } from '../support/checks';
import { pageRoutes } from '../support/server';

// Signed in once, in the global setup (the sign-in form has its own tests).
test.use({ signedInAs: 'admin' });

// The pages behind sign-in, as the admin sees them, each checked like every
// page (every-page.spec.ts): axe and reflow in every language and at both
// widths, with and without JavaScript where islands change the page. That
// each answers 200 in every language with one h1, and that the idea under
// review carries the staff's panel, server/tests/integration/page_basics.rs
// checks. Every back-office page of the route table, then: the fifth idea of
// the demo data set, under review, with the staff's panel; the benefit plan
// of the tenth, implemented, with months of measurements; staff's form to
// correct the first challenge, open for ideas since weeks (its first day
// stays); the forms that add a method guide and edit the demo data set's
// interview guide; the forms that start a solution card, from scratch and
// from the tenth idea, and edit the first card; the admin's own pages.
const pages = [
  ...pageRoutes().filter((route) => route.startsWith('/admin')),
  '/ideas/5',
  '/ideas/10/benefits',
  '/challenges/1/edit',
  '/guides/new',
  '/guides/intervjuguide/edit',
  '/solutions/new',
  '/solutions/new?idea=10',
  '/solutions/1/edit',
  '/me',
  '/me/delete',
];

test('the back office is in the route table', () => {
  expect(pages).toEqual(expect.arrayContaining(['/admin', '/admin/users', '/admin/pipeline', '/admin/audit']));
});

for (const path of pages) {
  test(`${path} as the admin`, async ({ browser, baseURL, server }) => {
    await checkPageEverywhere(browser, baseURL!, path, server.adminState);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 320, height: 720 } });

  test('an admin names the municipality, and a too light colour is refused next to its field', async ({ page }) => {
    await page.goto('/admin/settings');
    await page.getByLabel('Navn', { exact: true }).fill('Bærum kommune');
    await page.getByLabel('Bydeler og områder').fill('Bekkestua\nSandvika');
    await page.getByLabel('Profilfarge').fill('#ffd15c');
    await page.getByRole('button', { name: 'Lagre innstillingene' }).click();
    await expect(page.getByText('Fargen er for lys til hvit tekst')).toBeVisible();
    await expect(page.getByLabel('Navn', { exact: true })).toHaveValue('Bærum kommune');

    await page.getByLabel('Profilfarge').fill('#005a8c');
    await page.getByRole('button', { name: 'Lagre innstillingene' }).click();
    await expect(page.getByRole('status')).toContainText('Endringene er lagret');
    await expect(page.getByText('Idéer og samskaping i Bærum kommune')).toBeVisible();
  });
});

test.describe('the audit log, without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 320, height: 720 } });

  test('a settings change shows in the audit log with what changed, and downloads as CSV', async ({ page }) => {
    await page.goto('/admin/settings');
    const threshold = page.getByLabel('Støtter som trengs før en idé går videre');
    const before = await threshold.inputValue();
    const after = String(Number(before) === 49 ? 48 : 49);
    await threshold.fill(after);
    await page.getByRole('button', { name: 'Lagre innstillingene' }).click();
    await expect(page.getByRole('status')).toBeVisible();

    await page.goto('/admin');
    await page.getByRole('link', { name: 'Revisjonslogg' }).click();
    await page.getByLabel('Handling').selectOption('settings_changed');
    await page.getByLabel('Utført av').fill('Kari Admin');
    await page.getByRole('button', { name: 'Vis', exact: true }).click();
    await expect(page).toHaveURL(/action=settings_changed/);
    await expect(page.getByRole('cell', { name: `support_threshold: ${before} → ${after}` })).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned som CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('samskap-audit.csv');
  });
});

test.describe('departments, without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 320, height: 720 } });

  test('an admin adds, renames and retires a department; a taken name is refused next to its field', async ({ page }) => {
    // A department of this test's own, so the journeys that choose demo departments are left alone.
    const suffix = Date.now().toString(36);
    const name = `Testavdeling ${suffix}`;
    const renamed = `Testvirksomhet ${suffix}`;
    const card = (heading: string) =>
      page.locator('li.department-card', { has: page.getByRole('heading', { name: heading, exact: true }) });

    await page.goto('/admin');
    await page.getByRole('link', { name: 'Virksomheter', exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/departments$/);
    await page.getByLabel('Navn på virksomheten').fill(name);
    await page.getByRole('button', { name: 'Legg til', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Endringene er lagret');

    // A name another department has, in another case, comes back with the message beside the field and the typed name kept.
    await card(name).getByLabel('Nytt navn').fill('vei og TRAFIKK');
    await card(name).getByRole('button', { name: 'Gi nytt navn' }).click();
    await expect(card(name).getByText('En annen virksomhet har allerede dette navnet')).toBeVisible();
    await expect(card(name).getByLabel('Nytt navn')).toHaveValue('vei og TRAFIKK');

    await card(name).getByLabel('Nytt navn').fill(renamed);
    await card(name).getByRole('button', { name: 'Gi nytt navn' }).click();
    await expect(page.getByRole('status')).toContainText('Endringene er lagret');
    await card(renamed).getByRole('button', { name: 'Avvikle' }).click();
    await expect(page.locator('section', { has: page.getByRole('heading', { name: 'Avviklet', exact: true }) })).toContainText(renamed);

    // No longer offered where a department is chosen.
    await page.goto('/challenges/new');
    await expect(page.getByLabel('Ansvarlig virksomhet').locator('option', { hasText: 'Vei og trafikk' })).toHaveCount(1);
    await expect(page.getByLabel('Ansvarlig virksomhet').locator('option', { hasText: renamed })).toHaveCount(0);

    // The audit log has the rename with both names.
    await page.goto('/admin/audit?action=department_renamed');
    await expect(page.getByRole('cell', { name: `${name} → ${renamed}` })).toBeVisible();
  });
});
