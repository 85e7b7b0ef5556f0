// PortOneClient's verifyWebhookV1 against the local PortOne V1 server: the body (JSON or form)
// only names the payment, which is fetched and verified against the merchant's order; bad
// input stops before any request, and a payment that cannot be fetched fails closed.
//
// Build first: make pkg-node (or set PORTONE_VERIFY_PKG to another build).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CARD_PAID_ORDER,
  IDS,
  assertNoSecrets,
  fault,
  rejectsWith,
  reset,
  stats,
} from "./support/client-harness.mjs";
import { GET_PAYMENT, newClient, pkg, server, useServer } from "./support/client-v1.mjs";

useServer();

describe("verifyWebhookV1", () => {
  const paidHook = { imp_uid: IDS.cardPaid, merchant_uid: "order-card-paid", status: "paid" };

  test("JSON body, sync expectedFor: the fetched payment is verified", async () => {
    const client = newClient();
    const asked = [];
    const verdict = await client.verifyWebhookV1(JSON.stringify(paidHook), "application/json", (merchantUid) => {
      asked.push(merchantUid);
      return { merchantUid, amount: 1004 };
    });
    assert.deepEqual(asked, ["order-card-paid"]);
    assert.deepEqual([verdict.ok, verdict.state], [true, "paid"]);
    assert.equal(verdict.payment.imp_uid, IDS.cardPaid);
    assert.deepEqual(
      { imp_uid: verdict.webhook.imp_uid, merchant_uid: verdict.webhook.merchant_uid },
      { imp_uid: IDS.cardPaid, merchant_uid: "order-card-paid" },
    );
    const s = await stats(server);
    assert.deepEqual([s.getToken, s.byRoute[GET_PAYMENT]], [1, 1]);
    // The verdict of verifyPayment (the same class), plus `webhook`, which its JSON keeps.
    const local = pkg.verifyPayment(await client.getPayment(IDS.cardPaid), { merchantUid: "order-card-paid", amount: 1004 });
    assert.equal(Object.getPrototypeOf(verdict), Object.getPrototypeOf(local));
    const json = JSON.parse(JSON.stringify(verdict));
    assert.deepEqual([json.ok, json.state, json.payment.imp_uid, json.webhook.imp_uid], [true, "paid", IDS.cardPaid, IDS.cardPaid]);
  });

  test("form bodies (string, bytes, URLSearchParams, parsed object) and async expectedFor", async () => {
    const client = newClient();
    const form = `imp_uid=${IDS.cardPaid}&merchant_uid=order-card-paid&status=paid`;
    const expectedFor = async (merchantUid) => ({ merchantUid, amount: "1004" });
    for (const [body, contentType] of [
      [form, "application/x-www-form-urlencoded; charset=utf-8"],
      [new TextEncoder().encode(form), "application/x-www-form-urlencoded"],
      [new URLSearchParams(form), undefined],
      [paidHook, undefined],
    ]) {
      const verdict = await client.verifyWebhookV1(body, contentType, expectedFor);
      assert.equal(verdict.ok, true, String(body));
    }
  });

  test("the body's status is never trusted", async () => {
    const client = newClient();
    const lie = { imp_uid: IDS.cancelled, merchant_uid: "order-cancelled", status: "paid" };
    const verdict = await client.verifyWebhookV1(lie, null, (merchantUid) => ({ merchantUid, amount: 1004 }));
    assert.equal(verdict.ok, false);
    assert.ok(verdict.failures.some((f) => f.code === "CANCELLED"));
    assert.equal(verdict.webhook.status, "paid");
  });

  test("a payment of another order than the webhook names is rejected", async () => {
    const client = newClient();
    // The attacker names their cheap order but points at someone else's paid payment.
    const hook = { imp_uid: IDS.cardPaid, merchant_uid: "order-attacker", status: "paid" };
    const byOrder = await client.verifyWebhookV1(hook, null, (merchantUid) => ({ merchantUid, amount: 1004 }));
    assert.equal(byOrder.ok, false);
    assert.deepEqual(
      byOrder.failures.map((f) => f.code),
      ["MERCHANT_UID_MISMATCH"],
    );
    // Even when expectedFor ignores its argument and describes the payment's own order.
    const careless = await client.verifyWebhookV1(hook, null, () => CARD_PAID_ORDER);
    assert.equal(careless.ok, false);
    assert.equal(careless.state, undefined);
    assert.deepEqual(
      careless.failures.map((f) => [f.code, f.expected, f.actual]),
      [["MERCHANT_UID_MISMATCH", "order-attacker", "order-card-paid"]],
    );
  });

  test("no expectation, a throwing expectedFor, or a bad body stop before any request", async () => {
    const client = newClient();
    await rejectsWith(client.verifyWebhookV1(paidHook, null, () => null), "INVALID_ARGUMENT", {
      path: "expectedFor",
    });
    await rejectsWith(client.verifyWebhookV1(paidHook, null, async () => undefined), "INVALID_ARGUMENT", {
      path: "expectedFor",
    });
    await rejectsWith(client.verifyWebhookV1(paidHook, null, "not a function"), "INVALID_ARGUMENT", {
      path: "expectedFor",
    });
    const mine = new Error("order lookup failed");
    await assert.rejects(
      client.verifyWebhookV1(paidHook, null, () => {
        throw mine;
      }),
      (error) => error === mine,
    );
    await assert.rejects(
      client.verifyWebhookV1(paidHook, null, () => Promise.reject(mine)),
      (error) => error === mine,
    );
    await rejectsWith(client.verifyWebhookV1('{"merchant_uid":"o"}', "application/json", () => CARD_PAID_ORDER), "MISSING_FIELD", {
      path: "imp_uid",
    });
    await rejectsWith(client.verifyWebhookV1("{not json", "application/json", () => CARD_PAID_ORDER), "INVALID_JSON");
    assert.equal((await stats(server)).requests, 0);
  });

  test("fails closed when the payment cannot be fetched", async () => {
    const client = newClient({ timeoutMs: 150, maxRetries: 1 });
    for (const kind of ["status=503", "drop", "truncated", "latency=1000"]) {
      await fault(server, kind, 10, GET_PAYMENT);
      await assert.rejects(client.verifyWebhookV1(paidHook, null, () => CARD_PAID_ORDER), (error) => {
        assertNoSecrets(error);
        return typeof error.code === "string";
      });
      await reset(server);
    }
    await rejectsWith(
      client.verifyWebhookV1({ imp_uid: "imp_forged", merchant_uid: "order-card-paid" }, null, () => CARD_PAID_ORDER),
      "NOT_FOUND",
    );
  });
});
