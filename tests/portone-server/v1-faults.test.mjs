// The local PortOne V1 server's first fault knobs over HTTP, by header (`x-portone-fault`) and by
// the admin queue: latency, 5xx and 429, truncated, non-json, unauthorized and drop (the later
// knobs are in faults.test.mjs). Run with `node --test tests/portone-server/`.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CREDENTIALS,
  SEEDS,
  assertEnvelopeError,
  authed,
  call,
  cancel,
  getPayment,
  queueFault,
  server,
  stats,
  token,
  useServer,
} from "./support/v1.mjs";

useServer();

describe("faults", () => {
  const faulted = async (fault, path = `/payments/${SEEDS.cardPaid}`) =>
    authed("GET", path, { headers: { "x-portone-fault": fault } });

  test("latency=<ms> delays, then answers normally (header and queued)", async () => {
    let started = performance.now();
    const res = await faulted("latency=200");
    assert.ok(performance.now() - started >= 190);
    assert.equal(res.body.response.imp_uid, SEEDS.cardPaid);

    const accessToken = await token();
    await queueFault({ fault: "latency=200" });
    started = performance.now();
    const queued = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: accessToken });
    assert.ok(performance.now() - started >= 190);
    assert.equal(queued.status, 200);
  });

  test("status=500|502|503 answer that status with an envelope", async () => {
    for (const status of [500, 502, 503]) {
      const res = await faulted(`status=${status}`);
      assertEnvelopeError(res, status, -1);
      assert.equal(res.headers.get("retry-after"), null);
    }
  });

  test("status=429 adds Retry-After: 1", async () => {
    const res = await faulted("status=429");
    assertEnvelopeError(res, 429, -1);
    assert.equal(res.headers.get("retry-after"), "1");
  });

  test("truncated sends the first half of the real JSON body", async () => {
    const accessToken = await token();
    const url = `${server.url}/payments/${SEEDS.cardPaid}`;
    const headers = { authorization: `Bearer ${accessToken}` };
    const full = Buffer.from(await (await fetch(url, { headers })).arrayBuffer());
    const res = await fetch(url, { headers: { ...headers, "x-portone-fault": "truncated" } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    const cut = Buffer.from(await res.arrayBuffer());
    assert.equal(cut.length, Math.floor(full.length / 2));
    assert.ok(cut.equals(full.subarray(0, cut.length)));
    assert.throws(() => JSON.parse(cut.toString("utf8")), SyntaxError);
  });

  test("truncated still runs the request (a queued one on cancel)", async () => {
    await queueFault({ fault: "truncated", route: "POST /payments/cancel" });
    const res = await cancel({ imp_uid: SEEDS.cardPaid, amount: 4 });
    assert.equal(res.body, undefined);
    assert.ok(res.text.startsWith('{"code":0'));
    assert.equal((await getPayment(SEEDS.cardPaid)).body.response.cancel_amount, 4);
  });

  test("non-json answers 200 with an HTML page", async () => {
    const res = await faulted("non-json");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type"), /^text\/html/);
    assert.match(res.text, /<html/);
    assert.equal(res.body, undefined);
  });

  test("unauthorized answers 401 as for an expired token, without revoking it", async () => {
    const res = await faulted("unauthorized");
    assertEnvelopeError(res, 401, -1);
    const expired = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: "0".repeat(40) });
    assert.deepEqual(res.body, expired.body);
    assert.equal((await getPayment(SEEDS.cardPaid)).status, 200);
  });

  test("drop closes the connection without an answer (header and queued)", async () => {
    await assert.rejects(faulted("drop"), TypeError);
    await queueFault({ fault: "drop", route: "POST /users/getToken" });
    await assert.rejects(call("POST", "/users/getToken", { json: CREDENTIALS }), TypeError);
    assert.equal((await call("POST", "/users/getToken", { json: CREDENTIALS })).status, 200);
  });

  test("queued faults hit only their route, `times` times, and are counted", async () => {
    const accessToken = await token();
    await queueFault({ fault: "status=503", times: 2, route: "GET /payments/{imp_uid}" });
    const other = await call("GET", "/payments/find/order-card-paid", { token: accessToken });
    assert.equal(other.status, 200);
    const get = () => call("GET", `/payments/${SEEDS.cardPaid}`, { token: accessToken });
    assert.equal((await get()).status, 503);
    assert.equal((await get()).status, 503);
    assert.equal((await get()).status, 200);
    assert.equal((await stats()).byRoute["GET /payments/{imp_uid}"], 3);
  });

  test("queued faults apply to getToken too, and in queue order", async () => {
    await queueFault({ fault: "status=502" });
    await queueFault({ fault: "non-json" });
    assertEnvelopeError(await call("POST", "/users/getToken", { json: CREDENTIALS }), 502, -1);
    assert.match((await call("POST", "/users/getToken", { json: CREDENTIALS })).text, /<html/);
    assert.equal((await call("POST", "/users/getToken", { json: CREDENTIALS })).status, 200);
  });

  test("a header fault wins over the queue and leaves it; admin routes are never faulted", async () => {
    const accessToken = await token();
    await queueFault({ fault: "status=500" });
    assert.equal((await call("GET", "/__admin/stats")).status, 200);
    const headed = await call("GET", `/payments/${SEEDS.cardPaid}`, {
      token: accessToken,
      headers: { "x-portone-fault": "latency=0" },
    });
    assert.equal(headed.status, 200);
    const next = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: accessToken });
    assert.equal(next.status, 500);
  });

  test("an unknown fault header is a 400", async () => {
    assertEnvelopeError(await faulted("explode"), 400, -1);
    assertEnvelopeError(await faulted("status=200"), 400, -1);
    assertEnvelopeError(await faulted("latency=999999"), 400, -1);
  });
});
