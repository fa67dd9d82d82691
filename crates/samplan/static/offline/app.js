// The offline page for today's home visits (decision 180): fetches the bundle of the
// families marked for today while online, keeps it encrypted in IndexedDB (vault.js),
// shows a family's plan, its members' Min plan and forms for a note, an action's status
// and a new action; queues what is changed (encrypted) and sends it when the connection
// returns through the plan's own API, which answers 409 on a stale version. A conflict
// on the same action is shown side by side and the user chooses; nothing is dropped
// without the user saying so. Plain JavaScript, no framework; every text through
// textContent, so nothing from the data is read as HTML.
import * as vault from './vault.js';

const app = document.getElementById('offline-app');
const statusLine = document.getElementById('offline-status');
const syncArea = document.getElementById('offline-sync');
let session = 'ukendt'; // 'ok', 'logged-out' or 'unknown' (no connection)
let syncing = false;
let message = '';

// ------------------------------------------------------------------ small helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a node's children, leaving out the empty ones (null would become "null"). */
function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

const labelOf = (list, code) => (list.find((x) => x.code === code) || { label: code || '' }).label;
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const newId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
const clock = (iso) => new Date(iso).toLocaleString('da-DK', { day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' });
const today = () => new Date().toISOString().slice(0, 10);

async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  return { status: response.status, json };
}

function problemText(json) {
  if (!json) return 'ukendt fejl';
  const fields = (json.errors || []).map((e) => `${e.field}: ${e.reason || e.message || ''}`).join('; ');
  return [json.detail || json.title, fields].filter(Boolean).join(' – ');
}

// ------------------------------------------------------------------ the bundle

async function loadBundle() {
  const bundle = await vault.get('bundle');
  if (!bundle) return null;
  if (new Date(bundle.expires_at) <= new Date()) {
    await vault.remove('bundle');
    return null;
  }
  return bundle;
}

/** Fetches today's bundle; true when the key is in memory afterwards. */
async function refresh() {
  let r;
  try {
    r = await api('GET', '/api/v1/visits/offline');
  } catch {
    session = 'unknown';
    return vault.unlocked();
  }
  if (r.status === 401) {
    session = 'logged-out';
    return vault.unlocked();
  }
  if (r.status !== 200 || !r.json) {
    session = 'unknown';
    message = `Dagens besøg kunne ikke hentes: ${problemText(r.json)}`;
    return vault.unlocked();
  }
  session = 'ok';
  const bundle = r.json;
  await vault.unlock(bundle.key, bundle.user_id);
  delete bundle.key;
  await vault.put('bundle', 'bundle', bundle, bundle.expires_at);
  return true;
}

// ------------------------------------------------------------------ changes queued offline

async function changes() {
  return vault.list('change');
}

async function queue(change) {
  await vault.put(change.id, 'change', change);
}

/** The plan as shown: the cached plan with the user's own queued changes on top. */
function withChanges(family, queued) {
  const plan = JSON.parse(JSON.stringify(family.plan));
  for (const c of queued.filter((q) => q.family_id === family.id)) {
    const goal = plan.goals.find((g) => g.id === c.goal_id);
    if (!goal) continue;
    if (c.kind === 'action') {
      const i = goal.actions.findIndex((a) => a.id === c.action_id);
      if (i >= 0) goal.actions[i] = { ...c.action, pending: true };
    } else if (c.kind === 'new_action') {
      goal.actions.push({ ...c.action, id: `ny-${c.id}`, pending: true });
    }
  }
  return plan;
}

function reason(what, made) {
  return `Hjemmebesøg ${new Date(made).toLocaleDateString('da-DK')}: ${what} (ændret offline kl. ${new Date(made).toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' })})`;
}

async function changeStatus(family, goal, action, status) {
  const { values } = await changes();
  const earlier = values.find((c) => c.kind === 'action' && c.family_id === family.id && c.action_id === action.id);
  const made = new Date().toISOString();
  const change = earlier || {
    id: `change-${Date.now()}-${newId()}`,
    kind: 'action',
    family_id: family.id,
    family_name: family.name,
    goal_id: goal.id,
    action_id: action.id,
    base_version: family.version,
    base: family.plan.goals.find((g) => g.id === goal.id).actions.find((a) => a.id === action.id),
  };
  const { pending, ...current } = action;
  change.action = { ...current, status };
  change.made_at = made;
  change.reason = reason(`${action.title} sat til «${labelOf(lastBundle.statuses, status)}»`, made);
  change.conflict = null;
  await queue(change);
}

async function addAction(family, fields) {
  const made = new Date().toISOString();
  await queue({
    id: `change-${Date.now()}-${newId()}`,
    kind: 'new_action',
    family_id: family.id,
    family_name: family.name,
    goal_id: fields.goal_id,
    base_version: family.version,
    action: { title: fields.title, department: fields.department, responsible_name: fields.responsible_name, start_date: fields.start_date, status: 'planned' },
    made_at: made,
    reason: reason(`ny indsats «${fields.title}»`, made),
  });
}

async function addNote(family, text) {
  const made = new Date().toISOString();
  const id = newId();
  await queue({ id: `change-${Date.now()}-${id}`, kind: 'note', family_id: family.id, family_name: family.name, client_id: id.replace(/[^A-Za-z0-9_-]/g, ''), text, made_at: made });
}

// ------------------------------------------------------------------ sending

async function currentPlan(familyId) {
  const r = await api('GET', `/api/v1/families/${familyId}/plan`);
  if (r.status !== 200) throw new Error(problemText(r.json));
  return r.json;
}

function findAction(plan, actionId) {
  for (const g of plan.goals) for (const a of g.actions) if (a.id === actionId) return { goal: g, action: a };
  return null;
}

/** Sends one queued change; returns 'done', 'conflict', 'failed' or 'stop'. */
async function send(change) {
  if (change.kind === 'note') {
    const r = await api('POST', `/api/v1/families/${change.family_id}/visit/notes`, { client_id: change.client_id, text: change.text, written_at: change.made_at });
    if (r.status === 200 || r.status === 201) return 'done';
    if (r.status === 401) return 'stop';
    change.error = problemText(r.json);
    return 'failed';
  }
  let version = change.base_version;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const body = { based_on_version: version, reason: change.reason, goal_id: change.goal_id, action: change.action };
    const r = change.kind === 'action'
      ? await api('PUT', `/api/v1/families/${change.family_id}/plan/actions/${change.action_id}`, body)
      : await api('POST', `/api/v1/families/${change.family_id}/plan/actions`, body);
    if (r.status === 200) {
      change.saved_version = r.json.version;
      return 'done';
    }
    if (r.status === 401) return 'stop';
    if (r.status !== 409) {
      change.error = problemText(r.json);
      return 'failed';
    }
    // The plan changed after the version this change was made from.
    const now = await currentPlan(change.family_id);
    if (change.kind === 'new_action') {
      const goal = now.plan.goals.find((g) => g.id === change.goal_id);
      const twin = goal && goal.actions.find((a) => a.title === change.action.title && a.department === change.action.department && a.start_date === change.action.start_date);
      if (twin) return 'done'; // sent before, its answer lost
      version = now.version; // adding overwrites nothing
      continue;
    }
    const found = findAction(now.plan, change.action_id);
    if (found && same(found.action, change.action)) return 'done';
    if (found && same(found.action, change.base)) {
      version = now.version; // someone changed another action: ours is untouched
      continue;
    }
    change.conflict = { version: now.version, saved_at: now.saved_at, saved_by: now.saved_by, reason: now.reason, action: found ? found.action : null };
    return 'conflict';
  }
  change.error = 'planen blev ved med at ændre sig; prøv igen';
  return 'failed';
}

