// (a) A Node ESM consumer project installed from the tarball: the "node" condition (of "." and
// "./server"), no init(), the REST client against the local PortOne V1 server.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { startServer } from "../portone-server/server.mjs";
import { consumerProject, run } from "./support.mjs";

let project;
let server;
let seen;
before(async () => {
  project = await consumerProject("node-esm");
  server = await startServer({ port: 0 });
  const { stdout } = await run(process.execPath, ["main.mjs"], {
    cwd: project.dir,
    env: { PORTONE_BASE_URL: server.url },
  });
  seen = JSON.parse(stdout);
});
after(async () => {
  await server?.close();
  await project?.cleanup();
});

describe("Node ESM consumer (installed from the tarball)", () => {
  test("the bare import resolves to node.js, with the full API and no init", () => {
    const { resolved, exports } = seen.entry;
    assert.equal(resolved, `file://${path.join(project.dir, "node_modules/portone-verify/node.js")}`);
    for (const name of ["PortOneClient", "parsePayment", "parseRedirectQuery", "parseRequestPayResponse",
      "parseWebhookV1", "verifyPayment", "verifyWebhookV2"]) {
      assert.ok(exports.includes(name), `${name} is exported`);
    }
    assert.ok(!exports.includes("init") && !exports.includes("default"), "no init");
  });

  test("portone-verify/server resolves to the same node.js (one module, one wasm instance)", () => {
    const { resolved, exports, sameClient } = seen.serverEntry;
    assert.equal(resolved, `file://${path.join(project.dir, "node_modules/portone-verify/node.js")}`);
    assert.deepEqual(exports, seen.entry.exports);
    assert.equal(sameClient, true);
  });

  test("verifyPayment accepts the genuine payment", () => {
    assert.deepEqual(seen.good, { ok: true, state: "paid", impUid: "imp_347242536261", amount: 1004 });
  });

  test("verifyPayment rejects the forged payment with every failure", () => {
    assert.deepEqual(seen.forged, { ok: false, codes: ["AMOUNT_MISMATCH", "CURRENCY_MISMATCH"] });
  });

  test("parseRequestPayResponse normalises a callback", () => {
    assert.equal(seen.callback.success, true);
    assert.equal(seen.callback.imp_uid, "imp_347242536261");
    assert.equal(seen.callback.paid_amount, 1004);
  });

  test("bad input throws a coded PortOneVerifyError", () => {
    assert.equal(seen.badJson.threw.name, "PortOneVerifyError");
    assert.equal(seen.badJson.threw.code, "INVALID_JSON");
    assert.equal(seen.missingAmount.threw.code, "MISSING_FIELD");
    assert.equal(seen.missingAmount.threw.path, "amount");
  });

  test("PortOneClient.getPayment reads the seeded payment from the local PortOne server", () => {
    assert.deepEqual(seen.getPayment, {
      imp_uid: "imp_100000000001", merchant_uid: "order-card-paid", amount: 1004, currency: "KRW", status: "paid",
    });
  });

  test("PortOneClient.verifyPayment: the right order verifies, a wrong amount does not", () => {
    assert.deepEqual(seen.clientVerify, { ok: true, state: "paid" });
    assert.deepEqual(seen.clientVerifyWrongAmount, { ok: false, codes: ["AMOUNT_MISMATCH"] });
  });

  test("PortOneClient errors are coded (NOT_FOUND, UNAUTHORIZED) and secret-free", () => {
    assert.equal(seen.notFound.threw.code, "NOT_FOUND");
    assert.equal(seen.badSecret.threw.code, "UNAUTHORIZED");
    assert.ok(!seen.badSecret.threw.message.includes("wrong_secret_value"), "the secret is not in the message");
  });
});
