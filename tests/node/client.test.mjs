// PortOneClient (the wasm build for Node) against the local PortOne V1 server: every endpoint,
// the shared token, the one refresh after a 401, every fault knob with bounded retries, fail
// closed verification, no secret in any error, and the browser guard.
//
// Build first: wasm-pack build --dev --target nodejs --out-dir target/pkg-node \
//   --out-name portone_verify --no-pack   (or set PORTONE_VERIFY_PKG to another build)

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, beforeEach, describe, test } from "node:test";
import { startServer } from "../portone-server/server.mjs";
import {
  API_KEY,
  API_SECRET,
  BILLING_CUSTOMER_UID,
  CARD_PAID_ORDER,
  ENCODED_MERCHANT_UID,
  IDS,
  advanceClock,
  assertNoSecrets,
  countOf,
  createPayment,
  fault,
  installFetchRecorder,
  rejectsWith,
  reset,
  stats,
  throwsWith,
  tokensSeen,
  withFetch,
} from "./support/client-harness.mjs";

const pkg = createRequire(import.meta.url)(
  process.env.PORTONE_VERIFY_PKG ?? "../../target/pkg-node/portone_verify.js",
);
const { PortOneClient } = pkg;

const GET_PAYMENT = "GET /payments/{imp_uid}";
const GET_TOKEN = "POST /users/getToken";
const CANCEL = "POST /payments/cancel";
const PREPARE = "POST /payments/prepare";

let server;

function newClient(options = {}) {
  return new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: server.url, ...options });
}

/** A client that gives up fast: tests of failures stay quick. */
const impatientClient = (options = {}) => newClient({ timeoutMs: 300, maxRetries: 2, ...options });

before(async () => {
  installFetchRecorder();
  server = await startServer({ port: 0 });
});
after(() => server.close());
beforeEach(() => reset(server));

