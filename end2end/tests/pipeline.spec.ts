import { randomUUID } from 'node:crypto';
import { test, expect, type Browser, type BrowserContext, type Page } from '../support/fixtures';
import { checkAccessibility } from '../support/checks';
import { linkFromEmail } from '../support/mail';
import type { Server } from '../support/server';
import { asVisitor } from '../support/visitor';

const phone = { width: 320, height: 720 };
const password = 'sykkelsti langs fjorden';

// Published demo ideas no other test touches, one for each try, so a retry
// starts from a published idea again. (Posting new ones would run into the
// limit on ideas per person and hour that the other journeys share.)
const demoIdeas = { declineWithJs: [15, 17], declineWithoutJs: [16, 18], keyboard: [19, 20], respond: [21, 22] };

// Departments that own no demo idea in review, one for each run and try
// of the whole pipeline.
const coOwners = {
  withJs: ['Helse og omsorg', 'Eiendom'],
  withoutJs: ['Kultur, idrett og frivillighet', 'Vann og avløp'],
};

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled, viewport: phone, signedInAs: 'admin' });

    test('staff move an idea into review and decline it with a reason everyone reads', async ({ page, browser }, testInfo) => {
      // Two accessibility checks and a visitor's browser: more than the default budget on 2 cores.
      test.setTimeout(90_000);
      const idea = (javaScriptEnabled ? demoIdeas.declineWithJs : demoIdeas.declineWithoutJs)[testInfo.retry];
      await page.goto(`/ideas/${idea}`);
      const form = page.locator('section.author-tools', { has: page.getByRole('heading', { name: 'Flytt idéen' }) });
      await form.getByRole('radio', { name: /Under vurdering/ }).check();
      await form.getByLabel('Ansvarlig virksomhet', { exact: true }).selectOption({ label: 'Vei og trafikk' });
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

/** Posts a form to a server function as the browser context's person would. */
async function postForm(page: Page, path: string, form: Record<string, string>): Promise<string> {
  const { origin } = new URL(page.url());
  const response = await page.request.post(path, {
    form: { ...form, idempotency_key: randomUUID() },
    headers: { origin, accept: 'application/json' },
  });
  expect(response.ok(), `${path}: ${response.status()}`).toBeTruthy();
  return response.text();
}

/** A new person, confirmed by the emailed link and signed in, in their own browser. */
async function newPerson(browser: Browser, server: Server, javaScriptEnabled: boolean, email: string, name: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: phone,
    locale: 'nb-NO',
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await page.goto('/register');
  await postForm(page, '/api/accounts/register', {
    display_name: name,
    email,
    password,
    actor_type: 'resident',
    organisation: '',
  });
  const token = new URL(await linkFromEmail(server, email, '/verify-email')).searchParams.get('token') ?? '';
  await postForm(page, '/api/accounts/verify-email', { token });
  // Signed in over HTTP: the session cookie lands in this browser (the sign-in form has its own journeys).
  await postForm(page, '/api/accounts/sign-in', { email, password });
  await page.goto('/me');
  await expect(page.locator('h1')).toHaveText('Min side');
  await page.close();
  return context;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`the whole pipeline, ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled, viewport: phone, signedInAs: 'admin' });

    test('staff take an idea from triage to implemented with two departments, two evaluators and a public response', async ({ page, browser, server }, testInfo) => {
      test.setTimeout(180_000);
      const run = `${javaScriptEnabled ? 'js' : 'nojs'}.${Date.now()}`;
      // Each run's co-owner is its own, and so is each try's: the runs side
      // by side do not wait for each other's evaluator, and a retry does not
      // find the first try's idea waiting in its evaluator's count.
      const coOwner = (javaScriptEnabled ? coOwners.withJs : coOwners.withoutJs)[testInfo.retry];
      const title = `Benk ved bussholdeplassen ${run}`;

      // A resident posts the idea (the idea form has its own journeys).
      const author = await browser.newContext({ javaScriptEnabled, viewport: phone, locale: 'nb-NO', storageState: server.participantState });
      const authorPage = await author.newPage();
      await authorPage.goto('/ideas/new');
      const id = Number(
        await postForm(authorPage, '/api/ideas/save', {
          title,
          summary: 'En benk der mange eldre venter på bussen.',
          body: 'Det er langt å stå.',
          focus_area: 'co_creation',
          district: '',
          challenge_id: '',
          tags: 'benk',
          website: '',
        }),
      );
      await postForm(authorPage, '/api/ideas/publish', { idea_id: String(id) });

      // A second evaluator: an admin makes a new person staff in the co-owner department.
      const evaluatorEmail = `evaluator.${run}@example.no`;
      const evaluator = await newPerson(browser, server, javaScriptEnabled, evaluatorEmail, `Eva Evaluator ${run}`);
      await page.goto(`/admin/users?q=${encodeURIComponent(evaluatorEmail)}`);
      const access = page.locator('li.account-row', { hasText: evaluatorEmail });
      await access.getByLabel('Ansatt (saksbehandler)').check();
      await access.getByLabel(coOwner).check();
      await access.getByRole('button', { name: 'Lagre roller og virksomheter' }).click();
      await expect(page.locator('li.account-row', { hasText: evaluatorEmail }).getByLabel(coOwner)).toBeChecked();

      // Below the threshold, staff nominate it into triage.
      await page.goto(`/ideas/${id}`);
      await page.getByRole('button', { name: 'Nominer til triage' }).click();
      await expect(page.locator('#nomination')).toContainText('Idéen er nominert til triage.');

      // From triage on the board into review, owned by Vei og trafikk.
      await page.goto('/admin/pipeline');
      const triage = page.locator('section', { has: page.getByRole('heading', { name: /^Triage/ }) });
      const card = triage.locator(`#card-${id}`);
      await expect(card).toContainText('Nominert');
      await checkAccessibility(page, browser, javaScriptEnabled);
      await card.getByLabel('Ny status').selectOption('under_review');
      await card.getByRole('button', { name: 'Flytt' }).click();
      // Without an owner the move is refused on the card itself.
      const refused = page.locator(`#card-${id}`);
      await expect(refused.getByText('Feltet må fylles ut.')).toBeVisible();
      await refused.getByLabel('Ny status').selectOption('under_review');
      await refused.getByLabel('Ansvarlig virksomhet').selectOption({ label: 'Vei og trafikk' });
      await refused.getByRole('button', { name: 'Flytt' }).click();
      const review = page.locator('section', { has: page.getByRole('heading', { name: /^Under vurdering/ }) });
      await expect(review.locator(`#card-${id}`)).toContainText('Vei og trafikk');

      // A second department joins as co-owner; the admin scores and notes.
      await page.goto(`/ideas/${id}`);
      await page.locator('#owners').getByLabel('Legg til medansvarlig virksomhet').selectOption({ label: coOwner });
      await page.locator('#owners').getByRole('button', { name: 'Legg til' }).click();
      await expect(page.locator('#owners li')).toHaveCount(2);
      await expect(page.locator('#work-log')).toContainText(coOwner);
      const scorecard = page.locator('#evaluation');
      for (const [criterion, score] of [['Verdi for innbyggerne', '4'], ['Gjennomførbarhet', '4'], ['Kostnad', '3'], ['Strategisk treff', '5']]) {
        await scorecard.getByRole('group', { name: criterion }).getByLabel(score, { exact: true }).check();
      }
      await scorecard.getByLabel('Kommentar (valgfritt)').fill('Billig og nyttig.');
      await scorecard.getByRole('button', { name: 'Lagre vurdering' }).click();
      await expect(page.locator('#evaluation')).toContainText('Vurderinger: 1 · snitt 4,0 av 5');
      await page.locator('#notes').getByLabel('Nytt internt notat').fill('Sjekk med Ruter om plassen.');
      await page.locator('#notes').getByRole('button', { name: 'Lagre notat' }).click();
      await expect(page.locator('#notes')).toContainText('Sjekk med Ruter om plassen.');
      await checkAccessibility(page, browser, javaScriptEnabled);

      // The second evaluator sees the idea waiting for their score.
      const evaluatorPage = await evaluator.newPage();
      await evaluatorPage.goto('/admin/pipeline');
      await expect(evaluatorPage.getByText('Idéer som venter på din vurdering: 1.')).toBeVisible();
      await evaluatorPage.getByRole('link', { name: 'Vis dem' }).click();
      await expect(evaluatorPage.locator(`#card-${id}`)).toContainText('Venter på din vurdering');
      await evaluatorPage.goto(`/ideas/${id}`);
      const theirs = evaluatorPage.locator('#evaluation');
      // A missing score is refused next to its criterion.
      await theirs.getByRole('button', { name: 'Lagre vurdering' }).click();
      await expect(evaluatorPage.locator('#evaluation').getByText('Feltet må fylles ut.').first()).toBeVisible();
      for (const [criterion, score] of [['Verdi for innbyggerne', '2'], ['Gjennomførbarhet', '4'], ['Kostnad', '5'], ['Strategisk treff', '4']]) {
        await evaluatorPage.locator('#evaluation').getByRole('group', { name: criterion }).getByLabel(score, { exact: true }).check();
      }
      await evaluatorPage.locator('#evaluation').getByRole('button', { name: 'Lagre vurdering' }).click();
      await expect(evaluatorPage.locator('#evaluation')).toContainText('Vurderinger: 2 · snitt 3,9 av 5');
      await expect(evaluatorPage.locator('#evaluation')).toContainText('2–4');
      await evaluator.close();

      // Selecting needs a benefit plan with a KPI: staff write one.
      await page.goto(`/ideas/${id}/benefits`);
      const add = page.locator('#kpi-add');
      await add.getByLabel('Indikator', { exact: true }).fill('Benker i bruk hver dag');
      await add.getByLabel('Type gevinst').selectOption('quality_for_residents');
      await add.getByLabel('Enhet', { exact: true }).fill('benker');
      await add.getByLabel('Utgangsverdi').fill('0');
      await add.getByLabel('Mål', { exact: true }).fill('4');
      await add.getByLabel('Måldato').fill('2027-06-30');
      await add.getByLabel('Målemetode').fill('Telling på stedet hver måned.');
      await add.getByRole('button', { name: 'Legg til indikator' }).click();
      await expect(page.locator('#kpis')).toContainText('Benker i bruk hver dag');

      // Selected and piloted on the board, implemented with a public response.
      for (const [to, column] of [['selected', 'Valgt ut'], ['piloting', 'Prøves ut']]) {
        await page.goto('/admin/pipeline');
        await page.locator(`#card-${id}`).getByLabel('Ny status').selectOption(to);
        await page.locator(`#card-${id}`).getByRole('button', { name: 'Flytt' }).click();
        const next = page.locator('section', { has: page.getByRole('heading', { name: new RegExp(`^${column}`) }) });
        await expect(next.locator(`#card-${id}`)).toBeVisible();
      }
      await page.goto(`/ideas/${id}`);
      const move = page.locator('section.author-tools', { has: page.getByRole('heading', { name: 'Flytt idéen' }) });
      await move.getByRole('radio', { name: 'Tatt i bruk' }).check();
      await move.getByLabel('Offentlig svar (valgfritt)').fill('Benken står på plass. **Takk** for idéen!');
      await move.getByRole('button', { name: 'Flytt' }).click();
      await expect(page.locator('#timeline')).toContainText('Benken står på plass.');

      // The author was told of every step, and everyone reads the response.
      await authorPage.goto('/notifications');
      for (const status of ['Under vurdering', 'Valgt ut', 'Prøves ut', 'Tatt i bruk']) {
        await expect(authorPage.locator('main')).toContainText(`«${title}» har fått ny status: ${status}.`);
      }
      await checkAccessibility(authorPage, browser, javaScriptEnabled);
      await authorPage.goto(`/ideas/${id}`);
      await expect(authorPage.locator('#timeline strong', { hasText: 'Takk' })).toBeVisible();
      await expect(authorPage.getByText('Intern behandling')).toHaveCount(0);
      await expect(authorPage.getByText('Sjekk med Ruter om plassen.')).toHaveCount(0);
      await author.close();
    });
  });
}

