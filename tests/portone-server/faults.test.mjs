// The fault knobs added for issue 13's fault table, on V1 and V2 routes: 429/5xx with and
// without Retry-After, slow-body, bad-json, oversized (with and without Content-Length),
// api-code, error=<TYPE>, reset (distinct from drop), and V2 routes under every older knob.
// Run with `node --test tests/portone-server/`.

import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, beforeEach, describe, test } from "node:test";
import { startServer } from "./server.mjs";
import { schemaProblems } from "./support/openapi.mjs";
import { assertV2Error, request, V2_AUTH, v2Client } from "./support/http.mjs";
import { V2_SEED_IDS } from "./v2/seeds.mjs";

const V1_PAYMENT = "/payments/imp_100000000001";
const V2_PAYMENT = `/payments/${V2_SEED_IDS.cardPaid}`;
let server;
let api;
let v1Token;

before(async () => {
  server = await startServer();
  api = v2Client(server);
});
after(() => server.close());
beforeEach(async () => {
  await api.reset();
  const res = await request(server.url, "POST", "/users/getToken", { json: { imp_key: "test_imp_key", imp_secret: "test_imp_secret" } });
  v1Token = res.body.response.access_token;
});

/** A request under `fault` to V1 (`api: "v1"`) or V2. */
function faulted(apiName, fault, { method = "GET", path, json } = {}) {
  const v1 = apiName === "v1";
  return request(v1 ? server.url : server.v2Url, method, path ?? (v1 ? V1_PAYMENT : V2_PAYMENT), {
    auth: v1 ? `Bearer ${v1Token}` : V2_AUTH,
    headers: { "x-portone-fault": fault },
    json,
  });
}

/** A raw exchange: when headers came, the bytes received, and how it ended. */
function rawExchange(url, headers, { method = "GET", body } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const outcome = { chunks: 0, bytes: 0, headersAfterMs: null, status: null, headers: null };
    const allHeaders = body === undefined ? headers : { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) };
    const req = httpRequest(url, { method, headers: allHeaders }, (res) => {
      outcome.headersAfterMs = performance.now() - started;
      outcome.status = res.statusCode;
      outcome.headers = res.headers;
      const body = [];
      res.on("data", (chunk) => {
        outcome.chunks += 1;
        outcome.bytes += chunk.length;
        body.push(chunk);
      });
      res.on("end", () => resolve({ ...outcome, ended: "complete", body: Buffer.concat(body), endedAfterMs: performance.now() - started }));
      res.on("error", (error) => resolve({ ...outcome, ended: error.code ?? error.message, body: Buffer.concat(body) }));
    });
    req.on("error", (error) => resolve({ ...outcome, ended: error.code ?? error.message }));
    req.end(body);
  });
}

describe("status faults and Retry-After", () => {
  test("429 sends Retry-After: 1 by default, on V1 and V2", async () => {
    const v1 = await faulted("v1", "status=429");
    assert.deepEqual([v1.status, v1.headers.get("retry-after"), v1.body.code], [429, "1", -1n]);
    const v2 = await faulted("v2", "status=429");
    assertV2Error(v2, 429, "TOO_MANY_REQUESTS");
    assert.equal(v2.headers.get("retry-after"), "1");
  });

  test(";retry-after=none|<s>|date+<s> sets it for any status; 504 exists too", async () => {
    assert.equal((await faulted("v1", "status=429;retry-after=none")).headers.get("retry-after"), null);
    assert.equal((await faulted("v2", "status=429;retry-after=none")).headers.get("retry-after"), null);
    assert.equal((await faulted("v1", "status=503;retry-after=2")).headers.get("retry-after"), "2");
    const dated = (await faulted("v2", "status=503;retry-after=date+3")).headers.get("retry-after");
    const delta = (Date.parse(dated) - Date.now()) / 1000;
    assert.ok(delta > 1 && delta <= 3, dated);
    assertV2Error(await faulted("v2", "status=504"), 504, "GATEWAY_TIMEOUT");
    assert.equal((await faulted("v1", "status=504")).headers.get("retry-after"), null);
  });
});

describe("slow-body", () => {
  test("sends the headers at once and the real body over the given time", async () => {
    const normal = await request(server.url, "GET", V1_PAYMENT, { auth: `Bearer ${v1Token}` });
    const slow = await rawExchange(`${server.url}${V1_PAYMENT}`, { authorization: `Bearer ${v1Token}`, "x-portone-fault": "slow-body=600" });
    assert.equal(slow.ended, "complete");
    assert.equal(slow.body.toString(), normal.text);
    assert.equal(Number(slow.headers["content-length"]), Buffer.byteLength(normal.text));
    assert.ok(slow.endedAfterMs >= 550, `ended after ${slow.endedAfterMs} ms`);
    assert.ok(slow.endedAfterMs - slow.headersAfterMs >= 400, "the headers came long before the body ended");
    assert.ok(slow.chunks >= 5, `${slow.chunks} chunks`);
  });

  test("runs the request (a V2 cancel happens) and stops when the client leaves", async () => {
    const controller = new AbortController();
    const pending = fetch(`${server.v2Url}${V2_PAYMENT}/cancel`, {
      method: "POST",
      headers: { authorization: V2_AUTH, "x-portone-fault": "slow-body=5000", "content-type": "application/json" },
      body: JSON.stringify({ reason: "slow" }),
      signal: controller.signal,
    });
    const res = await pending;
    assert.equal(res.status, 200);
    controller.abort();
    await assert.rejects(res.text());
    assert.equal((await api.getPayment(V2_SEED_IDS.cardPaid)).body.status, "CANCELLED");
    for (let i = 0; i < 50 && (await api.stats()).inFlight > 0n; i += 1) await new Promise((r) => setTimeout(r, 20));
    assert.equal((await api.stats()).inFlight, 0n);
  });
});