async function sync() {
  if (syncing || !navigator.onLine || !vault.unlocked()) return render();
  syncing = true;
  let sent = 0;
  try {
    const { values } = await changes();
    for (const change of values.sort((a, b) => a.id.localeCompare(b.id))) {
      if (change.conflict) continue;
      let outcome;
      try {
        outcome = await send(change);
      } catch {
        outcome = 'network';
      }
      if (outcome === 'done') {
        await vault.remove(change.id);
        sent += 1;
      } else if (outcome === 'stop') {
        session = 'logged-out';
        break;
      } else if (outcome === 'network') {
        break;
      } else {
        await queue(change);
      }
    }
    if (sent > 0) {
      message = sent === 1 ? '1 ændring er sendt og gemt.' : `${sent} ændringer er sendt og gemt.`;
      await refresh();
    }
  } finally {
    syncing = false;
  }
  await render();
}

async function resolve(change, choice) {
  if (choice === 'theirs') {
    await vault.remove(change.id);
    message = `Din ændring af «${change.base.title}» er kasseret; serverens udgave gælder.`;
  } else {
    const theirs = change.conflict.action;
    const merged = { ...(theirs || change.action) };
    for (const k of Object.keys(change.action)) if (!same(change.base[k], change.action[k])) merged[k] = change.action[k];
    const next = theirs
      ? { ...change, action: merged, base: theirs, base_version: change.conflict.version, conflict: null, reason: `${change.reason} (konflikt løst: min ændring)` }
      : { ...change, kind: 'new_action', action: { ...merged, id: 0 }, base_version: change.conflict.version, conflict: null, reason: `${change.reason} (oprettet igen)` };
    await queue(next);
    message = '';
  }
  await sync();
}

