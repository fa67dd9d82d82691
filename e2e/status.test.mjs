// Status periods on the person page in a real browser against `samplan demo`: the
// caseworker opens a person, records a period with an end before its start (refused,
// the form comes back filled in with the error named), records it properly, ends it,
// and records an outcome; axe-core and the layout check on every page; screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const submit = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);
const today = () => new Date().toLocaleDateString('sv-SE');

describe('status periods on the person page', () => {
  test('a caseworker adds and ends a period and records an outcome', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'sagsbehandler');
    await page.goto('/personer?q=haddad');
    await submit(page, page.locator('main table tbody tr td:first-child a').first());
    const personPath = new URL(page.url()).pathname;
    assert.match(personPath, /^\/personer\/\d+$/);
    assert.equal(await text(page.locator('#status')), 'Status og forløb');
    await checkPage(page, 'person page with status section');

    // Days are shown as Danes write them (31.12.2027); forms take ISO.
    const shownToday = today().split('-').reverse().join('.');

    // A kind with no ongoing period, so a period from today overlaps nothing.
    const table = page.locator('#status-forloeb');
    const ongoing = (await table.count()) === 0 ? [] : await table.locator('tbody tr').filter({ hasText: 'igangværende' }).locator('td:first-child').allInnerTexts();
    const options = await page.locator('#status-kind option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
    const kind = options.find((o) => o.value && !ongoing.includes(o.label));
    assert.ok(kind, `a kind without an ongoing period (ongoing: ${ongoing})`);

    // End before start: refused, filled in, the field named.
    await page.locator('#status-kind').selectOption(kind.value);
    await page.getByLabel('Fra (DD.MM.ÅÅÅÅ)').fill(today());
    await page.getByLabel('Til (tom hvis igangværende)').fill('2020-01-01');
    await submit(page, page.getByRole('button', { name: 'Registrér forløb', exact: true }));
    assert.match(await text(page.locator('.alert-error')), /Til: slutdatoen 01\.01\.2020 ligger før startdatoen/);
    assert.equal(await page.getByLabel('Til (DD.MM.ÅÅÅÅ; tom hvis igangværende)').inputValue(), '2020-01-01');
    assert.equal(await page.locator('#kind').inputValue(), kind.value);
    await checkPage(page, 'refused period form');
    await screenshot(page, 'status-01-refused');

    // Corrected: no end, so it is ongoing.
    await page.getByLabel('Til (DD.MM.ÅÅÅÅ; tom hvis igangværende)').fill('');
    await submit(page, page.getByRole('button', { name: 'Registrér forløb', exact: true }));
    assert.equal(new URL(page.url()).pathname, personPath);
    const row = page.locator('#status-forloeb tbody tr').filter({ hasText: kind.label }).filter({ hasText: 'igangværende' });
    assert.equal(await row.count(), 1, `the new ${kind.label} period is listed as ongoing`);
    assert.equal(await text(row.locator('td').nth(1)), shownToday, 'the first day in Danish form');
    await checkPage(page, 'person page with an ongoing period');
    await screenshot(page, 'status-02-ongoing');

    // End it today.
    await row.getByLabel('Sidste dag (DD.MM.ÅÅÅÅ)').fill(today());
    await submit(page, row.getByRole('button', { name: /^Afslut/ }));
    const ended = page.locator('#status-forloeb tbody tr').filter({ hasText: kind.label }).filter({ has: page.locator('td:nth-child(2)', { hasText: shownToday }) });
    assert.equal(await text(ended.locator('td').nth(2)), shownToday, 'the period ends today');

    // An outcome.
    await page.locator('#outcome-kind').selectOption('du_module_passed');
    await page.getByLabel('Note til resultatet').fill('Modul 2');
    await submit(page, page.getByRole('button', { name: 'Registrér resultat', exact: true }));
    assert.match(await text(page.locator('main')), new RegExp(`${shownToday.replaceAll('.', '\\.')}: Modul på danskuddannelse bestået – Modul 2`));
    await checkPage(page, 'person page after ending a period');
    await page.locator('#status').scrollIntoViewIfNeeded();
    await screenshot(page, 'status-03-ended');

    // The correction page.
    await submit(page, ended.getByRole('link', { name: 'Ret eller slet' }));
    assert.match(await text(page.locator('h1')), /Ret eller slet forløb/);
    await checkPage(page, 'correct or delete a period');
    await screenshot(page, 'status-04-correct');
  });
});
