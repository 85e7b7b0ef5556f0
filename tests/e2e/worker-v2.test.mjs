// examples/cloudflare-worker's PortOne V2 routes in workerd with a local D1 database, against
// the local PortOne server's /v2 routes (tests/portone-server/v2/): V2 orders pre-registered,
// POST /v2/payments/complete, POST /v2/webhooks (signatures on the raw body, idempotent by
// webhook-id), cancellations, a second payment kept for a refund, and completion and webhook
// racing in two isolates over one database.
//
// Run:  node --test tests/e2e/        (PORTONE_VERIFY_PKG_DIR as for www.test.mjs)

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  completePayment,
  completePaymentV2,
  createOrder,
  getOrder,
  payAtPortOne,
  payAtPortOneV2,
  portoneStats,
  preRegisteredAtPortOneV2,
  requestJson,
  sendWebhookV2,
  setV2Status,
  signedWebhookV2,
  startStack,
} from "../../scripts/demo-stack.mjs";
import { V2_DEFAULTS } from "../portone-server/v2/seeds.mjs";

const GET_PAYMENT = "GET /v2/payments/{paymentId}";
const RACING_ORDERS = 40;

describe("examples/cloudflare-worker: PortOne V2 routes in workerd with D1", { timeout: 300_000 }, () => {
  let stack;
  let a; // isolate 0
  let b; // isolate 1

  before(async () => {
    stack = await startStack({ www: false, isolates: 2 });
    [a, b] = stack.workerUrls;
  });
  after(async () => {
    await stack?.stop();
  });

  const stat = async (key) => (await portoneStats(stack.portoneUrl)).byRoute[key] ?? 0;

  /** A new V2 order of `product_id`, checked to be created. */
  async function orderV2(product_id = "carrot-10kg", extra = {}) {
    const res = await createOrder(a, { product_id, api: "v2", ...extra });
    assert.equal(res.status, 201, res.text);
    return res.body.order;
  }

  /** A V2 order paid in full at PortOne (paymentId = its merchant_uid). */
  async function paidOrderV2(product_id) {
    const order = await orderV2(product_id);
    const payment = await payAtPortOneV2(stack.portoneUrl, { paymentId: order.merchant_uid, total: order.amount, orderName: order.name });
    return { order, payment };
  }

  const webhook = (paymentId, type = "Transaction.Paid", extra = {}) => signedWebhookV2(stack.portoneUrl, { paymentId, type, ...extra });

  async function orderRow(merchantUid) {
    const [row] = await stack.query(
      `SELECT o.status, o.api, o.payment_provider, o.payment_id,
              (SELECT count(*) FROM payments p WHERE p.merchant_uid = o.merchant_uid) AS payments
       FROM orders o WHERE merchant_uid = ?1`,
      merchantUid,
    );
    return row;
  }

  test("POST /orders {api: 'v2'}: the Worker's price, pre-registered at PortOne V2 (not V1) before it is stored", async () => {
    const prepares = await stat("POST /payments/prepare");
    const res = await createOrder(a, { product_id: "apple-5kg", quantity: 2, api: "v2", amount: 100, totalAmount: 1 });
    assert.equal(res.status, 201, res.text);
    const o = res.body.order;
    assert.deepEqual([o.api, o.amount, o.currency, o.status], ["v2", 104000, "KRW", "pending"]);
    const registered = await preRegisteredAtPortOneV2(stack.portoneUrl, o.merchant_uid);
    assert.equal(registered.code, 0, JSON.stringify(registered));
    assert.deepEqual(registered.response, { paymentId: o.merchant_uid, storeId: V2_DEFAULTS.storeId, totalAmount: 104000, currency: "KRW" });
    assert.equal(await stat("POST /payments/prepare"), prepares, "no V1 prepare for a V2 order");

    const v1 = await createOrder(a, { product_id: "carrot-10kg" });
    assert.equal(v1.body.order.api, "v1");
    const bad = await createOrder(a, { product_id: "carrot-10kg", api: "v3" });
    assert.deepEqual([bad.status, bad.body.error.code, bad.body.error.path], [400, "INVALID_FIELD", "api"]);
  });

  test("POST /orders: nothing is stored when PortOne V2 refuses the pre-registration (not retried)", async () => {
    const count = async () => (await stack.query("SELECT count(*) AS n FROM orders"))[0].n;
    const before = await count();
    const route = "POST /v2/payments/{paymentId}/pre-register";
    const calls = await stat(route);
    const fault = await requestJson(`${stack.portoneUrl}/__admin/faults`, { body: { fault: "status=503", route } });
    assert.equal(fault.status, 200, fault.text);
    const res = await createOrder(a, { product_id: "carrot-10kg", api: "v2" });
    assert.equal(res.status, 502, res.text);
    assert.equal(await count(), before);
    assert.equal(await stat(route), calls + 1);
  });

  test("POST /v2/payments/complete: verified against the order's own amount, paid once", async () => {
    const { order } = await paidOrderV2("pear-3kg");
    // Whatever amount the page sends is ignored.
    const done = await completePaymentV2(a, { paymentId: order.merchant_uid, totalAmount: 1, amount: 1 });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual([done.body.ok, done.body.state, done.body.changed, done.body.disposition], [true, "paid", true, "applied"]);
    assert.deepEqual(done.body.payment, { paymentId: order.merchant_uid, status: "PAID", amount: 15000, currency: "KRW" });
    assert.deepEqual([done.body.order.status, done.body.order.payment_provider, done.body.order.payment_id], ["paid", "portone-v2", order.merchant_uid]);

    const again = await completePaymentV2(b, { paymentId: order.merchant_uid });
    assert.deepEqual([again.status, again.body.changed, again.body.order.paid_at], [200, false, done.body.order.paid_at]);
    const shown = await getOrder(a, order.merchant_uid);
    assert.deepEqual(
      shown.body.payments.map((p) => [p.provider, p.payment_id, p.amount, p.disposition, p.status, p.source]),
      [["portone-v2", order.merchant_uid, 15000, "applied", "paid", "complete"]],
    );
  });

  test("a forged amount never marks a V2 order paid, by the page or by a signed webhook", async () => {
    const order = await orderV2("carrot-10kg");
    await payAtPortOneV2(stack.portoneUrl, { paymentId: order.merchant_uid, total: 100 });
    const res = await completePaymentV2(a, { paymentId: order.merchant_uid, totalAmount: 100 });
    assert.equal(res.status, 409, res.text);
    assert.deepEqual(res.body.failures.map((f) => [f.code, f.expected, f.actual]), [["AMOUNT_MISMATCH", 1004, 100]]);
    assert.deepEqual([res.body.ok, res.body.changed, res.body.order.status], [false, false, "pending"]);
    const hook = await sendWebhookV2(b, await webhook(order.merchant_uid));
    assert.deepEqual([hook.status, hook.body.ok, hook.body.changed, hook.body.order.status], [200, false, false, "pending"], hook.text);
    assert.deepEqual(await orderRow(order.merchant_uid), { status: "pending", api: "v2", payment_provider: null, payment_id: null, payments: 0 });
  });

  test("a valid V2 webhook for a paid payment changes the order once; the same delivery again changes nothing", async () => {
    const { order } = await paidOrderV2("tangerine-2kg");
    const delivery = await webhook(order.merchant_uid, "Transaction.Paid");
    const first = await sendWebhookV2(a, delivery);
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(
      [first.body.ok, first.body.changed, first.body.disposition, first.body.order.status, first.body.webhookId, first.body.type, first.body.deliveries],
      [true, true, "applied", "paid", delivery.headers["webhook-id"], "Transaction.Paid", 1],
    );

    const fetches = await stat(GET_PAYMENT);
    for (const url of [a, b]) {
      const again = await sendWebhookV2(url, delivery);
      assert.equal(again.status, 200, again.text);
      assert.deepEqual([again.body.duplicate, again.body.changed, again.body.outcome, again.body.order.status], [true, false, "paid", "paid"]);
    }
    assert.equal(await stat(GET_PAYMENT), fetches, "a delivery already applied is not fetched again");
    const [row] = await stack.query("SELECT deliveries, outcome, event_type FROM webhook_deliveries WHERE provider = 'portone-v2' AND delivery_key = ?1", delivery.headers["webhook-id"]);
    assert.deepEqual(row, { deliveries: 3, outcome: "paid", event_type: "Transaction.Paid" });
    assert.deepEqual(await orderRow(order.merchant_uid), { status: "paid", api: "v2", payment_provider: "portone-v2", payment_id: order.merchant_uid, payments: 1 });

    // Another delivery (new webhook-id) for the same payment: verified again, changes nothing.
    const other = await sendWebhookV2(b, await webhook(order.merchant_uid, "Transaction.Paid"));
    assert.deepEqual([other.status, other.body.ok, other.body.changed, other.body.duplicate], [200, true, false, undefined], other.text);
  });

  test("a webhook claiming Transaction.Paid for a cancelled payment does not mark the order paid", async () => {
    const { order } = await paidOrderV2("potato-1kg");
    await setV2Status(stack.portoneUrl, order.merchant_uid, "CANCELLED", { reason: "buyer changed their mind" });
    const lie = await sendWebhookV2(a, await webhook(order.merchant_uid, "Transaction.Paid"));
    assert.equal(lie.status, 200, lie.text);
    assert.deepEqual([lie.body.ok, lie.body.failures.map((f) => f.code), lie.body.changed, lie.body.order.status], [false, ["CANCELLED"], false, "pending"]);
    assert.equal(lie.body.payment.status, "CANCELLED");
    const late = await completePaymentV2(b, { paymentId: order.merchant_uid });
    assert.deepEqual([late.status, late.body.changed, late.body.order.status], [409, false, "pending"], late.text);
    assert.deepEqual(await orderRow(order.merchant_uid), { status: "pending", api: "v2", payment_provider: null, payment_id: null, payments: 0 });
  });

  test("forged, unsigned or stale webhooks are refused (401) and change nothing", async () => {
    const { order } = await paidOrderV2("carrot-10kg");
    const fetches = await stat(GET_PAYMENT);
    const good = await webhook(order.merchant_uid);
    const { "webhook-signature": _, ...unsigned } = good.headers;
    const other = await signedWebhookV2(stack.portoneUrl, {
      paymentId: order.merchant_uid,
      type: "Transaction.Paid",
      secret: `whsec_${Buffer.from("not the shop's webhook secret!!!").toString("base64")}`,
    });
    const stale = await webhook(order.merchant_uid, "Transaction.Paid", { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const cases = [
      ["no headers", { headers: { "content-type": "application/json" }, body: good.body }, "MISSING_REQUIRED_HEADERS"],
      ["no signature", { headers: unsigned, body: good.body }, "MISSING_REQUIRED_HEADERS"],
      ["another secret", other, "NO_MATCHING_SIGNATURE"],
      ["body changed after signing", { headers: good.headers, body: good.body.replace("Transaction.Paid", "Transaction.Cancelled") }, "NO_MATCHING_SIGNATURE"],
      ["signature of another delivery", { headers: { ...good.headers, "webhook-id": "msg_forged" }, body: good.body }, "NO_MATCHING_SIGNATURE"],
      ["an hour old", stale, "TIMESTAMP_TOO_OLD"],
    ];
    for (const [what, delivery, code] of cases) {
      const res = await sendWebhookV2(a, delivery);
      assert.deepEqual([res.status, res.body?.error?.code], [401, code], `${what}: ${res.text}`);
    }
    assert.equal(await stat(GET_PAYMENT), fetches, "no refused delivery fetched the payment");
    assert.deepEqual(await orderRow(order.merchant_uid), { status: "pending", api: "v2", payment_provider: null, payment_id: null, payments: 0 });
    const none = await stack.query("SELECT count(*) AS n FROM webhook_deliveries WHERE payment_id = ?1", order.merchant_uid);
    assert.equal(none[0].n, 0);
  });

  test("a cancellation at PortOne V2 cancels the paid order once", async () => {
    const { order } = await paidOrderV2("pear-3kg");
    const paid = await completePaymentV2(a, { paymentId: order.merchant_uid });
    assert.deepEqual([paid.status, paid.body.changed], [200, true], paid.text);
    await setV2Status(stack.portoneUrl, order.merchant_uid, "CANCELLED");
    const deliveries = await Promise.all([1, 2, 3].map(() => webhook(order.merchant_uid, "Transaction.Cancelled")));
    const answers = await Promise.all(deliveries.map((d, i) => sendWebhookV2(i % 2 ? b : a, d)));
    for (const r of answers) {
      assert.equal(r.status, 200, r.text);
      assert.deepEqual([r.body.ok, r.body.failures.map((f) => f.code), r.body.order.status], [false, ["CANCELLED"], "cancelled"]);
    }
    assert.equal(answers.filter((r) => r.body.changed).length, 1);
    const shown = await getOrder(b, order.merchant_uid);
    assert.ok(shown.body.order.cancelled_at);
    assert.deepEqual(shown.body.payments.map((p) => [p.provider, p.disposition, p.status]), [["portone-v2", "applied", "cancelled"]]);
    const outcomes = await stack.query("SELECT outcome FROM webhook_deliveries WHERE payment_id = ?1 ORDER BY outcome", order.merchant_uid);
    assert.deepEqual(outcomes.map((r) => r.outcome), ["already_cancelled", "already_cancelled", "cancelled"]);
  });

  test("a second payment for an order already paid is recorded for a refund, never applied", async () => {
    // The buyer paid the V2 order through an old V1 checkout too (merchant_uid is the same id).
    const order = await orderV2("apple-5kg");
    const v1 = await payAtPortOne(stack.portoneUrl, { merchant_uid: order.merchant_uid, amount: order.amount });
    const first = await completePayment(a, { imp_uid: v1.imp_uid, merchant_uid: order.merchant_uid });
    assert.deepEqual([first.status, first.body.changed, first.body.disposition], [200, true, "applied"], first.text);
    await payAtPortOneV2(stack.portoneUrl, { paymentId: order.merchant_uid, total: order.amount });
    const second = await completePaymentV2(b, { paymentId: order.merchant_uid });
    assert.deepEqual(
      [second.status, second.body.ok, second.body.changed, second.body.disposition, second.body.order.payment_provider],
      [200, true, false, "refund", "portone-v1"],
      second.text,
    );
    const hook = await sendWebhookV2(a, await webhook(order.merchant_uid));
    assert.deepEqual([hook.status, hook.body.changed, hook.body.disposition], [200, false, "refund"], hook.text);
    const [row] = await stack.query("SELECT outcome FROM webhook_deliveries WHERE payment_id = ?1 AND provider = 'portone-v2'", order.merchant_uid);
    assert.equal(row.outcome, "refund");
    const shown = await getOrder(a, order.merchant_uid);
    assert.deepEqual(
      shown.body.payments.map((p) => [p.provider, p.disposition]).sort(),
      [["portone-v1", "applied"], ["portone-v2", "refund"]],
    );
  });

  test("webhooks about no payment of ours: BillingKey.* is acknowledged, an unknown order is 404", async () => {
    const billing = await signedWebhookV2(stack.portoneUrl, { paymentId: "unused", type: "BillingKey.Issued", billingKey: "billing-key-1" });
    const ack = await sendWebhookV2(a, billing);
    assert.deepEqual([ack.status, ack.body.ignored, ack.body.changed], [200, true, false], ack.text);
    const nobody = await sendWebhookV2(a, await webhook("order-nobody"));
    assert.deepEqual([nobody.status, nobody.body.error.code], [404, "UNKNOWN_ORDER"], nobody.text);
  });

  test("bad completions are errors with a code (and a path)", async () => {
    const missing = await completePaymentV2(a, { payment_id: "x" });
    assert.deepEqual([missing.status, missing.body.error.code, missing.body.error.path], [400, "MISSING_FIELD", "paymentId"]);
    const unknown = await completePaymentV2(a, { paymentId: "order-nobody" });
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, "UNKNOWN_ORDER"]);
    const unpaid = await orderV2("carrot-10kg");
    const notAtPortOne = await completePaymentV2(a, { paymentId: unpaid.merchant_uid });
    assert.deepEqual([notAtPortOne.status, notAtPortOne.body.error.code], [404, "NOT_FOUND"], notAtPortOne.text);
  });

  test(`completion and webhook at once, in both isolates, repeated: ${RACING_ORDERS} V2 orders each paid exactly once`, async () => {
    const orders = [];
    for (let i = 0; i < RACING_ORDERS; i++) orders.push((await paidOrderV2("carrot-10kg")).order);
    const deliveries = await Promise.all(orders.map((o) => webhook(o.merchant_uid, "Transaction.Paid")));
    const calls = orders.flatMap((o, i) => {
      const ids = { paymentId: o.merchant_uid };
      return [
        () => completePaymentV2(a, ids),
        () => completePaymentV2(b, ids),
        () => sendWebhookV2(b, deliveries[i]), // the same delivery twice (PortOne retrying)
        () => sendWebhookV2(a, deliveries[i]),
      ].map((call) => ({ merchantUid: o.merchant_uid, call }));
    });
    calls.sort(() => Math.random() - 0.5);
    const answers = await Promise.all(calls.map(async ({ merchantUid, call }) => ({ merchantUid, res: await call() })));
    const changed = new Map(orders.map((o) => [o.merchant_uid, 0]));
    for (const { merchantUid, res } of answers) {
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.order.status, "paid", res.text);
      if (!res.body.duplicate) assert.deepEqual([res.body.ok, res.body.disposition], [true, "applied"], res.text);
      if (res.body.changed) changed.set(merchantUid, changed.get(merchantUid) + 1);
    }
    assert.deepEqual([...changed.values()].filter((n) => n !== 1), [], "exactly one answer per order says it changed the order");
    const rows = await stack.query(
      `SELECT o.merchant_uid, o.status, o.payment_id, count(p.payment_id) AS payments, sum(p.disposition = 'applied') AS applied
       FROM orders o LEFT JOIN payments p USING (merchant_uid)
       WHERE o.merchant_uid IN (SELECT value FROM json_each(?1)) GROUP BY o.merchant_uid`,
      JSON.stringify(orders.map((o) => o.merchant_uid)),
    );
    assert.equal(rows.length, RACING_ORDERS);
    for (const r of rows) assert.deepEqual([r.status, r.payment_id, r.payments, r.applied], ["paid", r.merchant_uid, 1, 1], r.merchant_uid);
    const keys = await stack.query(
      `SELECT count(*) AS keys, sum(deliveries) AS deliveries FROM webhook_deliveries
       WHERE provider = 'portone-v2' AND merchant_uid IN (SELECT value FROM json_each(?1))`,
      JSON.stringify(orders.map((o) => o.merchant_uid)),
    );
    assert.deepEqual(keys[0], { keys: RACING_ORDERS, deliveries: 2 * RACING_ORDERS });
  });
});
