// examples/cloudflare-worker over HTTP, in workerd (the stack of scripts/demo-stack.mjs without
// the page): /payments/complete, the V1 webhook (JSON and form, idempotent), CORS.
//
// Run:  node --test tests/e2e/        (PORTONE_VERIFY_PKG_DIR as for www.test.mjs)

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { DEMO_PAYMENTS, portoneStats, startStack } from "../../scripts/demo-stack.mjs";

describe("examples/cloudflare-worker in workerd", { timeout: 120_000 }, () => {
  let stack;
  let url;

  before(async () => {
    stack = await startStack(); // with the www server, so its origin is allowed
    url = stack.workerUrl;
  });
  after(async () => {
    await stack?.stop();
  });

  async function call(method, route, { body, headers = {} } = {}) {
    const res = await fetch(`${url}${route}`, { method, body, headers });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, headers: res.headers, body: json, text };
  }
  const complete = (payload, headers = {}) =>
    call("POST", "/payments/complete", { body: JSON.stringify(payload), headers: { "content-type": "application/json", ...headers } });
  const webhook = (body, contentType) => call("POST", "/portone/webhook", { body, headers: { "content-type": contentType } });

  test("POST /payments/complete: ok for the good payment, AMOUNT_MISMATCH for the forged one", async () => {
    const good = await complete({ imp_uid: DEMO_PAYMENTS.good.imp_uid, merchant_uid: DEMO_PAYMENTS.good.merchant_uid });
    assert.equal(good.status, 200, good.text);
    assert.deepEqual([good.body.ok, good.body.state, good.body.changed, good.body.order.status], [true, "paid", true, "paid"]);
    assert.deepEqual(good.body.payment, {
      imp_uid: "imp_100000000001",
      merchant_uid: "order-card-paid",
      amount: 1004,
      currency: "KRW",
      status: "paid",
    });

    // The buyer's browser cannot choose the amount: extra fields are ignored.
    const forged = await complete({ ...DEMO_PAYMENTS.forged, amount: 100, paid_amount: 100 });
    assert.equal(forged.status, 409, forged.text);
    assert.equal(forged.body.ok, false);
    assert.deepEqual(
      forged.body.failures.map((f) => [f.code, f.field, f.expected, f.actual]),
      [["AMOUNT_MISMATCH", "amount", 1004, 100]],
    );
    assert.deepEqual([forged.body.changed, forged.body.order.status], [false, "pending"]);

    // Someone else's payment for a more expensive order.
    const other = await complete({ imp_uid: DEMO_PAYMENTS.good.imp_uid, merchant_uid: "order-vbank-paid" });
    assert.equal(other.status, 409, other.text);
    assert.deepEqual(other.body.failures.map((f) => f.code).sort(), ["AMOUNT_MISMATCH", "MERCHANT_UID_MISMATCH"]);
  });

  test("POST /payments/complete: bad requests are errors with a code (and a path)", async () => {
    const missing = await complete({ imp_uid: "imp_100000000001" });
    assert.equal(missing.status, 400);
    assert.deepEqual([missing.body.error.code, missing.body.error.path], ["MISSING_FIELD", "merchant_uid"]);

    const notJson = await call("POST", "/payments/complete", { body: "imp_uid=1", headers: { "content-type": "application/json" } });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.error.code, "INVALID_JSON");

    const unknownOrder = await complete({ imp_uid: "imp_100000000001", merchant_uid: "order-nobody" });
    assert.equal(unknownOrder.status, 404);
    assert.equal(unknownOrder.body.error.code, "UNKNOWN_ORDER");

    const unknownPayment = await complete({ imp_uid: "imp_000000000000", merchant_uid: "order-card-paid" });
    assert.equal(unknownPayment.status, 404, unknownPayment.text);
    assert.equal(unknownPayment.body.error.code, "NOT_FOUND");
  });

  test("POST /portone/webhook: the same notification twice changes nothing the second time", async () => {
    // order-vbank-paid is still pending; PortOne holds its paid payment imp_100000000003.
    const note = JSON.stringify({ imp_uid: "imp_100000000003", merchant_uid: "order-vbank-paid", status: "paid" });
    const first = await webhook(note, "application/json");
    assert.equal(first.status, 200, first.text);
    assert.deepEqual([first.body.ok, first.body.state, first.body.changed, first.body.order.status], [true, "paid", true, "paid"]);
    assert.equal(first.body.webhook.imp_uid, "imp_100000000003");

    const again = await webhook(note, "application/json");
    assert.equal(again.status, 200, again.text);
    assert.deepEqual([again.body.ok, again.body.changed, again.body.order.status], [true, false, "paid"]);
    assert.equal(again.body.order.paid_at, first.body.order.paid_at);

    // The same notification as a form post (PortOne's V1 default).
    const form = await webhook("imp_uid=imp_100000000003&merchant_uid=order-vbank-paid&status=paid", "application/x-www-form-urlencoded");
    assert.equal(form.status, 200, form.text);
    assert.deepEqual([form.body.ok, form.body.changed], [true, false]);
  });

  test("POST /portone/webhook: the body's status is never trusted; junk is a 400", async () => {
    const lie = await webhook(JSON.stringify({ ...DEMO_PAYMENTS.forged, status: "paid" }), "application/json");
    assert.equal(lie.status, 200, lie.text);
    assert.deepEqual([lie.body.ok, lie.body.changed, lie.body.order.status], [false, false, "pending"]);
    assert.deepEqual(lie.body.failures.map((f) => f.code), ["AMOUNT_MISMATCH"]);

    const junk = await webhook("not a webhook", "text/plain");
    assert.equal(junk.status, 400, junk.text);
    assert.equal(typeof junk.body.error.code, "string");

    const unknown = await webhook(JSON.stringify({ imp_uid: "imp_100000000001", merchant_uid: "order-nobody" }), "application/json");
    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(unknown.body.error.code, "UNKNOWN_ORDER");
  });

  test("CORS: the page's origin is allowed, others are refused", async () => {
    const origin = stack.wwwUrl;
    const preflight = await call("OPTIONS", "/payments/complete", {
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), origin);
    assert.match(preflight.headers.get("access-control-allow-headers"), /content-type/);

    const allowed = await complete(DEMO_PAYMENTS.good, { origin });
    assert.equal(allowed.status, 200, allowed.text);
    assert.equal(allowed.headers.get("access-control-allow-origin"), origin);
    assert.equal(allowed.body.changed, false); // paid by the first test

    const evil = "https://evil.example";
    const deniedPreflight = await call("OPTIONS", "/payments/complete", {
      headers: { origin: evil, "access-control-request-method": "POST" },
    });
    assert.equal(deniedPreflight.status, 403);
    assert.equal(deniedPreflight.headers.get("access-control-allow-origin"), null);
    const denied = await complete(DEMO_PAYMENTS.good, { origin: evil });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, "ORIGIN_NOT_ALLOWED");
  });

  test("one getToken for every call the Worker made", async () => {
    const s = await portoneStats(stack.portoneUrl);
    assert.equal(s.getToken, 1, JSON.stringify(s));
  });

  test("a cancellation notification cancels the paid order, once", async () => {
    const portone = (route, body, headers = {}) =>
      fetch(`${stack.portoneUrl}${route}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    // A paid 15000 KRW payment for order-cancelled (the seeded one was cancelled from the start).
    const impUid = "imp_900000000200";
    const created = await portone("/__admin/payments", { imp_uid: impUid, merchant_uid: "order-cancelled", amount: 15000 });
    assert.equal(created.code, 0, JSON.stringify(created));
    const paid = await complete({ imp_uid: impUid, merchant_uid: "order-cancelled" });
    assert.deepEqual([paid.status, paid.body.changed, paid.body.order.status], [200, true, "paid"], paid.text);

    // The shop cancels at PortOne (with its own token, after the getToken count above).
    const token = (await portone("/users/getToken", { imp_key: "test_imp_key", imp_secret: "test_imp_secret" })).response.access_token;
    const cancel = await portone("/payments/cancel", { imp_uid: impUid, reason: "고객 요청" }, { authorization: `Bearer ${token}` });
    assert.equal(cancel.code, 0, JSON.stringify(cancel));

    const note = `imp_uid=${impUid}&merchant_uid=order-cancelled&status=cancelled&cancellation_id=c1`;
    const first = await webhook(note, "application/x-www-form-urlencoded");
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.ok, false);
    assert.deepEqual(first.body.failures.map((f) => f.code), ["CANCELLED"]);
    assert.deepEqual([first.body.changed, first.body.order.status], [true, "cancelled"]);

    const again = await webhook(note, "application/x-www-form-urlencoded");
    assert.deepEqual([again.status, again.body.changed, again.body.order.status], [200, false, "cancelled"], again.text);
  });
});
