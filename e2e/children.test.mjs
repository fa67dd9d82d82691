// Children and parents in a real browser against `samplan demo`: the daycare employee
// writes a concern note about a child on the children's list; the coordinator can neither
// open it nor see it in the list; børn og familie staff read it with its deadlines. A
// small child without a place makes the family's week conflict (the schedule's one
// daycare rule); recording the place on the child's page removes it. A parent meeting
// with an interpreter is added to the plan from the catalogue, and the child's goal
// recommends the knowledge base's methods for parents. axe-core and the layout check on
// every page; screenshots of each step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const CONCERN = 'Barnet virker bange, når det bliver hentet (skrevet i browsertesten).';

describe('concern notes', () => {
  test('daycare writes a note, the coordinator cannot see it, børn og familie can', async () => {
    const daycare = await newPage(demo.browser, demo.server.baseURL);
    await login(daycare, 'dagtilbud');
    await daycare.goto('/boern');
    await checkPage(daycare, 'children as daycare');
    await screenshot(daycare, 'children-01-list');
    const child = await daycare.locator('#boerneliste tbody tr a').first().getAttribute('href');
    await daycare.goto(child);
    await checkPage(daycare, 'child page as daycare');
    await screenshot(daycare, 'children-02-child');
    await daycare.getByRole('link', { name: 'Skriv en underretning om barnet' }).click();
    // A note without text is refused at its field.
    await daycare.getByRole('button', { name: 'Send underretningen til børn og familie' }).click();
    assert.match(await text(daycare.locator('#concern-error')), /skriv hvad du har set eller hørt/);
    await checkPage(daycare, 'refused note');
    await daycare.getByLabel('Din bekymring').fill(CONCERN);
    await daycare.getByRole('button', { name: 'Send underretningen til børn og familie' }).click();
    assert.match(await text(daycare.locator('main')), /Underretningen er sendt til børn og familie/);
    await checkPage(daycare, 'sent note');
    await screenshot(daycare, 'children-03-sent');
    const note = new URL(daycare.url()).pathname;

    const coordinator = await newPage(demo.browser, demo.server.baseURL);
    await login(coordinator, 'koordinator');
    const refused = await coordinator.goto(note);
    assert.equal(refused.status(), 404);
    await coordinator.goto('/boern/underretninger');
    assert.doesNotMatch(await text(coordinator.locator('main')), /bange, når det bliver hentet/);
    await checkPage(coordinator, 'notes as coordinator');

    const bf = await newPage(demo.browser, demo.server.baseURL);
    await login(bf, 'boernfamilie');
    await bf.goto('/boern/underretninger?aabne=1');
    assert.match(await text(bf.locator('main')), /Underretning vurderet inden for 24 timer/);
    await checkPage(bf, 'open notes as børn og familie');
    await screenshot(bf, 'children-04-open-notes');
    await bf.goto(note);
    assert.match(await text(bf.locator('main')), /bange, når det bliver hentet/);
    assert.match(await text(bf.locator('main')), /skal bekræftes/);
    // The 24 hours are counted in hours and minutes from the moment it was received.
    assert.match(await text(bf.locator('main')), /udløber om 2[34] t \d\d min/);
    await checkPage(bf, 'note as børn og familie');
    await screenshot(bf, 'children-05-note');
  });
});

const submit = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);

