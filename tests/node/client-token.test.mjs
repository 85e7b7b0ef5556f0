// PortOneClient's token against the local PortOne V1 server: one token request shared by
// concurrent calls, reused, replaced when expired, the one refresh and resend after a 401, and
// timeouts and failures of the token request.
//
// Build first: make pkg-node (or set PORTONE_VERIFY_PKG to another build).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  API_KEY,
  CARD_PAID_ORDER,
  IDS,
  advanceClock,
  assertNoSecrets,
  countOf,
  createPayment,
  fault,
  rejectsWith,
  stats,
  tokensSeen,
  withFetch,
} from "./support/client-harness.mjs";
import {
  CANCEL,
  GET_PAYMENT,
  GET_TOKEN,
  PortOneClient,
  impatientClient,
  newClient,
  server,
  useServer,
} from "./support/client-v1.mjs";

useServer();

describe("token", () => {
  test("50 concurrent calls share exactly one token request", async () => {
    const client = newClient();
    const payments = await Promise.all(Array.from({ length: 50 }, () => client.getPayment(IDS.cardPaid)));
    assert.equal(payments.length, 50);
    const s = await stats(server);
    assert.equal(s.getToken, 1);
    assert.equal(s.byRoute[GET_PAYMENT], 50);
  });

  test("the token is reused across calls and methods", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid);
    await client.findPayment("order-card-paid");
    await client.verifyPayment(IDS.cardPaid, CARD_PAID_ORDER);
    assert.equal((await stats(server)).getToken, 1);
  });

  test("an expired token (server clock advanced) is replaced by a new one", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid);
    const firstTokens = new Set(tokensSeen);
    await advanceClock(server, 31 * 60);
    const payment = await client.getPayment(IDS.cardPaid);
    assert.equal(payment.imp_uid, IDS.cardPaid);
    const s = await stats(server);
    assert.equal(s.getToken, 2);
    assert.equal(s.byRoute[GET_PAYMENT], 3, "first call, the 401, the resend");
    assert.ok([...tokensSeen].some((t) => !firstTokens.has(t)), "a new token was used");
    // And it is cached again.
    await client.getPayment(IDS.cardPaid);
    assert.equal((await stats(server)).getToken, 2);
  });

  test("a 401 drops the token, fetches one and resends once", async () => {
    const client = newClient();
    await client.getPayment(IDS.cardPaid);
    await fault(server, "unauthorized", 1, GET_PAYMENT);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
    const s = await stats(server);
    assert.deepEqual([s.getToken, s.byRoute[GET_PAYMENT]], [2, 3]);
  });

  test("a second 401 is UNAUTHORIZED: one refresh, one resend, no more", async () => {
    const client = newClient();
    await fault(server, "unauthorized", 5, GET_PAYMENT);
    await rejectsWith(client.getPayment(IDS.cardPaid), "UNAUTHORIZED", { status: 401 });
    const s = await stats(server);
    assert.deepEqual([s.getToken, s.byRoute[GET_PAYMENT]], [2, 2]);
  });

  test("a cancellation is resent once after a 401, and only then", async () => {
    const client = newClient();
    const created = await createPayment(server, { merchant_uid: "order-401-cancel", amount: 3000 });
    await fault(server, "unauthorized", 1, CANCEL);
    const cancelled = await client.cancelPayment({ impUid: created.imp_uid });
    assert.equal(cancelled.status, "cancelled");
    assert.equal(await countOf(server, CANCEL), 2);
  });

  test("wrong credentials are UNAUTHORIZED at once, without the secret in the error", async () => {
    const secret = "sk_live_this_must_never_leak_0123456789";
    const client = new PortOneClient({ apiKey: API_KEY, apiSecret: secret, baseUrl: server.url });
    const error = await rejectsWith(client.getPayment(IDS.cardPaid), "UNAUTHORIZED", { status: 401 });
    assertNoSecrets(error, [secret]);
    const s = await stats(server);
    assert.deepEqual([s.getToken, s.requests], [1, 1], "bad credentials are not retried");
  });

  test("the token request is retried like a read", async () => {
    const client = impatientClient();
    await fault(server, "status=503", 1, GET_TOKEN);
    assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
    assert.equal((await stats(server)).getToken, 2);
  });

  test("a fetch that ignores its AbortSignal still times out, for every caller sharing it", async () => {
    const client = newClient({ timeoutMs: 100, maxRetries: 0 });
    let hung = 0;
    await withFetch(
      (input, init, realFetch) => {
        if (String(input).endsWith("/users/getToken") && hung === 0) {
          hung += 1;
          return new Promise(() => {}); // never settles, ignores the abort
        }
        return realFetch(input, init);
      },
      async () => {
        const first = client.getPayment(IDS.cardPaid);
        const second = client.getPayment(IDS.cardPaid);
        await rejectsWith(first, "TIMEOUT");
        // `second` joined the stuck request; once it settled (as a timeout) it shares that
        // outcome. A later call starts afresh.
        await rejectsWith(second, "TIMEOUT");
        assert.equal((await client.getPayment(IDS.cardPaid)).imp_uid, IDS.cardPaid);
      },
    );
    assert.equal(hung, 1);
    assert.equal((await stats(server)).getToken, 1);
  });

  test("concurrent calls share a failed token request too", async () => {
    const client = impatientClient({ maxRetries: 0 });
    await fault(server, "status=500", 1, GET_TOKEN);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.getPayment(IDS.cardPaid)));
    assert.ok(results.every((r) => r.status === "rejected" && r.reason.code === "SERVER_ERROR"));
    assert.equal((await stats(server)).getToken, 1);
    // The failure is not cached: the next call asks again.
    await client.getPayment(IDS.cardPaid);
    assert.equal((await stats(server)).getToken, 2);
  });
});
