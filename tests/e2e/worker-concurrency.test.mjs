// examples/cloudflare-worker racing itself: the Worker runs as two copies (two isolates, one
// local D1 database, each on its own port), the buyer's completion and PortOne's webhook for
// the same order arrive at once in both, repeated; D1 is queried afterwards. Then workerd is
// restarted on the same database directory.
//
// Run:  node --test tests/e2e/        (PORTONE_VERIFY_PKG_DIR as for www.test.mjs)

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { completePayment, createOrder, getOrder, payAtPortOne, portoneStats, sendWebhook, startStack } from "../../scripts/demo-stack.mjs";

const ORDERS = 120;

/** Runs `fn` over `items` with at most `limit` at a time; resolves the results in order. */
async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** The same items in a random order. */
function shuffled(items) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

describe("examples/cloudflare-worker in two isolates over one D1 database", { timeout: 300_000 }, () => {
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

  /** `n` new orders, each paid in full at PortOne: [{ order, impUid }]. */
  async function paidOrders(n, product_id = "carrot-10kg") {
    return pool(Array.from({ length: n }), 16, async (_, i) => {
      const res = await createOrder(i % 2 ? b : a, { product_id });
      assert.equal(res.status, 201, res.text);
      const order = res.body.order;
      const payment = await payAtPortOne(stack.portoneUrl, { merchant_uid: order.merchant_uid, amount: order.amount });
      return { order, impUid: payment.imp_uid };
    });
  }

  test("the two copies are separate isolates: each fetched its own PortOne token", async () => {
    await paidOrders(4);
    const s = await portoneStats(stack.portoneUrl);
    assert.equal(s.getToken, 2, JSON.stringify(s));
  });

  test(`completion and webhook at once, in both isolates, repeated: ${ORDERS} orders each paid exactly once`, async () => {
    const orders = await paidOrders(ORDERS);
    // Per order: the page completes twice in isolate 0 and once in 1; PortOne notifies twice
    // (form) in isolate 1 and once (JSON) in 0. All of them for all orders at once.
    const calls = shuffled(
      orders.flatMap(({ order, impUid }) => {
        const ids = { imp_uid: impUid, merchant_uid: order.merchant_uid };
        const note = { ...ids, status: "paid" };
        return [
          () => completePayment(a, ids),
          () => completePayment(a, ids),
          () => completePayment(b, ids),
          () => sendWebhook(b, note),
          () => sendWebhook(b, note),
          () => sendWebhook(a, note, { json: true }),
        ].map((call) => ({ merchantUid: order.merchant_uid, call }));
      }),
    );
    const answers = await Promise.all(calls.map(async ({ merchantUid, call }) => ({ merchantUid, res: await call() })));

    const changed = new Map(orders.map(({ order }) => [order.merchant_uid, 0]));
    for (const { merchantUid, res } of answers) {
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([res.body.ok, res.body.disposition, res.body.order.status], [true, "applied", "paid"], res.text);
      if (res.body.changed) changed.set(merchantUid, changed.get(merchantUid) + 1);
    }
    assert.deepEqual([...changed.values()].filter((n) => n !== 1), [], "exactly one answer per order says it changed the order");

    // D1 afterwards: every order paid by its payment, one payment recorded, three deliveries.
    const rows = await stack.query(
      `SELECT o.merchant_uid, o.status, o.payment_id, count(p.payment_id) AS payments,
              sum(p.disposition = 'applied') AS applied, min(p.payment_id) AS recorded
       FROM orders o LEFT JOIN payments p USING (merchant_uid)
       WHERE o.merchant_uid IN (SELECT value FROM json_each(?1))
       GROUP BY o.merchant_uid`,
      JSON.stringify(orders.map(({ order }) => order.merchant_uid)),
    );
    assert.equal(rows.length, ORDERS);
    const impUidOf = new Map(orders.map(({ order, impUid }) => [order.merchant_uid, impUid]));
    for (const r of rows) {
      const impUid = impUidOf.get(r.merchant_uid);
      assert.deepEqual([r.status, r.payment_id, r.payments, r.applied, r.recorded], ["paid", impUid, 1, 1, impUid], r.merchant_uid);
    }
    const deliveries = await stack.query(
      `SELECT merchant_uid, count(*) AS keys, sum(deliveries) AS deliveries FROM webhook_deliveries
       WHERE merchant_uid IN (SELECT value FROM json_each(?1)) GROUP BY merchant_uid`,
      JSON.stringify(orders.map(({ order }) => order.merchant_uid)),
    );
    assert.equal(deliveries.length, ORDERS);
    for (const d of deliveries) assert.deepEqual([d.keys, d.deliveries], [1, 3], d.merchant_uid);
  });

  test("two payments for one order racing: one pays it, the other is kept for a refund", async () => {
    const res = await createOrder(a, { product_id: "pear-3kg" });
    const order = res.body.order;
    const [p1, p2] = [
      await payAtPortOne(stack.portoneUrl, { merchant_uid: order.merchant_uid, amount: order.amount }),
      await payAtPortOne(stack.portoneUrl, { merchant_uid: order.merchant_uid, amount: order.amount }),
    ];
    const answers = await Promise.all(
      [p1, p2].flatMap((p) => {
        const ids = { imp_uid: p.imp_uid, merchant_uid: order.merchant_uid };
        return [completePayment(a, ids), completePayment(b, ids), sendWebhook(b, { ...ids, status: "paid" }), sendWebhook(a, { ...ids, status: "paid" })];
      }),
    );
    for (const r of answers) assert.deepEqual([r.status, r.body.ok, r.body.order.status], [200, true, "paid"], r.text);
    assert.equal(answers.filter((r) => r.body.changed).length, 1);
    const winner = answers.find((r) => r.body.changed).body.payment.imp_uid;
    for (const r of answers) {
      assert.equal(r.body.disposition, r.body.payment.imp_uid === winner ? "applied" : "refund");
      assert.equal(r.body.order.payment_id, winner);
    }
    const shown = await getOrder(a, order.merchant_uid);
    const loser = winner === p1.imp_uid ? p2.imp_uid : p1.imp_uid;
    assert.deepEqual(
      shown.body.payments.map((p) => [p.payment_id, p.disposition]).sort(),
      [[winner, "applied"], [loser, "refund"]].sort(),
    );

    // A third payment, long after: a refund too, and the order still has its first payment.
    const p3 = await payAtPortOne(stack.portoneUrl, { merchant_uid: order.merchant_uid, amount: order.amount });
    const late = await completePayment(b, { imp_uid: p3.imp_uid, merchant_uid: order.merchant_uid });
    assert.deepEqual([late.status, late.body.changed, late.body.disposition, late.body.order.payment_id], [200, false, "refund", winner]);
  });

  test("a restart of workerd keeps the orders (D1 persisted in its directory)", async () => {
    const snapshot = "SELECT merchant_uid, status, payment_id, paid_at FROM orders ORDER BY merchant_uid";
    const beforeRows = await stack.query(snapshot);
    const payments = (await stack.query("SELECT count(*) AS n FROM payments"))[0].n;
    assert.ok(beforeRows.length >= ORDERS + 5);
    const paid = beforeRows.find((r) => r.status === "paid");

    await stack.restartWorker();
    assert.notDeepEqual(stack.workerUrls, [a, b], "new workerd, new ports");
    [a, b] = stack.workerUrls;

    assert.deepEqual(await stack.query(snapshot), beforeRows);
    assert.equal((await stack.query("SELECT count(*) AS n FROM payments"))[0].n, payments);
    const shown = await getOrder(b, paid.merchant_uid);
    assert.deepEqual([shown.status, shown.body.order.status, shown.body.order.paid_at], [200, "paid", paid.paid_at], shown.text);
    const again = await completePayment(a, { imp_uid: paid.payment_id, merchant_uid: paid.merchant_uid });
    assert.deepEqual([again.status, again.body.changed, again.body.order.paid_at], [200, false, paid.paid_at], again.text);
    const fresh = await createOrder(a, { product_id: "potato-1kg" });
    assert.equal(fresh.status, 201, fresh.text);
  });
});
