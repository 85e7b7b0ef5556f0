// The V2 admin API of the local server: creating payments from partial objects, changing their
// status, and signed webhook deliveries — checked against an independent HMAC computation and
// the official `@portone/server-sdk` Webhook.verify. Run with `node --test tests/portone-server/`.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, beforeEach, describe, test } from "node:test";
import { Webhook } from "@portone/server-sdk";
import { startServer } from "./server.mjs";
import { schemaProblems } from "./support/openapi.mjs";
import { v2Client } from "./support/http.mjs";
import { V2_DEFAULTS, V2_LARGE_AMOUNT, V2_SEED_IDS as IDS } from "./v2/seeds.mjs";

const STATUSES = ["READY", "PAY_PENDING", "VIRTUAL_ACCOUNT_ISSUED", "PAID", "FAILED", "PARTIAL_CANCELLED", "CANCELLED"];

let server;
let api;

before(async () => {
  server = await startServer();
  api = v2Client(server);
});
after(() => server.close());
beforeEach(() => api.reset());

const createPayment = (partial) => api.adminOk("POST", "v2/payments", partial);
const setStatus = (id, json) => api.admin("POST", `v2/payments/${encodeURIComponent(id)}/status`, json);
const webhook = (json) => api.adminOk("POST", "v2/webhook", json);

