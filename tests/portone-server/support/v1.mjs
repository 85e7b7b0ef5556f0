// Requests to the local server's V1 routes for its V1 tests (`v1-*.test.mjs`): one server per
// test file (`useServer()`), reset before each test; raw requests, the V1 token, the admin
// API, and the assertion on V1 error envelopes.

import assert from "node:assert/strict";
import { after, before, beforeEach } from "node:test";
import { startServer } from "../server.mjs";

export const CREDENTIALS = { imp_key: "test_imp_key", imp_secret: "test_imp_secret" };
export const DAY = 24 * 3600;

/** Every property of PaymentAnnotation in the official V1 Swagger (portone-v1.openapi.json). */
export const SWAGGER_PAYMENT_PROPERTIES = [
  "imp_uid", "merchant_uid", "pay_method", "channel", "pg_provider", "emb_pg_provider",
  "pg_tid", "pg_id", "sandbox", "escrow", "apply_num", "bank_code", "bank_name", "card_code",
  "card_name", "card_issuer_code", "card_issuer_name", "card_publisher_code",
  "card_publisher_name", "card_quota", "card_number", "card_type", "vbank_code", "vbank_name",
  "vbank_num", "vbank_holder", "vbank_date", "vbank_issued_at", "name", "amount",
  "cancel_amount", "currency", "buyer_name", "buyer_email", "buyer_tel", "buyer_addr",
  "buyer_postcode", "custom_data", "user_agent", "status", "started_at", "paid_at",
  "failed_at", "cancelled_at", "fail_reason", "cancel_reason", "receipt_url",
  "cancel_history", "deposit_history", "cancel_receipt_urls", "cash_receipt_issued",
  "customer_uid", "customer_uid_usage", "promotion",
];

export const SEEDS = {
  cardPaid: "imp_100000000001",
  vbankReady: "imp_100000000002",
  vbankPaid: "imp_100000000003",
  cancelled: "imp_100000000004",
  partiallyCancelled: "imp_100000000005",
  sandbox: "imp_100000000006",
  usdCents: "imp_100000000007",
  failed: "imp_100000000008",
  billingKey: "imp_100000000009",
  billingKeyScheduled: "imp_100000000010",
  futureStatus: "imp_100000000011",
  retryFailed: "imp_100000000012",
  retryPaid: "imp_100000000013",
  encodedMerchantUid: "imp_100000000014",
};

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