// ------------------------------------------------------------------ drawing

let lastBundle = null;

function statusText(pending, unreadable) {
  const parts = [navigator.onLine ? 'Online.' : 'Offline: ændringer gemmes krypteret på enheden og sendes, når forbindelsen er tilbage.'];
  if (lastBundle) parts.push(`Dagens besøg er gemt krypteret på enheden til ${clock(lastBundle.expires_at)}.`);
  if (pending > 0) parts.push(pending === 1 ? '1 ændring venter på at blive sendt.' : `${pending} ændringer venter på at blive sendt.`);
  if (unreadable > 0) parts.push(`${unreadable} gemte ændringer kan ikke læses her (gemt før et log ud eller af en anden bruger).`);
  if (session === 'logged-out') parts.push('Du er ikke logget ind: log ind igen for at sende dine ændringer.');
  return parts.join(' ');
}

function drawSync(queued) {
  fill(syncArea);
  if (message) syncArea.append(el('div', { class: 'alert alert-success', role: 'status' }, el('p', { class: 'alert-text' }, message)));
  if (session === 'logged-out') syncArea.append(el('p', {}, el('a', { href: '/login' }, 'Log ind igen')));
  const open = queued.filter((c) => !c.conflict);
  if (open.length > 0 && navigator.onLine && vault.unlocked()) {
    syncArea.append(el('p', {}, el('button', { type: 'button', class: 'button button-primary', onclick: () => sync() }, 'Synkronisér nu')));
  }
  for (const c of queued.filter((q) => q.error && !q.conflict)) {
    syncArea.append(
      el('div', { class: 'alert alert-error', role: 'alert' },
        el('p', { class: 'alert-text' }, `${c.family_name}: ændringen kunne ikke gemmes: ${c.error}.`),
        el('button', { type: 'button', class: 'button button-secondary', onclick: async () => { await vault.remove(c.id); await render(); } }, 'Kassér ændringen')),
    );
  }
  for (const c of queued.filter((q) => q.conflict)) syncArea.append(drawConflict(c));
}

const FIELDS = [
  ['title', 'Indsats'], ['status', 'Status'], ['department', 'Afdeling'], ['responsible_name', 'Ansvarlig'], ['start_date', 'Startdato'],
  ['end_date', 'Slutdato'], ['weekly_hours', 'Timer om ugen'], ['slots', 'Faste tider'], ['person_id', 'For'], ['interpreter_language', 'Tolk'],
];

function show(field, value) {
  if (value === null || value === undefined || value === '') return '–';
  if (field === 'status') return labelOf(lastBundle ? lastBundle.statuses : [], value);
  if (field === 'department') return labelOf(lastBundle ? lastBundle.departments : [], value);
  if (field === 'slots') return value.map((s) => `dag ${s.weekday} ${s.from}–${s.to}`).join(', ') || '–';
  return String(value);
}