describe("endpoints", () => {
  test("getPayment returns the typed payment; sandbox payments only on request", async () => {
    const client = newClient();
    const payment = await client.getPayment(IDS.cardPaid);
    assert.equal(payment.imp_uid, IDS.cardPaid);
    assert.equal(payment.merchant_uid, "order-card-paid");
    assert.equal(payment.amount, 1004);
    assert.equal(payment.status, "paid");
    assert.equal(payment.sandbox, false);

    await rejectsWith(client.getPayment(IDS.sandbox), "NOT_FOUND", { status: 404, apiCode: 1 });
    const sandbox = await client.getPayment(IDS.sandbox, { includeSandbox: true });
    assert.equal(sandbox.sandbox, true);
    await rejectsWith(client.getPayment("imp_does_not_exist"), "NOT_FOUND", { status: 404 });
  });

  test("getPayments surfaces a 207 partial answer instead of throwing it away", async () => {
    const client = newClient();
    const full = await client.getPayments({ impUids: [IDS.cardPaid], merchantUids: ["order-failed"] });
    assert.equal(full.partial, false);
    assert.deepEqual(
      full.payments.map((p) => p.imp_uid),
      [IDS.cardPaid, IDS.failed],
    );

    const partial = await client.getPayments({ impUids: [IDS.cardPaid, "imp_missing"] });
    assert.equal(partial.partial, true);
    assert.deepEqual(
      partial.payments.map((p) => p.imp_uid),
      [IDS.cardPaid],
    );
    assert.equal(typeof partial.message, "string");

    await rejectsWith(client.getPayments({ impUids: ["imp_missing"] }), "NOT_FOUND", { status: 404 });
  });

  test("getPayments checks the 100-id limit before sending anything", async () => {
    const client = newClient();
    const ids = Array.from({ length: 60 }, (_, i) => `imp_${i}`);
    const orders = Array.from({ length: 41 }, (_, i) => `order-${i}`);
    await rejectsWith(client.getPayments({ impUids: ids, merchantUids: orders }), "INVALID_ARGUMENT", {
      path: "query",
    });
    await rejectsWith(client.getPayments({}), "INVALID_ARGUMENT", { path: "query" });
    await rejectsWith(client.getPayments({ impUid: [IDS.cardPaid] }), "INVALID_ARGUMENT");
    assert.equal((await stats(server)).requests, 0);

    // Exactly 100 is fine: one real payment among 99 unknown ids is a partial answer.
    const hundred = await client.getPayments({ impUids: [IDS.cardPaid, ...ids.slice(1)], merchantUids: orders.slice(0, 40) });
    assert.deepEqual([hundred.partial, hundred.payments.length], [true, 1]);
    assert.equal(await countOf(server, "GET /payments"), 1);
  });

  test("findPayment picks by status and sorting, and encodes merchant_uids", async () => {
    const client = newClient();
    assert.equal((await client.findPayment("order-retry")).imp_uid, IDS.retryPaid);
    assert.equal((await client.findPayment("order-retry", { status: "failed" })).imp_uid, IDS.retryFailed);
    assert.equal((await client.findPayment("order-retry", { sorting: "started" })).imp_uid, IDS.retryFailed);
    assert.equal((await client.findPayment(ENCODED_MERCHANT_UID)).imp_uid, IDS.encodedMerchantUid);
    await rejectsWith(client.findPayment("order-retry", { status: "cancelled" }), "NOT_FOUND");
    await rejectsWith(client.findPayment("order-retry", { status: "bogus" }), "BAD_REQUEST", {
      status: 400,
    });
    await rejectsWith(client.findPayment(""), "INVALID_ARGUMENT", { path: "merchantUid" });
  });

  test("findAllPayments pages every payment of an order", async () => {
    const client = newClient();
    const all = await client.findAllPayments("order-retry");
    assert.deepEqual([all.total, all.previous, all.next, all.list.length], [2, 0, 0, 2]);
    const first = await client.findAllPayments("order-retry", { limit: 1, sorting: "started" });
    assert.deepEqual([first.total, first.next, first.list[0].imp_uid], [2, 2, IDS.retryFailed]);
    const second = await client.findAllPayments("order-retry", { limit: 1, page: 2, sorting: "started" });
    assert.deepEqual([second.previous, second.next, second.list[0].imp_uid], [1, 0, IDS.retryPaid]);
    const paid = await client.findAllPayments("order-retry", { status: "paid" });
    assert.deepEqual(
      paid.list.map((p) => p.imp_uid),
      [IDS.retryPaid],
    );
    await rejectsWith(client.findAllPayments("order-retry", { limit: 1001 }), "INVALID_ARGUMENT", {
      path: "options.limit",
    });
    await rejectsWith(client.findAllPayments("no-such-order"), "NOT_FOUND");
  });

  test("getPaymentsByStatus lists a status within a window", async () => {
    const client = newClient();
    const paid = await client.getPaymentsByStatus("paid", { limit: 100 });
    assert.ok(paid.total >= 5);
    assert.ok(paid.list.every((p) => p.status === "paid"));
    const all = await client.getPaymentsByStatus("all", { limit: 1000, sorting: "-started" });
    assert.ok(all.total > paid.total);
    const now = Math.floor(Date.now() / 1000);
    const empty = await client.getPaymentsByStatus("paid", { from: now - 200 * 86400, to: now - 150 * 86400 });
    assert.deepEqual([empty.total, empty.list.length], [0, 0]);
    await rejectsWith(client.getPaymentsByStatus("bogus"), "BAD_REQUEST", { status: 400 });
    await rejectsWith(client.getPaymentsByStatus("paid", { from: 10, to: 5 }), "INVALID_ARGUMENT", {
      path: "options.from",
    });
  });

  test("getBillingKeyPayments lists a billing key's payments", async () => {
    const client = newClient();
    const page = await client.getBillingKeyPayments(BILLING_CUSTOMER_UID);
    assert.equal(page.total, 2);
    assert.ok(page.list.every((p) => p.customer_uid === BILLING_CUSTOMER_UID));
    assert.equal((await client.getBillingKeyPayments(BILLING_CUSTOMER_UID, { page: 1 })).list.length, 2);
    await rejectsWith(client.getBillingKeyPayments("customer-unknown"), "NOT_FOUND");
  });

  test("getPaymentBalance returns the breakdown", async () => {
    const client = newClient();
    const balance = await client.getPaymentBalance(IDS.cardPaid);
    assert.equal(balance.amount, 1004);
    assert.ok(Array.isArray(balance.histories));
    assert.equal(typeof balance.primary.supply, "number");
    await rejectsWith(client.getPaymentBalance("imp_missing"), "NOT_FOUND");
  });

  test("cancelPayment cancels part, then the rest, then refuses with API_ERROR", async () => {
    const client = newClient();
    const created = await createPayment(server, { merchant_uid: "order-cancel-me", amount: 10000 });
    const partial = await client.cancelPayment({ impUid: created.imp_uid, amount: 3000, reason: "부분 환불" });
    assert.deepEqual([partial.status, partial.cancel_amount], ["paid", 3000]);
    assert.equal(partial.cancel_history.length, 1);
    const rest = await client.cancelPayment({ merchantUid: "order-cancel-me", checksum: 7000 });
    assert.deepEqual([rest.status, rest.cancel_amount], ["cancelled", 10000]);
    const refused = await rejectsWith(client.cancelPayment({ impUid: created.imp_uid }), "API_ERROR", {
      status: undefined,
      apiCode: 1,
    });
    assert.match(refused.apiMessage, /취소/);

    await rejectsWith(client.cancelPayment({ impUid: created.imp_uid, ammount: 1 }), "INVALID_ARGUMENT");
    await rejectsWith(client.cancelPayment({ reason: "no id" }), "INVALID_ARGUMENT", { path: "request" });
    await rejectsWith(client.cancelPayment(), "INVALID_ARGUMENT", { path: "request" });
    await rejectsWith(client.cancelPayment({ impUid: created.imp_uid, amount: -1 }), "INVALID_ARGUMENT", {
      path: "request.amount",
    });
  });

  test("preparePayment registers an amount and getPreparedPayment reads it back", async () => {
    const client = newClient();
    const registered = await client.preparePayment("order-prepare-1", 5000);
    assert.deepEqual(
      { merchant_uid: registered.merchant_uid, amount: registered.amount },
      { merchant_uid: "order-prepare-1", amount: 5000 },
    );
    const usd = await client.preparePayment("order-prepare-usd", "10.50", { currency: "USD" });
    assert.deepEqual([usd.amount, usd.currency], [10.5, "USD"]);
    const read = await client.getPreparedPayment("order-prepare-1");
    assert.equal(read.amount, 5000);
    await rejectsWith(client.preparePayment("order-prepare-1", 6000), "API_ERROR", { apiCode: 1 });
    await rejectsWith(client.getPreparedPayment("order-never-prepared"), "NOT_FOUND");
    await rejectsWith(client.preparePayment("order-x", "lots"), "INVALID_ARGUMENT", { path: "amount" });
    await rejectsWith(client.preparePayment("order-x", NaN), "INVALID_ARGUMENT", { path: "amount" });
  });

  test("non-string ids and non-object options are INVALID_ARGUMENT", async () => {
    const client = newClient();
    await rejectsWith(client.getPayment(123), "INVALID_ARGUMENT", { path: "impUid" });
    await rejectsWith(client.getPayment(undefined), "INVALID_ARGUMENT", { path: "impUid" });
    await rejectsWith(client.getPayment(IDS.cardPaid, "yes"), "INVALID_ARGUMENT", { path: "options" });
    await rejectsWith(client.getPayment(IDS.cardPaid, { includeSandbox: "yes" }), "INVALID_ARGUMENT", {
      path: "options.includeSandbox",
    });
    await rejectsWith(client.getPayment(".."), "INVALID_ARGUMENT", { path: "impUid" });
    assert.equal((await stats(server)).requests, 0);
  });
});

