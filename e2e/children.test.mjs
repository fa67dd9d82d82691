// Children and parents in a real browser against `samplan demo`: the daycare employee
// writes a concern note about a child on the children's list; the coordinator can neither
// open it nor see it in the list; børn og familie staff read it with its deadlines.
// axe-core and the layout check on every page; screenshots of each step.
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

const CONCERN = 'Barnet virker bange, når det bliver hentet (skrevet i browsertesten).';

describe('concern notes', () => {
  test('daycare writes a note, the coordinator cannot see it, børn og familie can', async () => {
    const daycare = await newPage(browser, server.baseURL);
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

    const coordinator = await newPage(browser, server.baseURL);
    await login(coordinator, 'koordinator');
    const refused = await coordinator.goto(note);
    assert.equal(refused.status(), 404);
    await coordinator.goto('/boern/underretninger');
    assert.doesNotMatch(await text(coordinator.locator('main')), /bange, når det bliver hentet/);
    await checkPage(coordinator, 'notes as coordinator');

    const bf = await newPage(browser, server.baseURL);
    await login(bf, 'boernfamilie');
    await bf.goto('/boern/underretninger?aabne=1');
    assert.match(await text(bf.locator('main')), /Underretning vurderet inden for 24 timer/);
    await checkPage(bf, 'open notes as børn og familie');
    await screenshot(bf, 'children-04-open-notes');
    await bf.goto(note);
    assert.match(await text(bf.locator('main')), /bange, når det bliver hentet/);
    assert.match(await text(bf.locator('main')), /skal bekræftes/);
    await checkPage(bf, 'note as børn og familie');
    await screenshot(bf, 'children-05-note');
  });
});