function drawConflict(c) {
  const theirs = c.conflict.action;
  const rows = FIELDS.filter(([k]) => !same(c.base[k], c.action[k]) || !same(c.base[k], theirs ? theirs[k] : undefined));
  const table = el('table', { class: 'table app-conflict-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Felt'), el('th', { scope: 'col' }, 'Da du tog planen med'),
      el('th', { scope: 'col' }, 'Din ændring'), el('th', { scope: 'col' }, `På serveren nu (version ${c.conflict.version})`))),
    el('tbody', {}, rows.map(([k, label]) => el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, show(k, c.base[k])),
      el('td', { 'data-side': 'mine' }, show(k, c.action[k])), el('td', { 'data-side': 'theirs' }, theirs ? show(k, theirs[k]) : 'slettet')))));
  return el('section', { class: 'app-conflict', 'aria-labelledby': `konflikt-${c.id}` },
    el('h2', { id: `konflikt-${c.id}` }, `Konflikt: ${c.base.title} (${c.family_name})`),
    el('p', {}, theirs
      ? `Indsatsen er ændret på serveren, mens du var offline (${c.conflict.saved_by || 'ukendt'}, ${c.conflict.saved_at ? clock(c.conflict.saved_at) : ''}: ${c.conflict.reason || ''}). Vælg hvilken udgave der skal gælde. Vælger du din, gælder dine ændrede felter, og resten af serverens udgave bevares.`
      : 'Indsatsen er slettet på serveren, mens du var offline. Vælg om den skal oprettes igen med din ændring.'),
    el('div', { class: 'app-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Din ændring og serverens side om side' }, table),
    el('p', {},
      el('button', { type: 'button', class: 'button button-primary', onclick: () => resolve(c, 'mine') }, theirs ? 'Brug min ændring' : 'Opret den igen med min ændring'),
      ' ',
      el('button', { type: 'button', class: 'button button-secondary', onclick: () => resolve(c, 'theirs') }, 'Behold serverens')));
}

function drawList(bundle) {
  if (bundle.families.length === 0) {
    return [el('p', {}, 'Du har ingen familier markeret til hjemmebesøg i dag. Markér dem på familiens side, mens du er online.')];
  }
  return [
    el('h2', {}, `Dagens besøg (${bundle.families.length})`),
    el('ul', { class: 'app-visit-list' }, bundle.families.map((f) => el('li', {}, el('a', { href: `#familie-${f.id}` }, f.name), f.address ? ` – ${f.address}` : ''))),
  ];
}

/** A Min plan text, marked with its language where it differs from the plan's (staff text is Danish). */
function said(t) {
  return t.lang ? el('span', { lang: t.lang, dir: 'auto' }, t.text) : t.text;
}

function drawMyPlan(plan) {
  return el('details', { class: 'app-myplan' },
    el('summary', {}, `Min plan – ${plan.person_name}`),
    el('div', { lang: plan.language_tag, dir: plan.direction },
      el('h4', {}, said(plan.title)),
      plan.goals.length === 0 ? el('p', {}, said(plan.no_goals)) : el('ul', {}, plan.goals.map((g) => el('li', {},
        el('strong', {}, said(g.area), ': '), said(g.text),
        el('ul', {}, g.actions.map((a) => el('li', {}, said(a.title), ' – ', said(a.status), a.period ? [' (', said(a.period), ')'] : ''))))))));
}

