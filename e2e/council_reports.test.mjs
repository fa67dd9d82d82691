// The integration council and the reports in a real browser against `samplan demo`:
// a manager opens the quarterly council report (charts and suppressed tables) and
// downloads it as XLSX; the council overview, a meeting with minutes and a
// recommendation; the public council page without login shows members' names, no
// person data, and only the published meetings' recommendations. axe-core and the
// layout check on every page; screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const submit = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);

describe('reports and the integration council', () => {
  test('a manager opens the quarterly council report', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'leder');
    await page.goto('/');
    await submit(page, page.getByRole('link', { name: 'Rapporter', exact: true }));
    await checkPage(page, 'report catalogue');
    await screenshot(page, 'reports-01-catalogue');
    await submit(page, page.getByRole('link', { name: 'Kvartalsrapport til integrationsrådet' }));
    assert.equal(await text(page.locator('h1')), 'Kvartalsrapport til integrationsrådet');
    await page.getByLabel('Fra (DD.MM.ÅÅÅÅ)').fill('01.01.2026');
    await page.getByLabel('Til (DD.MM.ÅÅÅÅ)').fill('31.12.2026');
    await submit(page, page.getByRole('button', { name: 'Vis rapporten' }));
    assert.ok((await page.locator('svg[role="img"]').count()) >= 6, 'a chart per table');
    assert.ok((await page.locator('main table').count()) >= 6, 'a table per table');
    // The demo records programme periods: the programme table is not all zeros.
    const programme = page.locator('section', { has: page.getByRole('heading', { name: 'I programmet efter status og opholdsgrundlag' }) });
    const total = await text(programme.locator('tbody tr').last().locator('td').last());
    assert.ok(Number(total.replace(/\./g, '')) >= 50, `persons in the programme in 2026: ${total}`);
    assert.match(await programme.locator('svg[role="img"] desc').textContent(), /I arbejde: (\d+|skjult)/);
    await checkPage(page, 'quarterly council report');
    await screenshot(page, 'reports-02-quarterly');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent som regneark (XLSX)' }).click()]);
    assert.match(download.suggestedFilename(), /^council_quarterly-\d{4}-2026-01-01-2026-12-31\.xlsx$/);
  });

  test('the council pages and the public page', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'leder');
    await page.goto('/integrationsraad');
    assert.equal(await text(page.locator('h1')), 'Integrationsrådet');
    assert.equal(await page.locator('main table').first().locator('tbody tr').count(), 12);
    await checkPage(page, 'council overview');
    await screenshot(page, 'council-01-overview');
    await submit(page, page.getByRole('link', { name: /14\.04\.2026/ }));
    assert.match(await text(page.locator('h1')), /14\.04\.2026/);
    await checkPage(page, 'council meeting');
    await screenshot(page, 'council-02-meeting');
    await page.goto('/integrationsraad');
    assert.match(await text(page.locator('main')), /Jobrettet danskundervisning om aftenen/, 'staff see the recommendation of the unpublished meeting');
    await submit(page, page.getByRole('link', { name: 'Tolkebistand ved sundhedssamtaler' }));
    assert.match(await text(page.locator('dl')), /Afvist/);
    await checkPage(page, 'recommendation');

    const anonymous = await newPage(demo.browser, demo.server.baseURL);
    await anonymous.goto('/integrationsraad/offentlig/0316');
    assert.match(await text(anonymous.locator('h1')), /Integrationsrådet i Holbæk Kommune/);
    const body = await text(anonymous.locator('main'));
    assert.match(body, /Amina Warsame/);
    assert.match(body, /Flere praktikpladser med mentor for kvinder/, 'a published meeting\'s recommendation');
    for (const hidden of ['Hodan Ali', 'Dansk-Somalisk Kulturforening', '2029-12-31', 'Kvartalsrapport, 2. kvartal 2026', 'Jobrettet danskundervisning om aftenen']) {
      assert.ok(!body.includes(hidden), `${hidden} on the public page`);
    }
    assert.doesNotMatch(body, /\d{6}-?\d{4}/, 'no CPR-shaped number');
    assert.match(body, /skabe flere virksomhedspraktikker med mentor/, 'the recommendation\'s own text is published');
    for (const name of ['Dagsordenen som PDF', 'Referatet som PDF']) {
      const href = await anonymous.getByRole('link', { name: new RegExp(`^${name} for mødet 14\\. april 2026`) }).getAttribute('href');
      const pdf = await anonymous.request.get(href);
      assert.equal(pdf.status(), 200, `${name}: ${href}`);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
    }
    await checkPage(anonymous, 'public council page');
    await screenshot(anonymous, 'council-03-public');
  });
});