describe("verifyPayment", () => {
  test("verifies a paid payment in one round trip with a warm token", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid); // warms the token
    const before = await stats(server);
    const verdict = await client.verifyPayment(IDS.cardPaid, CARD_PAID_ORDER);
    assert.deepEqual([verdict.ok, verdict.state], [true, "paid"]);
    assert.equal(verdict.payment.imp_uid, IDS.cardPaid);
    const afterStats = await stats(server);
    assert.equal(afterStats.requests - before.requests, 1);
    assert.equal(afterStats.getToken, 1);
  });

  test("has the same verdict as the synchronous verifyPayment", async () => {
    const client = newClient();
    const cases = [
      [IDS.cardPaid, CARD_PAID_ORDER],
      [IDS.cardPaid, { merchantUid: "order-card-paid", amount: 50000 }],
      [IDS.cardPaid, { merchantUid: "another-order", amount: 1004, currency: "USD" }],
      [IDS.cancelled, { merchantUid: "order-cancelled", amount: 1004 }],
      [IDS.partiallyCancelled, { merchantUid: "order-partial-cancel", amount: 1004 }],
      [IDS.vbankReady, { merchantUid: "order-vbank-ready", amount: 1004, allowVirtualAccountIssued: true }],
      [IDS.futureStatus, { merchantUid: "order-future-status", amount: 20000 }],
      [IDS.usdCents, { merchantUid: "order-usd-cents", amount: "10.10", currency: "USD" }],
    ];
    for (const [impUid, expected] of cases) {
      const remote = await client.verifyPayment(impUid, expected);
      const payment = await client.getPayment(impUid);
      const local = pkg.verifyPayment(payment, { ...expected, impUid });
      const shape = ({ ok, state, failures }) => ({ ok, state, failures });
      assert.deepEqual(shape(remote), shape(local), `${impUid} ${JSON.stringify(expected)}`);
      assert.deepEqual(remote.payment, payment);
      // One verdict: the same class (its lazy `payment` getter), keys and JSON.
      assert.equal(Object.getPrototypeOf(remote), Object.getPrototypeOf(local));
      assert.equal(typeof Object.getOwnPropertyDescriptor(Object.getPrototypeOf(remote), "payment").get, "function");
      assert.deepEqual(Object.keys(remote), Object.keys(local));
      assert.deepEqual(JSON.parse(JSON.stringify(remote)), JSON.parse(JSON.stringify(local)));
    }
  });

  test("rejects a forged amount and another order's payment", async () => {
    const client = newClient();
    const forged = await client.verifyPayment(IDS.cardPaid, { merchantUid: "order-card-paid", amount: 100 });
    assert.equal(forged.ok, false);
    assert.deepEqual(
      forged.failures.map((f) => f.code),
      ["AMOUNT_MISMATCH"],
    );
    const other = await client.verifyPayment(IDS.cardPaid, { merchantUid: "order-other", amount: 1004 });
    assert.deepEqual(
      other.failures.map((f) => f.code),
      ["MERCHANT_UID_MISMATCH"],
    );
    const wrongId = await client.verifyPayment(IDS.cardPaid, { ...CARD_PAID_ORDER, impUid: "imp_other" });
    assert.deepEqual(
      wrongId.failures.map((f) => f.code),
      ["IMP_UID_MISMATCH"],
    );
  });

  test("sandbox payments: hidden unless allowed", async () => {
    const client = newClient();
    const order = { merchantUid: "order-sandbox", amount: 1004 };
    await rejectsWith(client.verifyPayment(IDS.sandbox, order), "NOT_FOUND");
    const allowed = await client.verifyPayment(IDS.sandbox, { ...order, allowSandbox: true });
    assert.equal(allowed.ok, true, JSON.stringify(allowed.failures));
  });

  test("a bad expectation is INVALID_ARGUMENT before any request", async () => {
    const client = newClient();
    await rejectsWith(client.verifyPayment(IDS.cardPaid, { amount: 1004 }), "INVALID_ARGUMENT", {
      path: "expected.merchantUid",
    });
    await rejectsWith(client.verifyPayment(IDS.cardPaid, null), "INVALID_ARGUMENT", { path: "expected" });
    await rejectsWith(client.verifyPayment(IDS.cardPaid, { merchantUid: "o", amount: -1 }), "INVALID_ARGUMENT", {
      path: "expected.amount",
    });
    assert.equal((await stats(server)).requests, 0);
  });
});

