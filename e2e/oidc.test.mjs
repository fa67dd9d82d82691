// OpenID Connect login (decision 013) against a real provider started here: panva's
// `oidc-provider` (OpenID certified) on a local port, with its development login page,
// consent, discovery, JWKS, PKCE and RP-initiated logout. samplan runs as the demo with
// `--oidc-config`: one provider for staff (client secret from the environment, role from
// the `groups` claim) and one for citizens (CPR claim, provisioning on).
//
// Refusals are made the way they happen in the field: a replayed code is refused by the
// provider itself, a replayed callback by samplan; a wrong signature, a wrong audience, an
// expired token and a wrong nonce are made by re-signing the provider's own ID token on
// its token endpoint (the test holds the provider's key) — samplan must refuse each.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import * as jose from 'jose';
import { DEMO_PASSWORD, launchBrowser, screenshotDir } from './lib/browser.js';
import { freePort, startDemoServer } from './lib/server.js';

const STAFF_SECRET = 'test-secret-not-in-any-file';
const NEW_CITIZEN_CPR = '150390-2853';
const UNKNOWN_CPR = '010203-4000';
const STAFF_LABEL = 'Log ind med kommunens login';
const CITIZEN_LABEL = 'Log ind med MitID';
const PROVISION_LABEL = 'Log ind som ny medarbejder';

// Accounts at the provider: the login typed on its page is the account id.
const accounts = {
  sagsbehandler: { name: 'Mette Sørensen', groups: ['samplan-sagsbehandlere'] },
  ukendt: { name: 'Ukendt Medarbejder', groups: ['samplan-sagsbehandlere'] },
  koordinator: { name: 'Ahmed Larsen', groups: ['andre-systemer'] },
  'ny.sundhedsplejerske': { name: 'Nina Sundby', groups: ['samplan-sundhed'] },
  'ny-borger': { name: 'Ny Borger', cpr: NEW_CITIZEN_CPR },
  'fremmed-borger': { name: 'Fremmed Borger', cpr: UNKNOWN_CPR },
};

let op;
let opServer;
let samplan;
let browser;
let dir;
let signingKey;
let tamper = null; // (id_token) => Promise<id_token>, applied on the token endpoint
let injectCode = null; // a code put into the provider's redirect back to samplan

