// A stock Better Auth server: memory database, email and password, and the JWT plugin with its defaults
// (EdDSA over Ed25519), or with another key algorithm when ALG is set. Listens on BETTER_AUTH_URL.
import http from "node:http";
import { betterAuth } from "better-auth";
import { jwt } from "better-auth/plugins";
import { memoryAdapter } from "better-auth/adapters/memory";
import { toNodeHandler } from "better-auth/node";

const alg = process.env.ALG ?? "EdDSA";
const url = new URL(process.env.BETTER_AUTH_URL);
const auth = betterAuth({
  baseURL: url.origin,
  secret: "better-auth-e2e-secret-not-shared-with-taskmanager",
  database: memoryAdapter({ user: [], session: [], account: [], verification: [], jwks: [] }),
  emailAndPassword: { enabled: true },
  plugins: [alg === "EdDSA" ? jwt() : jwt({ jwks: { keyPairConfig: { alg } } })],
});

http.createServer(toNodeHandler(auth)).listen(Number(url.port), url.hostname, () => console.log(`Better Auth (${alg}) on ${url.origin}`));
