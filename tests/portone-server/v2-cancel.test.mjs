// The local server's V2 writes over HTTP: POST /v2/payments/{paymentId}/cancel (full, partial,
// exact int64 arithmetic, every refusal the OpenAPI lists) and /pre-register (with the admin
// read-back). Run with `node --test tests/portone-server/`.

import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { startServer } from "./server.mjs";
import { errorTypesByStatus, schemaProblems } from "./support/openapi.mjs";
import { assertV2Error, v2Client } from "./support/http.mjs";
import { V2_DEFAULTS, V2_LARGE_AMOUNT, V2_SEED_IDS as IDS } from "./v2/seeds.mjs";

let server;
let api;

before(async () => {
  server = await startServer();
  api = v2Client(server);
});
after(() => server.close());
beforeEach(() => api.reset());

const payment = async (id) => (await api.getPayment(id)).body;

describe("POST /v2/payments/{paymentId}/cancel", () => {
  test("a full cancel answers the cancellation; the payment becomes CANCELLED as the schema says", async () => {
    const res = await api.cancel(IDS.cardPaid, { reason: "고객 변심" });
    assert.equal(res.status, 200);
    assert.deepEqual(schemaProblems(res.body, "CancelPaymentResponse"), []);
    const { cancellation } = res.body;
    assert.equal(cancellation.status, "SUCCEEDED");
    assert.deepEqual([cancellation.totalAmount, cancellation.taxFreeAmount, cancellation.vatAmount], [30000n, 0n, 2727n]);
    assert.equal(cancellation.reason, "고객 변심");
    const cancelled = await payment(IDS.cardPaid);
    assert.deepEqual(schemaProblems(cancelled, "Payment"), []);
    assert.equal(cancelled.status, "CANCELLED");
    assert.equal(cancelled.amount.cancelled, 30000n);
    assert.equal(cancelled.cancellations.at(-1).id, cancellation.id);
    assert.equal(cancelled.cancelledAt, cancellation.cancelledAt);
    assert.equal(cancelled.disputes, undefined);
    assert.ok(cancelled.paidAt);
  });

  test("partial cancels add up exactly; the last one leaves CANCELLED", async () => {
    await api.cancel(IDS.cardPaid, { amount: 1000, reason: "a" });
    const after1 = await payment(IDS.cardPaid);
    assert.equal(after1.status, "PARTIAL_CANCELLED");
    assert.deepEqual(schemaProblems(after1, "Payment"), []);
    await api.cancel(IDS.cardPaid, { amount: 2000, reason: "b", currentCancellableAmount: 29000 });
    const after2 = await payment(IDS.cardPaid);
    assert.deepEqual([after2.status, after2.amount.cancelled, after2.cancellations.length], ["PARTIAL_CANCELLED", 3000n, 2]);
    const rest = await api.cancel(IDS.cardPaid, { reason: "c" });
    assert.equal(rest.body.cancellation.totalAmount, 27000n);
    assert.equal((await payment(IDS.cardPaid)).status, "CANCELLED");
  });

  test("int64 amounts beyond 2^53 are cancelled exactly", async () => {
    const one = await api.cancel(IDS.largeAmount, '{"amount":1,"reason":"one won"}');
    assert.equal(one.body.cancellation.totalAmount, 1n);
    const left = V2_LARGE_AMOUNT - 1n; // 9007199254740992: a float cannot tell it from the total
    const mismatch = await api.cancel(IDS.largeAmount, `{"amount":${left},"reason":"x","currentCancellableAmount":${V2_LARGE_AMOUNT}}`);
    assertV2Error(mismatch, 409, "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN");
    const rest = await api.cancel(IDS.largeAmount, `{"amount":${left},"reason":"rest","currentCancellableAmount":${left}}`);
    assert.equal(rest.status, 200);
    assert.ok(rest.text.includes(`"totalAmount":${left}`));
    const done = await api.getPayment(IDS.largeAmount);
    assert.equal(done.body.status, "CANCELLED");
    assert.ok(done.text.includes(`"cancelled":${V2_LARGE_AMOUNT}`));
  });

  test("tax-free parts: a partial cancel is taxable unless told; a full one takes what is left of both", async () => {
    const partial = await api.cancel(IDS.partialCancelled, { amount: 5000, taxFreeAmount: 2000, reason: "tf" });
    assert.deepEqual([partial.body.cancellation.taxFreeAmount, partial.body.cancellation.vatAmount], [2000n, 273n]);
    const rest = await api.cancel(IDS.partialCancelled, { reason: "rest" });
    assert.deepEqual([rest.body.cancellation.totalAmount, rest.body.cancellation.taxFreeAmount], [15000n, 0n]);
    const done = await payment(IDS.partialCancelled);
    assert.deepEqual([done.amount.cancelled, done.amount.cancelledTaxFree], [30000n, 3000n]);
  });

  test("every refusal has the type and status the OpenAPI lists for cancelPayment, and changes nothing", async () => {
    const allowed = errorTypesByStatus("cancelPayment");
    const cases = [
      [IDS.cardPaid, { amount: 1000 }, 400, "INVALID_REQUEST"],
      [IDS.cardPaid, { reason: "" }, 400, "INVALID_REQUEST"],
      [IDS.cardPaid, { amount: 0, reason: "x" }, 400, "INVALID_REQUEST"],
      [IDS.cardPaid, { amount: -5, reason: "x" }, 400, "INVALID_REQUEST"],
      [IDS.cardPaid, { amount: 10.5, reason: "x" }, 400, "INVALID_REQUEST"],
      [IDS.cardPaid, { amount: "1000", reason: "x" }, 400, "INVALID_REQUEST"],
      [IDS.cardPaid, { reason: "x", requester: "ROBOT" }, 400, "INVALID_REQUEST"],
      [IDS.cardPaid, "{reason", 400, "INVALID_REQUEST"],
      [IDS.cardPaid, "", 400, "INVALID_REQUEST"],
      [IDS.cardPaid, { reason: "x", storeId: "store-someone-else" }, 403, "FORBIDDEN"],
      ["payment-nobody-made", { reason: "x" }, 404, "PAYMENT_NOT_FOUND"],
      [IDS.ready, { reason: "x" }, 409, "PAYMENT_NOT_PAID"],
      [IDS.payPending, { reason: "x" }, 409, "PAYMENT_NOT_PAID"],
      [IDS.virtualAccountIssued, { reason: "x" }, 409, "PAYMENT_NOT_PAID"],
      [IDS.failed, { reason: "x" }, 409, "PAYMENT_NOT_PAID"],
      [IDS.futureStatus, { reason: "x" }, 409, "PAYMENT_NOT_PAID"],
      [IDS.cancelled, { reason: "x" }, 409, "PAYMENT_ALREADY_CANCELLED"],
      [IDS.cardPaid, { reason: "x", currentCancellableAmount: 29999 }, 409, "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN"],
      [IDS.cardPaid, { amount: 30001, reason: "x" }, 409, "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT"],
      [IDS.cardPaid, { amount: 100, vatAmount: 101, reason: "x" }, 409, "SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT"],
      [IDS.cardPaid, { amount: 100, taxFreeAmount: 1, reason: "x" }, 409, "CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT"],
      [IDS.partialCancelled, { amount: 20000, reason: "x" }, 409, "CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT"],
      [IDS.virtualAccountPaid, { reason: "x" }, 400, "INVALID_REQUEST"],
    ];
    const before = await Promise.all(Object.values(IDS).map(payment));
    for (const [id, json, status, type] of cases) {
      const res = await api.cancel(id, json);
      assertV2Error(res, status, type);
      assert.ok(allowed[String(status)]?.includes(type), `${type} is not listed for ${status}`);
      assert.deepEqual(schemaProblems(res.body, "CancelPaymentError"), []);
    }
    assert.deepEqual(await Promise.all(Object.values(IDS).map(payment)), before);
  });

  test("a virtual-account payment is refunded to the refundAccount given", async () => {
    const refundAccount = { bank: "SHINHAN", number: "110123456789", holderName: "김입금" };
    assertV2Error(await api.cancel(IDS.virtualAccountPaid, { reason: "x", refundAccount: { bank: "SHINHAN" } }), 400, "INVALID_REQUEST");
    const res = await api.cancel(IDS.virtualAccountPaid, { reason: "환불", refundAccount });
    assert.equal(res.status, 200);
    assert.equal((await payment(IDS.virtualAccountPaid)).status, "CANCELLED");
  });

  test("after 20 cancellations the next is 409 MAX_CANCEL_COUNT_REACHED", async () => {
    for (let i = 0; i < 20; i += 1) {
      assert.equal((await api.cancel(IDS.cardPaid, { amount: 1, reason: `#${i}` })).status, 200);
    }
    assertV2Error(await api.cancel(IDS.cardPaid, { amount: 1, reason: "#21" }), 409, "MAX_CANCEL_COUNT_REACHED");
    assert.ok(errorTypesByStatus("cancelPayment")["409"].includes("MAX_CANCEL_COUNT_REACHED"));
  });
});

