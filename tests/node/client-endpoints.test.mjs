// PortOneClient (the wasm build for Node) against the local PortOne V1 server: every endpoint's
// answer, its errors, and the arguments refused before anything is sent.
//
// Build first: make pkg-node (or set PORTONE_VERIFY_PKG to another build).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  BILLING_CUSTOMER_UID,
  ENCODED_MERCHANT_UID,
  IDS,
  countOf,
  createPayment,
  rejectsWith,
  stats,
} from "./support/client-harness.mjs";
import { newClient, server, useServer } from "./support/client-v1.mjs";

useServer();

describe("endpoints", () => {
  test("getPayment returns the typed payment; sandbox payments only on request", async () => {
    const client = newClient();
    const payment = await client.getPayment(IDS.cardPaid);
    assert.equal(payment.imp_uid, IDS.cardPaid);
    assert.equal(payment.merchant_uid, "order-card-paid");
    assert.equal(payment.amount, 1004);
    assert.equal(payment.status, "paid");
    assert.equal(payment.sandbox, false);

    await rejectsWith(client.getPayment(IDS.sandbox), "NOT_FOUND", { status: 404, apiCode: 1 });
    const sandbox = await client.getPayment(IDS.sandbox, { includeSandbox: true });
    assert.equal(sandbox.sandbox, true);
    await rejectsWith(client.getPayment("imp_does_not_exist"), "NOT_FOUND", { status: 404 });
  });

  test("getPayments surfaces a 207 partial answer instead of throwing it away", async () => {
    const client = newClient();
    const full = await client.getPayments({ impUids: [IDS.cardPaid], merchantUids: ["order-failed"] });
    assert.equal(full.partial, false);
    assert.deepEqual(
      full.payments.map((p) => p.imp_uid),
      [IDS.cardPaid, IDS.failed],
    );

    const partial = await client.getPayments({ impUids: [IDS.cardPaid, "imp_missing"] });
    assert.equal(partial.partial, true);
    assert.deepEqual(
      partial.payments.map((p) => p.imp_uid),
      [IDS.cardPaid],
    );
    assert.equal(typeof partial.message, "string");

    await rejectsWith(client.getPayments({ impUids: ["imp_missing"] }), "NOT_FOUND", { status: 404 });
  });

  test("getPayments checks the 100-id limit before sending anything", async () => {
    const client = newClient();
    const ids = Array.from({ length: 60 }, (_, i) => `imp_${i}`);
    const orders = Array.from({ length: 41 }, (_, i) => `order-${i}`);
    await rejectsWith(client.getPayments({ impUids: ids, merchantUids: orders }), "INVALID_ARGUMENT", {
      path: "query",
    });
    await rejectsWith(client.getPayments({}), "INVALID_ARGUMENT", { path: "query" });
    await rejectsWith(client.getPayments({ impUid: [IDS.cardPaid] }), "INVALID_ARGUMENT");
    assert.equal((await stats(server)).requests, 0);

    // Exactly 100 is fine: one real payment among 99 unknown ids is a partial answer.
    const hundred = await client.getPayments({ impUids: [IDS.cardPaid, ...ids.slice(1)], merchantUids: orders.slice(0, 40) });
    assert.deepEqual([hundred.partial, hundred.payments.length], [true, 1]);
    assert.equal(await countOf(server, "GET /payments"), 1);
  });

  test("findPayment picks by status and sorting, and encodes merchant_uids", async () => {
    const client = newClient();
    assert.equal((await client.findPayment("order-retry")).imp_uid, IDS.retryPaid);
    assert.equal((await client.findPayment("order-retry", { status: "failed" })).imp_uid, IDS.retryFailed);
    assert.equal((await client.findPayment("order-retry", { sorting: "started" })).imp_uid, IDS.retryFailed);
    assert.equal((await client.findPayment(ENCODED_MERCHANT_UID)).imp_uid, IDS.encodedMerchantUid);
    await rejectsWith(client.findPayment("order-retry", { status: "cancelled" }), "NOT_FOUND");
    await rejectsWith(client.findPayment("order-retry", { status: "bogus" }), "BAD_REQUEST", {
      status: 400,
    });
    await rejectsWith(client.findPayment(""), "INVALID_ARGUMENT", { path: "merchantUid" });
  });

  test("findAllPayments pages every payment of an order", async () => {
    const client = newClient();
    const all = await client.findAllPayments("order-retry");
    assert.deepEqual([all.total, all.previous, all.next, all.list.length], [2, 0, 0, 2]);
    const first = await client.findAllPayments("order-retry", { limit: 1, sorting: "started" });
    assert.deepEqual([first.total, first.next, first.list[0].imp_uid], [2, 2, IDS.retryFailed]);
    const second = await client.findAllPayments("order-retry", { limit: 1, page: 2, sorting: "started" });
    assert.deepEqual([second.previous, second.next, second.list[0].imp_uid], [1, 0, IDS.retryPaid]);
    const paid = await client.findAllPayments("order-retry", { status: "paid" });
    assert.deepEqual(
      paid.list.map((p) => p.imp_uid),
      [IDS.retryPaid],
    );
    await rejectsWith(client.findAllPayments("order-retry", { limit: 1001 }), "INVALID_ARGUMENT", {
      path: "options.limit",
    });
    await rejectsWith(client.findAllPayments("no-such-order"), "NOT_FOUND");
  });

  test("getPaymentsByStatus lists a status within a window", async () => {
    const client = newClient();
    const paid = await client.getPaymentsByStatus("paid", { limit: 100 });
    assert.ok(paid.total >= 5);
    assert.ok(paid.list.every((p) => p.status === "paid"));
    const all = await client.getPaymentsByStatus("all", { limit: 1000, sorting: "-started" });
    assert.ok(all.total > paid.total);
    const now = Math.floor(Date.now() / 1000);
    const empty = await client.getPaymentsByStatus("paid", { from: now - 200 * 86400, to: now - 150 * 86400 });
    assert.deepEqual([empty.total, empty.list.length], [0, 0]);
    await rejectsWith(client.getPaymentsByStatus("bogus"), "BAD_REQUEST", { status: 400 });
    await rejectsWith(client.getPaymentsByStatus("paid", { from: 10, to: 5 }), "INVALID_ARGUMENT", {
      path: "options.from",
    });
  });

  test("getBillingKeyPayments lists a billing key's payments", async () => {
    const client = newClient();
    const page = await client.getBillingKeyPayments(BILLING_CUSTOMER_UID);
    assert.equal(page.total, 2);
    assert.ok(page.list.every((p) => p.customer_uid === BILLING_CUSTOMER_UID));
    assert.equal((await client.getBillingKeyPayments(BILLING_CUSTOMER_UID, { page: 1 })).list.length, 2);
    await rejectsWith(client.getBillingKeyPayments("customer-unknown"), "NOT_FOUND");
  });

  test("getPaymentBalance returns the breakdown", async () => {
    const client = newClient();
    const balance = await client.getPaymentBalance(IDS.cardPaid);
    assert.equal(balance.amount, 1004);
    assert.ok(Array.isArray(balance.histories));
    assert.equal(typeof balance.primary.supply, "number");
    await rejectsWith(client.getPaymentBalance("imp_missing"), "NOT_FOUND");
  });

  test("cancelPayment cancels part, then the rest, then refuses with API_ERROR", async () => {
    const client = newClient();
    const created = await createPayment(server, { merchant_uid: "order-cancel-me", amount: 10000 });
    const partial = await client.cancelPayment({ impUid: created.imp_uid, amount: 3000, reason: "부분 환불" });
    assert.deepEqual([partial.status, partial.cancel_amount], ["paid", 3000]);
    assert.equal(partial.cancel_history.length, 1);
    const rest = await client.cancelPayment({ merchantUid: "order-cancel-me", checksum: 7000 });
    assert.deepEqual([rest.status, rest.cancel_amount], ["cancelled", 10000]);
    const refused = await rejectsWith(client.cancelPayment({ impUid: created.imp_uid }), "API_ERROR", {
      status: undefined,
      apiCode: 1,
    });
    assert.match(refused.apiMessage, /취소/);

    await rejectsWith(client.cancelPayment({ impUid: created.imp_uid, ammount: 1 }), "INVALID_ARGUMENT");
    await rejectsWith(client.cancelPayment({ reason: "no id" }), "INVALID_ARGUMENT", { path: "request" });
    await rejectsWith(client.cancelPayment(), "INVALID_ARGUMENT", { path: "request" });
    await rejectsWith(client.cancelPayment({ impUid: created.imp_uid, amount: -1 }), "INVALID_ARGUMENT", {
      path: "request.amount",
    });
  });

  test("preparePayment registers an amount and getPreparedPayment reads it back", async () => {
    const client = newClient();
    const registered = await client.preparePayment("order-prepare-1", 5000);
    assert.deepEqual(
      { merchant_uid: registered.merchant_uid, amount: registered.amount },
      { merchant_uid: "order-prepare-1", amount: 5000 },
    );
    const usd = await client.preparePayment("order-prepare-usd", "10.50", { currency: "USD" });
    assert.deepEqual([usd.amount, usd.currency], [10.5, "USD"]);
    const read = await client.getPreparedPayment("order-prepare-1");
    assert.equal(read.amount, 5000);
    await rejectsWith(client.preparePayment("order-prepare-1", 6000), "API_ERROR", { apiCode: 1 });
    await rejectsWith(client.getPreparedPayment("order-never-prepared"), "NOT_FOUND");
    await rejectsWith(client.preparePayment("order-x", "lots"), "INVALID_ARGUMENT", { path: "amount" });
    await rejectsWith(client.preparePayment("order-x", NaN), "INVALID_ARGUMENT", { path: "amount" });
  });

  test("non-string ids and non-object options are INVALID_ARGUMENT", async () => {
    const client = newClient();
    await rejectsWith(client.getPayment(123), "INVALID_ARGUMENT", { path: "impUid" });
    await rejectsWith(client.getPayment(undefined), "INVALID_ARGUMENT", { path: "impUid" });
    await rejectsWith(client.getPayment(IDS.cardPaid, "yes"), "INVALID_ARGUMENT", { path: "options" });
    await rejectsWith(client.getPayment(IDS.cardPaid, { includeSandbox: "yes" }), "INVALID_ARGUMENT", {
      path: "options.includeSandbox",
    });
    await rejectsWith(client.getPayment(".."), "INVALID_ARGUMENT", { path: "impUid" });
    assert.equal((await stats(server)).requests, 0);
  });
});
