// The npm package inside REAL workerd (Cloudflare's runtime), used the way a Worker author
// uses it:
//   1. worker.mjs does `import * as portone from "portone-verify"`;
//   2. wrangler bundles it (`wrangler deploy --dry-run --outdir`) in a temporary directory
//      whose node_modules/portone-verify is a symlink to the built package, so the package's
//      `exports` map picks workerd.js ("workerd" condition) and the .wasm stays a separate
//      CompiledWasm module (imported, never fetched);
//   3. Miniflare runs the bundle in the workerd binary from the `workerd` npm package, with the
//      local PortOne V1 server (tests/portone-server) as PORTONE_BASE_URL.
//
// Run:  node --test tests/workerd/
// The package directory comes from PORTONE_VERIFY_PKG_DIR (default: pkg, as `make pkg` builds
// it), relative to the repository root, e.g.
//   PORTONE_VERIFY_PKG_DIR=target/helper-workerd/pkg node --test tests/workerd/
//
// Cold-start figures are printed with console.log; they are not assertions.

import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { Miniflare } from "miniflare";

import { startServer } from "../portone-server/server.mjs";
import { COMPATIBILITY_DATE, bundleWorker, call, pkgDir, postJson, repoRoot } from "./support.mjs";

const CARD_PAID = "imp_100000000001";
const TAMPERED = "imp_900000000001";
const GET_PAYMENT = "GET /payments/{imp_uid}";

const webhookKey = randomBytes(32);
const WEBHOOK_SECRET = `whsec_${webhookKey.toString("base64")}`;

/** Miniflare options running a Worker that does nothing (for the baseline timing). */
const EMPTY_WORKER = {
  script: 'export default { fetch() { return new Response("ok"); } }',
  modules: true,
  compatibilityDate: COMPATIBILITY_DATE,
  cf: false,
};

/** Miniflare start -> first response of an empty Worker, in ms. */
async function emptyWorkerStart() {
  const t0 = performance.now();
  const mf = new Miniflare(EMPTY_WORKER);
  try {
    await mf.ready;
    await (await mf.dispatchFetch("http://worker.test/")).text();
    return performance.now() - t0;
  } finally {
    await mf.dispose();
  }
}