describe("token", () => {
  test("50 concurrent calls share exactly one token request", async () => {
    const client = newClient();
    const payments = await Promise.all(Array.from({ length: 50 }, () => client.getPayment(IDS.cardPaid)));
    assert.equal(payments.length, 50);
    const s = await stats(server);
    assert.equal(s.getToken, 1);
    assert.equal(s.byRoute[GET_PAYMENT], 50);
  });

  test("the token is reused across calls and methods", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid);
    await client.findPayment("order-card-paid");
    await client.verifyPayment(IDS.cardPaid, CARD_PAID_ORDER);
    assert.equal((await stats(server)).getToken, 1);
  });

  test("an expired token (server clock advanced) is replaced by a new one", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid);
    const firstTokens = new Set(tokensSeen);
    await advanceClock(server, 31 * 60);
    const payment = await client.getPayment(IDS.cardPaid);
    assert.equal(payment.imp_uid, IDS.cardPaid);
    const s = await stats(server);
    assert.equal(s.getToken, 2);
    assert.equal(s.byRoute[GET_PAYMENT], 3, "first call, the 401, the resend");
    assert.ok([...tokensSeen].some((t) => !firstTokens.has(t)), "a new token was used");
    // And it is cached again.
    await client.getPayment(IDS.cardPaid);
    assert.equal((await stats(server)).getToken, 2);
  });

  test("a 401 drops the token, fetches one and resends once", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid);
    await fault(server, "unauthorized", 1, GET_PAYMENT);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
    const s = await stats(server);
    assert.deepEqual([s.getToken, s.byRoute[GET_PAYMENT]], [2, 3]);
  });

  test("a second 401 is UNAUTHORIZED: one refresh, one resend, no more", async () => {
    const client = newClient();
    await fault(server, "unauthorized", 5, GET_PAYMENT);
    await rejectsWith(client.getPayment(IDS.cardPaid), "UNAUTHORIZED", { status: 401 });
    const s = await stats(server);
    assert.deepEqual([s.getToken, s.byRoute[GET_PAYMENT]], [2, 2]);
  });

  test("a cancellation is resent once after a 401, and only then", async () => {
    const client = newClient();
    const created = await createPayment(server, { merchant_uid: "order-401-cancel", amount: 3000 });
    await fault(server, "unauthorized", 1, CANCEL);
    const cancelled = await client.cancelPayment({ impUid: created.imp_uid });
    assert.equal(cancelled.status, "cancelled");
    assert.equal(await countOf(server, CANCEL), 2);
  });

  test("wrong credentials are UNAUTHORIZED at once, without the secret in the error", async () => {
    const secret = "sk_live_this_must_never_leak_0123456789";
    const client = new PortOneClient({ apiKey: API_KEY, apiSecret: secret, baseUrl: server.url });
    const error = await rejectsWith(client.getPayment(IDS.cardPaid), "UNAUTHORIZED", { status: 401 });
    assertNoSecrets(error, [secret]);
    const s = await stats(server);
    assert.deepEqual([s.getToken, s.requests], [1, 1], "bad credentials are not retried");
  });

  test("the token request is retried like a read", async () => {
    const client = impatientClient();
    await fault(server, "status=503", 1, GET_TOKEN);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
    assert.equal((await stats(server)).getToken, 2);
  });

  test("a fetch that ignores its AbortSignal still times out, for every caller sharing it", async () => {
    const client = newClient({ timeoutMs: 100, maxRetries: 0 });
    let hung = 0;
    await withFetch(
      (input, init, realFetch) => {
        if (String(input).endsWith("/users/getToken") && hung === 0) {
          hung += 1;
          return new Promise(() => {}); // never settles, ignores the abort
        }
        return realFetch(input, init);
      },
      async () => {
        const first = client.getPayment(IDS.cardPaid);
        const second = client.getPayment(IDS.cardPaid);
        await rejectsWith(first, "TIMEOUT");
        // `second` joined the stuck request; once it settled (as a timeout) it shares that
        // outcome. A later call starts afresh.
        await rejectsWith(second, "TIMEOUT");
        assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
      },
    );
    assert.equal(hung, 1);
    assert.equal((await stats(server)).getToken, 1);
  });

  test("concurrent calls share a failed token request too", async () => {
    const client = impatientClient({ maxRetries: 0 });
    await fault(server, "status=500", 1, GET_TOKEN);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.getPayment(IDS.cardPaid)));
    assert.ok(results.every((r) => r.status === "rejected" && r.reason.code === "SERVER_ERROR"));
    assert.equal((await stats(server)).getToken, 1);
    // The failure is not cached: the next call asks again.
    await client.getPayment(IDS.cardPaid);
    assert.equal((await stats(server)).getToken, 2);
  });
});

