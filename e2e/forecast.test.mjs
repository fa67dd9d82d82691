// The capacity forecast in a real browser against `samplan demo`: a manager opens
// /prognose from the navigation, sees the months of shortage the demo's capacity leads
// to, a chart with its band and capacity line per need, and the back-test beside the
// forecast; asks "what if" with a larger quota and sees the arrivals grow; downloads CSV
// and XLSX; enters capacity with a bad value (kept, with the reason at the field) and
// then a good one. A housing officer sees it, a caseworker neither sees nor opens it.
// axe-core and the layout check on every page; screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const submit = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);

/** The expected arrivals of the first month, from the persons chart's description. */
async function firstMonthPersons(page) {
  const desc = await page.locator('section', { has: page.getByRole('heading', { name: 'Personer, der ankommer', exact: true }) }).locator('svg desc').textContent();
  const m = desc.match(/Forventet ([\d,]+) i /);
  assert.ok(m, desc);
  return Number(m[1].replace(',', '.'));
}

describe('capacity forecast', () => {
  test('a manager reads the forecast, asks what if and downloads it', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'leder');
    await page.goto('/');
    await submit(page, page.getByRole('link', { name: 'Kapacitetsprognose', exact: true }));
    assert.equal(await text(page.locator('h1')), 'Kapacitetsprognose');
    assert.match(await text(page.locator('.alert-warning')), /Forventet mangel i \d+ måned/);
    assert.ok((await page.locator('main table').first().getByText('Mangel', { exact: true }).count()) > 0, 'shortage months marked in the overview');
    assert.ok((await page.locator('svg[role="img"]').count()) >= 16, 'a chart per series and the back-test');
    assert.ok((await page.locator('svg .kapacitet').count()) >= 10, 'capacity lines');
    assert.ok((await page.locator('svg .mangel').count()) > 0, 'shortage marks in the charts');
    assert.match(await page.locator('#tilbageblik ~ figure svg desc').first().textContent(), /Faktisk i alt \d+ mod forventet/);
    await checkPage(page, 'forecast');
    await screenshot(page, 'forecast-01-page');

    const before = await firstMonthPersons(page);
    const quota = await text(page.locator('#quota-hint'));
    const current = Number(quota.match(/Uden ændring: (\d+)/)[1]);
    await page.getByLabel('Kvote pr. år (personer)').fill(String(current * 3));
    await submit(page, page.getByRole('button', { name: 'Beregn prognosen' }));
    assert.equal(await page.getByLabel('Kvote pr. år (personer)').inputValue(), String(current * 3));
    const after = await firstMonthPersons(page);
    assert.ok(after > before, `what if: ${after} > ${before}`);
    await checkPage(page, 'forecast what if');

    await page.getByLabel('Antal måneder (1–24)').fill('30');
    await submit(page, page.getByRole('button', { name: 'Beregn prognosen' }));
    assert.match(await text(page.locator('#months-error')), /«30» – skriv et helt antal måneder fra 1 til 24/);
    await checkPage(page, 'forecast with an error');
    await page.goto('/prognose');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent som CSV' }).click()]);
    assert.match(csv.suggestedFilename(), /^prognose-0316-\d{4}-\d{2}\.csv$/);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent som regneark (XLSX)' }).click()]);
    assert.match(xlsx.suggestedFilename(), /^prognose-0316-\d{4}-\d{2}\.xlsx$/);
  });

  test('a manager enters capacity: a bad value is kept with its reason, a good one is saved', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'leder');
    await page.goto('/prognose');
    await submit(page, page.getByRole('link', { name: 'Indtast kvote og kapacitet' }));
    assert.equal(await text(page.locator('h1')), 'Kvote og kapacitet');
    await checkPage(page, 'capacity form');
    await screenshot(page, 'forecast-02-capacity');
    const cell = page.locator('table input').nth(2);
    const name = await cell.getAttribute('name');
    await cell.fill('mange');
    await submit(page, page.getByRole('button', { name: 'Gem kvote og kapacitet' }));
    assert.equal(await page.locator(`input[name="${name}"]`).inputValue(), 'mange');
    assert.match(await text(page.locator(`[id="${name}-error"]`)), /«mange» – skriv et helt antal pladser/);
    await checkPage(page, 'capacity form with an error');
    await screenshot(page, 'forecast-03-capacity-error');
    await page.locator(`input[name="${name}"]`).fill('7');
    await submit(page, page.getByRole('button', { name: 'Gem kvote og kapacitet' }));
    assert.match(await text(page.locator('.alert-success')), /1 ændring er gemt/);
    assert.equal(await page.locator(`input[name="${name}"]`).inputValue(), '7');
    await submit(page, page.getByRole('button', { name: 'Gem kvote og kapacitet' }));
    assert.match(await text(page.locator('.alert-success')), /Intet var ændret/);
  });

  test('a housing officer sees the forecast; a caseworker does not', async () => {
    const officer = await newPage(demo.browser, demo.server.baseURL);
    await login(officer, 'bolig');
    await officer.goto('/');
    assert.equal(await officer.getByRole('link', { name: 'Kapacitetsprognose', exact: true }).count(), 1);
    const caseworker = await newPage(demo.browser, demo.server.baseURL);
    await login(caseworker, 'sagsbehandler');
    await caseworker.goto('/');
    assert.equal(await caseworker.getByRole('link', { name: 'Kapacitetsprognose', exact: true }).count(), 0);
    const response = await caseworker.goto('/prognose');
    assert.equal(response.status(), 403);
  });
});
