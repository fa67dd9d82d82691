// Civil society in a real browser against `samplan demo`: a caseworker refers a child to
// the association of the demo volunteer coordinator `frivillig`, choosing to share age
// beyond the minimum; the association's user then sees exactly name, contact and age —
// and person pages do not exist for them. axe-core and the layout check on every page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, launchBrowser, login, newPage, screenshot, text } from './lib/browser.js';
import { startDemoServer } from './lib/server.js';

let server;
let browser;

before(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const submit = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);

describe('referral from caseworker to association', () => {
  test('the association sees exactly the shared fields', async () => {
    // Which association does `frivillig` belong to?
    const volunteer = await newPage(browser, server.baseURL);
    await login(volunteer, 'frivillig');
    await volunteer.goto('/civilsamfund');
    assert.match(new URL(volunteer.url()).pathname, /^\/civilsamfund\/organisationer\/\d+$/);
    const club = await text(volunteer.locator('h1'));
    await checkPage(volunteer, 'the association\'s own page');

    // The caseworker finds a referred child and refers them to that association.
    const caseworker = await newPage(browser, server.baseURL);
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
    await caseworker.locator('#organisation_id').selectOption({ label: club });
    await caseworker.getByLabel('Alder').check();
    await caseworker.getByLabel('Kontaktoplysninger til organisationen').fill('tlf. 11 22 33 44');
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
});
