// portone-verify inside REAL workerd (Miniflare) without the client: the wrangler bundle, the
// runtime, verifyPayment and verifyWebhookV2 in the user's Worker (worker.mjs), and the cold
// start. The setup (wrangler, Miniflare, the local PortOne server) is described in support.mjs;
// PortOneClient in workerd is in client-v1.test.mjs and client-v2.test.mjs.
//
// Run:  PORTONE_VERIFY_PKG_DIR=target/pkg-workerd node --test tests/workerd/
//
// Cold-start figures are printed with console.log; they are not assertions.

import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { Miniflare } from "miniflare";

import {
  CARD_PAID,
  COMPATIBILITY_DATE,
  bundleWorker,
  call,
  pkgDir,
  repoRoot,
  startPortOne,
  webhookKey,
  workerOptions,
} from "./support.mjs";

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

    ({ server, cardPaidBody } = await startPortOne());

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
    // leaves it unused in Workers (TextEncoder is faster there: args.js), and the strings must
    // arrive intact all the same.
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
});
