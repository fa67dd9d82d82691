// Starts `samplan demo` on a free local port with a fresh data directory, waits until
// /readyz answers 200, and stops it again. The binary is built beforehand (CI runs
// `cargo build -p samplan`); SAMPLAN_BIN overrides where it is looked for.
import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { launchBrowser } from './browser.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Path of the samplan binary: $SAMPLAN_BIN, else $CARGO_TARGET_DIR/debug, else ../target/debug. */
export function samplanBinary() {
  if (process.env.SAMPLAN_BIN) return resolve(process.env.SAMPLAN_BIN);
  if (process.env.CARGO_TARGET_DIR) return resolve(process.env.CARGO_TARGET_DIR, 'debug', 'samplan');
  return resolve(e2eDir, '..', 'target', 'debug', 'samplan');
}

/** A port nobody listens on right now (asks the kernel for one, then releases it). */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the demo server. Returns { baseURL, stop, output }. `port` fixes the port (else a
 * free one), `args` are added to `samplan demo`'s and `env` to its environment.
 * Fails with the server's own output if it exits early or is not ready in time.
 */
export async function startDemoServer({ timeoutMs = 120_000, port: fixedPort, args = [], env = {} } = {}) {
  const bin = samplanBinary();
  if (!existsSync(bin)) {
    throw new Error(`samplan binary not found at ${bin}. Build it first (cargo build -p samplan) or set SAMPLAN_BIN.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'samplan-e2e-'));
  const port = fixedPort ?? await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(bin, ['demo', '--addr', `127.0.0.1:${port}`, '--data-dir', dataDir, '--reset', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`samplan demo exited early (${JSON.stringify(exited)}):\n${output}`);
    }
    try {
      const res = await fetch(`${baseURL}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`samplan demo did not answer 200 on /readyz within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(200);
  }
  return { baseURL, stop, output: () => output };
}

/**
 * Starts the demo server and the browser once for a test file and stops both after it:
 * `const demo = useDemo();` then `demo.server.baseURL` and `demo.browser` in the tests.
 */
export function useDemo() {
  const demo = {};
  before(async () => {
    demo.server = await startDemoServer();
    demo.browser = await launchBrowser();
  });
  after(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
  });
  return demo;
}
