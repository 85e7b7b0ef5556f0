// PortOneClientV2 (the wasm build for Node) against the local PortOne server's V2 routes
// (`/v2`): every endpoint, each V2 error type's code, retries of reads only (a POST is never
// sent twice), timeouts, fail-closed verification, the webhook flow (signature → body → the
// payment fetched → verdict; the body's claims never decide), no secret in any error, and the
// browser guard.
//
// Build first: make pkg-node (or set PORTONE_VERIFY_PKG to another build).

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, beforeEach, describe, test } from "node:test";
import { startServer } from "../portone-server/server.mjs";
import { V2_DEFAULTS, V2_SEED_IDS as IDS } from "../portone-server/v2/seeds.mjs";
import {
  admin,
  assertNoSecrets,
  countOf,
  fault,
  installFetchRecorder,
  rejectsWith,
  reset,
  throwsWith,
  withFetch,
} from "./support/client-harness.mjs";

const pkg = createRequire(import.meta.url)(
  process.env.PORTONE_VERIFY_PKG ?? "../../target/pkg-node/portone_verify.js",
);
const { PortOneClientV2 } = pkg;

const GET_PAYMENT = "GET /v2/payments/{paymentId}";
const GET_PAYMENTS = "GET /v2/payments";
const CANCEL = "POST /v2/payments/{paymentId}/cancel";
const PRE_REGISTER = "POST /v2/payments/{paymentId}/pre-register";
const SECRETS = [V2_DEFAULTS.apiSecret, V2_DEFAULTS.webhookSecret];

let server;

function newClient(options = {}) {
  return new PortOneClientV2({
    apiSecret: V2_DEFAULTS.apiSecret,
    webhookSecret: V2_DEFAULTS.webhookSecret,
    baseUrl: server.v2Url,
    ...options,
  });
}
const impatientClient = (options = {}) => newClient({ timeoutMs: 300, maxRetries: 2, ...options });

/** Awaits a rejection with `code` (and `expected` properties), free of V2 secrets. */
async function rejectsV2(promise, code, expected = {}) {
  const error = await rejectsWith(promise, code, expected);
  assertNoSecrets(error, SECRETS);
  return error;
}

const signedWebhook = (json) => admin(server, "POST", "v2/webhook", json);
const setStatus = (id, json) => admin(server, "POST", `v2/payments/${encodeURIComponent(id)}/status`, json);

before(async () => {
  installFetchRecorder();
  server = await startServer({ port: 0 });
});
after(() => server.close());
beforeEach(() => reset(server));