/** Standard Webhooks, computed here without the server's code. */
function expectedSignature(secret, id, timestamp, body) {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

describe("POST /__admin/v2/payments", () => {
  test("{} becomes a complete PAID card payment with a generated paymentId, served by the API", async () => {
    const created = await createPayment({});
    assert.match(created.id, /^payment-[0-9a-f-]{36}$/);
    assert.equal(created.status, "PAID");
    assert.deepEqual(schemaProblems(created, "Payment"), []);
    assert.deepEqual((await api.getPayment(created.id)).body, created);
    assert.deepEqual((await api.stats()).byRoute, { "GET /v2/payments/{paymentId}": 1n });
  });

  test("every status gets its schema's fields", async () => {
    for (const status of STATUSES) {
      const created = await createPayment({ id: `order-${status}`, status, amount: { total: 5000 } });
      assert.deepEqual(schemaProblems(created, "Payment"), [], status);
      assert.equal(created.amount.total, 5000n);
    }
    assert.equal((await api.getPayment("order-CANCELLED")).body.amount.cancelled, 5000n);
    assert.equal((await api.getPayment("order-PARTIAL_CANCELLED")).body.amount.cancelled, 2500n);
    assert.equal((await api.getPayment("order-VIRTUAL_ACCOUNT_ISSUED")).body.method.type, "PaymentMethodVirtualAccount");
  });

  test("given values are kept: big amounts exactly, partial objects completed, odd values and extra fields as given", async () => {
    const res = await api.admin(
      "POST",
      "v2/payments",
      `{"id":"order-big","amount":{"total":${V2_LARGE_AMOUNT}},"channel":{"type":"TEST"},"currency":"JPY","status":"SETTLING","nextGenField":{"a":1}}`,
    );
    const created = res.body.response;
    assert.ok(res.text.includes(`"total":${V2_LARGE_AMOUNT}`));
    assert.equal(created.channel.type, "TEST");
    assert.equal(created.channel.pgProvider, "KCP_V2");
    assert.deepEqual([created.currency, created.status, created.nextGenField], ["JPY", "SETTLING", { a: 1n }]);
    const odd = await createPayment({ id: "order-odd", orderName: 42, amount: { total: "1000" } });
    assert.deepEqual([odd.orderName, odd.amount.total], [42n, "1000"]);
  });

  test("refuses an existing id (409) and a bad one (400)", async () => {
    const existing = await api.admin("POST", "v2/payments", { id: IDS.cardPaid });
    assert.deepEqual([existing.status, existing.body.code], [409, 1n]);
    for (const json of [{ id: 42 }, { id: "" }, { status: 3 }, { amount: [1] }, "[]"]) {
      assert.equal((await api.admin("POST", "v2/payments", json)).status, 400, JSON.stringify(json));
    }
  });

  test("GET /__admin/v2/payments/{paymentId} reads without auth or stats; 404 when unknown", async () => {
    const read = await api.adminOk("GET", `v2/payments/${encodeURIComponent(IDS.encodedId)}`);
    assert.equal(read.id, IDS.encodedId);
    assert.equal((await api.admin("GET", "v2/payments/nobody")).status, 404);
    assert.equal((await api.stats()).requests, 0n);
  });
});

describe("POST /__admin/v2/payments/{paymentId}/status", () => {
  test("CANCELLED cancels what is left; the payment then has the CancelledPayment shape", async () => {
    const res = await setStatus(IDS.cardPaid, { status: "CANCELLED", reason: "관리자" });
    const cancelled = res.body.response;
    assert.deepEqual(schemaProblems(cancelled, "Payment"), []);
    assert.deepEqual([cancelled.status, cancelled.amount.cancelled], ["CANCELLED", 30000n]);
    assert.equal(cancelled.cancellations.at(-1).reason, "관리자");
    assert.deepEqual((await api.getPayment(IDS.cardPaid)).body, cancelled);
  });

  test("PARTIAL_CANCELLED needs an amount below what is left", async () => {
    assert.equal((await setStatus(IDS.cardPaid, { status: "PARTIAL_CANCELLED" })).status, 400);
    assert.equal((await setStatus(IDS.cardPaid, { status: "PARTIAL_CANCELLED", amount: 30000 })).status, 400);
    const res = await setStatus(IDS.cardPaid, { status: "PARTIAL_CANCELLED", amount: 1234 });
    assert.deepEqual([res.body.response.status, res.body.response.amount.cancelled], ["PARTIAL_CANCELLED", 1234n]);
  });

  test("PAID settles a waiting payment, FAILED fails one, other statuses are just set; every result fits its schema", async () => {
    const deposited = (await setStatus(IDS.virtualAccountIssued, { status: "PAID" })).body.response;
    assert.deepEqual([deposited.status, deposited.amount.paid], ["PAID", 52000n]);
    assert.ok(deposited.paidAt && Array.isArray(deposited.disputes));
    const failed = (await setStatus(IDS.ready, { status: "FAILED" })).body.response;
    assert.ok(failed.failedAt && failed.failure);
    for (const [id, status] of [[IDS.payPending, "READY"], [IDS.failed, "VIRTUAL_ACCOUNT_ISSUED"], [IDS.cancelled, "PAID"]]) {
      assert.deepEqual(schemaProblems((await setStatus(id, { status })).body.response, "Payment"), [], `${id} -> ${status}`);
    }
    for (const payment of [deposited, failed]) assert.deepEqual(schemaProblems(payment, "Payment"), []);
    const future = (await setStatus(IDS.cardPaid, { status: "CHARGEBACK" })).body.response;
    assert.deepEqual([future.status, future.paidAt !== undefined], ["CHARGEBACK", true]);
  });

  test("refuses an unknown payment (404) and a missing status (400)", async () => {
    assert.equal((await setStatus("nobody", { status: "PAID" })).status, 404);
    assert.equal((await setStatus(IDS.cardPaid, {})).status, 400);
  });
});

describe("POST /__admin/v2/webhook", () => {
  test("signs with Standard Webhooks: matches an independent HMAC and the official SDK's Webhook.verify", async () => {
    const { headers, body } = await webhook({ paymentId: IDS.cardPaid, type: "Transaction.Paid" });
    assert.equal(headers["content-type"], "application/json");
    assert.match(headers["webhook-id"], /^msg_/);
    assert.ok(Math.abs(Number(headers["webhook-timestamp"]) - Date.now() / 1000) < 5);
    assert.equal(
      headers["webhook-signature"],
      expectedSignature(V2_DEFAULTS.webhookSecret, headers["webhook-id"], headers["webhook-timestamp"], body),
    );
    const payment = (await api.getPayment(IDS.cardPaid)).body;
    assert.deepEqual(JSON.parse(body), {
      type: "Transaction.Paid",
      timestamp: new Date(Number(headers["webhook-timestamp"]) * 1000).toISOString(),
      data: { paymentId: IDS.cardPaid, storeId: V2_DEFAULTS.storeId, transactionId: payment.transactionId },
    });
    const verified = await Webhook.verify(V2_DEFAULTS.webhookSecret, body, headers);
    assert.deepEqual(verified, JSON.parse(body));
    await assert.rejects(Webhook.verify(V2_DEFAULTS.webhookSecret, body.replace("Paid", "Cancelled"), headers), { reason: "NO_MATCHING_SIGNATURE" });
  });

  test("takes its own secret (with or without whsec_), timestamp and webhook-id", async () => {
    const raw = Buffer.from("another webhook key of 32 bytes!").toString("base64");
    for (const secret of [`whsec_${raw}`, raw]) {
      const { headers, body } = await webhook({ paymentId: IDS.cardPaid, type: "Transaction.Paid", secret, timestamp: 1700000000, webhookId: "msg_fixed" });
      assert.deepEqual([headers["webhook-id"], headers["webhook-timestamp"]], ["msg_fixed", "1700000000"]);
      assert.equal(JSON.parse(body).timestamp, "2023-11-14T22:13:20.000Z");
      assert.equal(headers["webhook-signature"], expectedSignature(raw, "msg_fixed", "1700000000", body));
      await assert.rejects(Webhook.verify(secret, body, headers), { reason: "TIMESTAMP_TOO_OLD" });
    }
  });

  test("cancellation types carry the payment's latest cancellationId; Confirm its total", async () => {
    const cancelled = (await api.getPayment(IDS.partialCancelled)).body;
    const partial = await webhook({ paymentId: IDS.partialCancelled, type: "Transaction.PartialCancelled" });
    assert.equal(JSON.parse(partial.body).data.cancellationId, cancelled.cancellations.at(-1).id);
    const given = await webhook({ paymentId: IDS.cardPaid, type: "Transaction.Cancelled", cancellationId: "cancel-1" });
    assert.equal(JSON.parse(given.body).data.cancellationId, "cancel-1");
    const confirm = await webhook({ paymentId: IDS.largeAmount, type: "Transaction.Confirm" });
    assert.ok(confirm.body.includes(`"totalAmount":${V2_LARGE_AMOUNT}`));
    const verified = await Webhook.verify(V2_DEFAULTS.webhookSecret, partial.body, partial.headers);
    assert.equal(verified.type, "Transaction.PartialCancelled");
  });

  test("a webhook that claims Transaction.Paid for a payment cancelled since", async () => {
    const delivery = await webhook({ paymentId: IDS.cardPaid, type: "Transaction.Paid" });
    await setStatus(IDS.cardPaid, { status: "CANCELLED" });
    assert.equal(JSON.parse(delivery.body).type, "Transaction.Paid");
    assert.equal((await Webhook.verify(V2_DEFAULTS.webhookSecret, delivery.body, delivery.headers)).type, "Transaction.Paid");
    assert.equal((await api.getPayment(IDS.cardPaid)).body.status, "CANCELLED");
  });

  test("payments the server does not have, unknown types, BillingKey types, and the 2024-01-01 bodies", async () => {
    const ghost = await webhook({ paymentId: "payment-ghost", type: "Transaction.Paid", transactionId: "tx-ghost" });
    assert.deepEqual(JSON.parse(ghost.body).data, { paymentId: "payment-ghost", storeId: V2_DEFAULTS.storeId, transactionId: "tx-ghost" });
    const unknown = await webhook({ paymentId: IDS.cardPaid, type: "Something.New" });
    assert.equal((await Webhook.verify(V2_DEFAULTS.webhookSecret, unknown.body, unknown.headers)).type, "Something.New");
    const billing = await webhook({ paymentId: IDS.cardPaid, type: "BillingKey.Issued", billingKey: "billing-key-1" });
    assert.deepEqual(JSON.parse(billing.body).data, { billingKey: "billing-key-1", storeId: V2_DEFAULTS.storeId });
    assert.equal((await api.admin("POST", "v2/webhook", { paymentId: IDS.cardPaid, type: "BillingKey.Issued" })).status, 400);

    const payment = (await api.getPayment(IDS.cardPaid)).body;
    const legacy = await webhook({ paymentId: IDS.cardPaid, type: "Transaction.Paid", version: "2024-01-01" });
    assert.deepEqual(JSON.parse(legacy.body), { payment_id: IDS.cardPaid, tx_id: payment.transactionId, status: "Paid" });
    const form = await webhook({ paymentId: IDS.cardPaid, type: "Transaction.Cancelled", version: "2024-01-01", format: "form" });
    assert.equal(form.headers["content-type"], "application/x-www-form-urlencoded");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(form.body)), { payment_id: IDS.cardPaid, tx_id: payment.transactionId, status: "Cancelled" });
    assert.equal(form.headers["webhook-signature"], expectedSignature(V2_DEFAULTS.webhookSecret, form.headers["webhook-id"], form.headers["webhook-timestamp"], form.body));
  });

  test("refuses missing fields, a secret that is not base64, bad timestamps and versions", async () => {
    for (const json of [
      { type: "Transaction.Paid" },
      { paymentId: IDS.cardPaid },
      { paymentId: IDS.cardPaid, type: "Transaction.Paid", secret: "whsec_not base64!" },
      { paymentId: IDS.cardPaid, type: "Transaction.Paid", timestamp: "now" },
      { paymentId: IDS.cardPaid, type: "Transaction.Paid", version: "2023-01-01" },
      { paymentId: IDS.cardPaid, type: "Transaction.Paid", format: "xml" },
    ]) {
      assert.equal((await api.admin("POST", "v2/webhook", json)).status, 400, JSON.stringify(json));
    }
  });
});
