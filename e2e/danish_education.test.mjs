// Danish education in a real browser against `samplan demo`: the caseworker narrows the
// list of running referrals to their own learners and picks one above the attendance
// share; the language centre's staff record that learner's week on the attendance form
// (a word where hours belong is refused at its field, the row comes back as typed and
// nothing is stored; then the week is saved); the caseworker is told (notification on
// the coordination page), the list flags the learner, and the person page shows the
// week and the share. The person page's section records a module test (refused without
// a result, then stored) and draws the progress chart; the regional coordinator's view
// has at least three municipalities. axe-core and the layout check on every page;
// screenshots of each step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const submit = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);

/** Follows «Næste side» until `locator` (a function of the page) finds something. */
async function findOnPages(page, locator, what) {
  for (let n = 0; n < 40; n++) {
    const found = locator();
    if (await found.count()) return found.first();
    const next = page.getByRole('link', { name: 'Næste side' });
    if (!(await next.count())) break;
    await submit(page, next.first());
  }
  assert.fail(`${what} was not found on any page of ${page.url()}`);
}

describe('attendance on Danish education', () => {
  test('the language centre records a week; the caseworker is told about low attendance', async () => {
    // The caseworker's own learners, one of them above the attendance share.
    const caseworker = await newPage(demo.browser, demo.server.baseURL);
    await login(caseworker, 'sagsbehandler');
    await submit(caseworker, caseworker.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Danskuddannelse', exact: true }));
    assert.equal(new URL(caseworker.url()).pathname, '/danskuddannelse');
    await checkPage(caseworker, 'Danish education list as caseworker');
    await screenshot(caseworker, 'danish-education-01-list-caseworker');
    await caseworker.getByLabel('Mine personer (hvor jeg er sagsbehandler)').check();
    await submit(caseworker, caseworker.getByRole('button', { name: 'Vis', exact: true }));
    assert.equal(new URL(caseworker.url()).searchParams.get('omfang'), 'mine');
    await checkPage(caseworker, 'own learners');
    const above = caseworker.locator('#du-liste tbody tr').filter({ has: caseworker.locator('td:last-child', { hasText: /^\s*\d+ %\s*$/ }) });
    const row = await findOnPages(caseworker, () => above, 'a learner of the caseworker above the attendance share');
    const link = row.locator('a').first();
    const name = (await link.innerText()).trim();
    const personPath = new URL(await link.getAttribute('href'), demo.server.baseURL).pathname;
    const threshold = (await text(caseworker.locator('main > p').first())).match(/under (\d+) %/)[1];

    // The language centre records the learner's week.
    const centre = await newPage(demo.browser, demo.server.baseURL);
    await login(centre, 'sprogcenter');
    await centre.goto('/danskuddannelse');
    await checkPage(centre, 'Danish education list as the language centre');
    await screenshot(centre, 'danish-education-02-list-centre');
    await submit(centre, centre.getByRole('link', { name: /^Registrér fremmøde for uge \d{1,2}( \(\d{4}\))?$/ }));
    // The week as staff say it («uge 50»); the ISO week only in the address.
    const week = (await text(centre.locator('h1'))).replace('Fremmøde uge ', '');
    assert.match(week, /^\d{1,2}( \(\d{4}\))?$/);
    const isoWeek = new URL(centre.url()).searchParams.get('uge');
    assert.match(isoWeek, /^\d{4}-W\d{2}$/);
    await checkPage(centre, 'attendance form');
    await screenshot(centre, 'danish-education-03-attendance-form');
    const learnerRow = () => centre.locator('#du-fremmoede tbody tr').filter({ has: centre.locator(`a[href="${personPath}#danskuddannelse"]`) });
    const formRow = await findOnPages(centre, learnerRow, `${name} on the attendance form`);
    const present = formRow.getByLabel(`${name}: timer til stede`);
    const withNotice = formRow.getByLabel(`${name}: timer fravær med afbud`);
    const withoutNotice = formRow.getByLabel(`${name}: timer fravær uden afbud`);
    const before = [await present.inputValue(), await withNotice.inputValue(), await withoutNotice.inputValue()];

    // A word where hours belong: refused at its field, typed values kept, nothing stored.
    await present.fill('tolv');
    await withNotice.fill('0');
    await withoutNotice.fill('60');
    await submit(centre, centre.getByRole('button', { name: `Gem fremmøde for uge ${week}` }));
    const summary = await text(centre.locator('.alert-error'));
    assert.match(summary, /Fremmødet blev ikke gemt/);
    assert.ok(summary.includes(`${name}, til stede: «tolv» er ikke et helt antal timer`), summary);
    const refusedRow = learnerRow().first();
    assert.match(await text(refusedRow), /«tolv» er ikke et helt antal timer/);
    assert.equal(await refusedRow.getByLabel(`${name}: timer til stede`).getAttribute('aria-invalid'), 'true');
    assert.equal(await refusedRow.getByLabel(`${name}: timer til stede`).inputValue(), 'tolv');
    assert.equal(await refusedRow.getByLabel(`${name}: timer fravær uden afbud`).inputValue(), '60');
    await checkPage(centre, 'refused attendance');
    await screenshot(centre, 'danish-education-04-attendance-refused');
    const unchanged = await newPage(demo.browser, demo.server.baseURL);
    await login(unchanged, 'sprogcenter');
    await unchanged.goto(`/danskuddannelse/fremmoede?uge=${isoWeek}`);
    const stored = await findOnPages(unchanged, () => unchanged.locator('#du-fremmoede tbody tr').filter({ has: unchanged.locator(`a[href="${personPath}#danskuddannelse"]`) }), `${name} again`);
    assert.deepEqual(
      [await stored.getByLabel(`${name}: timer til stede`).inputValue(), await stored.getByLabel(`${name}: timer fravær med afbud`).inputValue(), await stored.getByLabel(`${name}: timer fravær uden afbud`).inputValue()],
      before,
      'a refused form stores nothing',
    );
    await unchanged.context().close();

    // The week saved: no hours present, 60 hours absent without notice.
    await refusedRow.getByLabel(`${name}: timer til stede`).fill('0');
    await submit(centre, centre.getByRole('button', { name: `Gem fremmøde for uge ${week}` }));
    assert.match(await text(centre.locator('[role="status"]')), new RegExp(`Fremmødet for uge ${week} er gemt`));
    const savedRow = await findOnPages(centre, learnerRow, `${name} after saving`);
    assert.equal(await savedRow.getByLabel(`${name}: timer fravær uden afbud`).inputValue(), '60');
    assert.match(await text(savedRow), /registreret/);
    await checkPage(centre, 'saved attendance');
    await screenshot(centre, 'danish-education-05-attendance-saved');

    // The caseworker is told, the list flags the learner, the person page shows the week.
    await caseworker.goto('/koordinator');
    const notice = caseworker.locator('#notifikationer ~ ul li', { hasText: `${name} har haft` });
    assert.ok(await notice.count() >= 1, `the caseworker is notified about ${name}`);
    assert.match(await text(notice.first()), new RegExp(`fremmøde på danskuddannelsen de sidste 4 uger \\(grænsen er ${threshold} %\\)`));
    await checkPage(caseworker, 'coordination page with the notification');
    await screenshot(caseworker, 'danish-education-06-notification');
    await caseworker.goto('/danskuddannelse?omfang=mine');
    const flagged = await findOnPages(caseworker, () => caseworker.locator('#du-liste tbody tr').filter({ has: caseworker.locator(`a[href="${personPath}#danskuddannelse"]`) }), `${name} flagged`);
    assert.match(await text(flagged), new RegExp(`under ${threshold} %`));
    await caseworker.goto(personPath);
    const section = await text(caseworker.locator('main'));
    assert.match(section, new RegExp(`under kommunens grænse på ${threshold} %`));
    const weekRow = caseworker.locator('#du-fremmoede-uger tbody tr').filter({ has: caseworker.locator('td:first-child', { hasText: new RegExp(`^${week.replace(/[()]/g, '\\$&')}$`) }) });
    assert.deepEqual((await weekRow.locator('td').allInnerTexts()).slice(0, 5), [week, '0', '0', '60', 'sprogcenter']);
    await checkPage(caseworker, 'person page with the attendance');
    await screenshot(caseworker, 'danish-education-07-person-attendance');
  });
});

describe('the person page and the region', () => {
  test('a module test on the person page, the progress chart, the regional view', async () => {
    const caseworker = await newPage(demo.browser, demo.server.baseURL);
    await login(caseworker, 'sagsbehandler');
    await caseworker.goto('/danskuddannelse');
    // A learner who has started (the chart needs a start).
    const started = await findOnPages(
      caseworker,
      () => caseworker.locator('#du-liste tbody tr').filter({ has: caseworker.locator('td:nth-child(4)', { hasText: /\d{2}\.\d{2}\.\d{4}/ }) }),
      'a learner who has started',
    );
    const link = started.locator('a').first();
    const name = (await link.innerText()).trim();
    await submit(caseworker, link);
    const chart = caseworker.locator('#du-progression + .app-chart svg');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.match(await chart.locator('title').textContent(), /Progression på danskuddannelsen/);
    await checkPage(caseworker, 'person page with Danish education');
    await screenshot(caseworker, 'danish-education-08-person');

    const testsBefore = await caseworker.locator('#du-proever + ul li').count();
    await caseworker.locator('#du-test-failed').check();
    await submit(caseworker, caseworker.getByRole('button', { name: 'Registrér modulprøve' }));
    assert.match(await text(caseworker.locator('.alert-error')), /Resultat: resultatet mangler/);
    assert.equal(await caseworker.locator('#failed').isChecked(), true, 'the choice is kept');
    await checkPage(caseworker, 'refused module test');
    await screenshot(caseworker, 'danish-education-09-test-refused');
    await caseworker.getByLabel('Resultat').fill('02');
    await submit(caseworker, caseworker.getByRole('button', { name: 'Registrér modulprøve' }));
    assert.ok(caseworker.url().includes('#danskuddannelse'), caseworker.url());
    assert.equal(await caseworker.locator('h1').innerText(), name);
    assert.equal(await caseworker.locator('#du-proever + ul li').count(), testsBefore + 1);
    assert.ok((await caseworker.locator('#du-proever + ul li', { hasText: 'ikke bestået (02)' }).count()) >= 1);

    // The regional coordinator: demand across at least three municipalities.
    const region = await newPage(demo.browser, demo.server.baseURL);
    await login(region, 'region');
    await region.goto('/danskuddannelse');
    assert.equal(new URL(region.url()).pathname, '/danskuddannelse/region');
    const main = await text(region.locator('main'));
    assert.match(main, /Region Sjælland/);
    assert.match(main, /Tal om 1–4 personer og tal, de kan regnes ud af, er skjult/);
    const heads = await region.locator('details').first().locator('thead th').allInnerTexts();
    assert.ok(heads.length - 1 >= 3, `at least three municipalities: ${heads}`);
    await checkPage(region, 'regional view');
    await screenshot(region, 'danish-education-10-region');
  });
});