describe('daycare places and parent cooperation in the family plan', () => {
  test('a place removes the conflict; a parent meeting with an interpreter; methods for parents', async () => {
    const coordinator = await newPage(demo.browser, demo.server.baseURL);
    await login(coordinator, 'koordinator');
    // A family whose week has a small child without daycare while the adults are busy.
    await coordinator.goto('/koordinator');
    let conflict = null;
    for (let n = 0; n < 20 && !conflict; n++) {
      const rows = coordinator.locator('main table tbody tr', { hasText: 'har ingen pasning' });
      if (await rows.count()) {
        const row = rows.first();
        const message = await row.locator('li', { hasText: 'har ingen pasning' }).first().innerText();
        conflict = { plan: await row.locator('a').first().getAttribute('href'), name: message.split(' (under 6 år)')[0] };
        break;
      }
      const next = coordinator.getByRole('link', { name: 'Næste side' });
      if (!(await next.count())) break;
      await submit(coordinator, next.first());
    }
    assert.ok(conflict, 'the demo has a small child without daycare in a busy week');
    await coordinator.goto(conflict.plan);
    const noDaycare = coordinator.locator('li[data-conflict="no_daycare"]', { hasText: conflict.name });
    assert.ok(await noDaycare.count() >= 1, `${conflict.name} has no daycare`);
    await checkPage(coordinator, 'family plan with a daycare conflict');
    await screenshot(coordinator, 'children-06-plan-conflict');

    // The child gets a place: the "no place" period is corrected on the child's page.
    const consentLink = await coordinator.getByRole('link', { name: `Samtykker for ${conflict.name.split(' ')[0]}` }).first().getAttribute('href');
    const childId = consentLink.split('/')[2];
    await coordinator.goto(`/boern/barn/${childId}`);
    await checkPage(coordinator, 'child page');
    await submit(coordinator, coordinator.getByRole('link', { name: /^Ret Ingen plads/ }).first());
    const born = (await text(coordinator.locator('main'))).match(/Født (\d{2})\.(\d{2})\.(\d{4})/);
    const age = (Date.now() - Date.parse(`${born[3]}-${born[2]}-${born[1]}`)) / (365.25 * 24 * 3600 * 1000);
    await coordinator.locator('#kind').selectOption({ label: age >= 3 ? 'Børnehave' : 'Vuggestue' });
    await coordinator.getByLabel('Institution eller skole').fill('Børnehuset Regnbuen');
    await submit(coordinator, coordinator.getByRole('button', { name: 'Gem rettelsen' }));
    assert.doesNotMatch(await text(coordinator.locator('#dagtilbud ~ div table')), /Ingen plads/);
    await checkPage(coordinator, 'child page with a place');
    await screenshot(coordinator, 'children-07-child-with-place');
    await coordinator.goto(conflict.plan);
    assert.equal(await coordinator.locator('li[data-conflict="no_daycare"]', { hasText: conflict.name }).count(), 0, 'the place covers the week');

    // A school–home conversation or parent meeting with an interpreter, from the catalogue.
    await coordinator.goto(`${conflict.plan}/indsats`);
    await coordinator.locator('#catalogue_code').selectOption({ label: 'Forældremøde i dagtilbud eller skole' });
    const goals = await coordinator.locator('#goal_id option').allInnerTexts();
    const childGoal = goals.find((g) => g.startsWith(`${conflict.name.split(' ')[0]} trives i`));
    assert.ok(childGoal, `${conflict.name} has a goal in the plan`);
    await coordinator.locator('#goal_id').selectOption({ label: childGoal });
    await coordinator.locator('#interpreter_language').selectOption({ label: 'tigrinya' });
    await coordinator.getByLabel('Startdato').fill('');
    await coordinator.getByLabel('Begrundelse for ændringen').fill('Forældremøde med tolk');
    await submit(coordinator, coordinator.getByRole('button', { name: 'Gem indsats' }));
    assert.match(await text(coordinator.locator('.alert-error')), /Startdato/);
    assert.equal(await coordinator.locator('#interpreter_language').inputValue(), 'ti', 'the interpreter chosen is kept');
    await checkPage(coordinator, 'action form with an error');
    await screenshot(coordinator, 'children-08-action-form');
    await coordinator.getByLabel('Startdato').fill('2027-01-12');
    await submit(coordinator, coordinator.getByRole('button', { name: 'Gem indsats' }));
    const plan = await text(coordinator.locator('main'));
    assert.match(plan, /Forældremøde i dagtilbud eller skole/);
    assert.match(plan, /Tolk på tigrinya/);
    // The child's goal recommends methods for parents (parenting, negative social control).
    const aside = coordinator.locator(`aside[aria-label="Hvad virker: metoder til ${childGoal}"]`);
    assert.match(await text(aside), /Forældre: opdragelse, forældresamarbejde og negativ social kontrol/);
    await checkPage(coordinator, 'plan with a parent meeting and methods for parents');
    await screenshot(coordinator, 'children-09-plan-parent-meeting');
  });
});
