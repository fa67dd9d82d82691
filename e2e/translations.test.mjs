// The municipality's interpreters review Min plan's Arabic in a real browser against
// `samplan demo`: the translator `tolk` opens the languages, proposes a text for a key
// (a wrong variable is refused at the field with what was typed), sees the proposal in
// the invented plan's preview and cannot approve it; the administrator approves it, and
// the caseworker sees it in a person's Min plan in Arabic. axe-core and the layout check
// on every page; screenshots of each step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPage, login, newPage, screenshot, text } from './lib/browser.js';
import { useDemo } from './lib/server.js';

const demo = useDemo();

const PROPOSAL = 'مقاصدي في الخطة';

describe('translation review', () => {
  test('a translator proposes, the administrator approves, Min plan shows it', async () => {
    const tolk = await newPage(demo.browser, demo.server.baseURL);
    await login(tolk, 'tolk');
    await tolk.getByRole('link', { name: 'Oversættelser' }).first().click();
    assert.match(await text(tolk.locator('main')), /dit sprog/);
    await checkPage(tolk, 'languages');
    await screenshot(tolk, 'translations-01-languages');
    await tolk.getByRole('link', { name: /العربية/ }).click();
    await checkPage(tolk, 'Arabic keys');
    await screenshot(tolk, 'translations-02-arabic');
    await tolk.getByRole('link', { name: 'goals', exact: true }).click();
    await tolk.getByLabel(/Tekst på/).fill('أهدافي { $navn }');
    await tolk.getByRole('button', { name: 'Foreslå teksten' }).click();
    assert.match(await text(tolk.locator('#text-error')), /\$navn findes ikke i den danske tekst/);
    assert.equal(await tolk.getByLabel(/Tekst på/).inputValue(), 'أهدافي { $navn }', 'what was typed is kept');
    await checkPage(tolk, 'refused proposal');
    await tolk.getByLabel(/Tekst på/).fill(PROPOSAL);
    await tolk.getByRole('button', { name: 'Foreslå teksten' }).click();
    assert.match(await text(tolk.locator('main')), /En anden tolk på sproget eller administratoren godkender forslaget/);
    assert.match(await text(tolk.locator('.app-myplan')), new RegExp(PROPOSAL), 'the preview shows the proposal in place');
    await checkPage(tolk, 'proposal with preview');
    await screenshot(tolk, 'translations-03-proposal');

    const admin = await newPage(demo.browser, demo.server.baseURL);
    await login(admin, 'admin');
    await admin.goto('/oversaettelser/ar/goals');
    await admin.getByRole('button', { name: 'Godkend' }).click();
    assert.match(await text(admin.locator('main')), /Godkendt af Peter Nielsen/);
    await checkPage(admin, 'approved');
    await screenshot(admin, 'translations-04-approved');

    const caseworker = await newPage(demo.browser, demo.server.baseURL);
    await login(caseworker, 'sagsbehandler');
    await caseworker.goto('/personer/7/minplan?lang=ar');
    assert.match(await text(caseworker.locator('main')), new RegExp(PROPOSAL));
    await checkPage(caseworker, 'Min plan with the municipality text');
    await screenshot(caseworker, 'translations-05-minplan');
  });
});
