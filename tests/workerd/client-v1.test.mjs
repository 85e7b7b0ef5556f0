// PortOneClient (V1) inside REAL workerd (Miniflare), in the user's Worker (worker.mjs) bundled by
// wrangler against the built package, with the local PortOne server as PORTONE_BASE_URL:
// payment completion, V1 webhooks, one shared token, the browser guard, construction checks
// and oversized answers. The setup is described in support.mjs.
//
// Run:  PORTONE_VERIFY_PKG_DIR=target/pkg-workerd node --test tests/workerd/

import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { after, before, describe, test } from "node:test";

import { Miniflare } from "miniflare";

import {
  CARD_PAID,
  GET_PAYMENT,
  TAMPERED,
  bundleWorker,
  call,
  portone,
  postJson,
  startPortOne,
  stats,
  workerOptions,
} from "./support.mjs";

describe("with PortOneClient (fetch from workerd to the local PortOne server)", { timeout: 300_000 }, () => {
  let bundle;
  let server;
  let mf;
  let runtime;

  before(async () => {
    bundle = await bundleWorker();
    ({ server } = await startPortOne());
    mf = new Miniflare(workerOptions(bundle.dist, server.url));
    await mf.ready;
    runtime = (await call(mf, "GET", "/runtime")).body;
  });

  after(async () => {
    await mf?.dispose().catch(() => {});
    await server?.close().catch(() => {});
    if (bundle) await rm(bundle.dir, { recursive: true, force: true });
  });

  const skipUnlessClient = (t) => {
    if (runtime.hasClient) return false;
    t.skip("PortOneClient is not in this build of the package");
    return true;
  };

  test("POST /payments/complete: the seeded paid payment verifies against the order table", async (t) => {
    if (skipUnlessClient(t)) return;
    const { status, body } = await postJson(mf, "/payments/complete", {
      imp_uid: CARD_PAID,
      merchant_uid: "order-card-paid",
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual([body.ok, body.state], [true, "paid"]);
    assert.deepEqual(body.payment, { imp_uid: CARD_PAID, merchant_uid: "order-card-paid", amount: 1004, status: "paid" });
  });

  test("POST /payments/complete: another order's payment, or a tampered amount, is not ok", async (t) => {
    if (skipUnlessClient(t)) return;
    // The buyer claims their 52000 KRW order was paid by someone else's 1004 KRW payment.
    const other = await postJson(mf, "/payments/complete", { imp_uid: CARD_PAID, merchant_uid: "order-vbank-paid" });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    assert.equal(other.body.ok, false);
    assert.deepEqual(other.body.failures.map((f) => f.code).sort(), ["AMOUNT_MISMATCH", "MERCHANT_UID_MISMATCH"]);

    // PortOne has a real paid payment for the order, but of 100 KRW, not the order's 10000.
    const cheap = await postJson(mf, "/payments/complete", { imp_uid: TAMPERED, merchant_uid: "order-tampered" });
    assert.equal(cheap.status, 200, JSON.stringify(cheap.body));
    assert.equal(cheap.body.ok, false);
    assert.deepEqual(
      cheap.body.failures.map((f) => [f.code, f.expected, f.actual]),
      [["AMOUNT_MISMATCH", 10000, 100]],
    );

    const unknown = await postJson(mf, "/payments/complete", { imp_uid: "imp_000000000000", merchant_uid: "order-card-paid" });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "NOT_FOUND");
  });

  test("POST /portone/webhook: V1 notifications (JSON and form) are verified by fetching the payment", async (t) => {
    if (skipUnlessClient(t)) return;
    const asJson = await call(mf, "POST", "/portone/webhook", {
      body: JSON.stringify({ imp_uid: CARD_PAID, merchant_uid: "order-card-paid", status: "paid" }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(asJson.status, 200, JSON.stringify(asJson.body));
    assert.deepEqual([asJson.body.ok, asJson.body.state], [true, "paid"]);
    assert.equal(asJson.body.webhook.imp_uid, CARD_PAID);

    const asForm = await call(mf, "POST", "/portone/webhook", {
      body: `imp_uid=${CARD_PAID}&merchant_uid=order-card-paid&status=paid`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(asForm.status, 200, JSON.stringify(asForm.body));
    assert.equal(asForm.body.ok, true);

    // The body's status is never trusted: PortOne has the tampered order at 100 KRW.
    const lie = await call(mf, "POST", "/portone/webhook", {
      body: JSON.stringify({ imp_uid: TAMPERED, merchant_uid: "order-tampered", status: "paid" }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(lie.status, 200, JSON.stringify(lie.body));
    assert.equal(lie.body.ok, false);

    const junk = await call(mf, "POST", "/portone/webhook", {
      body: "not a webhook",
      headers: { "content-type": "text/plain" },
    });
    assert.equal(junk.status, 400, JSON.stringify(junk.body));
    assert.equal(typeof junk.body.error.code, "string");
  });

  test("the PortOne server saw exactly one getToken for all of the Worker's calls", async (t) => {
    if (skipUnlessClient(t)) return;
    const s = await stats(server);
    assert.equal(s.getToken, 1, JSON.stringify(s));
    // complete: paid, other order, tampered, unknown; webhook: JSON, form, tampered.
    assert.equal(s.byRoute[GET_PAYMENT], 7, JSON.stringify(s));
  });

  test("a fresh isolate answers concurrent requests with one shared token request", async (t) => {
    if (skipUnlessClient(t)) return;
    assert.equal((await portone(server, "POST", "/__admin/reset")).status, 200);
    // Slow getToken down so that all three requests wait for the same token.
    const fault = await portone(server, "POST", "/__admin/faults", {
      fault: "latency=300",
      times: 1,
      route: "POST /users/getToken",
    });
    assert.equal(fault.status, 200, fault.text);
    const fresh = new Miniflare(workerOptions(bundle.dist, server.url));
    try {
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          postJson(fresh, "/payments/complete", { imp_uid: CARD_PAID, merchant_uid: "order-card-paid" }),
        ),
      );
      for (const r of results) {
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.deepEqual([r.body.ok, r.body.state], [true, "paid"]);
      }
    } finally {
      await fresh.dispose();
    }
    const s = await stats(server);
    assert.equal(s.getToken, 1, JSON.stringify(s));
    assert.equal(s.byRoute[GET_PAYMENT], 3, JSON.stringify(s));
  });

  test("the browser guard lets workerd through: it has WorkerGlobalScope names but no importScripts", async (t) => {
    if (skipUnlessClient(t)) return;
    // What workerd really has (checked here, not assumed): its global is a
    // ServiceWorkerGlobalScope, so those names cannot tell a browser worker from a Worker.
    assert.deepEqual(runtime.globals, {
      window: "undefined",
      document: "undefined",
      importScripts: "undefined",
      WorkerGlobalScope: "function",
      ServiceWorkerGlobalScope: "function",
      WorkerNavigator: "undefined",
      isWorkerGlobalScope: false,
    });
    const built = await postJson(mf, "/client/construct", {});
    assert.deepEqual([built.status, built.body], [200, { ok: true }]);
  });

  test("plain http:// to a host that is not loopback is refused at construction, before any request", async (t) => {
    if (skipUnlessClient(t)) return;
    const before = (await stats(server)).requests;
    const refused = await postJson(mf, "/client/construct", { baseUrl: "http://api.iamport.kr" });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.deepEqual([refused.body.error.code, refused.body.error.path], ["INVALID_ARGUMENT", "options.baseUrl"]);
    const short = await postJson(mf, "/client/construct", { apiSecret: "x" });
    assert.deepEqual([short.body.error.code, short.body.error.path], ["INVALID_ARGUMENT", "options.apiSecret"]);
    assert.equal((await stats(server)).requests, before);
  });

  for (const knob of ["oversized", "oversized-chunked"]) {
    test(`a 64 MB answer (${knob}) is RESPONSE_TOO_LARGE and the stream is cancelled early`, async (t) => {
      if (skipUnlessClient(t)) return;
      assert.equal((await portone(server, "POST", "/__admin/reset")).status, 200);
      // A fresh token for the isolate's client first (the reset dropped the one it holds).
      const warm = await call(mf, "GET", `/payment?imp_uid=${CARD_PAID}`);
      assert.deepEqual([warm.status, warm.body], [200, { imp_uid: CARD_PAID }]);
      const sentBefore = (await stats(server)).byRoute[GET_PAYMENT];
      const huge = 64 * 1024 * 1024;
      const queued = await portone(server, "POST", "/__admin/faults", {
        fault: `${knob}=${huge}`,
        times: 5,
        route: GET_PAYMENT,
      });
      assert.equal(queued.status, 200, queued.text);
      const res = await call(mf, "GET", `/payment?imp_uid=${CARD_PAID}`);
      assert.equal(res.status, 502, JSON.stringify(res.body));
      assert.deepEqual([res.body.error.code, res.body.error.status], ["RESPONSE_TOO_LARGE", 200]);
      let s = await stats(server);
      for (let i = 0; s.inFlight > 0 && i < 3000; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        s = await stats(server);
      }
      assert.equal(s.byRoute[GET_PAYMENT] - sentBefore, 1, "not retried");
      assert.deepEqual([s.oversized.started, s.oversized.completed], [1, 0], JSON.stringify(s));
      assert.ok(s.oversized.bytesWritten < huge / 2, `the server wrote ${s.oversized.bytesWritten} of ${huge}`);
      console.log(`workerd ${knob}: the server wrote ${s.oversized.bytesWritten} bytes of ${huge}`);
      assert.equal((await portone(server, "POST", "/__admin/reset")).status, 200);
    });
  }
});
