import { test, expect } from '../support/fixtures';
import { press } from '../support/keyboard';

// Staff download the ideas they choose as CSV, without JavaScript, on a
// phone, by keyboard: the implemented ideas of the demo data set. Which
// ideas each choice lets through, and who may download, the integration
// tests check (server/tests/integration/idea_export.rs).

test.use({ viewport: { width: 320, height: 720 }, javaScriptEnabled: false, signedInAs: 'admin' });

test('staff download the implemented ideas as CSV', async ({ page }) => {
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Last ned idéer' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/export$/);
  await page.getByLabel('Status').selectOption({ label: 'Tatt i bruk' });
  const download = page.waitForEvent('download');
  await press(page, 'Last ned CSV');
  const file = await download;
  expect(file.suggestedFilename()).toBe('samskap-ideas.csv');
  const text = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(text).toString('utf-8').trim().split('\r\n');
  expect(lines[0]).toBe('id,title,status,focus_area,district,sender,published_on,supports,comments,challenge_id,departments,goals,address');
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toContain('"implemented"');
});
