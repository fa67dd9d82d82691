// A caseworker's and a coordinator's day in a real browser against `samplan demo`: the
// caseworker records a case event, corrects it (refused without a reason, the form
// filled in), and deletes it with a reason; the coordinator opens a family's plan from
// the overview, changes it, reads the change in Danish sentences, and restores the
// earlier version with a reason; the housing officer puts a household on the waiting
// list with its places to reach written as addresses (a place that is nowhere refused
// at the field first), reads the proposal's explanation in plain Danish with the listed
// areas' list and year, and approves a placement. axe-core and the layout check on
// every page; a council member and a company contact saved confirm «Gemt» at their
// row; screenshots of each new page state.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const submit = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);
const danishToday = () => new Date().toLocaleDateString('da-DK', { day: '2-digit', month: '2-digit', year: 'numeric' }).replaceAll('-', '.');

/** The screenshot in e2e/screenshots and, when SAMPLAN_LOOK names a folder, there too. */
async function shot(page, name) {
  await screenshot(page, name);
  if (process.env.SAMPLAN_LOOK) {
    mkdirSync(process.env.SAMPLAN_LOOK, { recursive: true });
    await page.screenshot({ path: `${process.env.SAMPLAN_LOOK}/${name}.png`, fullPage: true });
  }
}

