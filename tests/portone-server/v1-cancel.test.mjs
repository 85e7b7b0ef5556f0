// The local PortOne V1 server's writes over HTTP: POST /payments/cancel (partial, full, exact
// cents, every refusal) and /payments/prepare (register, update, read back).
// Run with `node --test tests/portone-server/`.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  SEEDS,
  adminPost,
  assertEnvelopeError,
  authed,
  cancel,
  getPayment,
  useServer,
} from "./support/v1.mjs";

useServer();

describe("POST /payments/cancel", () => {
  test("a partial then a full cancellation update the payment", async () => {
    const partial = await cancel({
      imp_uid: SEEDS.cardPaid,
      amount: 400,
      checksum: 1004,
      reason: "부분 환불",
    });
    assert.equal(partial.status, 200);
    assert.equal(partial.body.code, 0);
    const once = partial.body.response;
    assert.equal(once.cancel_amount, 400);
    assert.equal(once.status, "paid");
    assert.equal(once.cancel_reason, "부분 환불");
    assert.ok(once.cancelled_at > 0);
    assert.equal(once.cancel_history.length, 1);
    const [entry] = once.cancel_history;
    assert.equal(entry.amount, 400);
    assert.equal(entry.reason, "부분 환불");
    assert.equal(entry.cancelled_at, once.cancelled_at);
    assert.match(entry.cancellation_id, /^cancel-[0-9a-f]{24}$/);

    const full = await cancel({ imp_uid: SEEDS.cardPaid, reason: "전액 환불" });
    assert.equal(full.body.code, 0);
    const twice = full.body.response;
    assert.equal(twice.cancel_amount, 1004);
    assert.equal(twice.status, "cancelled");
    assert.deepEqual(twice.cancel_history.map((c) => c.amount), [400, 604]);
    assert.notEqual(twice.cancel_history[0].cancellation_id, twice.cancel_history[1].cancellation_id);
    assert.deepEqual((await getPayment(SEEDS.cardPaid)).body.response, twice);
  });

  test("amount 0 cancels the whole remaining balance", async () => {
    const res = await cancel({ imp_uid: SEEDS.partiallyCancelled, amount: 0 });
    assert.equal(res.body.response.cancel_amount, 30000);
    assert.equal(res.body.response.status, "cancelled");
    assert.equal(res.body.response.cancel_history.at(-1).amount, 20000);
  });

  test("a missing payment is HTTP 200 with code 1 and no response", async () => {
    for (const json of [{ imp_uid: "imp_999999999999" }, { merchant_uid: "no-such-order" }]) {
      assertEnvelopeError(await cancel(json), 200, 1);
    }
  });

  test("refuses more than the balance and an already cancelled payment", async () => {
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.partiallyCancelled, amount: 20001 }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cancelled }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cancelled, amount: 1 }), 200, 1);
    assert.equal((await getPayment(SEEDS.partiallyCancelled)).body.response.cancel_amount, 10000);
  });

  test("a checksum other than the cancellable balance is refused", async () => {
    const stale = await cancel({ imp_uid: SEEDS.partiallyCancelled, amount: 5000, checksum: 30000 });
    assertEnvelopeError(stale, 200, 1);
    assert.match(stale.body.message, /checksum/);
    assert.equal((await getPayment(SEEDS.partiallyCancelled)).body.response.cancel_amount, 10000);
    const fresh = await cancel({ imp_uid: SEEDS.partiallyCancelled, amount: 5000, checksum: 20000 });
    assert.equal(fresh.body.code, 0);
    assert.equal(fresh.body.response.cancel_amount, 15000);
  });

  test("cents are exact: 10.1 cancelled as 0.1 + 0.2 + the 9.8 left", async () => {
    await cancel({ imp_uid: SEEDS.usdCents, amount: 0.1 });
    const second = await cancel({ imp_uid: SEEDS.usdCents, amount: 0.2, checksum: 10 });
    assert.equal(second.body.code, 0);
    assert.equal(second.body.response.cancel_amount, 0.3);
    const rest = await cancel({ imp_uid: SEEDS.usdCents, checksum: 9.8 });
    assert.equal(rest.body.code, 0);
    assert.equal(rest.body.response.cancel_history.at(-1).amount, 9.8);
    assert.equal(rest.body.response.cancel_amount, 10.1);
    assert.equal(rest.body.response.status, "cancelled");
  });

  test("form-encoded by merchant_uid cancels the order's paid payment", async () => {
    const res = await authed("POST", "/payments/cancel", {
      form: { merchant_uid: "order-retry", amount: "2000", reason: "폼 취소" },
    });
    assert.equal(res.body.code, 0);
    assert.equal(res.body.response.imp_uid, SEEDS.retryPaid);
    assert.equal(res.body.response.cancel_amount, 2000);
    assert.equal(res.body.response.cancel_reason, "폼 취소");
  });

  test("by merchant_uid, the paid payment is cancelled even when a newer attempt failed", async () => {
    const paid = await adminPost("payments", { merchant_uid: "order-twice", started_at: 1000 });
    await adminPost("payments", { merchant_uid: "order-twice", status: "failed", started_at: 2000 });
    const res = await cancel({ merchant_uid: "order-twice" });
    assert.equal(res.body.code, 0);
    assert.equal(res.body.response.imp_uid, paid.body.response.imp_uid);
    assert.equal(res.body.response.status, "cancelled");
  });

  test("only paid payments are cancellable; a vbank refund needs the refund account", async () => {
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.vbankReady }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.failed }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.futureStatus }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.vbankPaid }), 200, 1);
    const withoutAccount = { imp_uid: SEEDS.vbankPaid, refund_holder: "홍길동", refund_bank: "088" };
    assertEnvelopeError(await cancel(withoutAccount), 200, 1);
    const refunded = await cancel({
      imp_uid: SEEDS.vbankPaid,
      refund_holder: "홍길동",
      refund_bank: "088",
      refund_account: "110123456789",
      refund_tel: "010-1234-5678",
    });
    assert.equal(refunded.body.code, 0);
    assert.equal(refunded.body.response.status, "cancelled");
  });

  test("tax_free or vat_amount over the amount are refused; bad numbers are 400", async () => {
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cardPaid, amount: 100, tax_free: 101 }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cardPaid, amount: 100, vat_amount: 101 }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cardPaid, amount: "lots" }), 400, -1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cardPaid, amount: -1 }), 400, -1);
    assertEnvelopeError(await cancel({ reason: "no id" }), 400, -1);
    const ok = await cancel({ imp_uid: SEEDS.cardPaid, amount: 100, tax_free: 0, vat_amount: 9 });
    assert.equal(ok.body.response.cancel_amount, 100);
  });
});

