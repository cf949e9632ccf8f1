import { test, expect } from '@playwright/test';
import { checkAccessibility } from '../support/checks';
import { adminState } from '../support/global-setup';
import { asVisitor } from '../support/visitor';

const phone = { width: 320, height: 720 };

// Published demo ideas; each run moves its own.
const ideaFor = { withJs: 15, withoutJs: 16 };

for (const javaScriptEnabled of [true, false]) {
  const idea = javaScriptEnabled ? ideaFor.withJs : ideaFor.withoutJs;

  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled, viewport: phone, storageState: adminState });

    test('staff move an idea into review and decline it with a reason everyone reads', async ({ page, browser }) => {
      await page.goto(`/ideas/${idea}`);
      const form = page.locator('section', { has: page.getByRole('heading', { name: 'Flytt idéen' }) });
      await form.getByLabel('Under vurdering').check();
      await form.getByRole('button', { name: 'Flytt' }).click();
      await expect(page.locator('#timeline')).toContainText('Under vurdering');

      // Declining without a reason is refused next to the field.
      await form.getByRole('radio', { name: /Avslått/ }).check();
      await form.getByRole('button', { name: 'Flytt' }).click();
      await expect(form.getByText('Feltet må fylles ut.')).toBeVisible();
      await form.getByRole('radio', { name: /Avslått/ }).check();
      await form.getByLabel('Begrunnelse (ved avslag)').fill('Kommunen har ikke midler til dette i år.');
      await form.getByLabel('Offentlig svar (valgfritt)').fill('Takk for forslaget. Vi tar det opp igjen **neste år**.');
      await form.getByRole('button', { name: 'Flytt' }).click();
      await expect(page.locator('#timeline')).toContainText('Kommunen har ikke midler til dette i år.');
      await checkAccessibility(page, browser, javaScriptEnabled);

      // A visitor reads the same timeline.
      await asVisitor(browser, javaScriptEnabled, async (anonymous) => {
        await anonymous.goto(`/ideas/${idea}`);
        await expect(anonymous.locator('#timeline')).toContainText('Avslått');
        await expect(anonymous.locator('#timeline')).toContainText('Kommunen har ikke midler til dette i år.');
        await expect(anonymous.locator('#timeline')).toContainText('Svar fra kommunen');
        await expect(anonymous.locator('#timeline strong', { hasText: 'neste år' })).toBeVisible();
        await expect(anonymous.getByRole('heading', { name: 'Flytt idéen' })).toHaveCount(0);
      });
    });
  });
}
