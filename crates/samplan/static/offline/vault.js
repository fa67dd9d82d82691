// The encrypted store for home visits offline (decision 180): one IndexedDB object store
// whose records hold only AES-GCM ciphertext, and the key, derived with HKDF from the
// secret the server hands out with the bundle. The key is a non-extractable CryptoKey
// kept in this module's memory only: it is never written anywhere, so a page opened
// again without a connection cannot decrypt until it is online and logged in.

const DB = 'samplan-offline';
const STORE = 'records';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The key; null until `unlock`. */
let key = null;

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** Derives the key from the server's secret for this user; the secret is not kept. */
export async function unlock(secret, userId) {
  const material = await crypto.subtle.importKey('raw', fromBase64Url(secret), 'HKDF', false, ['deriveKey']);
  key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('samplan-offline'), info: encoder.encode(String(userId)) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Whether the key is in memory. */
export function unlocked() {
  return key !== null;
}

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs `work(store)` in one transaction and resolves with its request's result. */
async function withStore(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Encrypts `value` (any JSON) and stores it under `id`. */
export async function put(id, kind, value, expiresAt = null) {
  if (!key) throw new Error('locked');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(JSON.stringify(value)));
  await withStore('readwrite', (s) => s.put({ id, kind, expires_at: expiresAt, iv, data }));
}

async function decrypt(record) {
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv }, key, record.data);
    return JSON.parse(decoder.decode(plain));
  } catch {
    return undefined;
  }
}

/** The value under `id`, or null (none, or not readable with this key). */
export async function get(id) {
  if (!key) return null;
  const record = await withStore('readonly', (s) => s.get(id));
  return record ? ((await decrypt(record)) ?? null) : null;
}

/** Every readable value of `kind`, oldest id first, and how many could not be read. */
export async function list(kind) {
  const records = (await withStore('readonly', (s) => s.getAll())).filter((r) => r.kind === kind);
  const values = [];
  let unreadable = 0;
  for (const r of records) {
    const value = key ? await decrypt(r) : undefined;
    if (value === undefined) unreadable += 1;
    else values.push(value);
  }
  return { values, unreadable };
}

/** How many records of `kind` there are, without decrypting. */
export async function count(kind) {
  return (await withStore('readonly', (s) => s.getAll())).filter((r) => r.kind === kind).length;
}

export async function remove(id) {
  await withStore('readwrite', (s) => s.delete(id));
}

/** Deletes every record whose expiry has passed; returns how many. */
export async function purgeExpired(now = new Date()) {
  const records = await withStore('readonly', (s) => s.getAll());
  const old = records.filter((r) => r.expires_at && new Date(r.expires_at) <= now);
  for (const r of old) await remove(r.id);
  return old.length;
}
