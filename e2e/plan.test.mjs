// The family helhedsplan in a real browser against `samplan demo`: a coordinator builds
// a plan with actions from three departments, sees the overlap in the week view,
// resolves it; a daycare employee sees only their own department's action until the
// citizen consents; axe-core and the layout check on every page; screenshots of the
// plan, the week view, the coordinator's overview and the consent page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, logout, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const submit = (page, name) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);

/** Adds an action through the action form of the goal with this text. */
async function addAction(page, goal, { catalogue = '', title = '', department, day, from, to, reason }) {
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: `Tilføj indsats til ${goal}` }).click()]);
  await page.getByLabel('Indsats fra kataloget').selectOption(catalogue);
  if (title) await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Afdeling').selectOption(department);
  // Started two weeks ago, so every weekday of this week's view is in force.
  await page.getByLabel('Startdato').fill(new Date(Date.now() - 14 * 86400000).toISOString().slice(0, 10));
  await page.getByLabel('Ugedag 1').selectOption(String(day));
  await page.getByLabel('Fra', { exact: true }).first().fill(from);
  await page.getByLabel('Til', { exact: true }).first().fill(to);
  await page.getByLabel('Begrundelse for ændringen').fill(reason);
  await submit(page, 'Gem indsats');
  assert.match(new URL(page.url()).pathname, /^\/familier\/\d+\/plan$/, `saving ${title || catalogue} should return to the plan, got ${page.url()}: ${await text(page.locator('main'))}`);
}

describe('family plan', () => {
  let planPath;
  let firstMember;

  test('a coordinator builds a plan across three departments, sees a conflict and resolves it', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'koordinator');
    // The second family in the list has no plan yet (demo plans go to every fourth family).
    await page.goto('/familier');
    const family = page.locator('main table tbody tr a').nth(1);
    const familyName = await text(family);
    await Promise.all([page.waitForNavigation(), family.click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Helhedsplan og ugeplan' }).click()]);
    planPath = new URL(page.url()).pathname;
    assert.match(await text(page.locator('main')), /Familien har endnu ingen helhedsplan/);

    const goalPerson = page.getByLabel('For', { exact: true });
    firstMember = (await goalPerson.locator('option').nth(1).innerText()).trim();
    await page.getByLabel('Livsområde').selectOption('sprog');
    await goalPerson.selectOption({ label: firstMember });
    await page.getByLabel('Mål', { exact: true }).fill(`${firstMember} klarer hverdagen på dansk`);
    await page.getByLabel('Begrundelse for ændringen').fill('Første familiemøde');
    await submit(page, 'Tilføj mål');
    const goal = `${firstMember} klarer hverdagen på dansk`;

    await addAction(page, goal, { catalogue: 'du1', department: 'sprogcenter', day: 2, from: '09:00', to: '12:00', reason: 'Hold på sprogcentret' });
    await addAction(page, goal, { catalogue: 'virksomhedspraktik', department: 'jobcenter', day: 2, from: '11:00', to: '15:00', reason: 'Praktik aftalt' });
    await addAction(page, goal, { title: 'Forældremøde i dagtilbuddet', department: 'dagtilbud_og_skole', day: 4, from: '16:00', to: '17:00', reason: 'Møde aftalt' });

    const conflicts = page.locator('[data-conflict="overlap"]');
    assert.equal(await conflicts.count(), 1, 'the two Tuesday actions overlap');
    assert.match(await text(conflicts.first()), /Danskuddannelse 1.*Virksomhedspraktik.*overlapper tirsdag/);
    assert.match(await text(page.locator('table.app-week')), /09:00–12:00 Danskuddannelse 1/);
    await checkPage(page, 'plan with conflict');
    await screenshot(page, 'plan-01-conflict');
    await page.locator('#ugeplan').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'screenshots/plan-02-week-view.png' });

    await page.goto('/koordinator');
    const row = page.locator('main table tbody tr', { has: page.locator(`a[href="${planPath}"]`) });
    assert.match(await text(row), new RegExp(`${familyName} \\d+ konflikt.*overlapper tirsdag`));
    await checkPage(page, 'coordinator overview');
    await screenshot(page, 'plan-03-overview');

    // Resolve: move the placement to the afternoon.
    await page.goto(planPath);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Ret Virksomhedspraktik' }).click()]);
    await checkPage(page, 'action form');
    await page.getByLabel('Fra', { exact: true }).first().fill('12:30');
    await page.getByLabel('Begrundelse for ændringen').fill('Praktik flyttet til efter skole');
    await submit(page, 'Gem indsats');
    assert.equal(await page.locator('[data-conflict="overlap"]').count(), 0, 'the overlap is resolved');
    assert.match(await text(page.locator('main')), /Version 5/);

    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Se alle versioner og sammenlign' }).click()]);
    await submit(page, 'Sammenlign');
    assert.match(await text(page.locator('main')), /Indsatsen "Virksomhedspraktik" fik tidspunkt tirsdag 12\.30–15\.00 \(før: tirsdag 11\.00–15\.00\)/);
    await checkPage(page, 'versions');
    await logout(page);
  });

  test('a daycare employee sees only their own action until the citizen consents', async () => {
    assert.ok(planPath, 'the first journey made a plan');
    const staff = await newPage(demo.browser, demo.server.baseURL);
    await login(staff, 'dagtilbud');
    await staff.goto(planPath);
    let main = await text(staff.locator('main'));
    assert.match(main, /Forældremøde i dagtilbuddet/);
    assert.doesNotMatch(main, /Danskuddannelse 1|Virksomhedspraktik/);
    assert.match(main, /2 indsatser fra andre afdelinger vises ikke/);
    await checkPage(staff, 'plan as department staff');
    await screenshot(staff, 'plan-04-department-without-consent');

    const coordinator = await newPage(demo.browser, demo.server.baseURL);
    await login(coordinator, 'koordinator');
    await coordinator.goto(planPath);
    await Promise.all([coordinator.waitForNavigation(), coordinator.getByRole('link', { name: `Samtykker for ${firstMember.split(' ')[0]}` }).click()]);
    await coordinator.getByLabel('Helhedsplan og indsatser').check();
    await coordinator.getByLabel('Dagtilbud og skole').check();
    await coordinator.getByLabel('Formål').fill('Sammenhæng mellem forældremøder og sprogundervisning');
    await submit(coordinator, 'Gem samtykke');
    assert.match(await text(coordinator.locator('main table')), /Dagtilbud og skole.*Gælder/);
    await checkPage(coordinator, 'consent page');
    await screenshot(coordinator, 'plan-05-consent');

    await staff.goto(planPath);
    main = await text(staff.locator('main'));
    assert.match(main, /Danskuddannelse 1/);
    assert.match(main, /Virksomhedspraktik/);

    await Promise.all([coordinator.waitForNavigation(), coordinator.getByRole('button', { name: /^Tilbagekald/ }).click()]);
    await staff.goto(planPath);
    assert.doesNotMatch(await text(staff.locator('main')), /Virksomhedspraktik/, 'withdrawal takes effect at once');
  });
});