describe("/payments/prepare", () => {
  test("registers, refuses a duplicate, updates and reads back", async () => {
    const registered = await authed("POST", "/payments/prepare", {
      json: { merchant_uid: "order-prepared", amount: 5000 },
    });
    assert.equal(registered.status, 200);
    assert.deepEqual(registered.body, {
      code: 0,
      message: null,
      response: { merchant_uid: "order-prepared", amount: 5000, currency: null },
    });
    const duplicate = await authed("POST", "/payments/prepare", {
      json: { merchant_uid: "order-prepared", amount: 7000 },
    });
    assertEnvelopeError(duplicate, 200, 1);
    const updated = await authed("PUT", "/payments/prepare", {
      form: { merchant_uid: "order-prepared", amount: "6000", currency: "KRW" },
    });
    assert.equal(updated.body.response.amount, 6000);
    const read = await authed("GET", "/payments/prepare/order-prepared");
    assert.deepEqual(read.body.response, { merchant_uid: "order-prepared", amount: 6000, currency: "KRW" });
  });

  test("unknown registrations are 404; missing fields are 400", async () => {
    assertEnvelopeError(await authed("GET", "/payments/prepare/never-prepared"), 404, 1);
    const put = await authed("PUT", "/payments/prepare", { json: { merchant_uid: "never", amount: 1 } });
    assertEnvelopeError(put, 404, 1);
    assertEnvelopeError(await authed("POST", "/payments/prepare", { json: { amount: 1 } }), 400, -1);
    assertEnvelopeError(await authed("POST", "/payments/prepare", { json: { merchant_uid: "x" } }), 400, -1);
  });

  test("the merchant_uid path segment is percent-decoded", async () => {
    await authed("POST", "/payments/prepare", { json: { merchant_uid: "주문/준비 1", amount: 1 } });
    const read = await authed("GET", `/payments/prepare/${encodeURIComponent("주문/준비 1")}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.response.merchant_uid, "주문/준비 1");
  });
});
