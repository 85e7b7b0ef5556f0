// Requests to the local server's V1 routes for its V1 tests (`v1-*.test.mjs`): one server per
// test file (`useServer()`), reset before each test; raw requests, the V1 token, the admin
// API, and the assertion on V1 error envelopes.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, beforeEach } from "node:test";
import { startServer } from "../server.mjs";

export const CREDENTIALS = { imp_key: "test_imp_key", imp_secret: "test_imp_secret" };
export const DAY = 24 * 3600;

/** Every property of PaymentAnnotation, in order, as the vendored official V1 Swagger lists it. */
export const SWAGGER_PAYMENT_PROPERTIES = Object.keys(
  JSON.parse(readFileSync(new URL("../../reference/portone-v1.openapi.json", import.meta.url), "utf8"))
    .definitions.PaymentAnnotation.properties,
);

/** The seeded payments' `imp_uid`s, by what each one is (the server's own list). */
export { SEED_IDS as SEEDS } from "../seeds.mjs";

/** The server of the current test file, set by `useServer()` before its first test. */
export let server;

/** Starts one server for the calling test file, closes it after, and resets it before each test. */
export function useServer() {
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());
  beforeEach(() => adminPost("reset"));
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One request; `body` is the parsed JSON (undefined when the answer is not JSON). */
export async function call(method, path, { token, json, form, headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (json !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(json);
  }
  if (form !== undefined) {
    init.headers["content-type"] = "application/x-www-form-urlencoded";
    init.body = new URLSearchParams(form).toString();
  }
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: parseJson(text) };
}

export const issueToken = async () =>
  (await call("POST", "/users/getToken", { json: CREDENTIALS })).body.response;
export const token = async () => (await issueToken()).access_token;
export const authed = async (method, path, options = {}) =>
  call(method, path, { ...options, token: await token() });
export const getPayment = (impUid, query = "") => authed("GET", `/payments/${impUid}${query}`);
export const cancel = (json) => authed("POST", "/payments/cancel", { json });
export const adminPost = (path, json = {}) => call("POST", `/__admin/${path}`, { json });
export const stats = async () => (await call("GET", "/__admin/stats")).body.response;
export const advanceClock = (advanceSeconds) => adminPost("clock", { advanceSeconds });
export const queueFault = (fault) => adminPost("faults", fault);

export function assertEnvelopeError(res, status, code) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
  assert.equal(res.body.code, code);
  assert.equal(typeof res.body.message, "string");
  assert.ok(res.body.message.length > 0);
  assert.equal(res.body.response, null);
}
