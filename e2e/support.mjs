// What the Node clients of scripts/e2e.sh share: their settings from the environment, and tokens signed like the
// API's shared-secret set-up expects (HS256, sub, exp).
import { createHmac } from 'node:crypto';

/** The variable's value; exits with 2 when it is not set. */
export function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

const base64url = value => Buffer.from(value).toString('base64url');

/** An HS256 token for `subject`, valid for `lifetimeSeconds` from now (negative: already expired). */
export function signToken(secret, subject, lifetimeSeconds = 600) {
  const now = Math.floor(Date.now() / 1000);
  const input = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify({ sub: subject, iat: now, exp: now + lifetimeSeconds }))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
