// Civil society in a real browser against `samplan demo`: a caseworker refers a child to
// the association of the demo volunteer coordinator `frivillig`, choosing to share age
// beyond the minimum (first refused for an organisation the consent does not name); the
// association's user then sees exactly name, contact and age — and person pages do not
// exist for them. The association edits its offer (an error keeps what was typed; an
// unchanged save changes nothing); the consent form names organisations with their own
// scopes. axe-core and the layout check on every page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const submit = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);

describe('referral from caseworker to association', () => {
  test('the association sees exactly the shared fields', async () => {
    // Which association does `frivillig` belong to?
    const volunteer = await newPage(demo.browser, demo.server.baseURL);
    await login(volunteer, 'frivillig');
    await volunteer.goto('/civilsamfund');
    assert.match(new URL(volunteer.url()).pathname, /^\/civilsamfund\/organisationer\/\d+$/);
    const club = await text(volunteer.locator('h1'));
    await checkPage(volunteer, 'the association\'s own page');

    // The caseworker finds a referred child and refers them to that association.
    const caseworker = await newPage(demo.browser, demo.server.baseURL);
    await login(caseworker, 'sagsbehandler');
    await caseworker.goto('/civilsamfund');
    await checkPage(caseworker, 'civil society registry');
    await screenshot(caseworker, 'civil-01-registry');
    await caseworker.goto('/civilsamfund/henvisninger');
    await submit(caseworker, caseworker.locator('#henvisninger-tabel tbody a').first());
    await submit(caseworker, caseworker.getByRole('link', { name: 'Personens side under civilsamfund' }));
    assert.match(new URL(caseworker.url()).pathname, /^\/civilsamfund\/personer\/\d+$/);
    await checkPage(caseworker, 'person page under civil society');
    await screenshot(caseworker, 'civil-02-person');
    // The consent names organisations one by one: a referral to one it does not name
    // is refused at the consent field, with what was typed kept.
    const consentLabel = await caseworker.locator('#consent_id option:checked').innerText();
    assert.match(consentLabel, new RegExp(club.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the demo consent names the club');
    const names = await caseworker.locator('#organisation_id option').allInnerTexts();
    const unnamed = names.find((n) => n !== 'Vælg' && !consentLabel.includes(n));
    await caseworker.locator('#organisation_id').selectOption({ label: unnamed });
    await caseworker.getByLabel('Kontaktoplysninger til organisationen').fill('tlf. 11 22 33 44');
    await submit(caseworker, caseworker.getByRole('button', { name: 'Send henvisning' }));
    assert.match(await text(caseworker.locator('main')), /samtykket nævner ikke/);
    assert.equal(await caseworker.getByLabel('Kontaktoplysninger til organisationen').inputValue(), 'tlf. 11 22 33 44');
    await checkPage(caseworker, 'a referral refused: the consent does not name the organisation');
    await caseworker.locator('#organisation_id').selectOption({ label: club });
    await caseworker.getByLabel('Alder').check();
    await caseworker.locator('#note').fill('Må ikke ses af foreningen');
    await submit(caseworker, caseworker.getByRole('button', { name: 'Send henvisning' }));
    const path = new URL(caseworker.url()).pathname;
    assert.match(path, /^\/civilsamfund\/henvisninger\/\d+$/);
    await checkPage(caseworker, 'the new referral, as the caseworker sees it');

    // The association's user sees exactly name, contact and age.
    await volunteer.goto(path);
    await checkPage(volunteer, 'the referral, as the association sees it');
    await screenshot(volunteer, 'civil-03-association-view');
    const shown = await volunteer.locator('#delte-oplysninger dt').allInnerTexts();
    assert.deepEqual(shown, ['Navn', 'Kontaktoplysninger', 'Alder']);
    const body = await text(volunteer.locator('main'));
    assert.match(body, /tlf\. 11 22 33 44/);
    assert.doesNotMatch(body, /Må ikke ses af foreningen/);
    assert.equal(await volunteer.locator('a[href^="/personer"]').count(), 0);

    // Person records and search do not exist for them.
    const response = await volunteer.goto('/personer');
    assert.equal(response.status(), 404);
  });

  test('the association edits its offer; the consent form names organisations', async () => {
    const volunteer = await newPage(demo.browser, demo.server.baseURL);
    await login(volunteer, 'frivillig');
    await volunteer.goto('/civilsamfund');
    await submit(volunteer, volunteer.locator('#tilbud ~ .app-table-wrap tbody a').first());
    assert.match(new URL(volunteer.url()).pathname, /^\/civilsamfund\/tilbud\/\d+$/);
    const title = await volunteer.getByLabel('Titel').inputValue();
    await volunteer.getByLabel('Titel').fill('');
    await volunteer.getByLabel('Pladser').fill('30');
    await submit(volunteer, volunteer.getByRole('button', { name: 'Gem tilbuddet' }));
    assert.match(await text(volunteer.locator('.alert-error')), /Titel/);
    assert.equal(await volunteer.getByLabel('Pladser').inputValue(), '30', 'what was typed is kept');
    await checkPage(volunteer, 'offer form with an error');
    await screenshot(volunteer, 'civil-04-offer-error');
    await volunteer.getByLabel('Titel').fill(title);
    await submit(volunteer, volunteer.getByRole('button', { name: 'Gem tilbuddet' }));
    assert.match(await text(volunteer.locator('main')), /Tilbuddet er gemt/);
    await submit(volunteer, volunteer.getByRole('button', { name: 'Gem tilbuddet' }));
    assert.match(await text(volunteer.locator('main')), /ingen ændringer/);

    const caseworker = await newPage(demo.browser, demo.server.baseURL);
    await login(caseworker, 'sagsbehandler');
    await caseworker.goto('/civilsamfund/henvisninger');
    await submit(caseworker, caseworker.locator('#henvisninger-tabel tbody a').first());
    await submit(caseworker, caseworker.getByRole('link', { name: 'Personens side under civilsamfund' }));
    const person = new URL(caseworker.url()).pathname.split('/').pop();
    await caseworker.goto(`/personer/${person}/samtykke`);
    assert.match(await text(caseworker.locator('main table')), /\(navn, kontakt, alder, sprog og interesser\)/);
    await caseworker.locator('#organisation_1').selectOption({ index: 1 });
    await caseworker.locator('#organisation_1_address').check();
    await caseworker.getByLabel('Formål').fill('Lektiehjælp');
    await caseworker.getByLabel('Givet den').fill('');
    await submit(caseworker, caseworker.getByRole('button', { name: 'Gem samtykke' }));
    assert.match(await text(caseworker.locator('.alert-error')), /Givet den/);
    assert.ok(await caseworker.locator('#organisation_1_address').isChecked(), 'the scope ticked is kept');
    assert.equal(await caseworker.getByLabel('Formål').inputValue(), 'Lektiehjælp');
    await checkPage(caseworker, 'consent form with organisations');
    await screenshot(caseworker, 'civil-05-consent-form');
  });
});
