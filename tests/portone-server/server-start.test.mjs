// Starting the local PortOne server: `startServer` (the seed ids other suites import, an injected
// clock, 127.0.0.1 only, close() with requests in flight) and the command line (`node server.mjs`).
// Run with `node --test tests/portone-server/`.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { BILLING_CUSTOMER_UID, ENCODED_MERCHANT_UID, SEED_IDS } from "./seeds.mjs";
import { startServer } from "./server.mjs";
import { CREDENTIALS, SEEDS } from "./support/v1.mjs";

const SERVER_SCRIPT = fileURLToPath(new URL("./server.mjs", import.meta.url));

describe("startServer", () => {
  test("seeds.mjs exports the documented seed ids for other suites", () => {
    assert.equal(SEED_IDS.cardPaid, "imp_100000000001");
    assert.match(Object.values(SEED_IDS).join(" "), /^(imp_\d{12} ?)+$/);
    assert.equal(BILLING_CUSTOMER_UID, "customer-1234");
    assert.equal(ENCODED_MERCHANT_UID, "주문/2024 0001");
  });

  test("an injected wall clock drives `now`, token expiry and seed timestamps", async () => {
    const fixed = await startServer({ now: () => 1_700_000_000_500, impKey: "k", impSecret: "s" });
    try {
      const res = await fetch(`${fixed.url}/users/getToken`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ imp_key: "k", imp_secret: "s" }),
      });
      const { response } = await res.json();
      assert.equal(response.now, 1_700_000_000);
      assert.equal(response.expired_at, 1_700_001_800);
      const payment = fixed.state.store.get(SEEDS.cardPaid);
      assert.equal(payment.paid_at, 1_700_000_000 - 2 * 3600);
      assert.equal(fixed.url, `http://127.0.0.1:${fixed.port}`);
    } finally {
      await fixed.close();
    }
  });

  test("refuses to listen anywhere but 127.0.0.1", async () => {
    await assert.rejects(startServer({ host: "0.0.0.0" }), /127\.0\.0\.1/);
    await assert.rejects(startServer({ host: "localhost" }), /127\.0\.0\.1/);
  });

  test("close() ends a request still waiting on latency, leaving no timer behind", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const closing = await startServer();
    const timersBefore = timers();
    const pending = fetch(`${closing.url}/users/getToken`, {
      method: "POST",
      headers: { "x-portone-fault": "latency=30000" },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await closing.close();
    await assert.rejects(pending, TypeError);
    assert.ok(performance.now() - started < 2000);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(timers(), timersBefore);
  });
});

describe("command line", () => {
  async function freePort() {
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address();
    probe.close();
    await once(probe, "close");
    return port;
  }

  async function runServer(args) {
    const child = spawn(process.execPath, [SERVER_SCRIPT, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const exited = once(child, "exit");
    while (!stdout.includes("\n")) await once(child.stdout, "data");
    return { child, exited, output: () => stdout };
  }

  for (const signal of ["SIGTERM", "SIGINT"]) {
    test(`prints one PORTONE_SERVER_URL line, serves, and exits 0 on ${signal}`, async () => {
      const port = await freePort();
      const { child, exited, output } = await runServer(["--port", String(port)]);
      assert.equal(output(), `PORTONE_SERVER_URL=http://127.0.0.1:${port}\n`);
      const res = await fetch(`http://127.0.0.1:${port}/users/getToken`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(CREDENTIALS),
      });
      assert.equal((await res.json()).code, 0);
      child.kill(signal);
      const [code] = await exited;
      assert.equal(code, 0);
      assert.equal(output().split("\n").filter(Boolean).length, 1);
    });
  }

  test("without --port it picks a free port", async () => {
    const { child, exited, output } = await runServer([]);
    assert.match(output(), /^PORTONE_SERVER_URL=http:\/\/127\.0\.0\.1:\d+\n$/);
    child.kill("SIGTERM");
    assert.equal((await exited)[0], 0);
  });
});