describe("faults and retries", () => {
  for (const status of [500, 502, 503]) {
    test(`GET: one ${status} is retried`, async () => {
      const client = impatientClient();
      await client.getPayment(IDS.cardPaid);
      await fault(server, `status=${status}`, 1, GET_PAYMENT);
      assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
      assert.equal(await countOf(server, GET_PAYMENT), 3);
    });

    test(`GET: persistent ${status} ends after maxRetries as SERVER_ERROR`, async () => {
      const client = impatientClient();
      await client.getPayment(IDS.cardPaid);
      await fault(server, `status=${status}`, 10, GET_PAYMENT);
      await rejectsWith(client.getPayment(IDS.cardPaid), "SERVER_ERROR", { status, apiCode: -1 });
      assert.equal(await countOf(server, GET_PAYMENT), 1 + 3, "1 attempt + 2 retries");
    });
  }

  test("maxRetries: 0 never retries", async () => {
    const client = impatientClient({ maxRetries: 0 });
    await client.getPayment(IDS.cardPaid);
    await fault(server, "status=500", 10, GET_PAYMENT);
    await rejectsWith(client.getPayment(IDS.cardPaid), "SERVER_ERROR");
    assert.equal(await countOf(server, GET_PAYMENT), 2);
  });

  test("429 waits for Retry-After, then RATE_LIMITED with retryAfterMs", async () => {
    const client = impatientClient({ maxRetries: 1 });
    await client.getPayment(IDS.cardPaid);
    await fault(server, "status=429", 1, GET_PAYMENT);
    const started = Date.now();
    await client.getPayment(IDS.cardPaid);
    assert.ok(Date.now() - started >= 950, "honours Retry-After: 1");
    await fault(server, "status=429", 5, GET_PAYMENT);
    await rejectsWith(client.getPayment(IDS.cardPaid), "RATE_LIMITED", { status: 429, retryAfterMs: 1000 });
    assert.equal(await countOf(server, GET_PAYMENT), 1 + 2 + 2, "warm-up, 429 + retry, 429 + retry");
  });

  test("a dropped connection is NETWORK, retried for GET", async () => {
    const client = impatientClient();
    await client.getPayment(IDS.cardPaid);
    await fault(server, "drop", 1, GET_PAYMENT);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
    await fault(server, "drop", 10, GET_PAYMENT);
    await rejectsWith(client.getPayment(IDS.cardPaid), "NETWORK", { status: undefined });
    assert.equal(await countOf(server, GET_PAYMENT), 1 + 2 + 3);
  });

  test("latency beyond timeoutMs is TIMEOUT, retried for GET", async () => {
    const client = newClient({ timeoutMs: 150, maxRetries: 2 });
    await client.getPayment(IDS.cardPaid);
    await fault(server, "latency=1000", 1, GET_PAYMENT);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
    await fault(server, "latency=1000", 10, GET_PAYMENT);
    const started = Date.now();
    const error = await rejectsWith(client.getPayment(IDS.cardPaid), "TIMEOUT");
    assert.match(error.message, /150 ms/);
    assert.ok(Date.now() - started < 3000, "each attempt is cut at timeoutMs");
    assert.equal(await countOf(server, GET_PAYMENT), 1 + 2 + 3);
  });

  test("latency within timeoutMs is fine", async () => {
    const client = newClient({ timeoutMs: 2000 });
    await fault(server, "latency=200", 1, GET_PAYMENT);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
  });

  for (const kind of ["truncated", "non-json"]) {
    test(`${kind} is INVALID_RESPONSE and not retried`, async () => {
      const client = impatientClient();
      await client.getPayment(IDS.cardPaid);
      await fault(server, kind, 1, GET_PAYMENT);
      await rejectsWith(client.getPayment(IDS.cardPaid), "INVALID_RESPONSE");
      assert.equal(await countOf(server, GET_PAYMENT), 2);
    });
  }

  test("the x-portone-fault header knobs behave like the queue (checked by direct requests)", async () => {
    // The client sends no test-only header: the queue drives it. This just pins the server
    // contract the tests above rely on.
    const res = await fetch(`${server.url}/users/getToken`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-portone-fault": "status=429" },
      body: JSON.stringify({ imp_key: API_KEY, imp_secret: API_SECRET }),
    });
    assert.deepEqual([res.status, res.headers.get("retry-after")], [429, "1"]);
  });

  for (const [kind, code] of [
    ["status=500", "SERVER_ERROR"],
    ["status=503", "SERVER_ERROR"],
    ["status=429", "RATE_LIMITED"],
    ["drop", "NETWORK"],
    ["latency=1000", "TIMEOUT"],
    ["truncated", "INVALID_RESPONSE"],
    ["non-json", "INVALID_RESPONSE"],
  ]) {
    test(`cancelPayment is never retried: ${kind} → ${code}`, async () => {
      const client = newClient({ timeoutMs: 150, maxRetries: 5 });
      const created = await createPayment(server, { merchant_uid: `order-${kind}`, amount: 1000 });
      await client.getPayment(created.imp_uid);
      await fault(server, kind, 10, CANCEL);
      const error = await rejectsWith(client.cancelPayment({ impUid: created.imp_uid }), code);
      assert.equal(await countOf(server, CANCEL), 1, "sent exactly once");
      if (code === "TIMEOUT" || code === "NETWORK") assert.match(error.message, /may have reached PortOne/);
    });
  }

  test("preparePayment is never retried", async () => {
    const client = impatientClient({ maxRetries: 5 });
    await fault(server, "status=503", 10, PREPARE);
    await rejectsWith(client.preparePayment("order-prep-fault", 1000), "SERVER_ERROR", { status: 503 });
    assert.equal(await countOf(server, PREPARE), 1);
  });

  test("an unreachable server is NETWORK after the retries", async () => {
    const client = new PortOneClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      baseUrl: "http://127.0.0.1:9",
      maxRetries: 1,
      timeoutMs: 1000,
    });
    const error = await rejectsWith(client.getPayment(IDS.cardPaid), "NETWORK");
    assert.match(error.message, /getToken/);
  });
});