function workerOptions(dist, baseUrl) {
  return {
    scriptPath: path.join(dist, "worker.js"),
    modules: true,
    modulesRoot: dist, // module names are paths relative to this (the default is the cwd)
    // What wrangler declares for the .wasm it kept: a module compiled by workerd at load.
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: COMPATIBILITY_DATE,
    cf: false, // never fetch workers.cloudflare.com/cf.json (no network; it would wait 3 s)
    bindings: {
      PORTONE_API_KEY: "test_imp_key",
      PORTONE_API_SECRET: "test_imp_secret",
      PORTONE_BASE_URL: baseUrl,
      PORTONE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  };
}

// ---------------------------------------------------------------------------------------
// Helpers.

async function portone(server, method, route, body) {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

async function stats(server) {
  return JSON.parse((await portone(server, "GET", "/__admin/stats")).text).response;
}

function signV2(key, id, timestamp, body) {
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

const ms = (x) => `${x.toFixed(1)} ms`;

// ---------------------------------------------------------------------------------------

describe("portone-verify in workerd (Miniflare)", { timeout: 300_000 }, () => {
  let bundle;
  let server;
  let mf;
  let runtime;
  let cardPaidBody; // GET /payments/imp_100000000001 exactly as PortOne answers it
  const timings = {};

  before(async () => {
    const t = performance.now();
    bundle = await bundleWorker();
    timings.bundle = performance.now() - t;
    timings.wasmBytes = (await stat(path.join(pkgDir, "portone_verify_bg.wasm"))).size;

    server = await startServer({ port: 0 });
    // The raw answer of PortOne for the seeded card payment, fetched once with our own token;
    // then reset the server so the Worker's client is the only token user it sees.
    const token = JSON.parse(
      (await portone(server, "POST", "/users/getToken", { imp_key: "test_imp_key", imp_secret: "test_imp_secret" }))
        .text,
    ).response.access_token;
    const res = await fetch(`${server.url}/payments/${CARD_PAID}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    cardPaidBody = await res.text();
    assert.equal((await portone(server, "POST", "/__admin/reset")).status, 200);
    // A buyer who paid 100 KRW for a 10000 KRW order (amount changed before IMP.request_pay).
    const created = await portone(server, "POST", "/__admin/payments", {
      imp_uid: TAMPERED,
      merchant_uid: "order-tampered",
      amount: 100,
      currency: "KRW",
      status: "paid",
    });
    assert.equal(created.status, 200, created.text);

    // Baselines: the same Miniflare start with a Worker that does nothing, so the cold start
    // of our Worker can be told apart from starting workerd itself. The first start in this
    // process also pays for loading Miniflare's own code and the workerd binary from disk.
    timings.firstEverStart = await emptyWorkerStart();
    timings.baselineFirstResponse = await emptyWorkerStart();

    const t0 = performance.now();
    mf = new Miniflare(workerOptions(bundle.dist, server.url));
    await mf.ready;
    timings.ready = performance.now() - t0;
    const first = await call(mf, "POST", "/verify?merchant_uid=order-card-paid&amount=1004", { body: cardPaidBody });
    timings.firstVerifyResponse = performance.now() - t0;
    assert.equal(first.body.ok, true, JSON.stringify(first.body));
    const warm = [];
    for (let i = 0; i < 5; i++) {
      const t1 = performance.now();
      await call(mf, "POST", "/verify?merchant_uid=order-card-paid&amount=1004", { body: cardPaidBody });
      warm.push(performance.now() - t1);
    }
    timings.warmVerifyResponse = warm.sort((a, b) => a - b)[2];

    runtime = (await call(mf, "GET", "/runtime")).body;
  });

  after(async () => {
    await mf?.dispose().catch(() => {});
    await server?.close().catch(() => {});
    if (bundle) await rm(bundle.dir, { recursive: true, force: true });
    if (runtime) {
      const s = runtime.startup;
      const f = runtime.firstVerify;
      console.log(
        [
          "workerd cold start (portone-verify, wasm " +
            `${(timings.wasmBytes / 1024).toFixed(0)} KiB, package ${path.relative(repoRoot, pkgDir) || "."}):`,
          `  wrangler bundle (dry-run):                          ${ms(timings.bundle)}`,
          `  first Miniflare start in this process -> first response, empty Worker: ${ms(timings.firstEverStart)}`,
          `  baseline: Miniflare start -> first response, empty Worker: ${ms(timings.baselineFirstResponse)}`,
          `  Miniflare start -> ready (workerd up, wasm compiled, initSync done): ${ms(timings.ready)}`,
          `  Miniflare start -> first /verify response:          ${ms(timings.firstVerifyResponse)}`,
          `  difference to the empty Worker:                     ${ms(timings.firstVerifyResponse - timings.baselineFirstResponse)}`,
          `  warm /verify round trip (median of 5):              ${ms(timings.warmVerifyResponse)}`,
          "  inside the Worker (Date.now(), 1 ms resolution; performance.now() is 0 at startup in workerd):",
          `    package evaluation (initSync = instantiate + start): ${s.instantiateDateNowMs} ms`,
          `    first verifyPayment call:                         ${f?.verifyDateNowMs} ms`,
          `    first JSON.stringify(verdict) (parses payment):   ${f?.serializeDateNowMs} ms`,
          `    a later verifyPayment call:                       ${runtime.lastVerify?.verifyDateNowMs} ms`,
          `  PortOneClient in this build: ${runtime.hasClient ? "yes" : "NO (client routes skipped)"}`,
        ].join("\n"),
      );
    }
  });

  test("the bundle keeps the wasm as its own module and uses the package's workerd entry", async () => {
    const wasm = bundle.files.filter((f) => f.endsWith(".wasm"));
    assert.equal(wasm.length, 1, bundle.files.join(", "));
    const js = await readFile(path.join(bundle.dist, "worker.js"), "utf8");
    assert.ok(js.includes(`from "./${wasm[0]}"`), "worker.js imports the .wasm module");
    assert.ok(js.includes("initSync({ module: wasmModule"), "workerd.js's synchronous initSync is in the bundle");
    assert.ok(!js.includes("readFileSync"), "the Node entry was not picked");
    assert.ok(!/fetch\([^)]*\.wasm/.test(js), "the wasm is never fetched");
  });

  test("the runtime is workerd", () => {
    assert.equal(runtime.userAgent, "Cloudflare-Workers");
    assert.ok(runtime.exports.includes("verifyPayment"), runtime.exports.join(", "));
  });

  test("POST /verify: PortOne's answer for a paid order verifies", async () => {
    const { status, body } = await call(mf, "POST", "/verify?merchant_uid=order-card-paid&amount=1004&currency=KRW", {
      body: cardPaidBody,
    });
    assert.equal(status, 200);
    assert.equal(body.ok, true, JSON.stringify(body.failures));
    assert.equal(body.state, "paid");
    assert.equal(body.payment.imp_uid, CARD_PAID);
    assert.equal(body.payment.amount, 1004);
  });

  test("POST /verify/strings: strings of every script reach the wasm intact, with and without nodejs_compat", async () => {
    const payment = JSON.stringify(JSON.parse(cardPaidBody).response);
    const plain = await call(mf, "POST", "/verify/strings", { body: payment });
    assert.deepEqual(plain.body, { buffer: "undefined", wrong: [] });
    // The same bundle in workerd with nodejs_compat, which has a global Buffer: the package
    // then takes a string's UTF-16 code units through it (as in Node).
    const compat = new Miniflare({ ...workerOptions(bundle.dist, server.url), compatibilityFlags: ["nodejs_compat"] });
    try {
      const withBuffer = await call(compat, "POST", "/verify/strings", { body: payment });
      assert.deepEqual(withBuffer.body, { buffer: "function", wrong: [] });
    } finally {
      await compat.dispose();
    }
  });

  test("POST /verify: a forged amount is rejected with AMOUNT_MISMATCH", async () => {
    const forged = JSON.parse(cardPaidBody);
    forged.response.amount = 100;
    const { status, body } = await call(mf, "POST", "/verify?merchant_uid=order-card-paid&amount=1004", {
      body: JSON.stringify(forged),
    });
    assert.equal(status, 200);
    assert.equal(body.ok, false);
    assert.equal(body.state, undefined);
    assert.deepEqual(
      body.failures.map((f) => [f.code, f.field, f.expected, f.actual]),
      [["AMOUNT_MISMATCH", "amount", 1004, 100]],
    );
  });

  test("POST /verify: bad JSON and a bad expectation are errors with a code", async () => {
    const bad = await call(mf, "POST", "/verify?merchant_uid=order-card-paid&amount=1004", { body: '{"imp_uid": ' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "INVALID_JSON");
    assert.equal(bad.body.error.name, "PortOneVerifyError");

    const noAmount = await call(mf, "POST", "/verify?merchant_uid=order-card-paid&amount=lots", { body: cardPaidBody });
    assert.equal(noAmount.status, 400);
    assert.equal(noAmount.body.error.code, "INVALID_ARGUMENT");
    assert.match(noAmount.body.error.path, /amount/);
  });

  test("POST /webhook/v2: a valid signature is accepted, a bad one is NO_MATCHING_SIGNATURE", async () => {
    const body = JSON.stringify({
      type: "Transaction.Paid",
      timestamp: new Date().toISOString(),
      data: { storeId: "store-00000000-0000-0000-0000-000000000000", paymentId: "order-v2-1", transactionId: "tx-1" },
    });
    const id = `msg_${randomBytes(8).toString("hex")}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": timestamp,
      "webhook-signature": signV2(webhookKey, id, timestamp, body),
    };
    const good = await call(mf, "POST", "/webhook/v2", { body, headers });
    assert.equal(good.status, 200, JSON.stringify(good.body));
    assert.equal(good.body.ok, true);
    assert.equal(good.body.webhook.type, "Transaction.Paid");
    assert.equal(good.body.webhook.data.paymentId, "order-v2-1");

    const forged = await call(mf, "POST", "/webhook/v2", {
      body,
      headers: { ...headers, "webhook-signature": signV2(randomBytes(32), id, timestamp, body) },
    });
    assert.equal(forged.status, 400);
    assert.equal(forged.body.error.code, "NO_MATCHING_SIGNATURE");

    const tampered = await call(mf, "POST", "/webhook/v2", { body: body.replace("order-v2-1", "order-v2-2"), headers });
    assert.equal(tampered.status, 400);
    assert.equal(tampered.body.error.code, "NO_MATCHING_SIGNATURE");
  });

  describe("with PortOneClient (fetch from workerd to the local PortOne server)", () => {
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
});
