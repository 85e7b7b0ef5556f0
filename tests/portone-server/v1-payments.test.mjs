// The local PortOne V1 server's read routes over HTTP: GET /payments/{imp_uid} (every seed against
// the official Swagger's properties), several payments, find and findAll by merchant_uid, by
// status, a billing key's payments and the balance. Run with `node --test tests/portone-server/`.

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
  cancel,
  getPayment,
  issueToken,
  useServer,
} from "./support/v1.mjs";

useServer();

describe("GET /payments/{imp_uid}", () => {
  test("the card seed is a complete, realistic KCP card payment", async () => {
    const res = await getPayment(SEEDS.cardPaid);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(res.body.code, 0);
    assert.equal(res.body.message, null);
    const payment = res.body.response;
    assert.deepEqual(Object.keys(payment), SWAGGER_PAYMENT_PROPERTIES);
    const size = Buffer.byteLength(JSON.stringify(payment));
    assert.ok(size > 1300 && size < 1600, `payment is ${size} bytes`);
    assert.equal(payment.merchant_uid, "order-card-paid");
    assert.equal(payment.amount, 1004);
    assert.equal(payment.cancel_amount, 0);
    assert.equal(payment.currency, "KRW");
    assert.equal(payment.status, "paid");
    assert.equal(payment.pay_method, "card");
    assert.equal(payment.pg_provider, "kcp");
    assert.equal(payment.sandbox, false);
    assert.match(payment.pg_tid, /^\d{14}$/);
    assert.match(payment.card_number, /^\d{6}\*{6}\d{4}$/);
    assert.match(payment.apply_num, /^\d{8}$/);
    assert.ok(payment.paid_at > payment.started_at);
    assert.equal(payment.failed_at, 0);
    assert.equal(payment.cancelled_at, 0);
    assert.ok(payment.receipt_url.startsWith("https://"));
    assert.deepEqual(JSON.parse(payment.custom_data), { cart_id: "cart-7781", coupon: null });
    const unfilled = Object.entries(payment).filter(([, value]) => value === null);
    assert.ok(unfilled.length < 20, `${unfilled.length} null fields`);
  });

  test("every seed has every Swagger property and a boolean sandbox", async () => {
    for (const impUid of Object.values(SEEDS)) {
      const res = await getPayment(impUid, "?include_sandbox=true");
      assert.equal(res.status, 200, impUid);
      const payment = res.body.response;
      for (const property of SWAGGER_PAYMENT_PROPERTIES) {
        assert.ok(property in payment, `${impUid} lacks ${property}`);
      }
      assert.equal(typeof payment.sandbox, "boolean");
      assert.equal(payment.imp_uid, impUid);
    }
  });

  test("an unknown imp_uid is a 404 with code 1 and the documented message", async () => {
    const res = await getPayment("imp_999999999999");
    assertEnvelopeError(res, 404, 1);
    assert.equal(res.body.message, "존재하지 않는 결제정보입니다.");
  });

  test("sandbox payments are hidden unless include_sandbox=true", async () => {
    assertEnvelopeError(await getPayment(SEEDS.sandbox), 404, 1);
    assertEnvelopeError(await getPayment(SEEDS.sandbox, "?include_sandbox=false"), 404, 1);
    const shown = await getPayment(SEEDS.sandbox, "?include_sandbox=true");
    assert.equal(shown.status, 200);
    assert.equal(shown.body.response.sandbox, true);
    const live = await getPayment(SEEDS.cardPaid, "?include_sandbox=true");
    assert.equal(live.body.response.sandbox, false);
  });

  test("seeds cover vbank, cancellations, cents, failure, billing and unknown values", async () => {
    const payment = async (impUid) => (await getPayment(impUid)).body.response;
    const ready = await payment(SEEDS.vbankReady);
    assert.equal(ready.status, "ready");
    assert.equal(ready.pay_method, "vbank");
    assert.match(ready.vbank_num, /^\d+$/);
    assert.ok(ready.vbank_date > ready.vbank_issued_at);
    assert.equal(ready.paid_at, 0);
    const vbankPaid = await payment(SEEDS.vbankPaid);
    assert.equal(vbankPaid.status, "paid");
    assert.equal(vbankPaid.deposit_history.length, 1);
    assert.deepEqual(Object.keys(vbankPaid.deposit_history[0]).sort(), [
      "amount", "deposited_at", "depositor_name", "pg_tid",
    ]);
    assert.equal(vbankPaid.deposit_history[0].amount, vbankPaid.amount);
    const cancelled = await payment(SEEDS.cancelled);
    assert.equal(cancelled.status, "cancelled");
    assert.equal(cancelled.cancel_amount, cancelled.amount);
    assert.equal(cancelled.cancel_history[0].amount, cancelled.amount);
    const partial = await payment(SEEDS.partiallyCancelled);
    assert.equal(partial.status, "paid");
    assert.ok(partial.cancel_amount > 0 && partial.cancel_amount < partial.amount);
    assert.equal(typeof partial.cancel_history[0].cancellation_id, "string");
    const usd = await payment(SEEDS.usdCents);
    assert.equal(usd.currency, "USD");
    assert.equal(usd.amount, 10.1);
    const failed = await payment(SEEDS.failed);
    assert.equal(failed.status, "failed");
    assert.ok(failed.failed_at > 0);
    assert.equal(typeof failed.fail_reason, "string");
    const billing = await payment(SEEDS.billingKey);
    assert.equal(billing.customer_uid, "customer-1234");
    assert.equal(billing.customer_uid_usage, "payment");
    assert.equal(billing.channel, "api");
    const future = await payment(SEEDS.futureStatus);
    assert.equal(future.status, "partial_refunded");
    assert.equal(future.pay_method, "crypto");
    assert.equal(future.settlement_currency, "KRW");
  });

  test("a malformed percent-encoding is a 400", async () => {
    assertEnvelopeError(await getPayment("%E0%A4%A"), 400, -1);
  });
});