describe("fail closed", () => {
  const faults = [
    "status=500",
    "status=502",
    "status=503",
    "status=429",
    "truncated",
    "non-json",
    "unauthorized",
    "drop",
    "latency=1000",
  ];
  for (const kind of faults) {
    for (const route of [GET_PAYMENT, GET_TOKEN, null]) {
      test(`verifyPayment never says ok under ${kind} on ${route ?? "every route"}`, async () => {
        const client = newClient({ timeoutMs: 150, maxRetries: 1 });
        await fault(server, kind, 20, route);
        let outcome;
        try {
          outcome = await client.verifyPayment(IDS.cardPaid, CARD_PAID_ORDER);
        } catch (error) {
          assertNoSecrets(error);
          assert.ok(typeof error.code === "string" && error.code.length > 0);
          return;
        }
        assert.fail(`resolved under a persistent fault: ${JSON.stringify(outcome)}`);
      });
    }
  }

  test("faults that clear are recovered without a false verdict", async () => {
    const client = newClient({ timeoutMs: 150, maxRetries: 2 });
    for (const kind of ["status=500", "drop", "latency=1000", "unauthorized"]) {
      await fault(server, kind, 1, GET_PAYMENT);
      const verdict = await client.verifyPayment(IDS.cardPaid, CARD_PAID_ORDER);
      assert.equal(verdict.ok, true, kind);
      const forged = await client.verifyPayment(IDS.cardPaid, { ...CARD_PAID_ORDER, amount: 1 });
      assert.equal(forged.ok, false, kind);
    }
  });

  test("a paid payment with a malformed field is INVALID_RESPONSE, not ok", async () => {
    const client = newClient();
    const payment = await client.getPayment(IDS.cardPaid);
    await withFetch(
      async (input, init, realFetch) =>
        String(input).includes("/payments/")
          ? Response.json({ code: 0, message: null, response: { ...payment, card_name: { odd: true } } })
          : realFetch(input, init),
      () =>
        rejectsWith(client.verifyPayment(IDS.cardPaid, CARD_PAID_ORDER), "INVALID_RESPONSE", {
          path: "response.card_name",
        }),
    );
  });

  test("a 200 with code != 0 is API_ERROR, not a verdict", async () => {
    const client = newClient();
    await withFetch(
      async () => Response.json({ code: -1, message: "결제정보 조회 실패", response: null }),
      () => rejectsWith(client.verifyPayment(IDS.cardPaid, CARD_PAID_ORDER), "API_ERROR", { apiCode: -1 }),
    );
  });
});

