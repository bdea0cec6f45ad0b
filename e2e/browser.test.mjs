// The live API in a real browser (Debian's Chromium driven by playwright-core).
// CORS: Chromium loads e2e/page.html from an allowed origin and from other origins, and the page calls the API with
// fetch, Authorization, Content-Type, If-Match and If-None-Match. Docs (when CHECK_DOCS=1, with Docs:Enabled on):
// /docs renders every operation and offers the bearer token field.
//
//   API_URL=http://127.0.0.1:5080 BETTER_AUTH_SECRET=... ALLOWED_ORIGIN=http://127.0.0.1:5173 node e2e/browser.test.mjs
//
// The API must list ALLOWED_ORIGIN (and only it) in Cors:AllowedOrigins. This script serves the page on that origin's
// port; the other origins are another port and the same port under another host name ("localhost"). It prints one
// line per check, writes { passed, failed, checks } to RESULTS_FILE when set, and exits 1 when a check fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { required, signToken } from './support.mjs';

const api = required('API_URL');
const secret = required('BETTER_AUTH_SECRET');
const allowed = new URL(required('ALLOWED_ORIGIN'));
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const page = readFileSync(new URL('./page.html', import.meta.url));

const tokenFor = subject => signToken(secret, subject);

// ---- checks ----
const checks = [];
function check(name, condition, detail = '') {
  checks.push({ name, passed: Boolean(condition), detail: condition ? '' : detail });
  console.log(`${condition ? 'ok' : 'not ok'} - ${name}${condition ? '' : ` (${detail})`}`);
}

// ---- the page's origins: one server per port, any host name ----
function serve(port) {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(page);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), '127.0.0.1', () => resolve(server));
  });
}

