// examples/cloudflare-worker over HTTP, in workerd with a local D1 database (the stack of
// scripts/demo-stack.mjs): orders priced by the Worker and registered at PortOne, completion
// and the V1 webhook (forged amounts, someone else's payment, cancellations), errors, CORS.
// Races between isolates and restarts: worker-concurrency.test.mjs.
//
// Run:  node --test tests/e2e/        (PORTONE_VERIFY_PKG_DIR as for www.test.mjs)

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  cancelAtPortOne,
  completePayment,
  createOrder,
  getOrder,
  payAtPortOne,
  portoneStats,
  portoneToken,
  preparedAtPortOne,
  requestJson,
  sendWebhook,
  startStack,
} from "../../scripts/demo-stack.mjs";

describe("examples/cloudflare-worker in workerd with D1", { timeout: 180_000 }, () => {
  let stack;
  let url;
  let token; // the test's own PortOne token (one more getToken than the Worker's)

  before(async () => {
    stack = await startStack(); // with the www server, so its origin is allowed
    url = stack.workerUrl;
    token = await portoneToken(stack.portoneUrl);
  });
  after(async () => {
    await stack?.stop();
  });

  /** A new order of `product_id`, checked to be created. */
  async function order(product_id = "carrot-10kg", extra = {}) {
    const res = await createOrder(url, { product_id, ...extra });
    assert.equal(res.status, 201, res.text);
    return res.body.order;
  }
  const ordersInD1 = async () => (await stack.query("SELECT count(*) AS n FROM orders"))[0].n;

  test("POST /orders: the Worker's price, registered at PortOne before it is stored", async () => {
    const res = await createOrder(url, { product_id: "apple-5kg", quantity: 2, amount: 100, price: 1, currency: "USD" });
    assert.equal(res.status, 201, res.text);
    const o = res.body.order;
    assert.match(o.merchant_uid, /^order-[0-9a-f]{32}$/); // at most 40 characters for PortOne
    assert.deepEqual([o.product_id, o.name, o.quantity, o.amount, o.currency, o.status], ["apple-5kg", "사과 5kg", 2, 104000, "KRW", "pending"]);
    assert.ok(o.prepared_at && o.created_at);

    const [row] = await stack.query("SELECT * FROM orders WHERE merchant_uid = ?1", o.merchant_uid);
    assert.deepEqual([row.amount, row.currency, row.status, row.payment_id], [104000, "KRW", "pending", null]);
    const prepared = await preparedAtPortOne(stack.portoneUrl, o.merchant_uid, token);
    assert.equal(prepared.code, 0, JSON.stringify(prepared));
    assert.deepEqual(prepared.response, { merchant_uid: o.merchant_uid, amount: 104000, currency: "KRW" });
  });

  test("POST /orders: nothing is stored when PortOne refuses the registration", async () => {
    const before = await ordersInD1();
    const prepares = (await portoneStats(stack.portoneUrl)).byRoute["POST /payments/prepare"];
    const fault = await requestJson(`${stack.portoneUrl}/__admin/faults`, { body: { fault: "status=503", route: "POST /payments/prepare" } });
    assert.equal(fault.status, 200, fault.text);
    const res = await createOrder(url, { product_id: "carrot-10kg" });
    assert.equal(res.status, 502, res.text);
    assert.equal(res.body.error.code, "SERVER_ERROR");
    assert.equal(await ordersInD1(), before);
    assert.equal((await portoneStats(stack.portoneUrl)).byRoute["POST /payments/prepare"], prepares + 1, "not retried");
  });

  test("POST /orders: bad requests are errors with a code and a path", async () => {
    const cases = [
      [{ product_id: "caviar" }, 404, "UNKNOWN_PRODUCT", "product_id"],
      [{ quantity: 1 }, 400, "MISSING_FIELD", "product_id"],
      [{ product_id: "carrot-10kg", quantity: 0 }, 400, "INVALID_FIELD", "quantity"],
      [{ product_id: "carrot-10kg", quantity: 1.5 }, 400, "INVALID_FIELD", "quantity"],
      [{ product_id: "carrot-10kg", quantity: "2" }, 400, "INVALID_FIELD", "quantity"],
    ];
    for (const [input, status, code, path] of cases) {
      const res = await createOrder(url, input);
      assert.deepEqual([res.status, res.body?.error?.code, res.body?.error?.path], [status, code, path], JSON.stringify(input));
    }
    const notJson = await requestJson(`${url}/orders`, { body: "product_id=carrot-10kg", raw: true, headers: { "content-type": "application/json" } });
    assert.deepEqual([notJson.status, notJson.body.error.code], [400, "INVALID_JSON"]);
  });

  test("the whole flow: order, pay, complete; the webhook after it changes nothing", async () => {
    const o = await order("pear-3kg");
    const payment = await payAtPortOne(stack.portoneUrl, { merchant_uid: o.merchant_uid, amount: o.amount });
    const done = await completePayment(url, { imp_uid: payment.imp_uid, merchant_uid: o.merchant_uid });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual([done.body.ok, done.body.state, done.body.changed, done.body.disposition], [true, "paid", true, "applied"]);
    assert.deepEqual(done.body.payment, { imp_uid: payment.imp_uid, merchant_uid: o.merchant_uid, amount: 15000, currency: "KRW", status: "paid" });
    assert.deepEqual([done.body.order.status, done.body.order.payment_provider, done.body.order.payment_id], ["paid", "portone-v1", payment.imp_uid]);

    const again = await completePayment(url, { imp_uid: payment.imp_uid, merchant_uid: o.merchant_uid });
    assert.deepEqual([again.status, again.body.changed, again.body.order.paid_at], [200, false, done.body.order.paid_at]);
    for (const json of [true, false]) {
      const hook = await sendWebhook(url, { imp_uid: payment.imp_uid, merchant_uid: o.merchant_uid, status: "paid" }, { json });
      assert.equal(hook.status, 200, hook.text);
      assert.deepEqual([hook.body.ok, hook.body.changed, hook.body.disposition, hook.body.webhook.imp_uid], [true, false, "applied", payment.imp_uid]);
    }

    const shown = await getOrder(url, o.merchant_uid);
    assert.equal(shown.status, 200, shown.text);
    assert.equal(shown.body.order.status, "paid");
    assert.deepEqual(
      shown.body.payments.map((p) => [p.provider, p.payment_id, p.amount, p.disposition, p.status, p.source]),
      [["portone-v1", payment.imp_uid, 15000, "applied", "paid", "complete"]],
    );
    const [delivery] = await stack.query("SELECT * FROM webhook_deliveries WHERE payment_id = ?1", payment.imp_uid);
    assert.deepEqual([delivery.deliveries, delivery.outcome, delivery.merchant_uid], [2, "already_paid", o.merchant_uid]);
  });

  test("a forged amount never marks the order paid, by the page or by a lying webhook", async () => {
    const o = await order("carrot-10kg", { amount: 100 });
    assert.equal(o.amount, 1004);
    const forged = await payAtPortOne(stack.portoneUrl, { merchant_uid: o.merchant_uid, amount: 100 });
    const calls = [];
    for (let i = 0; i < 10; i++) {
      calls.push(completePayment(url, { imp_uid: forged.imp_uid, merchant_uid: o.merchant_uid, amount: 100, paid_amount: 100, status: "paid" }));
      calls.push(sendWebhook(url, { imp_uid: forged.imp_uid, merchant_uid: o.merchant_uid, status: "paid" }, { json: i % 2 === 0 }));
    }
    for (const res of await Promise.all(calls)) {
      const expectedStatus = res.body?.webhook ? 200 : 409;
      assert.equal(res.status, expectedStatus, res.text);
      assert.deepEqual(res.body.failures.map((f) => [f.code, f.field, f.expected, f.actual]), [["AMOUNT_MISMATCH", "amount", 1004, 100]]);
      assert.deepEqual([res.body.ok, res.body.changed, res.body.disposition, res.body.order.status], [false, false, null, "pending"]);
    }
    const [row] = await stack.query(
      "SELECT o.status, o.payment_id, (SELECT count(*) FROM payments p WHERE p.merchant_uid = o.merchant_uid) AS payments FROM orders o WHERE merchant_uid = ?1",
      o.merchant_uid,
    );
    assert.deepEqual(row, { status: "pending", payment_id: null, payments: 0 });
    const [delivery] = await stack.query("SELECT deliveries, outcome FROM webhook_deliveries WHERE payment_id = ?1", forged.imp_uid);
    assert.deepEqual(delivery, { deliveries: 10, outcome: "not_verified" });
  });

  test("someone else's payment does not pay an order", async () => {
    const cheap = await order("carrot-10kg");
    const dear = await order("apple-5kg");
    const payment = await payAtPortOne(stack.portoneUrl, { merchant_uid: cheap.merchant_uid, amount: cheap.amount });
    const res = await completePayment(url, { imp_uid: payment.imp_uid, merchant_uid: dear.merchant_uid });
    assert.equal(res.status, 409, res.text);
    assert.deepEqual(res.body.failures.map((f) => f.code).sort(), ["AMOUNT_MISMATCH", "MERCHANT_UID_MISMATCH"]);
    assert.deepEqual([res.body.changed, res.body.order.status], [false, "pending"]);
    // The webhook checks the fetched payment against the notification's ids too.
    const hook = await sendWebhook(url, { imp_uid: payment.imp_uid, merchant_uid: dear.merchant_uid, status: "paid" });
    assert.deepEqual([hook.status, hook.body.ok, hook.body.changed, hook.body.order.status], [200, false, false, "pending"], hook.text);
  });

  test("a cancellation at PortOne cancels the paid order once; completing it again is refused", async () => {
    const o = await order("tangerine-2kg");
    const payment = await payAtPortOne(stack.portoneUrl, { merchant_uid: o.merchant_uid, amount: o.amount });
    const paid = await completePayment(url, { imp_uid: payment.imp_uid, merchant_uid: o.merchant_uid });
    assert.deepEqual([paid.status, paid.body.changed, paid.body.order.status], [200, true, "paid"], paid.text);

    const cancel = await cancelAtPortOne(stack.portoneUrl, payment.imp_uid, token);
    assert.equal(cancel.code, 0, JSON.stringify(cancel));
    const note = { imp_uid: payment.imp_uid, merchant_uid: o.merchant_uid, status: "cancelled", cancellation_id: "c1" };
    const answers = await Promise.all([sendWebhook(url, note), sendWebhook(url, note), sendWebhook(url, note, { json: true })]);
    for (const a of answers) {
      assert.equal(a.status, 200, a.text);
      assert.deepEqual([a.body.ok, a.body.failures.map((f) => f.code), a.body.order.status], [false, ["CANCELLED"], "cancelled"]);
    }
    assert.equal(answers.filter((a) => a.body.changed).length, 1);

    const late = await completePayment(url, { imp_uid: payment.imp_uid, merchant_uid: o.merchant_uid });
    assert.deepEqual([late.status, late.body.changed, late.body.order.status], [409, false, "cancelled"], late.text);
    const shown = await getOrder(url, o.merchant_uid);
    assert.ok(shown.body.order.cancelled_at);
    assert.deepEqual(shown.body.payments.map((p) => [p.payment_id, p.disposition, p.status]), [[payment.imp_uid, "applied", "cancelled"]]);
    const [delivery] = await stack.query("SELECT deliveries, outcome FROM webhook_deliveries WHERE payment_id = ?1 AND delivery_key LIKE '%c1'", payment.imp_uid);
    assert.deepEqual(delivery, { deliveries: 3, outcome: "already_cancelled" });
  });

  test("bad completions and webhooks are errors with a code (and a path)", async () => {
    const o = await order();
    const missing = await completePayment(url, { imp_uid: "imp_100000000001" });
    assert.deepEqual([missing.status, missing.body.error.code, missing.body.error.path], [400, "MISSING_FIELD", "merchant_uid"]);
    const notJson = await requestJson(`${url}/payments/complete`, { body: "imp_uid=1", raw: true, headers: { "content-type": "application/json" } });
    assert.deepEqual([notJson.status, notJson.body.error.code], [400, "INVALID_JSON"]);
    const unknownOrder = await completePayment(url, { imp_uid: "imp_100000000001", merchant_uid: "order-nobody" });
    assert.deepEqual([unknownOrder.status, unknownOrder.body.error.code], [404, "UNKNOWN_ORDER"]);
    const unknownPayment = await completePayment(url, { imp_uid: "imp_000000000000", merchant_uid: o.merchant_uid });
    assert.deepEqual([unknownPayment.status, unknownPayment.body.error.code], [404, "NOT_FOUND"], unknownPayment.text);

    const junk = await sendWebhook(url, "not a webhook", { contentType: "text/plain" });
    assert.equal(junk.status, 400, junk.text);
    assert.equal(typeof junk.body.error.code, "string");
    const nobody = await sendWebhook(url, { imp_uid: "imp_100000000001", merchant_uid: "order-nobody" }, { json: true });
    assert.deepEqual([nobody.status, nobody.body.error.code], [404, "UNKNOWN_ORDER"], nobody.text);
    const noOrder = await getOrder(url, "order-nobody");
    assert.deepEqual([noOrder.status, noOrder.body.error.code], [404, "UNKNOWN_ORDER"]);
    const noRoute = await requestJson(`${url}/payments/refund`, { body: {} });
    assert.deepEqual([noRoute.status, noRoute.body.error.code], [404, "NO_ROUTE"]);
    const wrongMethod = await requestJson(`${url}/payments/complete`, { method: "GET" });
    assert.deepEqual([wrongMethod.status, wrongMethod.body.error.code], [405, "METHOD_NOT_ALLOWED"]);
  });

  test("CORS: the page's origin may call the browser routes, others are refused", async () => {
    const origin = stack.wwwUrl;
    for (const route of ["/orders", "/payments/complete"]) {
      const preflight = await requestJson(`${url}${route}`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
      assert.equal(preflight.status, 204, route);
      assert.equal(preflight.headers.get("access-control-allow-origin"), origin);
      assert.match(preflight.headers.get("access-control-allow-headers"), /content-type/);
    }
    const allowed = await createOrder(url, { product_id: "carrot-10kg" }, { origin });
    assert.equal(allowed.status, 201, allowed.text);
    assert.equal(allowed.headers.get("access-control-allow-origin"), origin);

    const evil = "https://evil.example";
    const deniedPreflight = await requestJson(`${url}/payments/complete`, {
      method: "OPTIONS",
      headers: { origin: evil, "access-control-request-method": "POST" },
    });
    assert.equal(deniedPreflight.status, 403);
    assert.equal(deniedPreflight.headers.get("access-control-allow-origin"), null);
    const denied = await createOrder(url, { product_id: "carrot-10kg" }, { origin: evil });
    assert.deepEqual([denied.status, denied.body.error.code], [403, "ORIGIN_NOT_ALLOWED"]);
    const deniedComplete = await completePayment(url, { imp_uid: "imp_1", merchant_uid: "order-1" }, { origin: evil });
    assert.deepEqual([deniedComplete.status, deniedComplete.body.error.code], [403, "ORIGIN_NOT_ALLOWED"]);
  });

  test("one getToken for every call the Worker made (and one for this test's own calls)", async () => {
    const s = await portoneStats(stack.portoneUrl);
    assert.equal(s.getToken, 2, JSON.stringify(s));
  });
});
