// PortOneClient's verifyPayment against the local PortOne V1 server: one round trip, the same
// verdict as the synchronous verifyPayment, forged payments refused, and fail closed: never ok
// under any fault knob, on any route.
//
// Build first: make pkg-node (or set PORTONE_VERIFY_PKG to another build).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CARD_PAID_ORDER,
  IDS,
  assertNoSecrets,
  fault,
  rejectsWith,
  stats,
  withFetch,
} from "./support/client-harness.mjs";
import { GET_PAYMENT, GET_TOKEN, newClient, pkg, server, useServer } from "./support/client-v1.mjs";

useServer();

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