describe("bad-json and api-code", () => {
  test("bad-json: 200, JSON content-type, a body that claims success and does not parse; not processed", async () => {
    for (const apiName of ["v1", "v2"]) {
      const res = await faulted(apiName, "bad-json");
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
      assert.match(res.text, /paid|PAID/);
      assert.throws(() => JSON.parse(res.text), SyntaxError);
    }
    await faulted("v2", "bad-json", { method: "POST", path: `${V2_PAYMENT}/cancel`, json: { reason: "x" } });
    assert.equal((await api.getPayment(V2_SEED_IDS.cardPaid)).body.status, "PAID");
  });

  test("api-code=<n>: HTTP 200 with the envelope {code:n, message, response:null}; not processed", async () => {
    const res = await faulted("v1", "api-code=1", { method: "POST", path: "/payments/cancel", json: { imp_uid: "imp_100000000001" } });
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.code, typeof res.body.message, res.body.response], [1n, "string", null]);
    assert.equal((await faulted("v1", "api-code=-1")).body.code, -1n);
    const v2 = await faulted("v2", "api-code=1");
    assert.deepEqual([v2.status, v2.body.code, v2.body.status], [200, 1n, undefined]);
    const payment = await request(server.url, "GET", V1_PAYMENT, { auth: `Bearer ${v1Token}` });
    assert.equal(payment.body.response.cancel_amount, 0n);
  });
});

describe("error=<TYPE> (V2)", () => {
  test("answers that error body with the status the OpenAPI gives it", async () => {
    const pg = await faulted("v2", "error=PG_PROVIDER", { method: "POST", path: `${V2_PAYMENT}/cancel`, json: { reason: "x" } });
    assertV2Error(pg, 502, "PG_PROVIDER");
    assert.deepEqual(schemaProblems(pg.body, "CancelPaymentError"), []);
    assertV2Error(await faulted("v2", "error=PAYMENT_NOT_FOUND"), 404, "PAYMENT_NOT_FOUND");
    assertV2Error(await faulted("v2", "error=FORBIDDEN"), 403, "FORBIDDEN");
    assert.equal((await api.getPayment(V2_SEED_IDS.cardPaid)).body.status, "PAID");
  });

  test("is a 400 on V1 routes and for an unknown type", async () => {
    const v1 = await faulted("v1", "error=PG_PROVIDER");
    assert.deepEqual([v1.status, v1.body.code], [400, -1n]);
    assertV2Error(await faulted("v2", "error=NO_SUCH_TYPE"), 400, "INVALID_REQUEST");
  });
});

describe("oversized", () => {
  test("oversized=<bytes>: exactly that many bytes with Content-Length, valid JSON around the real answer", async () => {
    for (const apiName of ["v1", "v2"]) {
      const normal = await faulted(apiName, "latency=0");
      const big = await faulted(apiName, "oversized=8388608");
      assert.equal(big.headers.get("content-length"), "8388608");
      assert.equal(Buffer.byteLength(big.text), 8388608);
      const { x_padding: padding, ...rest } = JSON.parse(big.text);
      assert.match(padding, /^a+$/);
      assert.deepEqual(rest, JSON.parse(normal.text));
    }
  });

  test("oversized-chunked=<bytes>: no Content-Length (chunked), 64 MB streamed whole", async () => {
    const res = await fetch(`${server.v2Url}${V2_PAYMENT}`, { headers: { authorization: V2_AUTH, "x-portone-fault": "oversized-chunked=67108864" } });
    assert.equal(res.headers.get("content-length"), null);
    assert.equal(res.headers.get("transfer-encoding"), "chunked");
    let bytes = 0;
    let head = "";
    for await (const chunk of res.body) {
      if (head.length < 100) head += Buffer.from(chunk).toString("utf8");
      bytes += chunk.length;
    }
    assert.equal(bytes, 64 * 1024 * 1024);
    assert.ok(head.startsWith('{"status":"PAID"'));
    const { oversized } = await api.stats();
    assert.deepEqual(oversized, { started: 1n, completed: 1n, bytesWritten: 67108864n });
  });

  test("stats count what an oversized body streamed before a client that left early", async () => {
    const res = await fetch(`${server.v2Url}${V2_PAYMENT}`, { headers: { authorization: V2_AUTH, "x-portone-fault": "oversized=67108864" } });
    const reader = res.body.getReader();
    await reader.read();
    await reader.cancel();
    let stats = await api.stats();
    while (stats.inFlight > 0n) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      stats = await api.stats();
    }
    assert.equal(stats.oversized.started, 1n);
    assert.equal(stats.oversized.completed, 0n);
    assert.ok(stats.oversized.bytesWritten < 67108864n / 2n, `${stats.oversized.bytesWritten}`);
  });

  test("is processed (a V1 cancel happens); a size below the real answer sends the answer as it is", async () => {
    const res = await faulted("v1", "oversized=10", { method: "POST", path: "/payments/cancel", json: { imp_uid: "imp_100000000001", amount: 4 } });
    assert.equal(res.body.response.cancel_amount, 4n);
  });
});

