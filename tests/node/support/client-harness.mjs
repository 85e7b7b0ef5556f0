// Shared pieces of the PortOneClient tests: the local PortOne server's
// admin API, a recorder on the global `fetch` (to learn every token the client sent), and an
// error assertion that also checks no secret or token leaked into the error.

import assert from "node:assert/strict";

export const API_KEY = "test_imp_key";
export const API_SECRET = "test_imp_secret";

export const IDS = Object.freeze({
  cardPaid: "imp_100000000001",
  vbankReady: "imp_100000000002",
  cancelled: "imp_100000000004",
  partiallyCancelled: "imp_100000000005",
  sandbox: "imp_100000000006",
  usdCents: "imp_100000000007",
  failed: "imp_100000000008",
  futureStatus: "imp_100000000011",
  retryFailed: "imp_100000000012",
  retryPaid: "imp_100000000013",
  encodedMerchantUid: "imp_100000000014",
});
export const ENCODED_MERCHANT_UID = "주문/2024 0001";
export const BILLING_CUSTOMER_UID = "customer-1234";
export const CARD_PAID_ORDER = { merchantUid: "order-card-paid", amount: 1004 };

/** The local server's admin API (`/__admin/...`); resolves to the envelope's `response`. */
export async function admin(server, method, path, body) {
  const res = await realFetch(`${server.url}/__admin/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const envelope = await res.json();
  assert.equal(envelope.code, 0, `admin ${method} ${path}: ${envelope.message}`);
  return envelope.response;
}

export const stats = (server) => admin(server, "GET", "stats");
export const reset = (server) => admin(server, "POST", "reset", {});
/** Queues `fault` for the next `times` requests to `route` (e.g. "GET /payments/{imp_uid}"). */
export const fault = (server, fault, times = 1, route = null) =>
  admin(server, "POST", "faults", { fault, times, route });
export const advanceClock = (server, advanceSeconds) =>
  admin(server, "POST", "clock", { advanceSeconds });
export const createPayment = (server, partial) => admin(server, "POST", "payments", partial);

/** Requests the server saw on `route`. */
export async function countOf(server, route) {
  return (await stats(server)).byRoute[route] ?? 0;
}

// ---------------------------------------------------------------- fetch recorder

const realFetch = globalThis.fetch;
/** Every bearer token the client sent, so tests can check none leaks into an error. */
export const tokensSeen = new Set();
let override = null;

/** Wraps the global fetch once: records tokens, and lets a test answer instead of the network. */
export function installFetchRecorder() {
  globalThis.fetch = async (input, init = {}) => {
    const auth = new Headers(init.headers).get("authorization");
    if (auth) tokensSeen.add(auth.replace(/^Bearer\s+/i, ""));
    if (override) return override(input, init, realFetch);
    return realFetch(input, init);
  };
}

/** Runs `body` with `handler(input, init, realFetch)` answering every client fetch. */
export async function withFetch(handler, body) {
  override = handler;
  try {
    return await body();
  } finally {
    override = null;
  }
}

// ---------------------------------------------------------------- errors

/** Every text an error exposes. */
function errorTexts(error) {
  return [error.message, error.stack, error.apiMessage, error.path, String(error)].filter(
    (text) => typeof text === "string",
  );
}

/** Fails if the API secret or any token the client used appears anywhere in `error`. */
export function assertNoSecrets(error, extraSecrets = []) {
  for (const text of errorTexts(error)) {
    for (const secret of [API_SECRET, ...tokensSeen, ...extraSecrets]) {
      assert.ok(!text.includes(secret), `an error exposes a secret: ${text}`);
    }
  }
}

/**
 * Awaits a rejection and checks it is a coded `Error` with `code` (and the other `expected`
 * properties), free of secrets. Returns the error.
 */
export async function rejectsWith(promise, code, expected = {}) {
  let error;
  try {
    const value = await promise;
    assert.fail(`expected ${code}, resolved with ${JSON.stringify(value)}`);
  } catch (caught) {
    if (caught instanceof assert.AssertionError) throw caught;
    error = caught;
  }
  assert.ok(error instanceof Error, `not an Error: ${error}`);
  assert.equal(error.name, "PortOneVerifyError");
  assert.equal(error.code, code, `code of: ${error.message}`);
  for (const [key, value] of Object.entries(expected)) {
    assert.deepEqual(error[key], value, `${key} of: ${error.message}`);
  }
  assertNoSecrets(error);
  return error;
}

/** Throws like `rejectsWith` for a synchronous call. */
export function throwsWith(fn, code, expected = {}) {
  let error;
  try {
    fn();
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof Error, `expected ${code}, nothing was thrown`);
  assert.equal(error.code, code, `code of: ${error.message}`);
  for (const [key, value] of Object.entries(expected)) {
    assert.deepEqual(error[key], value, `${key} of: ${error.message}`);
  }
  assertNoSecrets(error);
  return error;
}
