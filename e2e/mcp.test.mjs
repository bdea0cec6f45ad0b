// The live API's /mcp driven by the official TypeScript MCP client (@modelcontextprotocol/sdk, pinned in
// package-lock.json), as an assistant would: the handshake, the five tools and their schemas, each tool's success,
// the errors a model must be able to read (isError with the HTTP API's message), other users' tasks, and no token.
//
//   API_URL=http://127.0.0.1:5080 BETTER_AUTH_SECRET=... node e2e/mcp.test.mjs
//
// Prints one line per check, writes { passed, failed, checks } to RESULTS_FILE when set, exits 1 when a check fails.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { required, signToken } from './support.mjs';

const api = required('API_URL');
const secret = required('BETTER_AUTH_SECRET');
const checks = [];

const tokenFor = (subject, lifetimeSeconds) => signToken(secret, subject, lifetimeSeconds);

function check(name, condition, detail = '') {
  checks.push({ name, passed: Boolean(condition), detail: condition ? '' : String(detail) });
  console.log(`${condition ? 'ok' : 'not ok'} - ${name}${condition ? '' : ` (${detail})`}`);
}

async function connect(token) {
  const client = new Client({ name: 'taskmanager-e2e', version: '1.0.0' });
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', api), { requestInit: { headers } }));
  return client;
}

const text = result => result.content?.find(block => block.type === 'text')?.text ?? '';
const json = result => JSON.parse(text(result));

async function main() {
  const user = `e2e-mcp-${randomUUID()}`;
  const token = tokenFor(user);
  const client = await connect(token);
  check('initialize: the server names itself', client.getServerVersion()?.name === 'TaskManager', JSON.stringify(client.getServerVersion()));

  const { tools } = await client.listTools();
  const names = tools.map(tool => tool.name).sort();
  check('tools/list: exactly the five tools', JSON.stringify(names) === JSON.stringify(['add_task', 'complete_task', 'delete_task', 'list_tasks', 'update_task']), names);
  check('tools/list: every tool has a description and an argument schema',
    tools.every(tool => tool.description && tool.inputSchema?.type === 'object'), JSON.stringify(tools));
  const add = tools.find(tool => tool.name === 'add_task');
  check('add_task: title is required', add?.inputSchema?.required?.includes('title'), JSON.stringify(add?.inputSchema));

  const created = await client.callTool({ name: 'add_task', arguments: { title: 'From an assistant', description: 'via MCP' } });
  const task = created.isError ? null : json(created);
  check('add_task: creates a task of the token\'s user', task?.user_id === user && task?.title === 'From an assistant', text(created));

  const viaHttp = await fetch(new URL(`/api/${user}/tasks/${task?.id}`, api), { headers: { Authorization: `Bearer ${token}` } });
  const httpTask = viaHttp.ok ? await viaHttp.json() : null;
  check('the task made through a tool shows in the HTTP API', httpTask?.title === 'From an assistant', viaHttp.status);

  const listed = await client.callTool({ name: 'list_tasks', arguments: { status: 'pending' } });
  check('list_tasks: lists it', !listed.isError && json(listed).some(t => t.id === task?.id), text(listed));

  const updated = await client.callTool({ name: 'update_task', arguments: { task_id: task?.id, title: 'Renamed', description: null } });
  check('update_task: changes the given fields; null clears the description',
    !updated.isError && json(updated).title === 'Renamed' && json(updated).description === null, text(updated));

  const completed = await client.callTool({ name: 'complete_task', arguments: { task_id: task?.id } });
  check('complete_task: toggles without completed', !completed.isError && json(completed).completed === true, text(completed));

  const blank = await client.callTool({ name: 'add_task', arguments: { title: '   ' } });
  check('a broken rule is isError with the HTTP API\'s message', blank.isError === true && text(blank).endsWith('title cannot be blank.'), text(blank));

  const wrongType = await client.callTool({ name: 'list_tasks', arguments: { limit: 'ten' } });
  check('a wrong argument type is isError naming the argument', wrongType.isError === true && text(wrongType).includes('limit must be a whole number'), text(wrongType));

  const missing = await client.callTool({ name: 'delete_task', arguments: { task_id: randomUUID() } });
  check('a missing task is isError "No task ... exists."', missing.isError === true && /^No task '.+' exists\.$/.test(text(missing)), text(missing));

  const stranger = await connect(tokenFor(`e2e-mcp-${randomUUID()}`));
  const foreign = await stranger.callTool({ name: 'complete_task', arguments: { task_id: task?.id } });
  check('someone else\'s task is "not found"', foreign.isError === true && text(foreign) === `No task '${task?.id}' exists.`, text(foreign));
  const untouched = await (await fetch(new URL(`/api/${user}/tasks/${task?.id}`, api), { headers: { Authorization: `Bearer ${token}` } })).json();
  check('someone else\'s call left the task as it was', untouched.completed === true && untouched.title === 'Renamed', JSON.stringify(untouched));
  const strangersList = await stranger.callTool({ name: 'list_tasks', arguments: {} });
  check('another user lists none of it', !strangersList.isError && json(strangersList).length === 0, text(strangersList));
  await stranger.close();

  const deleted = await client.callTool({ name: 'delete_task', arguments: { task_id: task?.id } });
  check('delete_task: answers {"deleted": id}', !deleted.isError && json(deleted).deleted === task?.id, text(deleted));
  const gone = await fetch(new URL(`/api/${user}/tasks/${task?.id}`, api), { headers: { Authorization: `Bearer ${token}` } });
  check('the deleted task is gone from the HTTP API', gone.status === 404, gone.status);
  await client.close();

  for (const [name, bad] of [['no token', null], ['an expired token', tokenFor(user, -600)]]) {
    try {
      const refused = await connect(bad);
      await refused.close();
      check(`${name}: refused with 401`, false, 'connected');
    } catch (error) {
      check(`${name}: refused with 401`, error instanceof StreamableHTTPError && error.code === 401, error);
    }
  }

  const raw = await fetch(new URL('/mcp', api), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
  });
  check('no token: 401 with WWW-Authenticate: Bearer', raw.status === 401 && raw.headers.get('www-authenticate') === 'Bearer',
    `${raw.status} ${raw.headers.get('www-authenticate')}`);
}

try {
  await main();
} catch (error) {
  check('the MCP client ran to the end', false, error?.stack ?? error);
}

const passed = checks.filter(c => c.passed).length;
const failed = checks.length - passed;
console.log(`mcp: ${passed} passed, ${failed} failed`);
if (process.env.RESULTS_FILE) {
  writeFileSync(process.env.RESULTS_FILE, JSON.stringify({ passed, failed, checks }, null, 2));
}
process.exit(failed === 0 ? 0 : 1);
