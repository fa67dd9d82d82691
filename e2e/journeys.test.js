// The main journeys through samplan in a real browser against `samplan demo`:
// log in, find a person, open the family, create a family and a person, read the
// audit log, role limits; with an axe-core accessibility check on every page visited
// and screenshots of the main pages in e2e/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkLayout, checkPage, login, logout, newPage, screenshot, submitLogin, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const path = (page) => new URL(page.url()).pathname;

/** The <dd> that follows the <dt> with this label in the person page's fact list. */
const fact = (page, label) =>
  page.locator('dl.app-facts dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');

/** Searches persons through the search form and returns the result rows. */
async function searchPersons(page, query) {
  await page.goto('/personer');
  await page.getByLabel('Søg på navn, CPR-nummer eller fødselsdato').fill(query);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Søg', exact: true }).click()]);
  assert.equal(path(page), '/personer');
  assert.equal(new URL(page.url()).searchParams.get('q'), query);
  return page.locator('main table tbody tr');
}

describe('caseworker', () => {
  test('logs in, finds a person, opens the family, logs out', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);

    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    assert.match(await text(page.locator('.demo-banner')), /^DEMO\b/);
    await checkPage(page, 'login');
    await screenshot(page, '01-login');

    await login(page, 'sagsbehandler');
    assert.match(await text(page.locator('.demo-banner')), /^DEMO\b.*opdigtede personer/);
    assert.equal(await text(page.locator('header .app-organisation')), 'Holbæk Kommune');
    assert.match(await text(page.locator('header .app-user')), /Mette Sørensen.*Integrationssagsbehandler/);
    assert.match(await text(page.locator('main')), /Velkommen, Mette Sørensen\./);
    const counts = await page.locator('.app-card .app-number').allInnerTexts();
    assert.equal(counts.length, 2, 'overview shows the number of persons and families');
    assert.ok(counts.every((n) => Number(n) > 0), `counts should be positive, got ${counts}`);
    await checkPage(page, 'overview');
    await screenshot(page, '02-overview');

    const rows = await searchPersons(page, 'haddad');
    const found = await rows.count();
    assert.ok(found > 0, 'searching "haddad" finds persons');
    assert.equal(await text(page.getByRole('heading', { level: 2 })), `${found} ${found === 1 ? 'person' : 'personer'} fundet`);
    for (const name of await rows.locator('td:first-child').allInnerTexts()) {
      assert.match(name, /haddad/i, 'every result is a Haddad');
    }
    await checkPage(page, 'search results');
    await screenshot(page, '03-search-results');

    // Open a person who belongs to a family.
    const row = rows.filter({ has: page.locator('a[href^="/familier/"]') }).first();
    const personName = await text(row.locator('td').first());
    const listedCpr = await text(row.locator('td').nth(1));
    await Promise.all([page.waitForNavigation(), row.locator('td').first().getByRole('link').click()]);
    assert.match(path(page), /^\/personer\/\d+$/);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), personName);
    const cpr = await text(fact(page, 'CPR-nummer'));
    assert.match(cpr, /^\d{6}-\d{4}$/, 'the caseworker sees the full CPR number');
    assert.equal(cpr, listedCpr, 'the person page shows the CPR number from the result list');
    assert.match(await text(fact(page, 'Fødselsdato')), /^\d{2}\.\d{2}\.\d{4} \(\d+ år\)$/);
    await checkPage(page, 'person');
    await screenshot(page, '04-person');

    const familyLink = fact(page, 'Familie').getByRole('link');
    const familyName = await text(familyLink);
    await Promise.all([page.waitForNavigation(), familyLink.click()]);
    assert.match(path(page), /^\/familier\/\d+$/);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), familyName);
    const members = await page.locator('main table tbody td:first-child').allInnerTexts();
    assert.ok(members.map((m) => m.trim()).includes(personName), `family page lists ${personName}; got ${members}`);
    await checkPage(page, 'family');
    await screenshot(page, '05-family');

    await page.goto('/familier');
    await page.getByRole('heading', { level: 1, name: 'Familier og helhedsplaner' }).waitFor();
    assert.match(await text(page.locator('main')), /Kommunen har \d+ familier\./);
    assert.ok((await page.locator('main table tbody tr').count()) > 0, 'the family list has rows');
    await checkPage(page, 'families list');
    await screenshot(page, '06-families');

    await page.goto('/frister');
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Frister');
    const sections = await page.locator('main h2').allInnerTexts();
    assert.deepEqual(sections.map((h) => h.replace(/ \(\d+\)$/, '')), ['Overskredet, senest overskredne først', 'Forfalder inden for 7 dage', 'Opfyldt for sent']);
    assert.equal(await page.locator('nav[aria-label="Hovedmenu"] a[aria-current="page"]').innerText(), 'Frister');
    await checkPage(page, 'deadlines');
    await screenshot(page, '07-deadlines');

    await page.goto('/integrationsraad');
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Integrationsrådet');
    assert.equal(await page.locator('nav[aria-label="Hovedmenu"] a[aria-current="page"]').innerText(), 'Integrationsråd');
    assert.equal(await page.locator('nav[aria-label="Hovedmenu"] a[href="/bolig"]').count(), 1, 'caseworkers work with housing');
    await checkPage(page, 'council');
    await screenshot(page, '08-council');

    await logout(page);
    assert.equal(path(page), '/login');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    const response = await page.goto('/');
    assert.equal(path(page), '/login', 'after logging out, / redirects to /login');
    assert.equal(response.status(), 200);
    await page.context().close();
  });

  test('wrong password shows the Danish error and stays on the login page', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await submitLogin(page, 'sagsbehandler', 'forkert-kodeord');
    assert.equal(path(page), '/login');
    assert.match(await text(page.getByRole('alert')), /Forkert brugernavn eller adgangskode/);
    assert.equal(await page.getByLabel('Brugernavn').inputValue(), 'sagsbehandler', 'the login name is kept');
    assert.equal(await page.getByLabel('Adgangskode').inputValue(), '', 'the password is not echoed back');
    assert.equal(await page.getByRole('button', { name: 'Log ud' }).count(), 0, 'not logged in');
    await checkPage(page, 'login with error');
    await screenshot(page, '08-login-error');
    await page.context().close();
  });

  test('creates a family and a person in it, correcting a malformed CPR number', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'sagsbehandler');

    const suffix = Date.now().toString(36).slice(-5);
    const familyName = `Familien Ærø-Østergård ${suffix}`;
    await page.goto('/familier');
    await page.getByLabel('Navn', { exact: true }).fill(familyName);
    await page.getByLabel('Adresse', { exact: true }).fill('Ågade 7, 2. th.');
    await page.getByLabel('Postnummer', { exact: true }).fill('4300');
    await page.getByLabel('By', { exact: true }).fill('Holbæk');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Opret familie' }).click()]);
    assert.match(path(page), /^\/familier\/\d+$/);
    const familyId = path(page).split('/').pop();
    assert.equal(await text(page.getByRole('heading', { level: 1 })), familyName);
    assert.match(await text(page.locator('main')), /Ågade 7, 2\. th\., 4300 Holbæk/);
    assert.equal(await page.locator('main table').count(), 0, 'a new family has no members');

    await page.goto(`/personer/ny?familie=${familyId}`);
    await page.getByRole('heading', { level: 1, name: 'Opret person' }).waitFor();
    assert.equal(await page.getByLabel(/^Familie \(navnet/).inputValue(), familyName, 'the family is filled in by its name');
    await checkPage(page, 'new person form');

    // A CPR number nobody in the demo has: a date in 1931 and a random sequence number.
    const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
    const seq = String(Math.floor(Math.random() * 4000)).padStart(4, '0');
    const goodCpr = `${day}0331-${seq}`;
    await page.getByLabel('CPR-nummer').fill(`${day}0331-${seq.slice(0, 2)}`);
    await page.getByLabel('Fornavne').fill('Åse Søs');
    await page.getByLabel('Efternavn').fill('Ærø-Østergård');
    await page.getByLabel('Nationalitet').fill('Syrien');
    await page.getByLabel(/^Sprog \(danske navne/).fill('arabisk, dansk');
    await page.getByLabel('Køn').selectOption({ index: 1 });
    await page.getByLabel('Opholdsgrundlag').selectOption({ index: 1 });
    const [bad] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Gem' }).click()]);
    assert.equal(bad.status(), 422, 'a malformed CPR number is refused');
    assert.equal(path(page), '/personer/ny');
    assert.match(await text(page.getByRole('alert')), /Oplysningerne blev ikke gemt/);
    assert.match(await text(page.locator('#cpr-error')), /CPR-nummeret skal have 10 cifre/);
    const describedBy = ((await page.getByLabel('CPR-nummer').getAttribute('aria-describedby')) || '').split(/\s+/);
    assert.ok(describedBy.includes('cpr-error'), `the CPR field's error is announced with the field (aria-describedby="${describedBy.join(' ')}")`);
    assert.equal(await page.getByLabel('CPR-nummer').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Fornavne').inputValue(), 'Åse Søs', 'the other fields are kept');
    assert.equal(await page.getByLabel(/^Familie \(navnet/).inputValue(), familyName);
    await checkPage(page, 'person form with error');
    await screenshot(page, '09-person-form-error');

    await page.getByLabel('CPR-nummer').fill(goodCpr);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Gem' }).click()]);
    assert.match(path(page), /^\/personer\/\d+$/, `saving with a valid CPR lands on the person page, got ${page.url()}`);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Åse Søs Ærø-Østergård');
    assert.equal(await text(fact(page, 'CPR-nummer')), goodCpr);
    assert.equal(await text(fact(page, 'Familie')), familyName);

    await page.goto(`/familier/${familyId}`);
    const members = await page.locator('main table tbody td:first-child').allInnerTexts();
    assert.deepEqual(members.map((m) => m.trim()), ['Åse Søs Ærø-Østergård']);
    await screenshot(page, '10-new-family');
    await page.context().close();
  });
});

