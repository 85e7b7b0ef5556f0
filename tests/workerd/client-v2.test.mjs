// PortOneClientV2 inside REAL workerd (Miniflare), in the user's Worker (worker.mjs) bundled by
// wrangler against the built package, with the local PortOne server's /v2 routes as PortOne:
// the V2 webhook flow (signature on the raw body → the payment fetched by paymentId → verdict
// against the Worker's own order) and verifyPayment.
//
// Run:  PORTONE_VERIFY_PKG_DIR=target/pkg-workerd node --test tests/workerd/

import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { Miniflare } from "miniflare";

import { startServer } from "../portone-server/server.mjs";
import { V2_DEFAULTS, V2_SEED_IDS as IDS } from "../portone-server/v2/seeds.mjs";
import { COMPATIBILITY_DATE, bundleWorker, call, postJson } from "./support.mjs";

/** The local server's admin API; the envelope's `response`. */
async function admin(server, method, route, body) {
  const res = await fetch(`${server.url}/__admin/${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const envelope = await res.json();
  assert.equal(envelope.code, 0, `${route}: ${envelope.message}`);
  return envelope.response;
}

describe("PortOneClientV2 in workerd (Miniflare)", { timeout: 300_000 }, () => {
  let bundle;
  let server;
  let mf;

  /** PortOne's signed delivery, posted to the Worker as PortOne would. */
  async function deliver(request, { body, headers } = {}) {
    const signed = await admin(server, "POST", "v2/webhook", request);
    return call(mf, "POST", "/v2/webhook", { body: body ?? signed.body, headers: headers ?? signed.headers });
  }

  before(async () => {
    bundle = await bundleWorker();
    server = await startServer({ port: 0 });
    mf = new Miniflare({
      scriptPath: path.join(bundle.dist, "worker.js"),
      modules: true,
      modulesRoot: bundle.dist,
      modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
      compatibilityDate: COMPATIBILITY_DATE,
      cf: false,
      bindings: {
        PORTONE_V2_BASE_URL: server.v2Url,
        PORTONE_V2_API_SECRET: V2_DEFAULTS.apiSecret,
        PORTONE_V2_WEBHOOK_SECRET: V2_DEFAULTS.webhookSecret,
      },
    });
    await mf.ready;
  });

  after(async () => {
    await mf?.dispose().catch(() => {});
    await server?.close().catch(() => {});
    if (bundle) await rm(bundle.dir, { recursive: true, force: true });
  });

  test("a valid webhook for a paid payment verifies; a repeat delivery has the same webhookId", async () => {
    await admin(server, "POST", "reset", {});
    const signed = await admin(server, "POST", "v2/webhook", { paymentId: IDS.cardPaid, type: "Transaction.Paid", webhookId: "msg_workerd_1" });
    const first = await call(mf, "POST", "/v2/webhook", { body: signed.body, headers: signed.headers });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body, {
      ok: true,
      state: "paid",
      payment: { id: IDS.cardPaid, status: "PAID" },
      webhookId: "msg_workerd_1",
      type: "Transaction.Paid",
    });
    const again = await call(mf, "POST", "/v2/webhook", { body: signed.body, headers: signed.headers });
    assert.equal(again.body.webhookId, "msg_workerd_1", "the id to de-duplicate on");
    const stats = await admin(server, "GET", "stats");
    assert.equal(stats.byRoute["GET /v2/payments/{paymentId}"], 2);
  });

  test("a webhook claiming Transaction.Paid for a cancelled payment does not verify", async () => {
    await admin(server, "POST", "reset", {});
    const signed = await admin(server, "POST", "v2/webhook", { paymentId: IDS.cardPaid, type: "Transaction.Paid" });
    await admin(server, "POST", `v2/payments/${IDS.cardPaid}/status`, { status: "CANCELLED" });
    const res = await call(mf, "POST", "/v2/webhook", { body: signed.body, headers: signed.headers });
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, false);
    assert.equal(res.body.type, "Transaction.Paid");
    assert.equal(res.body.payment.status, "CANCELLED");
    assert.ok(res.body.failures.some((f) => f.code === "CANCELLED"), JSON.stringify(res.body.failures));
    const seeded = await deliver({ paymentId: IDS.cancelled, type: "Transaction.Paid" });
    assert.equal(seeded.body.ok, false);
  });

  test("signature failures are rejected before anything is fetched", async () => {
    await admin(server, "POST", "reset", {});
    const signed = await admin(server, "POST", "v2/webhook", { paymentId: IDS.cardPaid, type: "Transaction.Paid" });
    const tampered = await call(mf, "POST", "/v2/webhook", {
      body: signed.body.replace(IDS.cardPaid, IDS.cancelled),
      headers: signed.headers,
    });
    assert.equal(tampered.status, 400);
    assert.equal(tampered.body.error.code, "NO_MATCHING_SIGNATURE");
    const otherKey = await deliver({
      paymentId: IDS.cardPaid,
      type: "Transaction.Paid",
      secret: "whsec_b3RoZXIgd2ViaG9vayBrZXkgZm9yIHRlc3Rz",
    });
    assert.equal(otherKey.body.error.code, "NO_MATCHING_SIGNATURE");
    const { "webhook-signature": _, ...unsigned } = signed.headers;
    const missing = await call(mf, "POST", "/v2/webhook", { body: signed.body, headers: unsigned });
    assert.equal(missing.body.error.code, "MISSING_REQUIRED_HEADERS");
    const old = await deliver({ paymentId: IDS.cardPaid, type: "Transaction.Paid", timestamp: Math.floor(Date.now() / 1000) - 3600 });
    assert.equal(old.body.error.code, "TIMESTAMP_TOO_OLD");
    const stats = await admin(server, "GET", "stats");
    assert.equal(stats.byRoute["GET /v2/payments/{paymentId}"] ?? 0, 0);
    const billing = await deliver({ paymentId: IDS.cardPaid, type: "BillingKey.Issued", billingKey: "billing-key-1" });
    assert.deepEqual(billing.body, { ignored: true, code: "WEBHOOK_WITHOUT_PAYMENT" });
  });

  test("verifyPayment with the Worker's own amount", async () => {
    await admin(server, "POST", "reset", {});
    const paid = await postJson(mf, "/v2/payments/complete", { paymentId: IDS.cardPaid });
    assert.equal(paid.body.ok, true, JSON.stringify(paid.body));
    const cancelled = await postJson(mf, "/v2/payments/complete", { paymentId: IDS.cancelled });
    assert.equal(cancelled.body.ok, false);
  });
});