test.describe('by keyboard alone', () => {
  test.use({ viewport: phone, signedInAs: 'admin' });

  test('staff move a card on the board and fill in a scorecard with the keyboard', async ({ page }, testInfo) => {
    const id = demoIdeas.keyboard[testInfo.retry];
    await page.goto(`/ideas/${id}`);
    await postForm(page, '/api/pipeline/nominate', { idea_id: String(id), nominated: 'true' });

    // On the board: from the card's title to its move form and its button.
    await page.goto(`/admin/pipeline#card-${id}`);
    const card = page.locator(`#card-${id}`);
    await page.keyboard.press('Tab');
    await expect(card.getByRole('link', { name: new RegExp(`^#${id} `) })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(card.getByLabel('Ny status')).toBeFocused();
    await expect(card.getByLabel('Ny status')).toHaveValue('under_review');
    await page.keyboard.press('Tab');
    const owner = card.getByLabel('Ansvarlig virksomhet');
    await expect(owner).toBeFocused();
    await page.keyboard.press('ArrowDown');
    const chosen = (await owner.locator('option:checked').textContent())?.trim() ?? '';
    expect(chosen).not.toBe('');
    await page.keyboard.press('Tab');
    await expect(card.getByRole('button', { name: 'Flytt' })).toBeFocused();
    await page.keyboard.press('Enter');
    const review = page.locator('section', { has: page.getByRole('heading', { name: /^Under vurdering/ }) });
    await expect(review.locator(`#card-${id}`)).toContainText(chosen);

    // On the idea page: each criterion is a radio group, chosen with the arrow keys.
    await page.goto(`/ideas/${id}#evaluation`);
    const scorecard = page.locator('#evaluation');
    for (const criterion of ['Verdi for innbyggerne', 'Gjennomførbarhet', 'Kostnad', 'Strategisk treff']) {
      await page.keyboard.press('Tab');
      const group = scorecard.getByRole('group', { name: criterion });
      await expect(group.getByLabel('1', { exact: true })).toBeFocused();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect(group.getByLabel('3', { exact: true })).toBeChecked();
    }
    await page.keyboard.press('Tab');
    await expect(scorecard.getByLabel('Kommentar (valgfritt)')).toBeFocused();
    await page.keyboard.type('Vurdert med tastaturet.');
    await page.keyboard.press('Tab');
    await expect(scorecard.getByRole('button', { name: 'Lagre vurdering' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#evaluation')).toContainText('Vurderinger: 1 · snitt 3,0 av 5');
    await expect(page.locator('#evaluation')).toContainText('Vurdert med tastaturet.');
  });
});

test.describe('an official response without a move', () => {
  test.use({ javaScriptEnabled: false, viewport: phone, signedInAs: 'admin' });

  test('staff respond without JavaScript and a follower reads it in their notifications', async ({ page, browser, server }, testInfo) => {
    test.setTimeout(90_000);
    const idea = demoIdeas.respond[testInfo.retry];
    const run = Date.now().toString(36);

    // A resident follows the idea.
    const follower = await browser.newContext({ javaScriptEnabled: false, viewport: phone, locale: 'nb-NO', storageState: server.participantState });
    const followerPage = await follower.newPage();
    await followerPage.goto(`/ideas/${idea}`);
    await postForm(followerPage, '/api/follows/set', { subject: 'idea', subject_id: String(idea), follow: 'true' });

    // An empty response is refused next to its field; then staff respond.
    await page.goto(`/ideas/${idea}`);
    await page.locator('#respond').getByRole('button', { name: 'Publiser svar' }).click();
    await expect(page.locator('#respond').getByText('Feltet må fylles ut.')).toBeVisible();
    await page.locator('#respond').getByLabel('Kommunens svar').fill(`Vi ser på dette i vår. **Takk** for idéen! (${run})`);
    await page.locator('#respond').getByRole('button', { name: 'Publiser svar' }).click();
    await expect(page.locator('#official-response')).toContainText(`(${run})`);
    await expect(page.locator('#official-response strong', { hasText: 'Takk' })).toBeVisible();
    await expect(page.locator('#timeline')).toContainText(`(${run})`);
    await checkAccessibility(page, browser, false);

    // The follower reads it in their notifications, without its formatting.
    await followerPage.goto('/notifications');
    await expect(followerPage.locator('main')).toContainText('Kommunen har svart på idéen');
    await expect(followerPage.locator('main')).toContainText(`Vi ser på dette i vår. Takk for idéen! (${run})`);
    await checkAccessibility(followerPage, browser, false);
    await follower.close();
  });
});