describe('narrow screen or zoomed in', () => {
  test('keeps the main menu and does not scroll sideways', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL, { width: 375, height: 800 });
    await page.goto('/login');
    await checkLayout(page, 'login, 375px');
    await login(page, 'sagsbehandler');
    await checkPage(page, 'overview, 375px');
    const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
    await Promise.all([page.waitForNavigation(), menu.getByRole('link', { name: 'Personer' }).click()]);
    assert.equal(path(page), '/personer');
    await searchPersons(page, 'haddad');
    await checkPage(page, 'search results, 375px');
    await screenshot(page, '13-search-results-375px');
    await page.context().close();
  });
});

describe('administrator', () => {
  test("sees the caseworker's reads in the audit log", async () => {
    // The caseworker reads a person first.
    const caseworker = await newPage(demo.browser, demo.server.baseURL);
    await login(caseworker, 'sagsbehandler');
    const rows = await searchPersons(caseworker, 'haddad');
    await Promise.all([caseworker.waitForNavigation(), rows.first().getByRole('link').first().click()]);
    const personId = path(caseworker).split('/').pop();
    await caseworker.context().close();

    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'admin');
    await page.goto('/admin/log');
    await page.getByRole('heading', { level: 1, name: 'Revisionslog' }).waitFor();
    await page.getByLabel('Bruger').fill('sagsbehandler');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Filtrér' }).click()]);
    assert.equal(new URL(page.url()).searchParams.get('user'), 'sagsbehandler');
    const table = page.locator('main table tbody tr');
    const cells = await table.evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.innerText.trim())));
    assert.ok(cells.length > 0, 'the filtered log has rows');
    assert.ok(cells.every((c) => c[1] === 'sagsbehandler'), 'every row is the caseworker\'s');
    assert.ok(cells.some((c) => c[2] === 'read'), 'the caseworker\'s reads are logged');
    assert.ok(
      cells.some((c) => c[2] === 'read' && c[3] === 'person' && c[4] === personId && c[5] === 'personside'),
      `the read of person ${personId}'s page is logged`,
    );
    assert.match(await text(page.locator('main')), new RegExp(`Viser de nyeste ${cells.length} hændelser\\.`));
    await checkPage(page, 'audit log');
    await screenshot(page, '11-audit-log');
    await page.context().close();
  });

  test('opens every administration page: users, outbox, closed days, rule tightenings', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'admin');
    for (const [url, heading] of [
      ['/admin/brugere', 'Brugere'],
      ['/admin/post', 'Udgående post'],
      ['/admin/kalender', null],
      ['/admin/regler', null],
    ]) {
      await page.goto(url);
      const h1 = page.getByRole('heading', { level: 1 });
      if (heading) assert.equal(await text(h1), heading);
      else await h1.waitFor();
      await checkPage(page, url);
    }
    // The demo has no mail relay: the outbox says so.
    await page.goto('/admin/post');
    assert.match(await text(page.locator('main')), /Afsendelse er ikke sat op/);
    await page.context().close();
  });
});

describe('manager', () => {
  test('gets a 403 page on the person records', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'leder');
    assert.match(await text(page.locator('main')), /samlede tal/, 'the overview explains the role');
    assert.equal(await page.locator('main a[href="/personer"]').count(), 0, 'the overview offers no person search');
    const response = await page.goto('/personer?q=haddad');
    assert.equal(response.status(), 403);
    assert.match(await text(page.getByRole('alert')), /Fejl 403.*ikke adgang til personoplysninger/);
    assert.equal(await page.locator('main table').count(), 0, 'no person data is shown');
    await checkPage(page, '403 page');
    await screenshot(page, '12-forbidden');
    await page.context().close();
  });
});
