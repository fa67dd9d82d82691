// Local goals and partnerships in a real browser against `samplan demo`: the manager
// sees the goals with their charts, sets a goal (a bad value first, named in Danish),
// opens the partnership comparison with suppressed cells and expected versus actual;
// the national secretariat sees its page and all municipalities; axe-core and the
// layout check on every page; screenshots of each.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const submit = (page, name) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);

describe('local goals and partnerships', () => {
  test('a manager sets a goal and compares with the partnership', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'leder');
    await page.getByRole('link', { name: 'Lokale mål', exact: true }).first().click();
    await page.waitForURL('**/maal');
    const main = await text(page.locator('main'));
    assert.match(main, /Lokale mål og indikatorer/);
    assert.ok(await page.locator('main svg').count() >= 3, 'the demo goals have charts');
    await checkPage(page, 'local goals');
    await screenshot(page, 'goals-01-overview');

    await page.getByLabel('Indikator', { exact: true }).selectOption('volunteering');
    await page.getByLabel('Udgangspunkt (i indikatorens enhed, fx procent)').fill('15');
    await page.getByLabel('Mål', { exact: true }).fill('10');
    await page.getByLabel('Måldato (DD.MM.ÅÅÅÅ)').fill('31.12.2027');
    await page.getByLabel('Begrundelse', { exact: true }).fill('Flere frivillige giver netværk.');
    await submit(page, 'Gem målet');
    assert.match(await text(page.locator('.alert-error')), /Mål: Målet skal være højere end udgangspunktet/);
    await checkPage(page, 'goal form with an error');
    await page.getByLabel('Mål', { exact: true }).fill('20');
    await submit(page, 'Gem målet');
    assert.match(await text(page.locator('main')), /Målet er gemt/);
    assert.match(await text(page.locator('#mal-volunteering')), /20 inden 31\.12\.2027/);

    await page.goto('/maal/partnerskab');
    const comparison = await text(page.locator('main'));
    assert.match(comparison, /Partnerskab om flere i job og uddannelse/);
    assert.match(comparison, /København.*Holbæk.*Odense/s);
    assert.ok(await page.locator('td.app-hidden').count() > 0, 'some cells are suppressed');
    assert.match(comparison, /Forventet og faktisk/);
    await checkPage(page, 'partnership comparison');
    await screenshot(page, 'goals-02-comparison');
  });

  test('the national secretariat sees partnerships, notes and all municipalities', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'sekretariat');
    await page.goto('/sekretariat');
    const main = await text(page.locator('main'));
    assert.match(main, /Partnerskab om flere i job og uddannelse/);
    assert.match(main, /Erfaringsmøder/);
    await checkPage(page, 'secretariat');
    await screenshot(page, 'goals-03-secretariat');
    await page.goto('/maal/partnerskab?alle=1');
    assert.match(await text(page.locator('main')), /Alle kommuner/);
    await checkPage(page, 'all municipalities');
    await screenshot(page, 'goals-04-all');
  });
});