before(async () => {
  const opPort = await freePort();
  const samplanPort = await freePort();
  const issuer = `http://127.0.0.1:${opPort}`;
  const samplanURL = `http://127.0.0.1:${samplanPort}`;
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  signingKey = privateKey;
  const jwk = { ...(await jose.exportJWK(privateKey)), kid: 'op-key', alg: 'RS256', use: 'sig' };
  op = new Provider(issuer, {
    clients: [
      {
        client_id: 'samplan-staff',
        client_secret: STAFF_SECRET,
        redirect_uris: [`${samplanURL}/login/oidc/medarbejder/callback`],
        post_logout_redirect_uris: [`${samplanURL}/login`],
      },
      {
        client_id: 'samplan-staff-provision',
        client_secret: STAFF_SECRET,
        redirect_uris: [`${samplanURL}/login/oidc/nyansat/callback`],
      },
      {
        client_id: 'samplan-citizens',
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${samplanURL}/login/oidc/mitid/callback`],
        post_logout_redirect_uris: [`${samplanURL}/login`],
      },
    ],
    jwks: { keys: [jwk] },
    scopes: ['openid', 'profile', 'cpr'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'], cpr: ['cpr'] },
    // Scope claims in the ID token itself (as Entra ID and the MitID brokers send them).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, preferred_username: id, ...account }) };
    },
  });
  op.use(async (ctx, next) => {
    await next();
    const location = ctx.response.get('Location') || '';
    if (injectCode && location.includes('/callback?')) {
      const u = new URL(location);
      u.searchParams.set('code', injectCode);
      ctx.set('Location', u.toString());
    }
    if (tamper && ctx.path === '/token' && ctx.body && typeof ctx.body === 'object' && ctx.body.id_token) {
      ctx.body = { ...ctx.body, id_token: await tamper(ctx.body.id_token) };
    }
  });
  op.on('server_error', (_ctx, err) => console.error('provider server_error', err));
  opServer = createServer(op.callback());
  await new Promise((ok) => opServer.listen(opPort, '127.0.0.1', ok));

  dir = mkdtempSync(join(tmpdir(), 'samplan-oidc-'));
  const config = join(dir, 'oidc.toml');
  writeFileSync(
    config,
    `
[[oidc]]
name = "medarbejder"
label = "${STAFF_LABEL}"
municipality_code = "0316"
users = "staff"
issuer = "${issuer}"
client_id = "samplan-staff"
client_secret_env = "SAMPLAN_OIDC_STAFF_SECRET"
redirect_url = "${samplanURL}/login/oidc/medarbejder/callback"
scopes = ["profile"]
role_claim = "groups"
roles = [{ value = "samplan-sagsbehandlere", role = "caseworker", department = "jobcenter" }]
clock_skew_seconds = 60

[[oidc]]
name = "nyansat"
label = "${PROVISION_LABEL}"
municipality_code = "0316"
users = "staff"
issuer = "${issuer}"
client_id = "samplan-staff-provision"
client_secret_env = "SAMPLAN_OIDC_STAFF_SECRET"
redirect_url = "${samplanURL}/login/oidc/nyansat/callback"
scopes = ["profile"]
role_claim = "groups"
roles = [{ value = "samplan-sundhed", role = "department_staff", department = "sundhed" }]
provision = true

[[oidc]]
name = "mitid"
label = "${CITIZEN_LABEL}"
municipality_code = "0316"
users = "citizens"
issuer = "${issuer}"
client_id = "samplan-citizens"
redirect_url = "${samplanURL}/login/oidc/mitid/callback"
scopes = ["cpr"]
cpr_claim = "cpr"
provision = true
`,
  );
  samplan = await startDemoServer({
    port: samplanPort,
    args: ['--oidc-config', config],
    env: { SAMPLAN_OIDC_STAFF_SECRET: STAFF_SECRET },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await samplan?.stop();
  opServer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh browser context that reaches only this machine. */
async function freshPage() {
  const context = await browser.newContext({ baseURL: samplan.baseURL, locale: 'da-DK' });
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  return context.newPage();
}

/**
 * From samplan's login page through the provider's login and consent pages and back.
 * Returns the callback URL samplan was called on and the status of its answer.
 */
async function loginThrough(page, label, account) {
  let callback = null;
  page.on('response', (res) => {
    if (res.url().includes('/callback?')) callback = { url: res.url(), status: res.status() };
  });
  await page.goto('/login');
  await page.getByRole('link', { name: label }).click();
  await page.locator('input[name=login]').fill(account);
  await page.locator('input[name=password]').fill('any');
  await page.locator('button[type=submit]').first().click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((u) => u.href.startsWith(samplan.baseURL));
  await page.waitForLoadState();
  return callback;
}

/** Re-signs the provider's ID token with changed claims, with its own key unless another. */
function resign(change, key = () => signingKey) {
  return async (idToken) => {
    const claims = jose.decodeJwt(idToken);
    return new jose.SignJWT({ ...claims, ...change(claims) }).setProtectedHeader({ alg: 'RS256', kid: 'op-key' }).sign(await key());
  };
}

async function refusedWith(page, text) {
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), text);
  assert.equal(new URL(page.url()).pathname.endsWith('/callback'), true, 'the refusal is the callback\'s answer');
  assert.equal(await page.getByRole('link', { name: STAFF_LABEL }).count(), 1, 'the login page is shown again');
}

let usedCallback;

test('a caseworker logs in through the provider and gets an ordinary session', async () => {
  const page = await freshPage();
  const callback = await loginThrough(page, STAFF_LABEL, 'sagsbehandler');
  assert.equal(callback.status, 303);
  assert.equal(new URL(page.url()).pathname, '/');
  await page.getByText('Mette Sørensen').first().waitFor();
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, 'oidc-logged-in.png'), fullPage: false });
  // The same session as a password login: person search works.
  const res = await page.goto('/personer');
  assert.equal(res.status(), 200);
  usedCallback = callback.url;

  // Replaying the callback (same browser, same state and code) is refused by samplan.
  await page.goto(usedCallback);
  await refusedWith(page, /passer ikke til denne browser|udløbet eller allerede brugt/);
  await page.context().close();
});

test('a replayed code is refused by the provider and samplan shows why', async () => {
  assert.ok(usedCallback, 'the first login ran');
  const oldCode = new URL(usedCallback).searchParams.get('code');
  const page = await freshPage();
  // A new login (own state, nonce and PKCE verifier) comes back with the old, used code,
  // as when a code caught from an earlier login is injected.
  injectCode = oldCode;
  try {
    const callback = await loginThrough(page, STAFF_LABEL, 'sagsbehandler');
    assert.equal(new URL(callback.url).searchParams.get('code'), oldCode);
    assert.equal(callback.status, 403);
    await refusedWith(page, /godkendte ikke login-koden/);
    // It was the provider that refused the code, not samplan's own checks.
    assert.match(samplan.output(), /token request refused provider=medarbejder error=.*invalid_grant/);
    assert.equal((await page.context().cookies()).some((c) => c.name === 'samplan_session'), false, 'no session');
  } finally {
    injectCode = null;
    await page.context().close();
  }
});

const tampered = [
  ['a wrong signature', resign(() => ({}), async () => (await jose.generateKeyPair('RS256')).privateKey), /signatur er ugyldig/],
  ['a wrong audience', resign(() => ({ aud: 'another-client' })), /anden modtager/],
  ['an expired token', resign(() => ({ iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 600 })), /ID-tokenet er udløbet/],
  ['a wrong nonce', resign(() => ({ nonce: 'not-the-nonce-samplan-sent' })), /nonce/],
];

for (const [what, change, text] of tampered) {
  test(`an ID token with ${what} is refused`, async () => {
    const page = await freshPage();
    tamper = change;
    try {
      const callback = await loginThrough(page, STAFF_LABEL, 'sagsbehandler');
      assert.equal(callback.status, 403);
      await refusedWith(page, text);
      assert.equal((await page.context().cookies()).some((c) => c.name === 'samplan_session'), false, 'no session');
    } finally {
      tamper = null;
      await page.context().close();
    }
  });
}

test('a token expired less than the clock skew ago is accepted', async () => {
  const page = await freshPage();
  tamper = resign(() => ({ exp: Math.floor(Date.now() / 1000) - 20 }));
  try {
    const callback = await loginThrough(page, STAFF_LABEL, 'sagsbehandler');
    assert.equal(callback.status, 303);
    await page.getByText('Mette Sørensen').first().waitFor();
  } finally {
    tamper = null;
    await page.context().close();
  }
});

test('a user samplan does not know is refused with a Danish page; so is one without a mapped group', async () => {
  let page = await freshPage();
  assert.equal((await loginThrough(page, STAFF_LABEL, 'ukendt')).status, 403);
  await refusedWith(page, /Du er ikke oprettet som bruger i samplan/);
  await page.screenshot({ path: join(screenshotDir, 'oidc-refused.png') });
  await page.context().close();

  page = await freshPage();
  assert.equal((await loginThrough(page, STAFF_LABEL, 'koordinator')).status, 403);
  await refusedWith(page, /ingen rolle i samplan/);
  await page.context().close();
});

test('with provisioning, an unknown user with a mapped group is created with the mapped role', async () => {
  const page = await freshPage();
  const callback = await loginThrough(page, PROVISION_LABEL, 'ny.sundhedsplejerske');
  assert.equal(callback.status, 303);
  await page.getByText('Nina Sundby').first().waitFor();
  await page.getByText('Medarbejder i forvaltning').first().waitFor();
  await page.context().close();
  // Without a mapped group, provisioning creates nobody.
  const other = await freshPage();
  assert.equal((await loginThrough(other, PROVISION_LABEL, 'koordinator')).status, 403);
  await refusedWith(other, /ingen rolle i samplan/);
  await other.context().close();
});

test('a citizen logs in by the CPR claim; an unknown CPR number is refused', async () => {
  // A caseworker registers the person first (password login stays).
  const staff = await freshPage();
  await staff.goto('/login');
  await staff.locator('#login').fill('sagsbehandler');
  await staff.locator('#password').fill(DEMO_PASSWORD);
  await staff.getByRole('button', { name: 'Log ind', exact: true }).click();
  await staff.goto('/personer/ny');
  await staff.locator('#cpr').fill(NEW_CITIZEN_CPR);
  await staff.locator('#given_name').fill('Ny');
  await staff.locator('#family_name').fill('Borger');
  await staff.locator('#nationality').fill('Syrien');
  await staff.locator('#sex').selectOption({ index: 1 });
  await staff.locator('#residence_basis').selectOption({ index: 1 });
  await staff.getByRole('button', { name: 'Gem', exact: true }).click();
  await staff.waitForLoadState();
  assert.match(new URL(staff.url()).pathname, /^\/personer\/\d+/, await staff.locator('body').innerText());
  await staff.context().close();

  let page = await freshPage();
  const callback = await loginThrough(page, CITIZEN_LABEL, 'ny-borger');
  assert.equal(callback.status, 303);
  assert.match(new URL(page.url()).pathname, /^\/borger/);
  assert.doesNotMatch(await page.locator('body').innerText(), /150390/, 'the CPR number is not shown');
  await page.screenshot({ path: join(screenshotDir, 'oidc-citizen.png') });
  await page.context().close();

  page = await freshPage();
  assert.equal((await loginThrough(page, CITIZEN_LABEL, 'fremmed-borger')).status, 403);
  await refusedWith(page, /Vi kan ikke finde dig i samplan/);
  await page.context().close();

  // Neither CPR number is in samplan's log.
  assert.doesNotMatch(samplan.output(), /150390-?2853|010203-?4000/);
});

test('logging out ends the session at the provider too (single logout)', async () => {
  const page = await freshPage();
  await loginThrough(page, STAFF_LABEL, 'sagsbehandler');
  await page.getByRole('button', { name: 'Log ud' }).click();
  await page.waitForURL((u) => !u.href.startsWith(samplan.baseURL));
  assert.match(page.url(), /\/session\/end/);
  assert.match(page.url(), /id_token_hint=/);
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.waitForURL((u) => u.href.startsWith(samplan.baseURL));
  assert.equal(new URL(page.url()).pathname, '/login');
  const res = await page.goto('/personer');
  assert.equal(new URL(res.url()).pathname, '/login', 'the samplan session is gone');
  await page.context().close();
});