describe("endpoints", () => {
  test("getPayment: the V2 payment; the store; PAYMENT_NOT_FOUND; another store is FORBIDDEN", async () => {
    const client = newClient();
    const payment = await client.getPayment(IDS.cardPaid);
    assert.equal(payment.status, "PAID");
    assert.equal(payment.id, IDS.cardPaid);
    assert.equal(payment.amount.total, 30000);
    const inStore = await client.getPayment(IDS.encodedId, { storeId: V2_DEFAULTS.storeId });
    assert.equal(inStore.id, IDS.encodedId);
    await rejectsV2(client.getPayment("payment-v2-nope"), "NOT_FOUND", { status: 404, portoneType: "PAYMENT_NOT_FOUND" });
    await rejectsV2(client.getPayment(IDS.cardPaid, { storeId: "store-other" }), "FORBIDDEN", { status: 403, portoneType: "FORBIDDEN" });
    await rejectsV2(newClient({ storeId: "store-other" }).getPayment(IDS.cardPaid), "FORBIDDEN");
    await rejectsV2(client.getPayment(""), "INVALID_ARGUMENT", { path: "paymentId" });
    await rejectsV2(client.getPayment(IDS.cardPaid, { storeID: "x" }), "INVALID_ARGUMENT", { path: "options.storeID" });
  });

  test("getPayments: a page (requestBody in the query), filters, unknown keys refused before sending", async () => {
    const client = newClient();
    const first = await client.getPayments({ page: { number: 0, size: 2 } });
    assert.equal(first.items.length, 2);
    assert.deepEqual({ number: first.page.number, size: first.page.size }, { number: 0, size: 2 });
    assert.ok(first.page.totalCount >= 10, JSON.stringify(first.page));
    const cancelled = await client.getPayments({ filter: { status: ["CANCELLED"] } });
    assert.ok(cancelled.items.length >= 1);
    assert.ok(cancelled.items.every((p) => p.status === "CANCELLED"));
    const all = await client.getPayments();
    assert.equal(all.page.size, 10);
    const before = await countOf(server, GET_PAYMENTS);
    await rejectsV2(client.getPayments({ filter: { statu: ["PAID"] } }), "INVALID_ARGUMENT", { path: "request.filter.statu" });
    assert.equal(await countOf(server, GET_PAYMENTS), before);
    await rejectsV2(client.getPayments({ page: { number: 0, size: 100000 } }), "INVALID_REQUEST", { status: 400, portoneType: "INVALID_REQUEST" });
  });

  test("cancelPayment: partial then the rest; a repeat is API_ERROR with its type; typos never sent", async () => {
    const client = newClient();
    const partial = await client.cancelPayment(IDS.cardPaid, { reason: "one item out of stock", amount: 10000 });
    assert.equal(partial.cancellation.status, "SUCCEEDED");
    assert.equal(partial.cancellation.totalAmount, 10000);
    assert.equal((await client.getPayment(IDS.cardPaid)).status, "PARTIAL_CANCELLED");
    await rejectsV2(
      client.cancelPayment(IDS.cardPaid, { reason: "stale balance", currentCancellableAmount: 30000 }),
      "API_ERROR",
      { status: 409, portoneType: "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN" },
    );
    await client.cancelPayment(IDS.cardPaid, { reason: "the rest", currentCancellableAmount: 20000 });
    assert.equal((await client.getPayment(IDS.cardPaid)).status, "CANCELLED");
    await rejectsV2(client.cancelPayment(IDS.cardPaid, { reason: "again" }), "API_ERROR", { status: 409, portoneType: "PAYMENT_ALREADY_CANCELLED" });
    const sent = await countOf(server, CANCEL);
    await rejectsV2(client.cancelPayment(IDS.usd, { reason: "r", amout: 1 }), "INVALID_ARGUMENT", { path: "options.amout" });
    await rejectsV2(client.cancelPayment(IDS.usd, { amount: 1 }), "INVALID_ARGUMENT", { path: "options.reason" });
    await rejectsV2(client.cancelPayment(IDS.usd, { reason: "r", amount: -1 }), "INVALID_ARGUMENT", { path: "options.amount" });
    assert.equal(await countOf(server, CANCEL), sent);
  });

  test("preRegisterPayment: resolves to undefined and is recorded; ALREADY_PAID for a paid payment", async () => {
    const client = newClient();
    assert.equal(await client.preRegisterPayment("order-new-1", { totalAmount: 25000, currency: "KRW" }), undefined);
    const recorded = await admin(server, "GET", "v2/pre-registrations/order-new-1");
    assert.equal(Number(recorded.totalAmount), 25000);
    assert.equal(recorded.currency, "KRW");
    await rejectsV2(client.preRegisterPayment(IDS.cardPaid, { totalAmount: 30000 }), "API_ERROR", { status: 409, portoneType: "ALREADY_PAID" });
    await rejectsV2(client.preRegisterPayment("x", { totalAmount: -5 }), "INVALID_ARGUMENT", { path: "options.totalAmount" });
  });
});

