// The local PortOne V1 server over HTTP, what every request meets before its route: POST
// /users/getToken (the token's life), authentication on every route, and routing (unknown paths,
// wrong methods, bodies that are not JSON). Run with `node --test tests/portone-server/`.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CREDENTIALS,
  SEEDS,
  advanceClock,
  assertEnvelopeError,
  authed,
  call,
  getPayment,
  issueToken,
  server,
  stats,
  token,
  useServer,
} from "./support/v1.mjs";

useServer();

describe("POST /users/getToken", () => {
  test("answers a 30-minute token in the envelope, from JSON", async () => {
    const res = await call("POST", "/users/getToken", { json: CREDENTIALS });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    assert.deepEqual(Object.keys(res.body), ["code", "message", "response"]);
    assert.equal(res.body.code, 0);
    assert.equal(res.body.message, null);
    const { access_token, now, expired_at } = res.body.response;
    assert.match(access_token, /^[0-9a-f]{40}$/);
    assert.ok(Number.isInteger(now) && Number.isInteger(expired_at));
    assert.ok(Math.abs(now - Date.now() / 1000) < 5);
    assert.equal(expired_at - now, 30 * 60);
  });

  test("accepts form-encoded credentials and returns the same token before expiry", async () => {
    const first = await issueToken();
    const res = await call("POST", "/users/getToken", { form: CREDENTIALS });
    assert.equal(res.status, 200);
    assert.equal(res.body.response.access_token, first.access_token);
    assert.equal(res.body.response.expired_at, first.expired_at);
  });

  test("wrong key or secret is a 401 with code -1", async () => {
    for (const json of [
      { ...CREDENTIALS, imp_secret: "wrong" },
      { ...CREDENTIALS, imp_key: "wrong" },
      {},
    ]) {
      assertEnvelopeError(await call("POST", "/users/getToken", { json }), 401, -1);
    }
    assert.equal((await stats()).getToken, 3);
  });

  test("is not extended while more than a minute is left", async () => {
    const first = await issueToken();
    await advanceClock(20 * 60);
    const again = await issueToken();
    assert.equal(again.access_token, first.access_token);
    assert.equal(again.expired_at, first.expired_at);
  });

  test("asked within its last minute, the same token is extended by 5 minutes", async () => {
    const first = await issueToken();
    await advanceClock(29 * 60 + 30);
    const again = await issueToken();
    assert.equal(again.access_token, first.access_token);
    assert.equal(again.expired_at, first.expired_at + 5 * 60);
    assert.equal((await getPayment(SEEDS.cardPaid)).status, 200);
  });

  test("an expired token gets 401 and getToken then issues a new one", async () => {
    const first = await issueToken();
    await advanceClock(29 * 60 + 50);
    const stillValid = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: first.access_token });
    assert.equal(stillValid.status, 200);
    await advanceClock(15);
    const expired = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: first.access_token });
    assertEnvelopeError(expired, 401, -1);
    const renewed = await issueToken();
    assert.notEqual(renewed.access_token, first.access_token);
    assert.equal(renewed.expired_at - renewed.now, 30 * 60);
    assert.ok(renewed.now >= first.expired_at);
  });
});

describe("authentication", () => {
  test("missing, unknown and malformed tokens are 401 with code -1", async () => {
    await issueToken();
    assertEnvelopeError(await call("GET", `/payments/${SEEDS.cardPaid}`), 401, -1);
    assertEnvelopeError(await call("GET", `/payments/${SEEDS.cardPaid}`, { token: "f".repeat(40) }), 401, -1);
    const raw = await call("GET", `/payments/${SEEDS.cardPaid}`, {
      headers: { authorization: await token() },
    });
    assertEnvelopeError(raw, 401, -1);
  });

  test("accepts Bearer in any case and the legacy X-ImpTokenHeader", async () => {
    const accessToken = await token();
    const lower = await call("GET", `/payments/${SEEDS.cardPaid}`, {
      headers: { authorization: `bearer ${accessToken}` },
    });
    assert.equal(lower.status, 200);
    const legacy = await call("GET", `/payments/${SEEDS.cardPaid}`, {
      headers: { "x-imptokenheader": accessToken },
    });
    assert.equal(legacy.status, 200);
    assert.equal(legacy.body.response.imp_uid, SEEDS.cardPaid);
  });

  test("every PortOne route but getToken needs the token", async () => {
    const paths = [
      ["GET", `/payments/${SEEDS.cardPaid}`],
      ["GET", `/payments/${SEEDS.cardPaid}/balance`],
      ["GET", `/payments?imp_uid[]=${SEEDS.cardPaid}`],
      ["GET", "/payments/find/order-card-paid"],
      ["GET", "/payments/findAll/order-card-paid"],
      ["GET", "/payments/status/all"],
      ["GET", "/subscribe/customers/customer-1234/payments"],
      ["POST", "/payments/cancel"],
      ["POST", "/payments/prepare"],
      ["PUT", "/payments/prepare"],
      ["GET", "/payments/prepare/order-card-paid"],
    ];
    for (const [method, path] of paths) {
      const json = method === "GET" ? undefined : { imp_uid: SEEDS.cancelled };
      assertEnvelopeError(await call(method, path, { json }), 401, -1);
    }
    assert.equal((await getPayment(SEEDS.cancelled)).body.response.cancel_amount, 15000);
  });
});

describe("routing", () => {
  test("an unknown path is a 404 envelope, a known path with another method a 405", async () => {
    assertEnvelopeError(await authed("GET", "/nowhere"), 404, -1);
    assertEnvelopeError(await authed("DELETE", `/payments/${SEEDS.cardPaid}`), 405, -1);
    assertEnvelopeError(await call("GET", "/users/getToken"), 405, -1);
  });

  test("a body that is not JSON is a 400", async () => {
    const res = await fetch(`${server.url}/users/getToken`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{imp_key:",
    });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).code, -1);
  });
});
