// PortOneClient under the local PortOne V1 server's fault knobs: reads retried a bounded number
// of times (Retry-After honoured, timeouts, dropped connections), writes never sent twice.
//
// Build first: make pkg-node (or set PORTONE_VERIFY_PKG to another build).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  API_KEY,
  API_SECRET,
  IDS,
  countOf,
  createPayment,
  fault,
  rejectsWith,
} from "./support/client-harness.mjs";
import {
  CANCEL,
  GET_PAYMENT,
  PREPARE,
  PortOneClient,
  impatientClient,
  newClient,
  server,
  useServer,
} from "./support/client-v1.mjs";

useServer();

describe("faults and retries", () => {
  for (const status of [500, 502, 503]) {
    test(`GET: one ${status} is retried`, async () => {
      const client = impatientClient();
      await client.getPayment(IDS.cardPaid);
      await fault(server, `status=${status}`, 1, GET_PAYMENT);
      assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
      assert.equal(await countOf(server, GET_PAYMENT), 3);
    });

    test(`GET: persistent ${status} ends after maxRetries as SERVER_ERROR`, async () => {
      const client = impatientClient();
      await client.getPayment(IDS.cardPaid);
      await fault(server, `status=${status}`, 10, GET_PAYMENT);
      await rejectsWith(client.getPayment(IDS.cardPaid), "SERVER_ERROR", { status, apiCode: -1 });
      assert.equal(await countOf(server, GET_PAYMENT), 1 + 3, "1 attempt + 2 retries");
    });
  }

  test("maxRetries: 0 never retries", async () => {
    const client = impatientClient({ maxRetries: 0 });
    await client.getPayment(IDS.cardPaid);
    await fault(server, "status=500", 10, GET_PAYMENT);
    await rejectsWith(client.getPayment(IDS.cardPaid), "SERVER_ERROR");
    assert.equal(await countOf(server, GET_PAYMENT), 2);
  });

  test("429 waits for Retry-After, then RATE_LIMITED with retryAfterMs", async () => {
    const client = impatientClient({ maxRetries: 1 });
    await client.getPayment(IDS.cardPaid);
    await fault(server, "status=429", 1, GET_PAYMENT);
    const started = Date.now();
    await client.getPayment(IDS.cardPaid);
    assert.ok(Date.now() - started >= 950, "honours Retry-After: 1");
    await fault(server, "status=429", 5, GET_PAYMENT);
    await rejectsWith(client.getPayment(IDS.cardPaid), "RATE_LIMITED", { status: 429, retryAfterMs: 1000 });
    assert.equal(await countOf(server, GET_PAYMENT), 1 + 2 + 2, "warm-up, 429 + retry, 429 + retry");
  });

  test("a dropped connection is NETWORK, retried for GET", async () => {
    const client = impatientClient();
    await client.getPayment(IDS.cardPaid);
    await fault(server, "drop", 1, GET_PAYMENT);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
    await fault(server, "drop", 10, GET_PAYMENT);
    await rejectsWith(client.getPayment(IDS.cardPaid), "NETWORK", { status: undefined });
    assert.equal(await countOf(server, GET_PAYMENT), 1 + 2 + 3);
  });

  test("latency beyond timeoutMs is TIMEOUT, retried for GET", async () => {
    const client = newClient({ timeoutMs: 150, maxRetries: 2 });
    await client.getPayment(IDS.cardPaid);
    await fault(server, "latency=1000", 1, GET_PAYMENT);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
    await fault(server, "latency=1000", 10, GET_PAYMENT);
    const started = Date.now();
    const error = await rejectsWith(client.getPayment(IDS.cardPaid), "TIMEOUT");
    assert.match(error.message, /150 ms/);
    assert.ok(Date.now() - started < 3000, "each attempt is cut at timeoutMs");
    assert.equal(await countOf(server, GET_PAYMENT), 1 + 2 + 3);
  });

  test("latency within timeoutMs is fine", async () => {
    const client = newClient({ timeoutMs: 2000 });
    await fault(server, "latency=200", 1, GET_PAYMENT);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
  });

  for (const kind of ["truncated", "non-json"]) {
    test(`${kind} is INVALID_RESPONSE and not retried`, async () => {
      const client = impatientClient();
      await client.getPayment(IDS.cardPaid);
      await fault(server, kind, 1, GET_PAYMENT);
      await rejectsWith(client.getPayment(IDS.cardPaid), "INVALID_RESPONSE");
      assert.equal(await countOf(server, GET_PAYMENT), 2);
    });
  }

  test("the x-portone-fault header knobs behave like the queue (checked by direct requests)", async () => {
    // The client sends no test-only header: the queue drives it. This just pins the server
    // contract the tests above rely on.
    const res = await fetch(`${server.url}/users/getToken`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-portone-fault": "status=429" },
      body: JSON.stringify({ imp_key: API_KEY, imp_secret: API_SECRET }),
    });
    assert.deepEqual([res.status, res.headers.get("retry-after")], [429, "1"]);
  });

  for (const [kind, code] of [
    ["status=500", "SERVER_ERROR"],
    ["status=503", "SERVER_ERROR"],
    ["status=429", "RATE_LIMITED"],
    ["drop", "NETWORK"],
    ["latency=1000", "TIMEOUT"],
    ["truncated", "INVALID_RESPONSE"],
    ["non-json", "INVALID_RESPONSE"],
  ]) {
    test(`cancelPayment is never retried: ${kind} → ${code}`, async () => {
      const client = newClient({ timeoutMs: 150, maxRetries: 5 });
      const created = await createPayment(server, { merchant_uid: `order-${kind}`, amount: 1000 });
      await client.getPayment(created.imp_uid);
      await fault(server, kind, 10, CANCEL);
      const error = await rejectsWith(client.cancelPayment({ impUid: created.imp_uid }), code);
      assert.equal(await countOf(server, CANCEL), 1, "sent exactly once");
      if (code === "TIMEOUT" || code === "NETWORK") assert.match(error.message, /may have reached PortOne/);
    });
  }

  test("preparePayment is never retried", async () => {
    const client = impatientClient({ maxRetries: 5 });
    await fault(server, "status=503", 10, PREPARE);
    await rejectsWith(client.preparePayment("order-prep-fault", 1000), "SERVER_ERROR", { status: 503 });
    assert.equal(await countOf(server, PREPARE), 1);
  });

  test("an unreachable server is NETWORK after the retries", async () => {
    const client = new PortOneClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      baseUrl: "http://127.0.0.1:9",
      maxRetries: 1,
      timeoutMs: 1000,
    });
    const error = await rejectsWith(client.getPayment(IDS.cardPaid), "NETWORK");
    assert.match(error.message, /getToken/);
  });
});