describe("errors", () => {
  test("each V2 error type has its code; the type is kept", async () => {
    const client = impatientClient({ maxRetries: 0 });
    await rejectsV2(newClient({ apiSecret: "wrong_secret_123" }).getPayment(IDS.cardPaid), "UNAUTHORIZED", { status: 401, portoneType: "UNAUTHORIZED" });
    for (const [type, code, status] of [
      ["INVALID_REQUEST", "INVALID_REQUEST", 400],
      ["UNAUTHORIZED", "UNAUTHORIZED", 401],
      ["FORBIDDEN", "FORBIDDEN", 403],
      ["PAYMENT_NOT_FOUND", "NOT_FOUND", 404],
      ["ALREADY_PAID", "API_ERROR", 409],
      ["PG_PROVIDER", "API_ERROR", 502],
    ]) {
      await fault(server, `error=${type}`, 1, GET_PAYMENT);
      await rejectsV2(client.getPayment(IDS.cardPaid), code, { status, portoneType: type });
    }
    await fault(server, "status=503", 1, GET_PAYMENT);
    await rejectsV2(client.getPayment(IDS.cardPaid), "SERVER_ERROR", { status: 503 });
    await fault(server, "bad-json", 1, GET_PAYMENT);
    await rejectsV2(client.getPayment(IDS.cardPaid), "INVALID_RESPONSE");
  });

  test("the constructor: INVALID_ARGUMENT with paths, never quoting a secret", () => {
    throwsWith(() => new PortOneClientV2({ apiSecret: "short" }), "INVALID_ARGUMENT", { path: "options.apiSecret" });
    throwsWith(() => new PortOneClientV2({ apiSecret: V2_DEFAULTS.apiSecret, baseUrl: "http://example.com" }), "INVALID_ARGUMENT", { path: "options.baseUrl" });
    throwsWith(() => new PortOneClientV2({ apiSecret: V2_DEFAULTS.apiSecret, webhookSecret: "whsec_!!!!notbase64" }), "INVALID_ARGUMENT", { path: "options.webhookSecret" });
    throwsWith(() => new PortOneClientV2({ apiSecret: V2_DEFAULTS.apiSecret, apiKey: "x" }), "INVALID_ARGUMENT", { path: "options.apiKey" });
    throwsWith(() => new PortOneClientV2(null), "INVALID_ARGUMENT", { path: "options" });
  });

  test("BROWSER_NOT_ALLOWED where window and document exist, unless the flag is set", () => {
    globalThis.window = {};
    globalThis.document = {};
    try {
      throwsWith(() => new PortOneClientV2({ apiSecret: V2_DEFAULTS.apiSecret }), "BROWSER_NOT_ALLOWED");
      assert.ok(new PortOneClientV2({ apiSecret: V2_DEFAULTS.apiSecret, dangerouslyAllowBrowser: true }));
    } finally {
      delete globalThis.window;
      delete globalThis.document;
    }
  });

  test("an error echoing the secrets shows neither", async () => {
    const client = newClient({ maxRetries: 0 });
    const echo = JSON.stringify({ type: "INVALID_REQUEST", message: `bad ${V2_DEFAULTS.apiSecret} ${encodeURIComponent(V2_DEFAULTS.webhookSecret)}` });
    await withFetch(
      () => new Response(echo, { status: 400, headers: { "content-type": "application/json" } }),
      async () => {
        const error = await rejectsV2(client.getPayment(IDS.cardPaid), "INVALID_REQUEST");
        assert.match(error.apiMessage, /\[REDACTED\]/);
      },
    );
  });
});

