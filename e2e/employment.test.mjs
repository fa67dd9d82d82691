// Employment and IGU in a real browser against `samplan demo`: the business consultant
// (Virksomhedsservice) makes a proposal with "Lav matchforslag", overriding a pair needs
// a reason, accepting a pair puts the opening into the person's family plan, and the
// family's week view shows it in the opening's time slots. The companies, openings,
// dialogue and person pages pass axe-core and the layout check; a bad CVR number is
// refused at its field with what was typed kept. Screenshots of each step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const submit = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);

describe('matching round', () => {
  test('the consultant makes a proposal, accepts a pair and sees it in the family week', async () => {
    const consultant = await newPage(demo.browser, demo.server.baseURL);
    await login(consultant, 'virksomhed');
    await consultant.goto('/beskaeftigelse');
    await checkPage(consultant, 'employment overview');
    await screenshot(consultant, 'employment-01-overview');

    await submit(consultant, consultant.getByRole('button', { name: 'Lav matchforslag' }));
    const rows = consultant.locator('#forslag-par tbody tr');
    const count = await rows.count();
    assert.ok(count >= 2, `the demo's round proposes at least two pairs, got ${count}`);
    assert.match(await text(consultant.locator('main')), /Seneste forslag \(nr\. \d+\) af virksomhed/);
    // No person twice in one proposal.
    const people = await consultant.locator('#forslag-par tbody tr td:first-child a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.equal(new Set(people).size, people.length, `no person is proposed for two openings: ${people.join(' ')}`);
    await checkPage(consultant, 'proposal');
    await screenshot(consultant, 'employment-02-proposal');

    // Overriding without a reason is refused next to the field; with one it is logged.
    const second = rows.nth(1);
    const secondId = await second.getAttribute('id');
    await second.locator('summary', { hasText: 'Tilsidesæt forslaget' }).click();
    await submit(consultant, second.getByRole('button', { name: /^Tilsidesæt/ }));
    assert.match(await text(consultant.locator(`#${secondId}`)), /skriv hvorfor forslaget tilsidesættes/);
    await checkPage(consultant, 'override without a reason');
    await consultant.locator(`#${secondId}`).getByLabel('Begrundelse for at tilsidesætte').fill('Personen starter på uddannelse');
    await submit(consultant, consultant.locator(`#${secondId}`).getByRole('button', { name: /^Tilsidesæt/ }));
    assert.match(await text(consultant.locator(`#${secondId}`)), /Tilsidesat af virksomhed: Personen starter på uddannelse/);

    // Accept the first pair.
    const first = rows.first();
    const firstId = await first.getAttribute('id');
    const person = await text(first.locator('td').nth(0));
    const opening = await text(first.locator('td').nth(1));
    const [title, company] = opening.split(' – ');
    await submit(consultant, first.getByRole('button', { name: /^Godkend/ }));
    const decided = consultant.locator(`#${firstId}`);
    assert.match(await text(decided), /Godkendt af virksomhed/);
    await checkPage(consultant, 'accepted pair');
    await screenshot(consultant, 'employment-03-accepted');

    // The family's week shows the new action in the opening's slots.
    await submit(consultant, decided.getByRole('link', { name: /^Se familiens uge/ }));
    assert.match(new URL(consultant.url()).pathname, /^\/familier\/\d+\/plan$/);
    const row = consultant.locator('table.app-week tbody tr', { has: consultant.locator('th', { hasText: person }) });
    assert.equal(await row.count(), 1, `${person} has a row in the week`);
    const slots = row.locator('.app-slot', { hasText: `${title} hos ${company}` });
    assert.ok(await slots.count() >= 1, `the week shows «${title} hos ${company}» for ${person}: ${await text(row)}`);
    // The plan lists the action under the person's employment goal, by the jobcentre.
    assert.match(await text(consultant.locator('main')), new RegExp(`${title.replace(/[()]/g, '.')} hos`));
    await checkPage(consultant, 'family week with the accepted opening');
    await screenshot(consultant, 'employment-04-family-week');

    // The person's employment page shows the placement and the work-duty hours.
    await consultant.goto('/beskaeftigelse');
    await submit(consultant, consultant.locator(`#${firstId}`).getByRole('link', { name: person, exact: true }));
    assert.match(await text(consultant.locator('h1')), new RegExp(person));
    assert.match(await text(consultant.locator('main')), /Arbejdspligt: timer pr\. uge/);
    await checkPage(consultant, 'person employment page');
    await screenshot(consultant, 'employment-05-person');
  });
});

describe('companies, openings and the dialogue', () => {
  test('the pages read well, and a bad CVR number is refused at its field', async () => {
    const consultant = await newPage(demo.browser, demo.server.baseURL);
    await login(consultant, 'virksomhed');
    await consultant.goto('/beskaeftigelse/virksomheder');
    assert.ok(await consultant.locator('main table tbody tr').count() >= 20, 'the demo has companies');
    await checkPage(consultant, 'companies');
    await screenshot(consultant, 'employment-06-companies');

    await consultant.getByLabel('CVR-nummer', { exact: true }).fill('12345678');
    await consultant.getByLabel('Navn', { exact: true }).fill('Testfirma ApS');
    await submit(consultant, consultant.getByRole('button', { name: 'Registrér virksomhed' }));
    assert.match(await text(consultant.locator('#ny-cvr-error')), /kontrolcifferet passer ikke/);
    assert.equal(await consultant.getByLabel('CVR-nummer', { exact: true }).inputValue(), '12345678', 'what was typed is kept');
    assert.equal(await consultant.getByLabel('Navn', { exact: true }).inputValue(), 'Testfirma ApS');
    // The summary names the field by its label and links to it.
    assert.equal(await text(consultant.locator('.alert-error a[href="#ny-cvr"]')), 'CVR-nummer');
    await checkPage(consultant, 'refused company');
    await screenshot(consultant, 'employment-07-company-error');

    await consultant.goto('/beskaeftigelse/virksomheder');
    await submit(consultant, consultant.locator('main table tbody tr a').first());
    await checkPage(consultant, 'company');
    await screenshot(consultant, 'employment-08-company');

    await consultant.goto('/beskaeftigelse/tilbud');
    const kinds = await text(consultant.locator('main table'));
    for (const kind of ['Virksomhedspraktik', 'Løntilskud', 'IGU', 'Ordinært job', 'Småjob']) {
      assert.match(kinds, new RegExp(kind), `the demo has openings of kind ${kind}`);
    }
    await checkPage(consultant, 'openings');
    await screenshot(consultant, 'employment-09-openings');
    await submit(consultant, consultant.locator('main table tbody tr a').first());
    await checkPage(consultant, 'opening with its matches');
    await screenshot(consultant, 'employment-10-opening');

    // Every IGU course in one list: the person linked, the rule's 23 weeks and 25 hours.
    await consultant.goto('/beskaeftigelse/igu');
    const courses = await text(consultant.locator('main table'));
    assert.match(courses, /\(reglen: 23\)/);
    assert.match(courses, /\(reglen: mindst 25\)/);
    assert.ok(await consultant.locator('main table tbody tr a[href^="/beskaeftigelse/personer/"]').count() >= 1, 'the demo has IGU courses linked to their persons');
    await checkPage(consultant, 'IGU courses');
    await screenshot(consultant, 'employment-11a-igu');

    await consultant.goto('/beskaeftigelse/dialog');
    assert.match(await text(consultant.locator('main')), /3F Holbæk/);
    await checkPage(consultant, 'dialogue');
    await screenshot(consultant, 'employment-11-dialogue');

    // Follow-ups of the dialogue and IGU school weeks show in Frister.
    await consultant.goto('/frister');
    assert.match(await text(consultant.locator('main')), /Opfølgning på virksomhedsdialog/);
    await checkPage(consultant, 'deadlines of the consultant');
    await screenshot(consultant, 'employment-12-deadlines');
  });
});
