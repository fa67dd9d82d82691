// Debian's chromium driven by playwright-core, an axe-core check that fails on serious
// and critical violations, screenshots, and the login steps the journeys share.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const e2eDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const axePath = require.resolve('axe-core/axe.min.js');
export const screenshotDir = join(e2eDir, 'screenshots');

export const DEMO_PASSWORD = 'samplan-demo';

/** Launches the system chromium (CHROMIUM_BIN overrides /usr/bin/chromium). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh browser context (own cookies) with a Danish locale, by default a desktop viewport.
 * bypassCSP lets axe-core be injected: samplan's Content-Security-Policy
 * (default-src 'self') rightly blocks injected scripts.
 */
export async function newPage(browser, baseURL, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({
    baseURL,
    locale: 'da-DK',
    viewport,
    bypassCSP: true,
  });
  const page = await context.newPage();
  return page;
}

/** One readable block per violation: id, impact, help, URL and each offending element. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.html}\n      ${(n.failureSummary || '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Runs axe-core on the page; fails on any violation with impact serious or critical. */
export async function checkA11y(page, label = page.url()) {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
  const serious = results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.filter((v) => !serious.includes(v));
  for (const v of minor) {
    console.log(`axe ${v.impact} (not failing) on ${label}: ${v.id} – ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  assert.equal(
    serious.length,
    0,
    `axe found ${serious.length} serious/critical accessibility violation(s) on ${label} (${page.url()}):\n${formatViolations(serious)}`,
  );
}

/** Saves a full-page screenshot to e2e/screenshots/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Fills the login form and submits it; returns the navigation's response. */
export async function submitLogin(page, login, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Brugernavn').fill(login);
  await page.getByLabel('Adgangskode').fill(password);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Log ind' }).click(),
  ]);
  return response;
}

/** Logs in and checks that the overview greets the user. */
export async function login(page, login, password = DEMO_PASSWORD) {
  await submitLogin(page, login, password);
  assert.equal(new URL(page.url()).pathname, '/', `login as ${login} should land on the overview, got ${page.url()}`);
  await page.getByRole('heading', { level: 1, name: 'Overblik' }).waitFor();
}

/** Logs out with the header's "Log ud" button. */
export async function logout(page) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Log ud' }).click()]);
}

/** Text of a locator, whitespace collapsed. */
export async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * Checks what axe does not: the stylesheets (DKFDS and app.css) loaded and apply, the
 * DKFDS font is in use, the page does not scroll sideways, the main menu is visible on
 * logged-in pages, and no visible text is smaller than 12px.
 */
export async function checkLayout(page, label = page.url()) {
  const facts = await page.evaluate(async () => {
    await document.fonts.ready;
    const sheets = [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => {
      let rules = 0;
      try { rules = l.sheet ? l.sheet.cssRules.length : 0; } catch { rules = -1; }
      return { href: l.getAttribute('href'), rules };
    });
    const root = document.documentElement;
    const nav = document.querySelector('nav[aria-label="Hovedmenu"]');
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || !el.checkVisibility()) continue;
      if (el.closest('.skipnav')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 12) small.push(`${el.tagName.toLowerCase()}.${el.className} (${size}px): ${n.textContent.trim().slice(0, 40)}`);
    }
    return {
      sheets,
      font: getComputedStyle(document.body).fontFamily,
      plexLoaded: document.fonts.check('16px "IBM Plex Sans"') && [...document.fonts].some((f) => /IBM Plex Sans/.test(f.family) && f.status === 'loaded'),
      overflow: root.scrollWidth - root.clientWidth,
      nav: nav === null ? null : nav.checkVisibility() && nav.getBoundingClientRect().height > 0,
      small: [...new Set(small)],
    };
  });
  for (const s of facts.sheets) assert.ok(s.rules > 0, `${label}: stylesheet ${s.href} did not load`);
  assert.match(facts.font, /IBM Plex Sans/, `${label}: DKFDS font family not applied`);
  assert.ok(facts.plexLoaded, `${label}: the IBM Plex Sans web font did not load`);
  assert.ok(facts.overflow <= 0, `${label}: the page scrolls sideways by ${facts.overflow}px at width ${page.viewportSize().width}`);
  if (facts.nav !== null) assert.ok(facts.nav, `${label}: the main menu (Hovedmenu) is not visible at width ${page.viewportSize().width}`);
  assert.deepEqual(facts.small, [], `${label}: text smaller than 12px`);
}

/** checkLayout and checkA11y together: what every visited page must pass. */
export async function checkPage(page, label = page.url()) {
  await checkLayout(page, label);
  await checkA11y(page, label);
}
