// The local PortOne V1 server's admin API over HTTP: stats, creating payments, the clock and
// reset. Run with `node --test tests/portone-server/`.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  DAY,
  SEEDS,
  SWAGGER_PAYMENT_PROPERTIES,
  adminPost,
  advanceClock,
  assertEnvelopeError,
  authed,
  call,
  cancel,
  getPayment,
  issueToken,
  queueFault,
  stats,
  token,
  useServer,
} from "./support/v1.mjs";

useServer();

describe("stats", () => {
  test("count getToken calls and requests by route, not admin calls", async () => {
    const accessToken = await token();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call("GET", `/payments/${SEEDS.cardPaid}`, { token: accessToken }),
      ),
    );
    assert.ok(answers.every((res) => res.status === 200));
    await call("GET", "/nowhere");
    const counted = await stats();
    assert.equal(counted.getToken, 1);
    assert.equal(counted.requests, 52);
    assert.deepEqual(counted.byRoute, {
      "POST /users/getToken": 1,
      "GET /payments/{imp_uid}": 50,
      unmatched: 1,
    });
  });
});

describe("admin", () => {
  test("POST /__admin/payments fills every field and generates an imp_uid", async () => {
    const created = await adminPost("payments", { amount: 2500, merchant_uid: "order-admin" });
    assert.equal(created.status, 200);
    const payment = created.body.response;
    assert.match(payment.imp_uid, /^imp_\d{12}$/);
    assert.deepEqual(Object.keys(payment), SWAGGER_PAYMENT_PROPERTIES);
    assert.equal(payment.amount, 2500);
    assert.equal(payment.status, "paid");
    assert.equal(payment.sandbox, false);
    assert.ok(payment.paid_at > 0);
    assert.deepEqual((await getPayment(payment.imp_uid)).body.response, payment);
  });

  test("POST /__admin/payments keeps a given imp_uid, odd values and extra fields", async () => {
    const created = await adminPost("payments", {
      imp_uid: "imp_custom_1",
      amount: "1000",
      status: "ready",
      pay_method: "vbank",
      next_gen_field: { a: 1 },
    });
    const payment = created.body.response;
    assert.equal(payment.imp_uid, "imp_custom_1");
    assert.equal(payment.amount, "1000");
    assert.equal(payment.paid_at, 0);
    assert.ok(payment.vbank_num);
    assert.deepEqual(payment.next_gen_field, { a: 1 });
    assertEnvelopeError(await adminPost("payments", { imp_uid: "imp_custom_1" }), 409, 1);
    assertEnvelopeError(await adminPost("payments", { imp_uid: 42 }), 400, -1);
  });

  test("POST /__admin/clock moves the server clock", async () => {
    const before = await issueToken();
    const moved = await advanceClock(3600);
    assert.equal(moved.body.response.offsetSeconds, 3600);
    const after = await issueToken();
    assert.ok(after.now - before.now >= 3600 && after.now - before.now < 3605);
    assert.equal(moved.body.response.now, after.now);
    assertEnvelopeError(await advanceClock("soon"), 400, -1);
  });

  test("POST /__admin/reset restores seeds, counters, tokens, prepared, faults and clock", async () => {
    const oldToken = await token();
    await cancel({ imp_uid: SEEDS.cardPaid });
    await authed("POST", "/payments/prepare", { json: { merchant_uid: "order-prepared", amount: 1 } });
    await adminPost("payments", { imp_uid: "imp_temporary" });
    await advanceClock(DAY);
    await queueFault({ fault: "status=500", times: 5 });

    assert.equal((await adminPost("reset")).body.code, 0);
    assert.deepEqual(await stats(), {
      getToken: 0,
      requests: 0,
      byRoute: {},
      inFlight: 0,
      oversized: { started: 0, completed: 0, bytesWritten: 0 },
    });
    const stale = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: oldToken });
    assertEnvelopeError(stale, 401, -1);
    const fresh = await issueToken();
    assert.ok(Math.abs(fresh.now - Date.now() / 1000) < 5);
    const restored = (await getPayment(SEEDS.cardPaid)).body.response;
    assert.equal(restored.cancel_amount, 0);
    assert.equal(restored.status, "paid");
    assertEnvelopeError(await getPayment("imp_temporary"), 404, 1);
    assertEnvelopeError(await authed("GET", "/payments/prepare/order-prepared"), 404, 1);
  });

  test("admin calls need no token and reject bad input", async () => {
    assert.equal((await call("GET", "/__admin/stats")).status, 200);
    assertEnvelopeError(await call("GET", "/__admin/nothing"), 404, -1);
    assertEnvelopeError(await queueFault({ fault: "explode" }), 400, -1);
    assertEnvelopeError(await queueFault({ fault: "status=418" }), 400, -1);
    assertEnvelopeError(await queueFault({ fault: "latency=-5" }), 400, -1);
    assertEnvelopeError(await queueFault({ fault: "drop", times: 0 }), 400, -1);
    assertEnvelopeError(await queueFault({ fault: "drop", route: "GET /payment" }), 400, -1);
    const queued = await queueFault({ fault: "drop", times: 2, route: "GET /payments/{imp_uid}" });
    assert.deepEqual(queued.body.response.queued, [
      { fault: "drop", remaining: 2, route: "GET /payments/{imp_uid}" },
    ]);
  });
});