describe("the day's work", () => {
  test('a caseworker records a case event, corrects it with a reason and deletes it', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'sagsbehandler');
    await page.goto('/personer?q=haddad');
    await submit(page, page.locator('main table tbody tr td:first-child a').first());
    const personPath = new URL(page.url()).pathname;

    await page.locator('#event-kind').selectOption('follow_up_interview');
    await page.locator('#event-date').fill(danishToday());
    await page.locator('#event-note').fill('Samtale med tolk');
    await submit(page, page.getByRole('button', { name: 'Registrér hændelse', exact: true }));
    assert.match(await text(page.locator('#besked')), /Gemt/);
    const row = page.locator('#haendelser + ul li', { hasText: 'Samtale med tolk' });
    assert.equal(await row.count(), 1, 'the event is listed');
    assert.match(await text(row), new RegExp(`^${danishToday().replaceAll('.', '\\.')}: Opfølgningssamtale holdt – Samtale med tolk`));

    // Corrected without a reason: refused at the field, with what was typed.
    await submit(page, row.getByRole('link', { name: /^Ret eller slet/ }));
    assert.match(new URL(page.url()).pathname, new RegExp(`^${personPath}/haendelser/\\d+$`));
    await checkPage(page, 'event correction form');
    await shot(page, 'daily-01-event-form');
    await page.getByLabel('Note').fill('Samtale med tolk på arabisk');
    await submit(page, page.getByRole('button', { name: 'Gem rettelse', exact: true }));
    assert.match(await text(page.locator('.alert-error')), /Begrundelse: skriv hvorfor det registrerede rettes eller slettes/);
    assert.equal(await page.getByLabel('Note').inputValue(), 'Samtale med tolk på arabisk');
    await checkPage(page, 'refused correction');
    await shot(page, 'daily-02-event-refused');
    await page.getByLabel('Begrundelse for rettelsen').fill('Sproget manglede');
    await submit(page, page.getByRole('button', { name: 'Gem rettelse', exact: true }));
    assert.equal(new URL(page.url()).pathname, personPath);
    assert.match(new URL(page.url()).hash, /^#haendelse-\d+$/, 'back at the changed row');
    assert.match(await text(page.locator('#besked')), /Gemt/);
    assert.match(await text(page.locator(new URL(page.url()).hash)), /Samtale med tolk på arabisk/);
    await checkPage(page, 'person page after the correction');
    await shot(page, 'daily-03-event-corrected');

    // Deleted with a reason: gone from the page.
    const corrected = page.locator(new URL(page.url()).hash);
    await submit(page, corrected.getByRole('link', { name: /^Ret eller slet/ }));
    await page.getByLabel('Begrundelse for sletningen').fill('Registreret på den forkerte person');
    await submit(page, page.getByRole('button', { name: 'Slet hændelsen', exact: true }));
    assert.match(await text(page.locator('#besked')), /Slettet/);
    assert.equal(await page.locator('#haendelser + ul li', { hasText: 'Samtale med tolk på arabisk' }).count(), 0, 'a deleted event is not shown');
    await checkPage(page, 'person page after the deletion');
    await shot(page, 'daily-04-event-deleted');

    // The person form names the family by its name, not a number.
    await page.goto(`${personPath}/rediger`);
    const family = page.getByLabel(/^Familie \(navnet/);
    assert.match(await family.inputValue(), /^Familien /);
    assert.equal(await page.getByLabel('Familienummer').count(), 0);
    await checkPage(page, 'person form');
    await shot(page, 'daily-09-person-form');
    await submit(page, page.getByRole('button', { name: 'Gem', exact: true }));
    assert.match(await text(page.locator('#besked')), /Intet var ændret/);
  });

  test('a coordinator reads a plan change in Danish and restores the earlier version', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'koordinator');
    await page.goto('/koordinator');
    const overview = await text(page.locator('main'));
    assert.ok(overview.indexOf('Notifikationer') < overview.indexOf('«Mine familier» er de familier'), 'notifications first');
    assert.match(overview, /Konflikter gælder uge \d{1,2}\./);
    await checkPage(page, 'coordinator overview');
    // Only the families with an overdue deadline, a page at a time.
    await page.getByLabel('Vis', { exact: true }).selectOption('overskredet');
    await submit(page, page.getByRole('button', { name: 'Vis', exact: true }));
    assert.match(page.url(), /vis=overskredet/);
    const rows = page.locator('main table tbody tr');
    const shown = await rows.count();
    for (let i = 0; i < shown; i++) assert.match(await text(rows.nth(i)), /\d+ friste?r? overskredet/);
    await checkPage(page, 'coordinator overview, overdue only');
    await shot(page, 'daily-08-overview-overdue');
    await page.goto('/koordinator');
    await submit(page, page.locator('main table tbody tr td:first-child a').first());
    assert.match(await text(page.locator('#konflikter')), /^Konflikter i uge \d{1,2}$/, 'the week as staff say it');
    const planPath = new URL(page.url()).pathname;
    assert.match(planPath, /^\/familier\/\d+\/plan$/);

    // A new goal: a new version.
    await page.getByLabel('Livsområde').selectOption('faellesskab_og_fritid');
    await page.getByLabel('Mål', { exact: true }).fill('Familien kender en forening i nærområdet');
    await page.getByLabel('Begrundelse for ændringen').fill('Familiemøde');
    await submit(page, page.getByRole('button', { name: 'Tilføj mål', exact: true }));
    assert.match(await text(page.locator('#besked')), /Gemt/);

    await page.goto(`${planPath}/versioner`);
    const versions = await page.locator('main table tbody tr td:first-child').allInnerTexts();
    const [newest, previous] = versions.map(Number);
    await page.getByLabel('Fra version').fill(String(previous));
    await page.getByLabel('Til version').fill(String(newest));
    await submit(page, page.getByRole('button', { name: 'Sammenlign', exact: true }));
    const changes = await text(page.locator('ul.app-changes'));
    assert.match(changes, /Målet "Familien kender en forening i nærområdet" blev tilføjet under Fællesskab og fritid for hele familien\./);
    assert.doesNotMatch(changes, /[{}]|life_area/, 'no JSON or field names');
    await checkPage(page, 'versions compared');
    await shot(page, 'daily-05-versions-compared');

    // Restore the version before: a reason first.
    await page.getByLabel('Version', { exact: true }).selectOption(String(previous));
    await submit(page, page.getByRole('button', { name: 'Gendan som ny version', exact: true }));
    assert.match(await text(page.locator('.alert-error')), /Begrundelse: skriv hvorfor planen ændres/);
    assert.equal(await page.getByLabel('Version', { exact: true }).inputValue(), String(previous));
    await checkPage(page, 'refused restore');
    await shot(page, 'daily-06-restore-refused');
    await page.getByLabel('Begrundelse', { exact: true }).fill('Målet blev skrevet på den forkerte familie');
    await submit(page, page.getByRole('button', { name: 'Gendan som ny version', exact: true }));
    assert.match(await text(page.locator('#besked')), /Gemt/);
    assert.match(await text(page.locator('ul.app-changes')), /Målet "Familien kender en forening i nærområdet" blev fjernet\./);
    assert.match(await text(page.locator('main table tbody tr').first()), new RegExp(`^${newest + 1}\\b.*Version ${previous} gendannet: Målet blev skrevet på den forkerte familie`));
    await checkPage(page, 'restored');
    await shot(page, 'daily-07-restored');
  });

  test('a housing officer writes places as addresses, reads the explanation and approves', async () => {
    const page = await newPage(demo.browser, demo.server.baseURL);
    await login(page, 'bolig');
    await page.goto('/bolig/husstande');
    const rows = page.locator('main table tbody tr');
    assert.match(await text(rows.first().locator('td').nth(5)), /\d{4} \S/, 'places read as addresses, not coordinates');
    await checkPage(page, 'waiting households');
    // A member of the first household, by surname; a place that is nowhere is refused at the field.
    const surname = (await text(rows.first().locator('td:first-child a'))).replace(/^Familien /, '');
    const places = page.getByLabel('Steder husstanden skal kunne nå');
    await page.getByLabel('Et familiemedlem').fill(surname);
    await page.getByLabel(/^Højeste husleje/).fill('7500');
    await places.fill('Skolevej 4, 4300 Holbæk; Atlantis');
    await submit(page, page.getByRole('button', { name: 'Gem', exact: true }));
    assert.match(await text(page.locator('.alert-error')), /Steder at nå: sted nr\. 2 «Atlantis»: skriv en adresse med postnummer/);
    assert.equal(await places.inputValue(), 'Skolevej 4, 4300 Holbæk; Atlantis', 'what was typed is kept');
    assert.equal(await page.getByLabel(/^Højeste husleje/).inputValue(), '7500');
    await checkPage(page, 'refused places');
    await shot(page, 'daily-10-housing-places-refused');
    const choice = page.locator('fieldset.app-pick input[type="radio"]');
    if ((await choice.count()) > 0) await choice.first().check();
    await places.fill('Skolevej 4, 4300 Holbæk; Tølløse');
    await submit(page, page.getByRole('button', { name: 'Gem', exact: true }));
    const saved = new URL(page.url()).hash;
    assert.match(saved, /^#husstand-\d+$/, 'back at the changed row');
    assert.match(await text(page.locator('#besked')), /Gemt/);
    assert.match(await text(page.locator(saved)), /Skolevej 4, 4300 Holbæk; Tølløse/);
    await checkPage(page, 'household saved');
    await shot(page, 'daily-11-housing-places-saved');

    // The proposal: what each cost is, lower is better, and which list an area is on.
    await page.goto('/bolig');
    await submit(page, page.getByRole('button', { name: 'Lav forslag', exact: true }));
    const main = await text(page.locator('main'));
    assert.match(main, /Ja: listen over udsatte boligområder pr\. 1\. december \d{4}/);
    assert.match(main, /Valgt: afstand .* point \(lavere er bedre\)\./);
    await page.locator('#saadan-laeses summary').click();
    const legend = await text(page.locator('#saadan-laeses'));
    for (const said of [/Lavere er bedre\./, /Afstand/, /Spredning/, /spredt i hele kommunen/, /Midlertidig bolig/]) assert.match(legend, said);
    await checkPage(page, 'proposal with the explanation open');
    await shot(page, 'daily-12-housing-explained');
    await submit(page, page.getByRole('button', { name: 'Godkend', exact: true }).first());
    assert.match(new URL(page.url()).hash, /^#placering-\d+$/, 'back at the approved row');
    assert.match(await text(page.locator('#besked')), /Godkendt/);
    assert.match(await text(page.locator(new URL(page.url()).hash)), /Afgjort/);
    await checkPage(page, 'placement approved');
    await shot(page, 'daily-13-housing-approved');
  });

  test('saves in the integration council and employment confirm «Gemt» at the changed row', async () => {
    const manager = await newPage(demo.browser, demo.server.baseURL);
    await login(manager, 'leder');
    await manager.goto('/integrationsraad/medlemmer/ny');
    await manager.getByLabel('Navn', { exact: true }).fill('Rådsmedlem Ny');
    await manager.getByLabel('Indstillet af').fill('Holbæk Frivilligcenter');
    await manager.getByLabel('Valgperiode').fill('2026-2029');
    await manager.getByLabel('Medlem fra (DD.MM.ÅÅÅÅ)').fill('2026-01-01');
    await manager.getByLabel('Medlem til (DD.MM.ÅÅÅÅ)').fill('2029-12-31');
    await submit(manager, manager.getByRole('button', { name: 'Tilføj medlem', exact: true }));
    const member = new URL(manager.url()).hash;
    assert.match(member, /^#medlem-\d+$/, 'back at the new member');
    assert.match(await text(manager.locator('#besked')), /Gemt/);
    assert.match(await text(manager.locator(member)), /Rådsmedlem Ny/);
    await checkPage(manager, 'council after a member is saved');
    await shot(manager, 'daily-14-council-saved');

    const consultant = await newPage(demo.browser, demo.server.baseURL);
    await login(consultant, 'virksomhed');
    await consultant.goto('/beskaeftigelse/virksomheder');
    await submit(consultant, consultant.locator('main table tbody tr td a').first());
    const company = new URL(consultant.url()).pathname;
    const contact = consultant.locator('form[action$="/kontakter"]');
    await contact.getByLabel('Navn', { exact: true }).fill('Jens Hansen');
    await contact.getByLabel('Rolle').fill('HR-ansvarlig');
    await contact.getByLabel('Telefon').fill('12345678');
    await submit(consultant, consultant.getByRole('button', { name: 'Tilføj kontaktperson', exact: true }));
    assert.equal(new URL(consultant.url()).pathname, company);
    const line = new URL(consultant.url()).hash;
    assert.match(line, /^#kontakt-\d+$/, 'back at the new contact');
    assert.match(await text(consultant.locator('#besked')), /Gemt/);
    assert.match(await text(consultant.locator(line)), /Jens Hansen, HR-ansvarlig/);
    await checkPage(consultant, 'company after a contact is saved');
    await shot(consultant, 'daily-15-company-contact-saved');
  });
});
