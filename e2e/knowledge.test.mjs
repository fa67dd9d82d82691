// The knowledge base "hvad virker" in a real browser against `samplan demo`: a caseworker
// searches in Danish (a plural finds the singular, marked in the snippet), narrows by a
// facet and opens a method; another municipality's question reaches the author; the
// secretariat's review queue; a recommendation in a family plan. axe-core and the
// layout check on every page; screenshots of the search page and a method page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

describe('knowledge base', () => {
  test('search with stemming and facets, a method page, and a question to the author', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'sagsbehandler');
    await page.getByRole('link', { name: 'Hvad virker' }).first().click();
    await page.waitForURL('**/viden');
    assert.match(await text(page.locator('#results-heading')), /^\d+ metoder$/);
    await checkPage(page, 'knowledge search');

    await page.getByLabel('Søg', { exact: true }).fill('sprogkurser');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Søg', exact: true }).click()]);
    const first = page.locator('.app-hit').first();
    assert.match(await text(first), /Erhvervsrettet sprogkursus på virksomheden/);
    assert.equal(await first.locator('h3 mark').first().innerText(), 'sprogkursus', 'the singular is marked for the plural query');
    await checkPage(page, 'knowledge search result');
    await screenshot(page, 'knowledge-01-search');

    // A facet narrows the result and shows as chosen.
    await page.goto('/viden?q=kvinder');
    const facet = page.locator('.app-facet-list a', { hasText: 'Kvinder langt fra arbejdsmarkedet' });
    await Promise.all([page.waitForNavigation(), facet.click()]);
    assert.match(page.url(), /target_group=kvinder/);
    const hits = page.locator('.app-hit');
    assert.ok((await hits.count()) >= 2);
    for (const meta of await page.locator('.app-hit-meta').allInnerTexts()) assert.match(meta, /Kvinder langt fra arbejdsmarkedet/);
    assert.equal(await page.locator('.app-facet-active').count(), 1);

    // The method page: content, versions, comments; ask a question.
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /Netværksgrupper for kvinder/ }).click()]);
    assert.match(await text(page.locator('main')), /Herning Kommune/);
    assert.match(await text(page.locator('main')), /Hvordan fandt I rollemodellerne/);
    await page.getByLabel('Spørgsmål').check();
    await page.getByLabel('Tekst').fill('Hvor lang tid tog det fra første møde til praktik?');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send', exact: true }).click()]);
    assert.match(await text(page.locator('main')), /Hvor lang tid tog det fra første møde til praktik\?/);
    await checkPage(page, 'knowledge method');
    await screenshot(page, 'knowledge-02-method');

    // A method with two versions keeps the old one viewable.
    await page.goto('/viden?q=jobmatch');
    await Promise.all([page.waitForNavigation(), page.locator('.app-hit h3 a').first().click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Version 1' }).click()]);
    assert.match(await text(page.locator('main')), /Du ser en ældre version/);
    await checkPage(page, 'knowledge old version');
  });

  test('the manager sees the municipality\'s methods and questions; the secretariat its queue', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'leder');
    await page.goto('/viden/mine');
    assert.match(await text(page.locator('main table')), /Tolkebank med faste tolke.*Til gennemgang/s);
    assert.match(await text(page.locator('main table')), /Familiekurser om skolestart.*Kladde/s);
    await checkPage(page, 'knowledge mine');
    await page.getByRole('link', { name: 'Familiekurser om skolestart' }).click();
    await page.waitForURL(/\/viden\/\d+/);
    assert.ok(await page.getByRole('button', { name: 'Send til gennemgang' }).isVisible());
    await checkPage(page, 'knowledge draft');

    const secretariat = await newPage(demo.browser, demo.server.baseURL);
    await login(secretariat, 'sekretariat');
    await secretariat.goto('/viden/gennemgang');
    assert.match(await text(secretariat.locator('main table')), /Tolkebank med faste tolke/);
    await checkPage(secretariat, 'knowledge queue');
    await Promise.all([secretariat.waitForNavigation(), secretariat.getByRole('link', { name: 'Tolkebank med faste tolke til nyankomne familier' }).click()]);
    await Promise.all([secretariat.waitForNavigation(), secretariat.getByRole('button', { name: 'Gem afgørelse' }).click()]);
    assert.match(await text(secretariat.locator('.alert-error')), /vælg en afgørelse/);
    await checkPage(secretariat, 'knowledge review form with error');
  });

  test('a family plan recommends methods for its goals', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'koordinator');
    // Demo plans go to every fourth family; the first family has one.
    await page.goto('/familier');
    await Promise.all([page.waitForNavigation(), page.locator('main table tbody tr a').first().click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Helhedsplan og ugeplan' }).click()]);
    const recommendations = page.locator('.app-recommendations');
    assert.ok((await recommendations.count()) >= 1, 'at least one goal shows methods');
    assert.match(await text(recommendations.first()), /Hvad virker: metoder til dette mål/);
    await checkPage(page, 'plan with recommendations');
  });
});