describe("GET /payments (several)", () => {
  test("answers all requested payments, imp_uids first, then merchant_uids", async () => {
    const res = await authed(
      "GET",
      `/payments?imp_uid[]=${SEEDS.cardPaid}&imp_uid[]=${SEEDS.vbankPaid}&merchant_uid[]=order-retry`,
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.code, 0);
    assert.deepEqual(
      res.body.response.map((p) => p.imp_uid),
      [SEEDS.cardPaid, SEEDS.vbankPaid, SEEDS.retryPaid],
    );
  });

  test("with some missing: 207 and the found ones", async () => {
    const res = await authed(
      "GET",
      `/payments?imp_uid[]=${SEEDS.cardPaid}&imp_uid[]=imp_999999999999&merchant_uid[]=nope`,
    );
    assert.equal(res.status, 207);
    assert.equal(res.body.code, 0);
    assert.equal(typeof res.body.message, "string");
    assert.deepEqual(res.body.response.map((p) => p.imp_uid), [SEEDS.cardPaid]);
  });

  test("none found is a 404; none asked or more than 100 is a 400", async () => {
    assertEnvelopeError(await authed("GET", "/payments?imp_uid[]=imp_999999999999"), 404, 1);
    assertEnvelopeError(await authed("GET", "/payments"), 400, -1);
    const ids = (count) =>
      Array.from({ length: count }, () => `imp_uid[]=${SEEDS.cardPaid}`).join("&");
    assertEnvelopeError(await authed("GET", `/payments?${ids(101)}`), 400, -1);
    assert.equal((await authed("GET", `/payments?${ids(100)}`)).body.response.length, 100);
  });
});

