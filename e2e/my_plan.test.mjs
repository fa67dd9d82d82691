// Min plan in a real browser against `samplan demo`: the caseworker's view of a person's
// plan in Arabic (right to left), Dari and Danish with the PDF; the demo citizen `borger`
// reads their own plan in Arabic, confirms it read, sees a child's plan and no staff page;
// a one-time link logs a citizen in once. axe-core and the layout check on every page;
// screenshots of the pages for the user guide.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, logout, newPage, screenshot, submitLogin, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const htmlAttr = (page, name) => page.evaluate((n) => document.documentElement.getAttribute(n), name);

describe('Min plan', () => {
  let ownPlan;
  let childPlan;

  test('the citizen reads their own plan in Arabic, confirms it, sees a child’s plan and no staff page', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await submitLogin(page, 'borger');
    assert.equal(new URL(page.url()).pathname, '/borger', `a citizen lands on their own page, got ${page.url()}`);
    assert.equal(await htmlAttr(page, 'lang'), 'ar');
    assert.equal(await htmlAttr(page, 'dir'), 'rtl');
    assert.equal(await page.locator('nav[aria-label="Hovedmenu"]').count(), 0, 'no staff navigation');
    await checkPage(page, 'citizen home');
    await screenshot(page, 'myplan-citizen-home');
    const links = page.locator('main a[href^="/borger/plan/"]');
    assert.ok((await links.count()) >= 2, 'their own plan and at least one child’s');
    ownPlan = await links.nth(0).getAttribute('href');
    childPlan = await links.nth(1).getAttribute('href');

    await page.goto(ownPlan);
    assert.equal(await htmlAttr(page, 'dir'), 'rtl');
    assert.match(await text(page.locator('h1')), /^خطة /);
    assert.match(await text(page.locator('main')), /أهدافي/);
    assert.ok((await page.locator('main .app-staff-text[lang="da"]').count()) > 0, 'staff text is marked as Danish');
    await checkPage(page, 'citizen plan (ar)');
    await screenshot(page, 'myplan-citizen-plan-ar');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'لقد قرأت خطتي' }).click()]);
    assert.match(await text(page.locator('main')), /سجّلنا أنك قرأت الخطة/);
    assert.equal(await page.getByRole('button', { name: 'لقد قرأت خطتي' }).count(), 0);

    const pdf = await page.request.get(`${ownPlan}/pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');

    await page.goto(childPlan);
    await checkPage(page, 'child plan (ar)');
    // Another language, kept for the next visit.
    await page.getByLabel('اختر اللغة').selectOption('uk');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'عرض' }).click()]);
    assert.equal(await htmlAttr(page, 'lang'), 'uk');
    assert.equal(await htmlAttr(page, 'dir'), 'ltr');
    await checkPage(page, 'child plan (uk)');
    await page.getByLabel('Виберіть мову').selectOption('ar');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Показати' }).click()]);

    const staff = await page.goto('/personer');
    assert.equal(staff.status(), 403, 'a citizen gets no staff page');
    const api = await page.request.get('/api/v1/persons');
    assert.equal(api.status(), 403, 'nor the API');
    await page.goto('/borger');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'تسجيل الخروج' }).click()]);
    await page.close();
  });

  test('the caseworker sees the plan as the citizen does, in Arabic right to left, and that it is read', async () => {
    const id = ownPlan.split('/').pop();
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'sagsbehandler');
    await page.goto(`/personer/${id}`);
    const panel = page.locator('#min-plan ~ p').first();
    await panel.waitFor();
    assert.match(await text(page.locator('main')), /Læst: den nuværende version \d+ er læst af/);
    await checkPage(page, 'person page with Min plan');
    await page.locator('#min-plan').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'screenshots/myplan-person-panel.png' });

    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Vis Min plan' }).click()]);
    assert.equal(await htmlAttr(page, 'lang'), 'ar', 'the citizen’s chosen language first');
    assert.equal(await htmlAttr(page, 'dir'), 'rtl');
    assert.equal(await page.locator('.app-myplan-toolbar').getAttribute('dir'), 'ltr', 'the staff toolbar stays Danish, left to right');
    await checkPage(page, 'staff Min plan (ar)');
    await screenshot(page, 'myplan-staff-ar');

    await page.getByLabel('Sprog', { exact: true }).selectOption('prs');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Vis', exact: true }).click()]);
    assert.equal(await htmlAttr(page, 'lang'), 'fa-AF');
    assert.equal(await htmlAttr(page, 'dir'), 'rtl');
    await checkPage(page, 'staff Min plan (prs)');
    for (const lang of ['da', 'ti', 'so']) {
      await page.goto(`/personer/${id}/minplan?lang=${lang}`);
      assert.equal(await htmlAttr(page, 'dir'), 'ltr');
      await checkPage(page, `staff Min plan (${lang})`);
    }
    const pdf = await page.request.get(`/api/v1/persons/${id}/myplan.pdf?lang=ar`);
    assert.equal(pdf.status(), 200);
    assert.ok((await pdf.body()).subarray(0, 5).toString() === '%PDF-');
    await page.close();
  });

  test('a one-time link logs the citizen in once', async () => {
    const id = ownPlan.split('/').pop();
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'sagsbehandler');
    await page.goto(`/personer/${id}`);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Lav engangslink' }).click()]);
    const link = await page.getByLabel('Link').inputValue();
    assert.match(link, /\/borger\/link\/[A-Za-z0-9_-]{40,}$/);
    await checkPage(page, 'link created');
    await logout(page);

    const citizen = await newPage(demo.browser, demo.server.baseURL);
    await citizen.goto(new URL(link).pathname);
    await checkPage(citizen, 'one-time link page');
    await screenshot(citizen, 'myplan-link');
    await Promise.all([citizen.waitForNavigation(), citizen.locator('main form button[type="submit"]').click()]);
    assert.equal(new URL(citizen.url()).pathname, '/borger');
    await citizen.close();
    const again = await newPage(demo.browser, demo.server.baseURL);
    const response = await again.goto(new URL(link).pathname);
    assert.equal(response.status(), 410, 'used once');
    await checkPage(again, 'used link');
    await again.close();
    await page.close();
  });
});
