// PortOneClient (the wasm build for Node) hardened as an attacker would try it (issue 13):
// plain http:// only to loopback hosts, a size cap on answers read from the fetch body's
// stream (a 64 MB answer is refused without being read whole), the secret and tokens redacted
// in JSON-escaped and percent-encoded forms, a secret too short to redact refused, and the
// browser guard covering browser workers (importScripts) but not Node's worker_threads.
//
// Build first (make pkg-node), or set PORTONE_VERIFY_PKG to another build.

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, beforeEach, describe, test } from "node:test";
import { Worker } from "node:worker_threads";
import { startServer } from "../portone-server/server.mjs";
import {
  API_KEY,
  API_SECRET,
  IDS,
  countOf,
  fault,
  installFetchRecorder,
  rejectsWith,
  reset,
  stats,
  throwsWith,
  withFetch,
} from "./support/client-harness.mjs";

const pkgPath = createRequire(import.meta.url).resolve(
  process.env.PORTONE_VERIFY_PKG ?? "../../target/pkg-node/portone_verify.js",
);
const { PortOneClient } = createRequire(import.meta.url)(pkgPath);

const GET_PAYMENT = "GET /payments/{imp_uid}";
const CANCEL = "POST /payments/cancel";
const MB = 1024 * 1024;
const HUGE = 64 * MB;

let server;
const newClient = (options = {}) =>
  new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: server.url, ...options });

before(async () => {
  installFetchRecorder();
  server = await startServer({ port: 0 });
});
after(() => server.close());
beforeEach(() => reset(server));

/** Runs `body` while any fetch fails the test: nothing may be sent. */
const withoutNetwork = (body) =>
  withFetch(() => assert.fail("a request was sent"), body);

describe("baseUrl", () => {
  test("plain http:// to a host that is not loopback is refused before anything is sent", async () => {
    await withoutNetwork(async () => {
      for (const baseUrl of [
        "http://api.iamport.kr",
        "http://api.iamport.kr:80/",
        "http://10.0.0.5:8080",
        "http://localhost.example.com",
        "http://127.0.0.1.nip.io",
        "http://[::ffff:127.0.0.1]",
        "http://0.0.0.0",
      ]) {
        const error = throwsWith(() => newClient({ baseUrl }), "INVALID_ARGUMENT", { path: "options.baseUrl" });
        assert.match(error.message, /cleartext/, baseUrl);
      }
    });
  });

  test("https:// anywhere and http:// to localhost, 127.0.0.0/8 and [::1] are accepted", async () => {
    await withoutNetwork(async () => {
      for (const baseUrl of ["https://api.iamport.kr", "http://localhost:8787", "http://127.0.0.2:1", "http://[::1]:1"]) {
        assert.ok(newClient({ baseUrl }) instanceof PortOneClient, baseUrl);
      }
    });
  });
});