describe("secrets never reach an error", () => {
  test("a token or secret echoed by the server is redacted", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid);
    const [token] = [...tokensSeen].slice(-1);
    assert.ok(token);
    const error = await withFetch(
      async () =>
        Response.json(
          { code: -1, message: `token ${token} and secret ${API_SECRET} rejected`, response: null },
          { status: 400 },
        ),
      () => rejectsWith(client.getPayment(IDS.cardPaid), "BAD_REQUEST", { status: 400 }),
    );
    assert.match(error.apiMessage, /\[REDACTED\]/);
    assert.match(error.message, /\[REDACTED\]/);
  });

  test("a network error quoting the secret or token is redacted", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid);
    const [token] = [...tokensSeen].slice(-1);
    const error = await withFetch(
      async () => {
        throw new TypeError(`fetch failed for ${API_SECRET}`, { cause: new Error(`reset ${token}`) });
      },
      () => rejectsWith(client.getPayment(IDS.cardPaid), "NETWORK"),
    );
    assert.match(error.message, /\[REDACTED\].*\[REDACTED\]/);
  });

  test("a malformed token answer does not quote it", async () => {
    const client = newClient({ maxRetries: 0 });
    const bogus = "tok_0123456789abcdef_bogus";
    await withFetch(
      async () => Response.json({ code: 0, message: null, response: { access_token: bogus, now: bogus } }),
      async () => {
        const error = await rejectsWith(client.getPayment(IDS.cardPaid), "INVALID_RESPONSE");
        assertNoSecrets(error, [bogus]);
      },
    );
  });

  test("bad options never quote the secret", () => {
    const error = throwsWith(
      () => new PortOneClient({ apiKey: API_KEY, apiSecret: 1234567890987, timeoutMs: "soon" }),
      "INVALID_ARGUMENT",
    );
    assertNoSecrets(error, ["1234567890987"]);
  });

  test("the token is sent as a Bearer header and nowhere else", async () => {
    const client = newClient({ tier: "T001" });
    const seen = [];
    await withFetch(
      async (input, init, realFetch) => {
        seen.push({ url: String(input), headers: Object.fromEntries(new Headers(init.headers)) });
        return realFetch(input, init);
      },
      () => client.getPayment(IDS.cardPaid),
    );
    const [tokenRequest, paymentRequest] = seen;
    assert.equal(tokenRequest.url, `${server.url}/users/getToken`);
    assert.equal(tokenRequest.headers.authorization, undefined);
    assert.equal(tokenRequest.headers.tier, undefined);
    assert.match(paymentRequest.headers.authorization, /^Bearer [0-9a-f]+$/);
    assert.equal(paymentRequest.headers.tier, "T001");
    assert.ok(!paymentRequest.url.includes(paymentRequest.headers.authorization.slice(7)));
  });
});

describe("construction", () => {
  test("bad options are INVALID_ARGUMENT with a path", () => {
    throwsWith(() => new PortOneClient(), "INVALID_ARGUMENT", { path: "options" });
    throwsWith(() => new PortOneClient({ apiKey: API_KEY }), "INVALID_ARGUMENT", { path: "options.apiSecret" });
    throwsWith(() => new PortOneClient({ apiKey: "", apiSecret: API_SECRET }), "INVALID_ARGUMENT", {
      path: "options.apiKey",
    });
    throwsWith(
      () => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: "api.iamport.kr" }),
      "INVALID_ARGUMENT",
      { path: "options.baseUrl" },
    );
    throwsWith(() => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, timeoutMs: 0 }), "INVALID_ARGUMENT", {
      path: "options.timeoutMs",
    });
    throwsWith(
      () => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, maxRetries: 11 }),
      "INVALID_ARGUMENT",
      { path: "options.maxRetries" },
    );
    throwsWith(() => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, retries: 3 }), "INVALID_ARGUMENT");
  });

  test("BROWSER_NOT_ALLOWED where window and document exist, unless the flag is set", () => {
    globalThis.window = globalThis;
    globalThis.document = {};
    try {
      const error = throwsWith(
        () => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET }),
        "BROWSER_NOT_ALLOWED",
      );
      assert.match(error.message, /dangerouslyAllowBrowser/);
      const client = new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, dangerouslyAllowBrowser: true });
      assert.ok(client instanceof PortOneClient);
    } finally {
      delete globalThis.window;
      delete globalThis.document;
    }
    assert.ok(new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET }) instanceof PortOneClient);
  });
});