describe("POST /v2/payments/{paymentId}/pre-register", () => {
  const registration = (id) => api.adminOk("GET", `v2/pre-registrations/${encodeURIComponent(id)}`);

  test("registers the amounts (exactly) and answers {}; the admin reads them back", async () => {
    const res = await api.preRegister("order-2024-0001", `{"totalAmount":${V2_LARGE_AMOUNT},"taxFreeAmount":1000,"currency":"KRW"}`);
    assert.equal(res.status, 200);
    assert.equal(res.text, "{}");
    assert.deepEqual(schemaProblems(res.body, "PreRegisterPaymentResponse"), []);
    assert.deepEqual(await registration("order-2024-0001"), {
      paymentId: "order-2024-0001",
      storeId: V2_DEFAULTS.storeId,
      totalAmount: V2_LARGE_AMOUNT,
      taxFreeAmount: 1000n,
      currency: "KRW",
    });
  });

  test("registering again replaces it; every field is optional; unpaid payments may be registered", async () => {
    await api.preRegister("order-2", { totalAmount: 5000 });
    await api.preRegister("order-2", { currency: "USD" });
    assert.deepEqual(await registration("order-2"), { paymentId: "order-2", storeId: V2_DEFAULTS.storeId, currency: "USD" });
    for (const id of [IDS.ready, IDS.virtualAccountIssued, IDS.failed, "주문/새 1"]) {
      assert.equal((await api.preRegister(id, {})).status, 200, id);
    }
    assert.equal((await registration("주문/새 1")).paymentId, "주문/새 1");
  });

  test("refusals: 409 ALREADY_PAID for paid payments, 400, 403, as the OpenAPI lists them", async () => {
    const allowed = errorTypesByStatus("preRegisterPayment");
    const cases = [
      [IDS.cardPaid, { totalAmount: 30000 }, 409, "ALREADY_PAID"],
      [IDS.partialCancelled, {}, 409, "ALREADY_PAID"],
      [IDS.cancelled, {}, 409, "ALREADY_PAID"],
      ["order-x", { totalAmount: -1 }, 400, "INVALID_REQUEST"],
      ["order-x", { totalAmount: 1.5 }, 400, "INVALID_REQUEST"],
      ["order-x", { totalAmount: "1000" }, 400, "INVALID_REQUEST"],
      ["order-x", { totalAmount: 100, taxFreeAmount: 101 }, 400, "INVALID_REQUEST"],
      ["order-x", { currency: "won" }, 400, "INVALID_REQUEST"],
      ["order-x", "", 400, "INVALID_REQUEST"],
      ["order-x", "[]", 400, "INVALID_REQUEST"],
      ["order-x", { storeId: "store-someone-else" }, 403, "FORBIDDEN"],
    ];
    for (const [id, json, status, type] of cases) {
      const res = await api.preRegister(id, json);
      assertV2Error(res, status, type);
      assert.ok(allowed[String(status)].includes(type), `${type} is not listed for ${status}`);
      assert.deepEqual(schemaProblems(res.body, "PreRegisterPaymentError"), []);
    }
    const missing = await api.admin("GET", "v2/pre-registrations/order-x");
    assert.deepEqual([missing.status, missing.body.code], [404, 1n]);
  });

  test("POST /__admin/reset forgets registrations", async () => {
    await api.preRegister("order-3", { totalAmount: 1 });
    await api.reset();
    assert.equal((await api.admin("GET", "v2/pre-registrations/order-3")).status, 404);
  });
});