function drawFamily(bundle, family, queued) {
  const plan = withChanges(family, queued);
  const members = new Map(family.members.map((m) => [m.id, m.name]));
  const parts = [
    el('p', {}, el('a', { href: '#' }, 'Tilbage til dagens besøg')),
    el('h2', { id: 'familie' }, family.name),
    family.address ? el('p', {}, family.address) : null,
    el('p', {}, family.version ? `Helhedsplan version ${family.version}, gemt ${family.saved || ''}.` : 'Familien har endnu ingen helhedsplan.'),
    el('h3', {}, 'Familiemedlemmer'),
    el('ul', {}, family.members.map((m) => el('li', {}, `${m.name}, ${m.age} år`))),
  ];
  for (const goal of plan.goals) {
    const area = labelOf(bundle.life_areas, goal.life_area);
    parts.push(el('h3', {}, `${area}: ${goal.text}`, goal.person_id ? ` (${members.get(goal.person_id) || 'et familiemedlem'})` : ''));
    if (goal.actions.length === 0) {
      parts.push(el('p', {}, 'Ingen indsatser.'));
      continue;
    }
    const rows = goal.actions.map((a) => {
      const select = el('select', { class: 'form-select', id: `status-${a.id}`, disabled: a.pending && String(a.id).startsWith('ny-') },
        bundle.statuses.map((s) => el('option', { value: s.code, selected: s.code === a.status }, s.label)));
      const save = el('button', { type: 'button', class: 'button button-secondary', disabled: String(a.id).startsWith('ny-'),
        onclick: async () => {
          const original = family.plan.goals.find((g) => g.id === goal.id).actions.find((x) => x.id === a.id);
          if (select.value === a.status) return;
          await changeStatus(family, goal, { ...a, ...(a.pending ? {} : original) }, select.value);
          message = `Status for «${a.title}» er gemt på enheden.`;
          await render();
          sync();
        } }, 'Gem status', el('span', { class: 'sr-only' }, ` for ${a.title}`));
      return el('tr', { 'data-action': a.id },
        el('td', {}, a.title, a.pending ? el('span', { class: 'app-pending' }, ' (venter på at blive sendt)') : ''),
        el('td', {}, labelOf(bundle.departments, a.department)),
        el('td', {}, a.responsible_name || '–'),
        el('td', {}, el('label', { for: `status-${a.id}`, class: 'sr-only' }, `Status for ${a.title}`), select, ' ', save));
    });
    parts.push(el('div', { class: 'app-table-wrap', tabindex: '0', role: 'region', 'aria-label': `Indsatser: ${goal.text}` },
      el('table', { class: 'table table--zebra' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Indsats'), el('th', { scope: 'col' }, 'Afdeling'), el('th', { scope: 'col' }, 'Ansvarlig'), el('th', { scope: 'col' }, 'Status'))),
        el('tbody', {}, rows))));
  }
  if (plan.goals.length > 0) parts.push(drawNewAction(bundle, family, plan));
  parts.push(drawNote(family, queued));
  if (family.my_plans.length > 0) parts.push(el('h3', {}, 'Min plan'), ...family.my_plans.map(drawMyPlan));
  return parts;
}

function field(id, label, control, error) {
  return el('div', { class: `form-group${error ? ' form-error' : ''}` }, el('label', { class: 'form-label', for: id }, label),
    error ? el('span', { class: 'form-error-message', id: `${id}-fejl` }, error) : null, control);
}

function drawNewAction(bundle, family, plan) {
  const errors = {};
  const goal = el('select', { class: 'form-select', id: 'ny-maal', name: 'goal_id' }, plan.goals.map((g) => el('option', { value: g.id }, `${labelOf(bundle.life_areas, g.life_area)}: ${g.text}`)));
  const title = el('input', { class: 'form-input', id: 'ny-titel', name: 'title', type: 'text', maxlength: '200' });
  const department = el('select', { class: 'form-select', id: 'ny-afdeling', name: 'department' }, bundle.departments.map((d) => el('option', { value: d.code }, d.label)));
  const start = el('input', { class: 'form-input', id: 'ny-start', name: 'start_date', type: 'date', value: today() });
  const responsible = el('input', { class: 'form-input', id: 'ny-ansvarlig', name: 'responsible_name', type: 'text', maxlength: '200' });
  const form = el('form', { class: 'app-offline-form', novalidate: true });
  const draw = () => fill(form,
    el('h3', {}, 'Ny indsats'),
    field('ny-maal', 'Mål', goal),
    field('ny-titel', 'Titel', title, errors.title),
    field('ny-afdeling', 'Afdeling', department),
    field('ny-start', 'Startdato', start, errors.start_date),
    field('ny-ansvarlig', 'Ansvarlig', responsible),
    el('button', { type: 'submit', class: 'button button-primary' }, 'Tilføj indsats'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const k of Object.keys(errors)) delete errors[k];
    if (!title.value.trim()) errors.title = 'Skriv hvad indsatsen er.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start.value)) errors.start_date = 'Vælg en startdato.';
    if (Object.keys(errors).length > 0) return draw();
    await addAction(family, { goal_id: Number(goal.value), title: title.value.trim(), department: department.value, start_date: start.value, responsible_name: responsible.value.trim() });
    message = `Indsatsen «${title.value.trim()}» er gemt på enheden.`;
    await render();
    sync();
  });
  draw();
  return form;
}