describe("GET /payments/find/{merchant_uid}/{payment_status?}", () => {
  const find = (path) => authed("GET", `/payments/find/${path}`);

  test("answers the newest by start, or as `sorting` asks", async () => {
    assert.equal((await find("order-retry")).body.response.imp_uid, SEEDS.retryPaid);
    assert.equal((await find("order-retry?sorting=started")).body.response.imp_uid, SEEDS.retryFailed);
    assert.equal((await find("order-retry?sorting=-paid")).body.response.imp_uid, SEEDS.retryPaid);
    assert.equal((await find("order-retry?sorting=paid")).body.response.imp_uid, SEEDS.retryFailed);
  });

  test("sorting by -updated follows the last change", async () => {
    const old = await adminPost("payments", { merchant_uid: "order-updated", started_at: 1000 });
    await adminPost("payments", { merchant_uid: "order-updated", started_at: 2000 });
    await advanceClock(10);
    assert.equal((await cancel({ imp_uid: old.body.response.imp_uid })).body.code, 0);
    assert.notEqual((await find("order-updated")).body.response.imp_uid, old.body.response.imp_uid);
    const updated = await find("order-updated?sorting=-updated");
    assert.equal(updated.body.response.imp_uid, old.body.response.imp_uid);
  });

  test("filters by payment_status", async () => {
    assert.equal((await find("order-retry/failed")).body.response.imp_uid, SEEDS.retryFailed);
    assert.equal((await find("order-retry/paid")).body.response.imp_uid, SEEDS.retryPaid);
    assertEnvelopeError(await find("order-retry/cancelled"), 404, 1);
  });

  test("percent-decodes merchant_uids with slashes, spaces and Korean", async () => {
    const res = await find(encodeURIComponent("주문/2024 0001"));
    assert.equal(res.status, 200);
    assert.equal(res.body.response.imp_uid, SEEDS.encodedMerchantUid);
    assert.equal(res.body.response.merchant_uid, "주문/2024 0001");
  });

  test("unknown orders are 404, bad status or sorting 400", async () => {
    assertEnvelopeError(await find("no-such-order"), 404, 1);
    assertEnvelopeError(await find("order-retry/refunded"), 400, -1);
    assertEnvelopeError(await find("order-retry?sorting=amount"), 400, -1);
  });
});

describe("GET /payments/findAll/{merchant_uid}/{payment_status?}", () => {
  const findAll = (path) => authed("GET", `/payments/findAll/${path}`);

  test("pages every payment of the order", async () => {
    const all = await findAll("order-retry");
    assert.equal(all.status, 200);
    assert.deepEqual(
      { ...all.body.response, list: all.body.response.list.map((p) => p.imp_uid) },
      { total: 2, previous: 0, next: 0, list: [SEEDS.retryPaid, SEEDS.retryFailed] },
    );
    const first = (await findAll("order-retry?limit=1")).body.response;
    assert.deepEqual([first.total, first.previous, first.next], [2, 0, 2]);
    assert.equal(first.list[0].imp_uid, SEEDS.retryPaid);
    const second = (await findAll("order-retry?limit=1&page=2&sorting=-started")).body.response;
    assert.deepEqual([second.total, second.previous, second.next], [2, 1, 0]);
    assert.equal(second.list[0].imp_uid, SEEDS.retryFailed);
  });

  test("filters by status; rejects bad paging; 404 for unknown orders", async () => {
    const paid = (await findAll("order-retry/paid")).body.response;
    assert.deepEqual(paid.list.map((p) => p.imp_uid), [SEEDS.retryPaid]);
    assertEnvelopeError(await findAll("order-retry?limit=1001"), 400, -1);
    assertEnvelopeError(await findAll("order-retry?limit=0"), 400, -1);
    assertEnvelopeError(await findAll("order-retry?page=0"), 400, -1);
    assertEnvelopeError(await findAll("order-retry?page=3&limit=1"), 400, -1);
    assertEnvelopeError(await findAll("no-such-order"), 404, 1);
    assert.equal((await findAll("order-retry?limit=1000")).status, 200);
  });
});