const servers = [];
const profile = mkdtempSync(join(tmpdir(), 'taskmanager-chromium-'));
let context;
try {
  servers.push(await serve(allowed.port));
  const other = await serve(0);
  servers.push(other);
  const otherOrigins = [`http://127.0.0.1:${other.address().port}`, `http://localhost:${allowed.port}`];

  // A fresh profile every run; no network beyond loopback is needed or wanted.
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const consoleLines = [];

  async function open(origin) {
    const tab = await context.newPage();
    tab.on('console', message => consoleLines.push(`[${origin}] ${message.text()}`));
    await tab.goto(`${origin}/?api=${encodeURIComponent(api)}`);
    return (method, path, options) => tab.evaluate(([m, p, o]) => window.call(m, p, o), [method, path, options ?? {}]);
  }

  // ---- from the allowed origin every call works, and the page can read the exposed headers and the errors ----
  const alice = `alice-${crypto.randomUUID()}`;
  const token = tokenFor(alice);
  const tasks = `/api/${alice}/tasks`;
  const call = await open(allowed.origin);

  const created = await call('POST', tasks, { token, json: { title: 'From the SPA', description: 'CORS' } });
  check('allowed origin: POST with Authorization and Content-Type succeeds (201)', created.status === 201, JSON.stringify(created));
  check('allowed origin: the page reads Location, a path on the API origin', created.headers?.location === `${tasks}/${created.body?.id}`, JSON.stringify(created.headers));
  check('allowed origin: the page reads ETag', /^"[^"]+"$/.test(created.headers?.etag ?? ''), JSON.stringify(created.headers));
  const id = created.body?.id;
  const etag = created.headers?.etag;
  await call('POST', tasks, { token, json: { title: 'Second' } });

  const page1 = await call('GET', `${tasks}?limit=1`, { token });
  check('allowed origin: GET list succeeds (200)', page1.status === 200, JSON.stringify(page1));
  check('allowed origin: the page reads X-Total-Count', page1.headers?.['x-total-count'] === '2', JSON.stringify(page1.headers));
  check('allowed origin: the page reads Link', page1.headers?.link?.includes('rel="next"'), JSON.stringify(page1.headers));

  const notModified = await call('GET', `${tasks}/${id}`, { token, headers: { 'If-None-Match': etag } });
  check('allowed origin: GET with If-None-Match gives 304', notModified.status === 304, JSON.stringify(notModified));

  const updated = await call('PUT', `${tasks}/${id}`, { token, json: { completed: true }, headers: { 'If-Match': etag } });
  check('allowed origin: PUT with If-Match succeeds (200)', updated.status === 200 && updated.body?.completed === true, JSON.stringify(updated));
  check('allowed origin: the new ETag is readable and differs', updated.headers?.etag && updated.headers.etag !== etag, JSON.stringify(updated.headers));

  const stale = await call('PUT', `${tasks}/${id}`, { token, json: { title: 'Lost update' }, headers: { 'If-Match': etag } });
  check('allowed origin: a stale If-Match is a 412 the page can read', stale.status === 412 && stale.body?.status === 412, JSON.stringify(stale));

  const toggled = await call('PATCH', `${tasks}/${id}/complete`, { token, headers: { 'If-Match': updated.headers?.etag } });
  check('allowed origin: PATCH /complete with If-Match succeeds (200)', toggled.status === 200 && toggled.body?.completed === false, JSON.stringify(toggled));

  const unauthorized = await call('GET', tasks);
  check('allowed origin: a 401 reaches the page with its problem body',
    unauthorized.status === 401 && unauthorized.body?.trace_id, JSON.stringify(unauthorized));
  const forbidden = await call('GET', tasks, { token: tokenFor(`mallory-${crypto.randomUUID()}`) });
  check('allowed origin: a 403 reaches the page with its problem body', forbidden.status === 403 && forbidden.body?.status === 403, JSON.stringify(forbidden));

  const deleted = await call('DELETE', `${tasks}/${id}`, { token, headers: { 'If-Match': toggled.headers?.etag } });
  check('allowed origin: DELETE with If-Match succeeds (204)', deleted.status === 204, JSON.stringify(deleted));

  // ---- live events: two pages of one user; a change made in one shows in the other, and a page that reconnects
  // with its last event id misses nothing ----
  const bob = `bob-${crypto.randomUUID()}`;
  const bobToken = tokenFor(bob);
  const bobTasks = `/api/${bob}/tasks`;
  const watcher = await context.newPage();
  await watcher.goto(`${allowed.origin}/?api=${encodeURIComponent(api)}`);
  const watch = (name, lastEventId) => watcher.evaluate(([n, p, o]) => window.watch(n, p, o), [name, `${bobTasks}/events`, { token: bobToken, lastEventId }]);
  const eventsOf = name => watcher.evaluate(n => window.events[n] ?? [], name);
  const waitForEvents = async (name, count, ms) => {
    const deadline = Date.now() + ms;
    let events = await eventsOf(name);
    while (events.length < count && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 50));
      events = await eventsOf(name);
    }
    return events;
  };
  const writer = await open(allowed.origin);

  const opened = await watch('first');
  check('live events: the stream opens from the allowed origin (200)', opened.status === 200, JSON.stringify(opened));
  const started = Date.now();
  const made = await writer('POST', bobTasks, { token: bobToken, json: { title: 'made in the other page' } });
  const firstEvents = await waitForEvents('first', 1, 2000);
  check('live events: a change made in one page shows in the other within 2 s',
    firstEvents[0]?.type === 'upsert' && firstEvents[0]?.change?.task?.id === made.body?.id && Date.now() - started <= 2000,
    JSON.stringify({ firstEvents, ms: Date.now() - started }));

  await watcher.evaluate(() => window.unwatch('first'));
  const lastEventId = firstEvents[0]?.id;
  const renamed = await writer('PUT', `${bobTasks}/${made.body?.id}`, { token: bobToken, json: { title: 'renamed while away' } });
  const another = await writer('POST', bobTasks, { token: bobToken, json: { title: 'made while away' } });
  const resumed = await watch('resumed', lastEventId);
  const live = await writer('DELETE', `${bobTasks}/${made.body?.id}`, { token: bobToken });
  const resumedEvents = await waitForEvents('resumed', 3, 5000);
  await new Promise(resolve => setTimeout(resolve, 300));
  const settled = await eventsOf('resumed');
  check('live events: a page that reconnects with Last-Event-ID gets what it missed, then live changes, nothing repeated',
    resumed.status === 200 && renamed.status === 200 && another.status === 201 && live.status === 204 && settled.length === 3
      && settled[0]?.change?.task?.title === 'renamed while away'
      && settled[1]?.change?.task?.id === another.body?.id
      && settled[2]?.type === 'delete' && settled[2]?.change?.id === made.body?.id,
    JSON.stringify({ resumed, resumedEvents: settled }));
  await watcher.evaluate(() => window.unwatch('resumed'));

  // ---- from any other origin the browser blocks the same calls; what needs a preflight never reaches the API ----
  for (const origin of otherOrigins) {
    const blockedCall = await open(origin);
    const before = await countTasks(alice, token);
    const post = await blockedCall('POST', tasks, { token, json: { title: `From ${origin}` } });
    check(`${origin}: POST is blocked`, post.blocked, JSON.stringify(post));
    check(`${origin}: the blocked POST created nothing`, (await countTasks(alice, token)) === before, `before ${before}`);
    const list = await blockedCall('GET', tasks, { token });
    check(`${origin}: GET with Authorization is blocked`, list.blocked, JSON.stringify(list));
    const simple = await blockedCall('GET', '/health/live');
    check(`${origin}: even a simple GET's answer is withheld from the page`, simple.blocked, JSON.stringify(simple));
  }

  if (process.env.CHECK_DOCS === '1') {
    const docs = await context.newPage();
    await docs.goto(`${api}/docs/`);
    const summaries = ['List your tasks (filter, sort, page)', 'Create a task', 'Get a task', 'Update the fields present in the body',
      'Delete a task', 'Toggle or set completed', 'What changed since a token (a full sync without one)',
      'Your changes live, as server-sent events'];
    const rendered = await docs.getByText(summaries[0]).first().waitFor({ timeout: 30000 }).then(() => true, () => false);
    const text = rendered ? await docs.evaluate(() => document.body.innerText) : '';
    check('/docs (Scalar) renders every operation', summaries.every(s => text.includes(s)), summaries.filter(s => !text.includes(s)).join(', '));
    check('/docs offers a field to paste a bearer token', /Bearer Token/.test(text), 'no "Bearer Token" field');
  }

  if (checks.some(c => !c.passed)) {
    console.log('browser console:\n' + consoleLines.join('\n'));
  }
} catch (error) {
  check('the browser test ran to the end', false, error?.stack ?? String(error));
} finally {
  await context?.close().catch(() => {});
  for (const server of servers) server.close();
  rmSync(profile, { recursive: true, force: true });
}

// The API seen directly (no browser, no CORS): the truth about what was written.
async function countTasks(user, token) {
  const response = await fetch(`${api}/api/${user}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
  return Number(response.headers.get('x-total-count'));
}

const passed = checks.filter(c => c.passed).length;
const failed = checks.length - passed;
// Not in the "N passed, N failed" form: that line is .ci/run's alone.
console.log(`browser test: ${passed} of ${checks.length} checks passed`);
if (process.env.RESULTS_FILE) {
  writeFileSync(process.env.RESULTS_FILE, JSON.stringify({ passed, failed, checks }, null, 2));
}
process.exit(failed === 0 && passed > 0 ? 0 : 1);
