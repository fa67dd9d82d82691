// Home visits offline (decision 180) in a real chromium against `samplan demo`, with the
// Content-Security-Policy in force: a caseworker marks two families, takes today's visits
// along, goes offline (the context's offline switch), opens a cached family, changes an
// action's status, adds an action and writes a note, reloads without a connection (the
// frame comes from the service worker, the data stays locked), comes back online and the
// changes are sent as new plan versions; a change made offline to an action a coordinator
// changed meanwhile is shown side by side and resolved by the user; a family not marked is
// not available offline; an expired bundle is deleted; after logout nothing readable
// remains in IndexedDB.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD, checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

/** A context as a user would have it: the server's Content-Security-Policy applies. */
async function strictPage(who) {
  const context = await demo.browser.newContext({ baseURL: demo.server.baseURL, locale: 'da-DK', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Brugernavn').fill(who);
  await page.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Log ind' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/');
  return page;
}

async function getJson(page, path) {
  const r = await page.request.get(path);
  assert.equal(r.status(), 200, `${path}: ${await r.text()}`);
  return r.json();
}

/** Families of the demo with a plan holding at least one action and names of their own, first `n`. */
async function familiesWithActions(page, n) {
  const out = [];
  const families = await getJson(page, '/api/v1/families?limit=100');
  for (const f of families) {
    const plan = await getJson(page, `/api/v1/families/${f.id}/plan`);
    const action = plan.plan.goals.flatMap((g) => g.actions.map((a) => ({ ...a, goal_id: g.id })))[0];
    if (plan.version > 0 && action && !out.some((o) => o.name === f.name)) out.push({ id: f.id, name: f.name, version: plan.version, action });
    if (out.length === n) break;
  }
  assert.equal(out.length, n, 'the demo has families with plans');
  return out;
}

const otherStatus = (s) => (s === 'active' ? 'done' : 'active');
const STATUS_LABEL = { planned: 'Planlagt', active: 'I gang', done: 'Afsluttet', cancelled: 'Aflyst' };

async function waitForText(locator, pattern, what) {
  await locator.filter({ hasText: pattern }).first().waitFor({ timeout: 15_000 }).catch(async () => {
    assert.fail(`${what}: expected ${pattern}, got «${await text(locator.first())}»`);
  });
}

describe('home visits offline', () => {
  let page;
  let coordinator;
  let visited;
  let conflicting;
  let unmarked;

  before(async () => {
    page = await strictPage('sagsbehandler');
    coordinator = await strictPage('koordinator');
    [visited, conflicting, unmarked] = await familiesWithActions(page, 3);
  });

  after(async () => {
    await page?.context().close();
    await coordinator?.context().close();
  });

  test('a caseworker takes marked visits offline, changes an action, adds one and writes a note, and they sync as new versions', async () => {
    for (const f of [visited, conflicting]) {
      await page.goto(`/familier/${f.id}`);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Markér til hjemmebesøg i dag' }).click()]);
      assert.match(await text(page.locator('#besoeg ~ p').first()), /hjemmebesøg i dag/);
    }
    await page.goto('/besoeg');
    const list = await text(page.locator('main'));
    assert.ok(list.includes(visited.name) && list.includes(conflicting.name) && !list.includes(unmarked.name), list);
    await screenshot(page, 'offline-01-todays-visits');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Tag dagens besøg med offline' }).click()]);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The service worker keeps the frame and its files, nothing else.
    await page.waitForFunction(async () => (await (await caches.open('samplan-offline-v1')).keys()).length === 5);
    const cached = await page.evaluate(async () => (await (await caches.open('samplan-offline-v1')).keys()).map((r) => new URL(r.url).pathname).sort());
    assert.deepEqual(cached, ['/besoeg/offline', '/static/app.css', '/static/dkfds/css/dkfds.min.css', '/static/offline/app.js', '/static/offline/vault.js']);
    assert.deepEqual(await page.evaluate(async () => (await caches.keys())), ['samplan-offline-v1']);

    await page.context().setOffline(true);
    await waitForText(page.locator('#offline-status'), /Offline/, 'status line offline');
    await page.getByRole('link', { name: visited.name }).click();
    await page.getByRole('heading', { level: 2, name: visited.name }).waitFor();
    const target = otherStatus(visited.action.status);
    await page.getByLabel(`Status for ${visited.action.title}`).first().selectOption(target);
    await page.getByRole('button', { name: `Gem status for ${visited.action.title}` }).first().click();
    await waitForText(page.locator(`tr[data-action="${visited.action.id}"]`), /venter på at blive sendt/, 'the changed action');
    await page.getByLabel('Titel').fill('Hjælp til at finde en fritidsaktivitet');
    await page.getByLabel('Ansvarlig').fill('Mette Sørensen');
    await page.getByRole('button', { name: 'Tilføj indsats' }).click();
    await waitForText(page.locator('#offline-app'), /Hjælp til at finde en fritidsaktivitet \(venter på at blive sendt\)/, 'the new action');
    await page.getByLabel('Note fra besøget').fill('Familien har fået plads i børnehaven. Mor vil gerne på sprogskole om aftenen.');
    await page.getByRole('button', { name: 'Gem note' }).click();
    await waitForText(page.locator('#offline-status'), /3 ændringer venter/, 'status line');
    await screenshot(page, 'offline-02-family-offline');

    // Reloaded without a connection: the frame comes from the service worker, the data is locked.
    await page.reload();
    await waitForText(page.locator('#offline-app'), /låst/, 'the page opened offline');
    assert.match(await text(page.locator('#offline-status')), /3 ændringer venter/);
    assert.doesNotMatch(await text(page.locator('main')), new RegExp(visited.name));
    await screenshot(page, 'offline-03-reloaded-offline-locked');

    // Online again: unlocked, sent, a new version.
    await page.context().setOffline(false);
    await waitForText(page.locator('#offline-sync'), /3 ændringer er sendt og gemt/, 'sync message');
    const after = await getJson(page, `/api/v1/families/${visited.id}/plan`);
    assert.equal(after.version, visited.version + 2, 'one new version for the status change, one for the new action');
    assert.match(after.reason, /^Hjemmebesøg .*ændret offline/);
    const changed = after.plan.goals.flatMap((g) => g.actions).find((a) => a.id === visited.action.id);
    assert.equal(changed.status, target);
    const added = after.plan.goals.flatMap((g) => g.actions).filter((a) => a.title === 'Hjælp til at finde en fritidsaktivitet');
    assert.equal(added.length, 1, 'the new action once');
    assert.equal(added[0].responsible_name, 'Mette Sørensen');
    await page.goto(`/familier/${visited.id}`);
    assert.match(await text(page.locator('main')), /Noter fra hjemmebesøg .*Familien har fået plads i børnehaven/);
  });

  test('a change made meanwhile on the server is shown side by side and the user resolves it', async () => {
    await page.goto(`/besoeg/offline#familie-${conflicting.id}`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByRole('heading', { level: 2, name: conflicting.name }).waitFor();
    const base = await getJson(page, `/api/v1/families/${conflicting.id}/plan`);
    const action = base.plan.goals.flatMap((g) => g.actions.map((a) => ({ ...a, goal_id: g.id }))).find((a) => a.id === conflicting.action.id);
    const mine = otherStatus(action.status);
    const theirs = 'cancelled';

    await page.context().setOffline(true);
    await page.getByLabel(`Status for ${action.title}`).first().selectOption(mine);
    await page.getByRole('button', { name: `Gem status for ${action.title}` }).first().click();
    await waitForText(page.locator('#offline-status'), /1 ændring venter/, 'status line');

    // Meanwhile the coordinator changes the same action on the server.
    const { goal_id: goalId, ...plain } = action;
    const r = await coordinator.request.put(`/api/v1/families/${conflicting.id}/plan/actions/${action.id}`, {
      data: { based_on_version: base.version, reason: 'Aflyst efter telefonsamtale', goal_id: goalId, action: { ...plain, status: theirs, responsible_name: 'Mona Koordinator' } },
    });
    assert.equal(r.status(), 200, await r.text());

    await page.context().setOffline(false);
    const conflict = page.locator('section.app-conflict');
    await conflict.waitFor({ timeout: 15_000 });
    assert.match(await text(conflict.locator('h2')), new RegExp(`Konflikt: ${action.title}`));
    const statusRow = conflict.locator('tr', { has: page.locator('th', { hasText: /^Status$/ }) });
    assert.equal(await text(statusRow.locator('td[data-side="mine"]')), STATUS_LABEL[mine]);
    assert.equal(await text(statusRow.locator('td[data-side="theirs"]')), STATUS_LABEL[theirs]);
    // Nothing was overwritten while the user has not chosen.
    const meanwhile = await getJson(page, `/api/v1/families/${conflicting.id}/plan`);
    assert.equal(meanwhile.version, base.version + 1);
    assert.equal(meanwhile.plan.goals.flatMap((g) => g.actions).find((a) => a.id === action.id).status, theirs);
    await screenshot(page, 'offline-04-conflict-side-by-side');

    await conflict.getByRole('button', { name: 'Brug min ændring' }).click();
    await waitForText(page.locator('#offline-sync'), /1 ændring er sendt og gemt/, 'sync message');
    assert.equal(await page.locator('section.app-conflict').count(), 0);
    const resolved = await getJson(page, `/api/v1/families/${conflicting.id}/plan`);
    assert.equal(resolved.version, base.version + 2);
    const final = resolved.plan.goals.flatMap((g) => g.actions).find((a) => a.id === action.id);
    assert.equal(final.status, mine, 'the user chose their status');
    assert.equal(final.responsible_name, 'Mona Koordinator', 'the coordinator\'s other change is kept');
    assert.match(resolved.reason, /konflikt løst/);
  });

  test('a family not marked for a visit is not available offline', async () => {
    const bundle = await getJson(page, '/api/v1/visits/offline');
    assert.deepEqual(bundle.families.map((f) => f.id).sort(), [visited.id, conflicting.id].sort());
    await page.goto('/besoeg/offline');
    await page.locator('body[data-ready="true"]').waitFor();
    assert.doesNotMatch(await text(page.locator('#offline-app')), new RegExp(unmarked.name));
    await page.context().setOffline(true);
    await page.evaluate((id) => { location.hash = `#familie-${id}`; }, unmarked.id);
    await waitForText(page.locator('#offline-app'), /Familien er ikke taget med offline/, 'an unmarked family');
    await page.context().setOffline(false);
  });

  test('the offline page passes axe and the layout check with a family open', async () => {
    const check = await newPage(demo.browser, demo.server.baseURL);
    await login(check, 'sagsbehandler');
    await check.goto(`/besoeg/offline#familie-${visited.id}`);
    await check.getByRole('heading', { level: 2, name: visited.name }).waitFor();
    await check.locator('details.app-myplan').first().evaluate((d) => { d.open = true; });
    await checkPage(check, 'offline page with a family');
    await screenshot(check, 'offline-05-family-online');
    await check.context().close();
  });

  test('an expired bundle is deleted when the page opens, even offline', async () => {
    await page.goto('/besoeg/offline');
    await page.locator('body[data-ready="true"]').waitFor();
    const kinds = () => page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open('samplan-offline');
      open.onsuccess = () => {
        const all = open.result.transaction('records').objectStore('records').getAll();
        all.onsuccess = () => { resolve(all.result.map((r) => r.kind)); open.result.close(); };
      };
    }));
    assert.deepEqual(await kinds(), ['bundle']);
    // As if `offline_hours` had passed: the record's expiry is in the past.
    await page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open('samplan-offline');
      open.onsuccess = () => {
        const store = open.result.transaction('records', 'readwrite').objectStore('records');
        const get = store.get('bundle');
        get.onsuccess = () => { store.put({ ...get.result, expires_at: new Date(Date.now() - 1000).toISOString() }).onsuccess = () => { open.result.close(); resolve(); }; };
      };
    }));
    await page.context().setOffline(true);
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    assert.deepEqual(await kinds(), [], 'the expired bundle is gone');
    await page.context().setOffline(false);
  });

  test('after logout nothing readable remains in IndexedDB', async () => {
    await page.goto('/besoeg/offline');
    await page.locator('body[data-ready="true"]').waitFor();
    const stored = await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('samplan-offline');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const all = open.result.transaction('records').objectStore('records').getAll();
        all.onsuccess = () => resolve(all.result.map((r) => ({ keys: Object.keys(r).sort(), text: new TextDecoder('utf-8', { fatal: false }).decode(r.data) })));
      };
    }));
    assert.ok(stored.length >= 1, 'the bundle is stored');
    for (const r of stored) {
      assert.deepEqual(r.keys, ['data', 'expires_at', 'id', 'iv', 'kind']);
      assert.ok(!r.text.includes(visited.name) && !r.text.includes('goals'), 'only ciphertext is stored');
    }
    await page.goto('/');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Log ud' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/login');
    const left = await page.evaluate(async () => {
      const dbs = (await indexedDB.databases()).map((d) => d.name);
      const records = !dbs.includes('samplan-offline') ? [] : await new Promise((resolve) => {
        const open = indexedDB.open('samplan-offline');
        open.onsuccess = () => {
          const names = [...open.result.objectStoreNames];
          if (!names.includes('records')) return resolve([]);
          const all = open.result.transaction('records').objectStore('records').getAll();
          all.onsuccess = () => resolve(all.result);
        };
      });
      return { dbs, records: records.length, caches: await caches.keys(), workers: (await navigator.serviceWorker.getRegistrations()).length };
    });
    assert.equal(left.records, 0, `records left after logout: ${JSON.stringify(left)}`);
    assert.deepEqual(left.caches, [], 'the service worker cache is cleared');
    assert.equal(left.workers, 0, 'the service worker is gone');
  });
});
