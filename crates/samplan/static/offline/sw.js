// The service worker for home visits offline (decision 180), scope /besoeg/offline. It
// keeps exactly the offline page's frame and its own files — no person data, no form
// token — and answers only those URLs: from the network while there is one, from its
// cache without. Every other request (the API, any other page) is left to the network
// and never cached. Logout clears it with Clear-Site-Data.

const CACHE = 'samplan-offline-v1';
const FRAME = ['/besoeg/offline', '/static/offline/app.js', '/static/offline/vault.js', '/static/app.css', '/static/dkfds/css/dkfds.min.css'];

function framePath(request) {
  const url = new URL(request.url);
  return url.origin === self.location.origin && request.method === 'GET' && FRAME.includes(url.pathname) ? url.pathname : null;
}

async function keep(path, response) {
  // A redirect (to the login page) or an error is never kept in place of the frame.
  if (response.ok && !response.redirected && response.type === 'basic') {
    const cache = await caches.open(CACHE);
    await cache.put(path, response.clone());
  }
  return response;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      for (const path of FRAME) {
        try {
          await keep(path, await fetch(path, { credentials: 'same-origin', cache: 'no-cache' }));
        } catch {
          // Offline while installing: the page is fetched again on its next load.
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const path = framePath(event.request);
  if (!path) return;
  event.respondWith(
    (async () => {
      try {
        return await keep(path, await fetch(event.request));
      } catch {
        const cached = await (await caches.open(CACHE)).match(path);
        return cached || new Response('Siden er ikke gemt til offline brug.', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
      }
    })(),
  );
});