describe("retries and timeouts", () => {
  test("reads are retried after 5xx and 429; a POST is never sent twice", async () => {
    const client = impatientClient();
    await fault(server, "status=503", 2, GET_PAYMENT);
    assert.equal((await client.getPayment(IDS.cardPaid)).status, "PAID");
    assert.equal(await countOf(server, GET_PAYMENT), 3);
    await fault(server, "status=429;retry-after=none", 1, GET_PAYMENTS);
    await client.getPayments({ page: { number: 0, size: 1 } });
    assert.equal(await countOf(server, GET_PAYMENTS), 2);

    await fault(server, "status=503", 5, CANCEL);
    await rejectsV2(client.cancelPayment(IDS.cardPaid, { reason: "r" }), "SERVER_ERROR", { status: 503 });
    assert.equal(await countOf(server, CANCEL), 1);
    await fault(server, "drop", 5, PRE_REGISTER);
    await rejectsV2(client.preRegisterPayment("order-x", { totalAmount: 1000 }), "NETWORK");
    assert.equal(await countOf(server, PRE_REGISTER), 1);
  });

  test("each attempt is cut at timeoutMs; a timed-out cancellation is not resent", async () => {
    const client = impatientClient({ maxRetries: 1 });
    await fault(server, "latency=1500", 2, GET_PAYMENT);
    const started = Date.now();
    const error = await rejectsV2(client.getPayment(IDS.cardPaid), "TIMEOUT");
    assert.ok(Date.now() - started < 1400, "two attempts of 300 ms plus a backoff");
    assert.match(error.message, /300 ms/);
    assert.equal(await countOf(server, GET_PAYMENT), 2);
    await fault(server, "latency=1500", 1, CANCEL);
    const cancel = await rejectsV2(client.cancelPayment(IDS.cardPaid, { reason: "r" }), "TIMEOUT");
    assert.match(cancel.message, /may have reached PortOne/);
    assert.equal(await countOf(server, CANCEL), 1);
  });
});

describe("verifyPayment", () => {
  test("ok for the order's amount; every failure listed otherwise; paymentId defaults to the argument", async () => {
    const client = newClient();
    const ok = await client.verifyPayment(IDS.cardPaid, { amount: 30000 });
    assert.equal(ok.ok, true);
    assert.equal(ok.state, "paid");
    assert.equal(ok.payment.id, IDS.cardPaid);
    const forged = await client.verifyPayment(IDS.cardPaid, { amount: 100 });
    assert.equal(forged.ok, false);
    assert.deepEqual(forged.failures.map((f) => f.code), ["AMOUNT_MISMATCH"]);
    const other = await client.verifyPayment(IDS.cardPaid, { paymentId: "order-mine", amount: 30000 });
    assert.deepEqual(other.failures.map((f) => f.code), ["PAYMENT_ID_MISMATCH"]);
    const cancelled = await client.verifyPayment(IDS.cancelled, { amount: 15000 });
    assert.equal(cancelled.ok, false);
    assert.ok(cancelled.failures.some((f) => f.code === "CANCELLED"));
    const test_ = await client.verifyPayment(IDS.testChannel, { amount: (await client.getPayment(IDS.testChannel)).amount.total });
    assert.equal(test_.ok, false);
    assert.ok(test_.failures.every((f) => f.code === "SANDBOX_PAYMENT"), JSON.stringify(test_.failures));
    await rejectsV2(client.verifyPayment(IDS.cardPaid, {}), "INVALID_ARGUMENT", { path: "expected.amount" });
    await rejectsV2(client.verifyPayment("payment-v2-nope", { amount: 1 }), "NOT_FOUND");
  });

  test("fails closed: a corrupted answer rejects, never verifies", async () => {
    const client = impatientClient({ maxRetries: 0 });
    for (const f of ["bad-json", "truncated", "non-json", "api-code=1", "reset"]) {
      await fault(server, f, 1, GET_PAYMENT);
      await assert.rejects(client.verifyPayment(IDS.cardPaid, { amount: 30000 }), (e) => typeof e.code === "string", f);
    }
  });
});

