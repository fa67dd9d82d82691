// Access to person records by department (decision 005) in a real browser against
// `samplan demo`: the daycare employee and the housing officer see only the persons
// and families linked to them, with a note saying so; a family member they are not
// linked to answers 404 where the caseworker reads them; axe-core and the layout
// check on every page; screenshots of the front page and a family as each.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

/** The person ids linked from the main part of the current page. */
async function personLinks(page) {
  const hrefs = await page.locator('main a[href^="/personer/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return hrefs.filter((h) => /^\/personer\/\d+$/.test(h));
}

/** The number in the front page card about persons, and in the family list's heading text. */
async function counts(page) {
  await page.goto('/');
  const persons = Number(await text(page.locator('.app-card .app-number').first()));
  await page.goto('/familier');
  const families = Number((await text(page.locator('main p').first())).match(/(\d+) familier/)[1]);
  return { persons, families };
}

describe('person access by department', () => {
  for (const { who, note, shot } of [
    { who: 'dagtilbud', note: /din afdeling har en indsats i familiens plan, en henvisning eller et samtykke/, shot: 'access-01-daycare' },
    { who: 'bolig', note: /husstande i boligplacering/, shot: 'access-02-housing' },
  ]) {
    test(`${who} sees only the persons linked to them`, async () => {
      const staff = await newPage(demo.browser, demo.server.baseURL);
      await login(staff, who);
      assert.match(await text(staff.locator('main')), /personer, du har adgang til/);
      assert.match(await text(staff.locator('main')), note);
      await checkPage(staff, `front page as ${who}`);
      await screenshot(staff, `${shot}-front-page`);

      const caseworker = await newPage(demo.browser, demo.server.baseURL);
      await login(caseworker, 'sagsbehandler');
      const mine = await counts(staff);
      const all = await counts(caseworker);
      assert.ok(mine.persons > 0 && mine.families > 0, `the demo links some persons to ${who}`);
      assert.ok(mine.persons < all.persons && mine.families < all.families, `${who} does not see everyone: ${JSON.stringify({ mine, all })}`);

      await staff.goto('/familier');
      assert.match(await text(staff.locator('main')), /Du har adgang til \d+ familier/);
      await checkPage(staff, `family list as ${who}`);
      // A family whose members the caseworker sees more of than this user.
      const families = await staff.locator('main table tbody tr a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      let hidden;
      for (const family of families.slice(0, 20)) {
        await staff.goto(family);
        const seen = await personLinks(staff);
        await caseworker.goto(family);
        const unseen = (await personLinks(caseworker)).filter((p) => !seen.includes(p));
        if (unseen.length > 0) {
          hidden = unseen[0];
          await staff.goto(family);
          assert.match(await text(staff.locator('main')), /Du ser kun de familiemedlemmer, du har adgang til/);
          await checkPage(staff, `family page as ${who}`);
          await screenshot(staff, `${shot}-family`);
          break;
        }
      }
      if (hidden) {
        const refused = await staff.goto(hidden);
        assert.equal(refused.status(), 404, `${who} may not read ${hidden}`);
        assert.equal((await caseworker.goto(hidden)).status(), 200);
      }
      // A family of the caseworker's list that this user is not linked to answers 404.
      await caseworker.goto('/familier');
      const everyone = await caseworker.locator('main table tbody tr a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const other = everyone.find((f) => !families.includes(f));
      assert.ok(other, 'some family is not linked');
      assert.equal((await staff.goto(other)).status(), 404, `${who} may not read ${other}`);
      // A person this user may read opens.
      await staff.goto(families[0]);
      const readable = (await personLinks(staff))[0];
      assert.equal((await staff.goto(readable)).status(), 200);
      await checkPage(staff, `person page as ${who}`);
    });
  }
});