describe("maxResponseBytes", () => {
  /** The server's oversized counters once it handles nothing any more. */
  async function oversizedStats() {
    for (let i = 0; i < 3000; i += 1) {
      const s = await stats(server);
      if (s.inFlight === 0) return s.oversized;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail("the server still streams after 60 s");
  }

  for (const [knob, why] of [
    ["oversized", /by its Content-Length/],
    ["oversized-chunked", /counted while it streamed/],
  ]) {
    test(`a 64 MB answer (${knob}) is RESPONSE_TOO_LARGE, not retried, and never read whole`, async () => {
      const client = newClient({ timeoutMs: 60_000, maxRetries: 2 });
      await client.getPayment(IDS.cardPaid);
      await fault(server, `${knob}=${HUGE}`, 10, GET_PAYMENT);
      const heapBefore = process.memoryUsage().arrayBuffers;
      const error = await rejectsWith(client.getPayment(IDS.cardPaid), "RESPONSE_TOO_LARGE", { status: 200 });
      assert.match(error.message, why);
      assert.match(error.message, /maxResponseBytes \(8388608\)/);
      assert.equal(await countOf(server, GET_PAYMENT), 2, "not retried");
      const oversized = await oversizedStats();
      assert.deepEqual([oversized.started, oversized.completed], [1, 0]);
      assert.ok(oversized.bytesWritten < HUGE / 2, `the server wrote ${oversized.bytesWritten} of ${HUGE} bytes`);
      const grown = process.memoryUsage().arrayBuffers - heapBefore;
      console.log(`${knob}: server wrote ${oversized.bytesWritten} bytes of ${HUGE}; ArrayBuffer memory +${grown}`);
      // The same client still works once the faults are gone (the reset also drops its token).
      await reset(server);
      assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
    });
  }

  test("answers up to the cap are read; the cap is an option with bounds", async () => {
    const client = newClient({ maxResponseBytes: 64 * 1024 });
    await fault(server, "oversized=65536", 1, GET_PAYMENT);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
    await fault(server, "oversized-chunked=65537", 1, GET_PAYMENT);
    await rejectsWith(client.getPayment(IDS.cardPaid), "RESPONSE_TOO_LARGE");
    for (const maxResponseBytes of [0, 4095, 2 ** 30 + 1, -1, 1.5, "8MB"]) {
      throwsWith(() => newClient({ maxResponseBytes }), "INVALID_ARGUMENT", { path: "options.maxResponseBytes" });
    }
  });

  test("a cancellation whose answer is too large was sent once and says it was carried out", async () => {
    const client = newClient({ maxRetries: 5 });
    await client.getPayment(IDS.cardPaid);
    await fault(server, `oversized=${HUGE}`, 10, CANCEL);
    const error = await rejectsWith(
      client.cancelPayment({ impUid: IDS.cardPaid, amount: 100, reason: "size cap" }),
      "RESPONSE_TOO_LARGE",
    );
    assert.match(error.message, /PortOne accepted the request/);
    assert.equal(await countOf(server, CANCEL), 1);
  });

  test("the timeout still covers the body read from the stream", async () => {
    const client = newClient({ timeoutMs: 300, maxRetries: 0 });
    await client.getPayment(IDS.cardPaid);
    await fault(server, "slow-body=2000", 1, GET_PAYMENT);
    await rejectsWith(client.getPayment(IDS.cardPaid), "TIMEOUT");
  });
});

describe("secrets", () => {
  test("JSON-escaped and percent-encoded echoes of the secret and the token are redacted", async () => {
    const secret = 'sk/live+"quoted" 키';
    const token = "tok/0123+abcd";
    const client = new PortOneClient({ apiKey: API_KEY, apiSecret: secret, baseUrl: server.url, maxRetries: 0 });
    const message =
      `imp_secret=${JSON.stringify(secret)} / ${encodeURIComponent(secret)} / ${new URLSearchParams({ s: secret })} ` +
      `/ token ${JSON.stringify(token)} / ${encodeURIComponent(token).toLowerCase()}`;
    const error = await withFetch(
      async (input) =>
        String(input).endsWith("/users/getToken")
          ? Response.json({ code: 0, message: null, response: { access_token: token, now: 1, expired_at: 4e9 } })
          : Response.json({ code: -1, message, response: null }, { status: 400 }),
      () => rejectsWith(client.getPayment(IDS.cardPaid), "BAD_REQUEST"),
    );
    for (const text of [error.message, error.apiMessage, error.stack]) {
      for (const piece of ["quoted", "sk/live", "sk%2Flive", "tok/0123", "tok%2f0123", "0123+abcd"]) {
        assert.ok(!text.includes(piece), `${piece} in ${text}`);
      }
    }
    assert.equal(
      error.apiMessage,
      'imp_secret="[REDACTED]" / [REDACTED] / s=[REDACTED] / token "[REDACTED]" / [REDACTED]',
    );
  });

  test("a secret too short to be redacted is refused with a readable error", () => {
    for (const apiSecret of ["x", "1234567"]) {
      const error = throwsWith(() => new PortOneClient({ apiKey: API_KEY, apiSecret }), "INVALID_ARGUMENT", {
        path: "options.apiSecret",
      });
      assert.match(error.message, /at least 8 characters/);
    }
    assert.ok(new PortOneClient({ apiKey: API_KEY, apiSecret: "12345678" }) instanceof PortOneClient);
  });
});

describe("browser guard", () => {
  test("a browser worker (importScripts) is refused unless dangerouslyAllowBrowser", () => {
    globalThis.importScripts = function importScripts() {};
    try {
      const error = throwsWith(() => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET }), "BROWSER_NOT_ALLOWED");
      assert.match(error.message, /browser worker/);
      assert.match(error.message, /dangerouslyAllowBrowser/);
      const allowed = new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, dangerouslyAllowBrowser: true });
      assert.ok(allowed instanceof PortOneClient);
    } finally {
      delete globalThis.importScripts;
    }
  });

  test("window without document (Deno 1.x) is a server runtime; a page's window + document is not", () => {
    globalThis.window = globalThis;
    try {
      assert.ok(new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET }) instanceof PortOneClient);
      globalThis.document = {};
      const error = throwsWith(() => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET }), "BROWSER_NOT_ALLOWED");
      assert.match(error.message, /browser page/);
    } finally {
      delete globalThis.window;
      delete globalThis.document;
    }
  });

  test("Node's worker_threads are a server runtime", async () => {
    const source = `
      const { parentPort, workerData } = require("node:worker_threads");
      const { PortOneClient } = require(workerData.pkgPath);
      const globals = ["window", "document", "importScripts"].filter((n) => n in globalThis);
      try {
        new PortOneClient({ apiKey: "k", apiSecret: "test_imp_secret" });
        parentPort.postMessage({ ok: true, globals });
      } catch (e) {
        parentPort.postMessage({ ok: false, code: e.code, globals });
      }`;
    const worker = new Worker(source, { eval: true, workerData: { pkgPath } });
    const result = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    assert.deepEqual(result, { ok: true, globals: [] });
  });
});