describe("verifyWebhook", () => {
  test("a signed webhook for a paid payment verifies, with its webhook-id", async () => {
    const client = newClient();
    const delivery = await signedWebhook({ paymentId: IDS.cardPaid, type: "Transaction.Paid", webhookId: "msg_paid_1" });
    const asked = [];
    const verdict = await client.verifyWebhook(delivery.body, delivery.headers, async (paymentId) => {
      asked.push(paymentId);
      return { amount: 30000 };
    });
    assert.deepEqual(asked, [IDS.cardPaid]);
    assert.equal(verdict.ok, true);
    assert.equal(verdict.webhookId, "msg_paid_1");
    assert.equal(verdict.webhook.type, "Transaction.Paid");
    assert.equal(verdict.payment.status, "PAID");
    const headers = new Headers(delivery.headers);
    const again = await client.verifyWebhook(new TextEncoder().encode(delivery.body), headers, () => ({ amount: 30000 }));
    assert.equal(again.webhookId, "msg_paid_1");
  });

  test("Transaction.Paid for a cancelled payment does not verify: the body's claim never decides", async () => {
    const client = newClient();
    const delivery = await signedWebhook({ paymentId: IDS.cardPaid, type: "Transaction.Paid" });
    await setStatus(IDS.cardPaid, { status: "CANCELLED" });
    const verdict = await client.verifyWebhook(delivery.body, delivery.headers, () => ({ amount: 30000 }));
    assert.equal(verdict.ok, false);
    assert.equal(verdict.webhook.type, "Transaction.Paid");
    assert.ok(verdict.failures.some((f) => f.code === "CANCELLED"), JSON.stringify(verdict.failures));
  });

  test("signature failures reject with verifyWebhookV2's codes, before anything is fetched", async () => {
    const client = newClient();
    const delivery = await signedWebhook({ paymentId: IDS.cardPaid, type: "Transaction.Paid" });
    const never = () => assert.fail("expectedFor must not be asked");
    const tampered = delivery.body.replace("Transaction.Paid", "Transaction.Paid ");
    await rejectsV2(client.verifyWebhook(tampered, delivery.headers, never), "NO_MATCHING_SIGNATURE");
    const { "webhook-signature": _, ...unsigned } = delivery.headers;
    await rejectsV2(client.verifyWebhook(delivery.body, unsigned, never), "MISSING_REQUIRED_HEADERS");
    const old = await signedWebhook({ paymentId: IDS.cardPaid, type: "Transaction.Paid", timestamp: Math.floor(Date.now() / 1000) - 3600 });
    await rejectsV2(client.verifyWebhook(old.body, old.headers, never), "TIMESTAMP_TOO_OLD");
    const otherKey = newClient({ webhookSecret: "whsec_b3RoZXIgd2ViaG9vayBrZXkgZm9yIHRlc3Rz" });
    await rejectsV2(otherKey.verifyWebhook(delivery.body, delivery.headers, never), "NO_MATCHING_SIGNATURE");
    const noSecret = newClient({ webhookSecret: undefined });
    await rejectsV2(noSecret.verifyWebhook(delivery.body, delivery.headers, never), "INVALID_ARGUMENT", { path: "webhookSecret" });
    assert.equal(await countOf(server, GET_PAYMENT), 0);
  });

  test("no paymentId (BillingKey.*) is WEBHOOK_WITHOUT_PAYMENT; the 2024-01-01 version as a form verifies", async () => {
    const client = newClient();
    const billing = await signedWebhook({ paymentId: IDS.cardPaid, type: "BillingKey.Issued", billingKey: "billing-key-1" });
    await rejectsV2(client.verifyWebhook(billing.body, billing.headers, () => assert.fail("not asked")), "WEBHOOK_WITHOUT_PAYMENT");
    const legacy = await signedWebhook({ paymentId: IDS.cardPaid, type: "Transaction.Paid", version: "2024-01-01", format: "form" });
    const verdict = await client.verifyWebhook(legacy.body, legacy.headers, () => ({ amount: 30000 }));
    assert.equal(verdict.ok, true);
    assert.equal(verdict.webhook.payment_id, IDS.cardPaid);
    await rejectsV2(client.verifyWebhook(legacy.body, legacy.headers, () => null), "INVALID_ARGUMENT", { path: "expectedFor" });
    await rejectsV2(client.verifyWebhook(legacy.body, legacy.headers, "nope"), "INVALID_ARGUMENT", { path: "expectedFor" });
  });
});