describe("reset and drop", () => {
  test("reset: headers and half the body arrive, then the connection is reset; the request ran", async () => {
    const cut = await rawExchange(
      `${server.v2Url}${V2_PAYMENT}/cancel`,
      { authorization: V2_AUTH, "x-portone-fault": "reset" },
      { method: "POST", body: JSON.stringify({ reason: "reset" }) },
    );
    assert.equal(cut.status, 200);
    assert.equal(cut.ended, "ECONNRESET");
    const announced = Number(cut.headers["content-length"]);
    assert.ok(cut.bytes > 0 && cut.bytes < announced, `${cut.bytes} of ${announced}`);
    assert.equal((await api.getPayment(V2_SEED_IDS.cardPaid)).body.status, "CANCELLED");
  });

  test("drop: no answer at all, and the request did not run", async () => {
    const dropped = await rawExchange(`${server.url}${V1_PAYMENT}`, { authorization: `Bearer ${v1Token}`, "x-portone-fault": "drop" });
    assert.equal(dropped.status, null);
    assert.ok(["ECONNRESET", "socket hang up"].includes(dropped.ended), dropped.ended);
    await assert.rejects(faulted("v2", "drop", { method: "POST", path: `${V2_PAYMENT}/cancel`, json: { reason: "x" } }), TypeError);
    assert.equal((await api.getPayment(V2_SEED_IDS.cardPaid)).body.status, "PAID");
  });
});

describe("V2 routes under the older knobs", () => {
  test("latency, truncated, non-json, unauthorized and 5xx answer in V2's shape", async () => {
    const started = performance.now();
    assert.equal((await faulted("v2", "latency=200")).status, 200);
    assert.ok(performance.now() - started >= 190);
    const full = await faulted("v2", "latency=0");
    const cut = await faulted("v2", "truncated");
    assert.equal(Buffer.byteLength(cut.text), Math.floor(Buffer.byteLength(full.text) / 2));
    assert.match((await faulted("v2", "non-json")).text, /<html/);
    assertV2Error(await faulted("v2", "unauthorized"), 401, "UNAUTHORIZED");
    for (const status of [500, 502, 503]) {
      const res = await faulted("v2", `status=${status}`);
      assert.equal(res.status, status);
      assert.equal(typeof res.body.type, "string");
      assert.equal(res.headers.get("retry-after"), null);
    }
  });

  test("queued by V2 route key, `times` times, counted under that key; inFlight while waiting", async () => {
    await api.adminOk("POST", "faults", { fault: "status=503", times: 2, route: "GET /v2/payments/{paymentId}" });
    await api.adminOk("POST", "faults", { fault: "latency=300", route: "POST /v2/payments/{paymentId}/pre-register" });
    assert.equal((await api.listPayments()).status, 200);
    assert.equal((await api.getPayment(V2_SEED_IDS.cardPaid)).status, 503);
    assert.equal((await api.getPayment(V2_SEED_IDS.cardPaid)).status, 503);
    assert.equal((await api.getPayment(V2_SEED_IDS.cardPaid)).status, 200);
    const waiting = api.preRegister("order-slow", { totalAmount: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await api.stats()).inFlight, 1n);
    assert.equal((await waiting).status, 200);
    const stats = await api.stats();
    assert.equal(stats.inFlight, 0n);
    assert.equal(stats.byRoute["GET /v2/payments/{paymentId}"], 3n);
    const bad = await api.admin("POST", "faults", { fault: "drop", route: "GET /v2/payments/{id}" });
    assert.equal(bad.status, 400);
  });

  test("unknown and out-of-range knobs are a 400 in each API's shape", async () => {
    for (const fault of ["slow-body=-1", "slow-body=60001", "oversized=abc", "oversized=2000000000", "status=429;retry-after=soon", "api-code=x", "status=418"]) {
      assert.equal((await faulted("v1", fault)).status, 400, fault);
      assertV2Error(await faulted("v2", fault), 400, "INVALID_REQUEST");
    }
  });
});