describe("GET /payments/status/{payment_status}", () => {
  const byStatus = (path) => authed("GET", `/payments/status/${path}`);

  test("all seeds fall in the default 90-day window; pages of 20 by default", async () => {
    const all = (await byStatus("all")).body.response;
    assert.equal(all.total, Object.keys(SEEDS).length);
    assert.equal(all.list.length, Object.keys(SEEDS).length);
    const paged = (await byStatus("all?limit=5&page=2")).body.response;
    assert.deepEqual([paged.previous, paged.next, paged.list.length], [1, 3, 5]);
    const started = all.list.map((p) => p.started_at);
    assert.deepEqual(started, [...started].sort((a, b) => b - a));
  });

  test("filters by status", async () => {
    const ready = (await byStatus("ready")).body.response;
    assert.deepEqual(ready.list.map((p) => p.imp_uid), [SEEDS.vbankReady]);
    const paid = (await byStatus("paid?limit=100")).body.response;
    assert.ok(paid.list.every((p) => p.status === "paid"));
    assert.ok(paid.list.some((p) => p.imp_uid === SEEDS.cardPaid));
    assertEnvelopeError(await byStatus("refunded"), 400, -1);
  });

  test("from/to select by the status's own timestamp", async () => {
    const { now } = await issueToken();
    const lastDay = (await byStatus(`paid?from=${now - DAY}&to=${now}&limit=100`)).body.response;
    const ids = lastDay.list.map((p) => p.imp_uid);
    assert.ok(ids.includes(SEEDS.cardPaid));
    assert.ok(!ids.includes(SEEDS.vbankPaid), "paid two days ago");
    const old = await adminPost("payments", { started_at: now - 101 * DAY, paid_at: now - 100 * DAY });
    const oldId = old.body.response.imp_uid;
    const recent = (await byStatus("paid?limit=100")).body.response.list.map((p) => p.imp_uid);
    assert.ok(!recent.includes(oldId));
    const window = await byStatus(`paid?from=${now - 120 * DAY}&to=${now - 90 * DAY}`);
    assert.deepEqual(window.body.response.list.map((p) => p.imp_uid), [oldId]);
  });

  test("a window over 90 days or reversed is a 400", async () => {
    const { now } = await issueToken();
    assertEnvelopeError(await byStatus(`all?from=${now - 91 * DAY}&to=${now}`), 400, -1);
    assertEnvelopeError(await byStatus(`all?from=${now}&to=${now - DAY}`), 400, -1);
    assertEnvelopeError(await byStatus("all?from=yesterday"), 400, -1);
    assert.equal((await byStatus(`all?from=${now - 90 * DAY}&to=${now}`)).status, 200);
  });
});

describe("GET /subscribe/customers/{customer_uid}/payments", () => {
  test("pages the billing key's payments, newest first", async () => {
    const res = await authed("GET", "/subscribe/customers/customer-1234/payments?page=1");
    assert.equal(res.status, 200);
    const { total, previous, next, list } = res.body.response;
    assert.deepEqual([total, previous, next], [2, 0, 0]);
    assert.deepEqual(list.map((p) => p.imp_uid), [SEEDS.billingKeyScheduled, SEEDS.billingKey]);
    assert.ok(list.every((p) => p.customer_uid === "customer-1234"));
    assertEnvelopeError(await authed("GET", "/subscribe/customers/nobody/payments"), 404, 1);
  });
});

describe("GET /payments/{imp_uid}/balance", () => {
  const balance = async (impUid) => authed("GET", `/payments/${impUid}/balance`);

  test("the remaining balance, with a history entry per cancellation", async () => {
    const res = await balance(SEEDS.partiallyCancelled);
    assert.equal(res.status, 200);
    const { amount, cash_receipt, primary, secondary, discount, histories } = res.body.response;
    assert.equal(amount, 30000);
    assert.equal(primary.supply + primary.vat + primary.tax_free + primary.service, 20000);
    assert.equal(primary.vat, 1818);
    for (const part of [cash_receipt, secondary, discount]) {
      assert.deepEqual(Object.keys(part).sort(), ["service", "supply", "tax_free", "vat"]);
    }
    assert.deepEqual(
      histories.map((h) => h.primary.supply + h.primary.vat),
      [30000, 20000],
    );
    assert.ok(histories.every((h) => Number.isInteger(h.created)));
  });

  test("follows a new cancellation; foreign currency is all supply; unpaid is zero", async () => {
    await cancel({ imp_uid: SEEDS.usdCents, amount: 5.05 });
    const usd = (await balance(SEEDS.usdCents)).body.response;
    assert.deepEqual(usd.primary, { tax_free: 0, supply: 5.05, vat: 0, service: 0 });
    assert.equal(usd.histories.length, 2);
    const ready = (await balance(SEEDS.vbankReady)).body.response;
    assert.equal(ready.amount, 35000);
    assert.equal(ready.primary.supply, 0);
    assert.deepEqual(ready.histories, []);
    assertEnvelopeError(await balance("imp_999999999999"), 404, 1);
  });
});
