// Housing placement in a real browser against `samplan demo`: the housing officer
// opens the placement page, makes a proposal, approves one household, looks at the
// units and areas (with the CSV file upload), the waiting households and the quota
// map; axe-core and the layout check on every page; screenshots of each.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const submit = (page, name) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).first().click()]);

describe('housing placement', () => {
  test('the housing officer makes a proposal, approves a household and sees the spread', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'bolig');
    await page.goto('/bolig');
    assert.match(await text(page.locator('main')), /husstande venter på en permanent bolig/);
    await submit(page, 'Lav forslag');
    const main = await text(page.locator('main'));
    assert.match(main, /Valgt: afstand/, 'the proposal explains each choice');
    assert.equal(await page.locator('svg[role="img"] title#spread-title').count(), 1, 'the spread chart is there');
    const approvals = page.getByRole('button', { name: 'Godkend', exact: true });
    const before = await approvals.count();
    assert.ok(before > 0, 'some households are proposed a unit');
    await submit(page, 'Godkend');
    assert.equal(await page.getByRole('button', { name: 'Godkend', exact: true }).count(), before - 1, 'one household fewer to approve');
    await checkPage(page, 'placement page after a proposal');
    await screenshot(page, 'housing-01-proposal');
  });

  test('units and areas: tables with delete buttons, the upload form, and a refused upload', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'bolig');
    await page.goto('/bolig/boliger');
    assert.match(await text(page.locator('main h1')), /Boliger og områder/);
    assert.ok(await page.getByRole('button', { name: /^Slet bolig / }).count() > 0);
    await checkPage(page, 'units and areas');
    await screenshot(page, 'housing-02-units');
    // A file with a bad row: the error names file, line and column; nothing is stored.
    await page.getByLabel('units.csv', { exact: true }).setInputFiles({
      name: 'units.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('unit_id,area_id,rooms,rent,accessible,tenure,lat,lon\nX1,4300,tre,6000,0,permanent,55.7,11.7\n'),
    });
    await submit(page, 'Upload og importér');
    assert.match(await text(page.locator('main')), /units\.csv:2:3/);
    await checkPage(page, 'units and areas with an upload error');
  });

  test('the waiting households and the quota map', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'bolig');
    await page.goto('/bolig/husstande');
    assert.match(await text(page.locator('main')), /Venter på bolig siden|Midlertidig bolig siden/);
    await checkPage(page, 'waiting households');
    await screenshot(page, 'housing-03-households');
    await page.goto('/bolig/kvoter');
    await checkPage(page, 'quota form');
    const population = readFileSync(new URL('../docs/examples/placement/population_example.csv', import.meta.url), 'utf8');
    await page.getByLabel('Landstal (personer)').fill('1000');
    await page.getByLabel(/^P\.csv/).fill(population);
    await submit(page, 'Beregn kvoter');
    assert.equal(await page.locator('.app-map-wrap svg title#map-title').count(), 1, 'the map is drawn');
    assert.match(await text(page.locator('main')), /Kommunekvoter/);
    await checkPage(page, 'quotas with the map');
    await screenshot(page, 'housing-04-quotas');
  });
});
