// PortOneClient never puts the API secret or a token in an error (echoed by the server, quoted
// by a network error, in a malformed answer or in bad options), and sends the token only as a
// Bearer header.
//
// Build first: make pkg-node (or set PORTONE_VERIFY_PKG to another build).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  API_KEY,
  API_SECRET,
  IDS,
  assertNoSecrets,
  rejectsWith,
  throwsWith,
  tokensSeen,
  withFetch,
} from "./support/client-harness.mjs";
import { PortOneClient, newClient, server, useServer } from "./support/client-v1.mjs";

useServer();

describe("secrets never reach an error", () => {
  test("a token or secret echoed by the server is redacted", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid);
    const [token] = [...tokensSeen].slice(-1);
    assert.ok(token);
    const error = await withFetch(
      async () =>
        Response.json(
          { code: -1, message: `token ${token} and secret ${API_SECRET} rejected`, response: null },
          { status: 400 },
        ),
      () => rejectsWith(client.getPayment(IDS.cardPaid), "BAD_REQUEST", { status: 400 }),
    );
    assert.match(error.apiMessage, /\[REDACTED\]/);
    assert.match(error.message, /\[REDACTED\]/);
  });

  test("a network error quoting the secret or token is redacted", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid);
    const [token] = [...tokensSeen].slice(-1);
    const error = await withFetch(
      async () => {
        throw new TypeError(`fetch failed for ${API_SECRET}`, { cause: new Error(`reset ${token}`) });
      },
      () => rejectsWith(client.getPayment(IDS.cardPaid), "NETWORK"),
    );
    assert.match(error.message, /\[REDACTED\].*\[REDACTED\]/);
  });

  test("a malformed token answer does not quote it", async () => {
    const client = newClient({ maxRetries: 0 });
    const bogus = "tok_0123456789abcdef_bogus";
    await withFetch(
      async () => Response.json({ code: 0, message: null, response: { access_token: bogus, now: bogus } }),
      async () => {
        const error = await rejectsWith(client.getPayment(IDS.cardPaid), "INVALID_RESPONSE");
        assertNoSecrets(error, [bogus]);
      },
    );
  });

  test("bad options never quote the secret", () => {
    const error = throwsWith(
      () => new PortOneClient({ apiKey: API_KEY, apiSecret: 1234567890987, timeoutMs: "soon" }),
      "INVALID_ARGUMENT",
    );
    assertNoSecrets(error, ["1234567890987"]);
  });

  test("the token is sent as a Bearer header and nowhere else", async () => {
    const client = newClient({ tier: "T001" });
    const seen = [];
    await withFetch(
      async (input, init, realFetch) => {
        seen.push({ url: String(input), headers: Object.fromEntries(new Headers(init.headers)) });
        return realFetch(input, init);
      },
      () => client.getPayment(IDS.cardPaid),
    );
    const [tokenRequest, paymentRequest] = seen;
    assert.equal(tokenRequest.url, `${server.url}/users/getToken`);
    assert.equal(tokenRequest.headers.authorization, undefined);
    assert.equal(tokenRequest.headers.tier, undefined);
    assert.match(paymentRequest.headers.authorization, /^Bearer [0-9a-f]+$/);
    assert.equal(paymentRequest.headers.tier, "T001");
    assert.ok(!paymentRequest.url.includes(paymentRequest.headers.authorization.slice(7)));
  });
});