function drawNote(family, queued) {
  let error = '';
  const text = el('textarea', { class: 'form-input', id: 'note', name: 'text', rows: '4', maxlength: '4000' });
  const form = el('form', { class: 'app-offline-form', novalidate: true });
  const waiting = queued.filter((c) => c.kind === 'note' && c.family_id === family.id);
  const draw = () => fill(form,
    el('h3', {}, 'Note fra besøget'),
    waiting.length ? el('ul', {}, waiting.map((n) => el('li', {}, `${clock(n.made_at)}: ${n.text}`, el('span', { class: 'app-pending' }, ' (venter på at blive sendt)')))) : null,
    field('note', 'Note fra besøget', text, error),
    el('button', { type: 'submit', class: 'button button-primary' }, 'Gem note'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      error = 'Skriv en note.';
      return draw();
    }
    await addNote(family, text.value.trim());
    message = 'Noten er gemt på enheden.';
    await render();
    sync();
  });
  draw();
  return form;
}

/** The status line alone; returns the changes waiting. */
async function renderStatus() {
  // Locked, the changes can be counted but not read; unlocked, those the key cannot read
  // were stored before a logout or by another user.
  const { values: queued, unreadable } = vault.unlocked() ? await changes() : { values: [], unreadable: 0 };
  const waiting = vault.unlocked() ? queued.length : await vault.count('change');
  statusLine.textContent = statusText(waiting, unreadable);
  return queued;
}

async function render() {
  lastBundle = vault.unlocked() ? await loadBundle() : null;
  const queued = await renderStatus();
  drawSync(queued);
  if (!vault.unlocked()) {
    fill(app, el('p', {}, navigator.onLine && session !== 'logged-out'
      ? 'Dagens besøg kunne ikke hentes.'
      : 'De gemte besøg er låst: nøglen findes kun, mens siden er åben. Åbn siden igen, når du er online og logget ind; dine ændringer er gemt og sendes da.'));
    return;
  }
  if (!lastBundle) {
    fill(app, el('p', {}, 'Der er ingen gemte besøg på enheden (de er udløbet eller ikke hentet). Åbn siden, mens du er online.'));
    return;
  }
  const wanted = /^#familie-(\d+)$/.exec(location.hash);
  if (!wanted) {
    fill(app, ...drawList(lastBundle));
    return;
  }
  const family = lastBundle.families.find((f) => f.id === Number(wanted[1]));
  if (!family) {
    fill(app, el('p', {}, el('a', { href: '#' }, 'Tilbage til dagens besøg')),
      el('p', { role: 'alert' }, 'Familien er ikke taget med offline. Kun familier, du har markeret til hjemmebesøg i dag, kan åbnes her.'));
    return;
  }
  fill(app, ...drawFamily(lastBundle, family, queued));
}

// ------------------------------------------------------------------ start

async function start() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/static/offline/sw.js', { scope: '/besoeg/offline' }).catch(() => {});
  }
  await vault.purgeExpired();
  if (navigator.onLine) await refresh();
  else session = 'unknown';
  await render();
  await sync();
  window.addEventListener('hashchange', () => {
    message = '';
    render();
  });
  window.addEventListener('online', async () => {
    if (!vault.unlocked() || session !== 'ok') await refresh();
    await sync();
  });
  // Losing the connection changes only the status line: redrawing the family would undo
  // a status the user is choosing at that moment.
  window.addEventListener('offline', () => renderStatus());
  document.body.dataset.ready = 'true';
}

start();