describe("verifyWebhookV1", () => {
  const paidHook = { imp_uid: IDS.cardPaid, merchant_uid: "order-card-paid", status: "paid" };

  test("JSON body, sync expectedFor: the fetched payment is verified", async () => {
    const client = newClient();
    const asked = [];
    const verdict = await client.verifyWebhookV1(JSON.stringify(paidHook), "application/json", (merchantUid) => {
      asked.push(merchantUid);
      return { merchantUid, amount: 1004 };
    });
    assert.deepEqual(asked, ["order-card-paid"]);
    assert.deepEqual([verdict.ok, verdict.state], [true, "paid"]);
    assert.equal(verdict.payment.imp_uid, IDS.cardPaid);
    assert.deepEqual(
      { imp_uid: verdict.webhook.imp_uid, merchant_uid: verdict.webhook.merchant_uid },
      { imp_uid: IDS.cardPaid, merchant_uid: "order-card-paid" },
    );
    const s = await stats(server);
    assert.deepEqual([s.getToken, s.byRoute[GET_PAYMENT]], [1, 1]);
    // The verdict of verifyPayment (the same class), plus `webhook`, which its JSON keeps.
    const local = pkg.verifyPayment(await client.getPayment(IDS.cardPaid), { merchantUid: "order-card-paid", amount: 1004 });
    assert.equal(Object.getPrototypeOf(verdict), Object.getPrototypeOf(local));
    const json = JSON.parse(JSON.stringify(verdict));
    assert.deepEqual([json.ok, json.state, json.payment.imp_uid, json.webhook.imp_uid], [true, "paid", IDS.cardPaid, IDS.cardPaid]);
  });

  test("form bodies (string, bytes, URLSearchParams, parsed object) and async expectedFor", async () => {
    const client = newClient();
    const form = `imp_uid=${IDS.cardPaid}&merchant_uid=order-card-paid&status=paid`;
    const expectedFor = async (merchantUid) => ({ merchantUid, amount: "1004" });
    for (const [body, contentType] of [
      [form, "application/x-www-form-urlencoded; charset=utf-8"],
      [new TextEncoder().encode(form), "application/x-www-form-urlencoded"],
      [new URLSearchParams(form), undefined],
      [paidHook, undefined],
    ]) {
      const verdict = await client.verifyWebhookV1(body, contentType, expectedFor);
      assert.equal(verdict.ok, true, String(body));
    }
  });

  test("the body's status is never trusted", async () => {
    const client = newClient();
    const lie = { imp_uid: IDS.cancelled, merchant_uid: "order-cancelled", status: "paid" };
    const verdict = await client.verifyWebhookV1(lie, null, (merchantUid) => ({ merchantUid, amount: 1004 }));
    assert.equal(verdict.ok, false);
    assert.ok(verdict.failures.some((f) => f.code === "CANCELLED"));
    assert.equal(verdict.webhook.status, "paid");
  });

  test("a payment of another order than the webhook names is rejected", async () => {
    const client = newClient();
    // The attacker names their cheap order but points at someone else's paid payment.
    const hook = { imp_uid: IDS.cardPaid, merchant_uid: "order-attacker", status: "paid" };
    const byOrder = await client.verifyWebhookV1(hook, null, (merchantUid) => ({ merchantUid, amount: 1004 }));
    assert.equal(byOrder.ok, false);
    assert.deepEqual(
      byOrder.failures.map((f) => f.code),
      ["MERCHANT_UID_MISMATCH"],
    );
    // Even when expectedFor ignores its argument and describes the payment's own order.
    const careless = await client.verifyWebhookV1(hook, null, () => CARD_PAID_ORDER);
    assert.equal(careless.ok, false);
    assert.equal(careless.state, undefined);
    assert.deepEqual(
      careless.failures.map((f) => [f.code, f.expected, f.actual]),
      [["MERCHANT_UID_MISMATCH", "order-attacker", "order-card-paid"]],
    );
  });

  test("no expectation, a throwing expectedFor, or a bad body stop before any request", async () => {
    const client = newClient();
    await rejectsWith(client.verifyWebhookV1(paidHook, null, () => null), "INVALID_ARGUMENT", {
      path: "expectedFor",
    });
    await rejectsWith(client.verifyWebhookV1(paidHook, null, async () => undefined), "INVALID_ARGUMENT", {
      path: "expectedFor",
    });
    await rejectsWith(client.verifyWebhookV1(paidHook, null, "not a function"), "INVALID_ARGUMENT", {
      path: "expectedFor",
    });
    const mine = new Error("order lookup failed");
    await assert.rejects(
      client.verifyWebhookV1(paidHook, null, () => {
        throw mine;
      }),
      (error) => error === mine,
    );
    await assert.rejects(
      client.verifyWebhookV1(paidHook, null, () => Promise.reject(mine)),
      (error) => error === mine,
    );
    await rejectsWith(client.verifyWebhookV1('{"merchant_uid":"o"}', "application/json", () => CARD_PAID_ORDER), "MISSING_FIELD", {
      path: "imp_uid",
    });
    await rejectsWith(client.verifyWebhookV1("{not json", "application/json", () => CARD_PAID_ORDER), "INVALID_JSON");
    assert.equal((await stats(server)).requests, 0);
  });

  test("fails closed when the payment cannot be fetched", async () => {
    const client = newClient({ timeoutMs: 150, maxRetries: 1 });
    for (const kind of ["status=503", "drop", "truncated", "latency=1000"]) {
      await fault(server, kind, 10, GET_PAYMENT);
      await assert.rejects(client.verifyWebhookV1(paidHook, null, () => CARD_PAID_ORDER), (error) => {
        assertNoSecrets(error);
        return typeof error.code === "string";
      });
      await reset(server);
    }
    await rejectsWith(
      client.verifyWebhookV1({ imp_uid: "imp_forged", merchant_uid: "order-card-paid" }, null, () => CARD_PAID_ORDER),
      "NOT_FOUND",
    );
  });
});
