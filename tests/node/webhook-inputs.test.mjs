// What the comparison with the SDK (webhook-v2-vs-sdk.test.mjs) does not cover: the inputs
// `verifyWebhookV2` takes beyond the SDK's (Headers, bytes, raw keys, its reused buffer and key
// cache, the default clock, unusable arguments), and `parseWebhookV1`, which has no SDK
// counterpart. The cases and both runners are in support/webhook-v2-cases.mjs.
//
// Run: node --test tests/node/   (package from target/pkg-node, or PORTONE_VERIFY_PKG=<path>)

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { base, compare, parseWebhookV1, resigned, verifyWebhookV2 } from "./support/webhook-v2-cases.mjs";

describe("verifyWebhookV2 beyond the SDK", () => {
  test("accepts a WHATWG Headers object and bytes", () => {
    const c = base({ offset: 0, id: "msg_2lYxWJzcN8Rr3cRWz4ZuDAGAQNc" }); // Headers values are ByteStrings
    const headers = new Headers(c.headers);
    const viaHeaders = verifyWebhookV2(c.secret, c.body, headers, { now: c.nowMs });
    assert.equal(viaHeaders.type, JSON.parse(c.body).type);
    const bodyBytes = new TextEncoder().encode(c.body);
    assert.equal(verifyWebhookV2(c.secret, bodyBytes, headers, { now: c.nowMs }).type, viaHeaders.type);
    assert.equal(verifyWebhookV2(c.secret, bodyBytes.buffer, c.headers, { now: c.nowMs }).type, viaHeaders.type);
    headers.delete("webhook-id");
    assert.throws(() => verifyWebhookV2(c.secret, c.body, headers, { now: c.nowMs }), {
      code: "MISSING_REQUIRED_HEADERS",
    });
  });

  test("bodies larger than the reused buffer, before and after small ones", async () => {
    // 4 KB is the buffer's first size and 64 KB the most it keeps between calls.
    for (const size of [100, 5_000, 200_000, 100, 70_000]) {
      const pad = "결제 ".repeat(size / 3);
      const body = JSON.stringify({ type: "Transaction.Paid", timestamp: "2024-04-25T10:00:00.000Z", data: { paymentId: "p", pad } });
      const c = base({ body, offset: 0, name: `body of ${body.length} UTF-16 units` });
      assert.equal(await compare(c), "OK");
      assert.equal(await compare({ ...c, body: `${body} `, name: "changed big body" }), "NO_MATCHING_SIGNATURE");
      const bytes = new TextEncoder().encode(body);
      assert.equal(verifyWebhookV2(c.secret, bytes, c.headers, { now: c.nowMs }).data.paymentId, "p");
    }
  });

  test("empty texts are read as empty, not as what an earlier call left", async () => {
    const c = base({ offset: 0 });
    assert.equal(await compare(c), "OK");
    const empty = { "webhook-id": "", "webhook-timestamp": "", "webhook-signature": "" };
    const key = Uint8Array.from(c.key);
    assert.equal(await compare({ ...c, secret: key, body: "", headers: empty, name: "all empty" }), "MISSING_REQUIRED_HEADERS");
    assert.equal(await compare({ ...resigned(c, c.timestamp), body: "", name: "empty body" }), "NO_MATCHING_SIGNATURE");
  });

  test("a call from inside a header getter has its own reading", () => {
    const inner = base({ offset: 0, name: "inner" });
    const outer = base({ offset: 0, name: "outer" });
    let innerType;
    const headers = {
      get "webhook-id"() {
        innerType = verifyWebhookV2(inner.secret, inner.body, inner.headers, { now: inner.nowMs }).type;
        return outer.id;
      },
      "webhook-timestamp": outer.timestamp,
      "webhook-signature": outer.signature,
    };
    assert.equal(verifyWebhookV2(outer.secret, outer.body, headers, { now: outer.nowMs }).type, JSON.parse(outer.body).type);
    assert.equal(innerType, JSON.parse(inner.body).type);
  });

  test("each secret keys only its own webhooks, over more secrets than are kept", () => {
    const cases = Array.from({ length: 7 }, () => base({ offset: 0 }));
    for (let round = 0; round < 3; round++) {
      for (const [i, c] of cases.entries()) {
        assert.equal(verifyWebhookV2(c.secret, c.body, c.headers, { now: c.nowMs }).type, JSON.parse(c.body).type);
        const other = cases[(i + 1) % cases.length];
        assert.throws(() => verifyWebhookV2(other.secret, c.body, c.headers, { now: c.nowMs }), {
          code: "NO_MATCHING_SIGNATURE",
        });
      }
    }
    // The text of a secret and the same characters as raw key bytes are different keys.
    const c = cases[0];
    const text = c.secret.replace(/^whsec_/, "");
    assert.equal(verifyWebhookV2(text, c.body, c.headers, { now: c.nowMs }).type, JSON.parse(c.body).type);
    assert.throws(() => verifyWebhookV2(new TextEncoder().encode(text), c.body, c.headers, { now: c.nowMs }), {
      code: "NO_MATCHING_SIGNATURE",
    });
    assert.equal(verifyWebhookV2(Uint8Array.from(c.key), c.body, c.headers, { now: c.nowMs }).type, JSON.parse(c.body).type);
  });

  test("defaults to Date.now()", () => {
    const c = base({ nowSec: Math.floor(Date.now() / 1000), offset: 0 });
    assert.equal(verifyWebhookV2(c.secret, c.body, c.headers).type, JSON.parse(c.body).type);
    assert.equal(verifyWebhookV2(c.secret, c.body, c.headers, {}).type, JSON.parse(c.body).type);
    const old = resigned(c, String(c.nowSec - 3600));
    assert.throws(() => verifyWebhookV2(old.secret, old.body, old.headers), { code: "TIMESTAMP_TOO_OLD" });
  });

  test("rejects unusable arguments with their own codes", () => {
    const c = base({ offset: 0 });
    assert.throws(() => verifyWebhookV2(c.secret, JSON.parse(c.body), c.headers, { now: c.nowMs }), {
      code: "INVALID_INPUT",
    });
    assert.throws(() => verifyWebhookV2(c.secret, c.body, c.headers, { now: "soon" }), { code: "INVALID_ARGUMENT" });
    assert.throws(() => verifyWebhookV2(c.secret, c.body, c.headers, { now: NaN }), { code: "INVALID_ARGUMENT" });
  });
});

describe("parseWebhookV1", () => {
  test("JSON, form, parsed object and URLSearchParams", () => {
    const expected = { imp_uid: "imp_1", merchant_uid: "order 1", status: "paid", cancellation_id: null };
    const json = '{"imp_uid":"imp_1","merchant_uid":"order 1","status":"paid","extra":1}';
    assert.deepEqual(parseWebhookV1(json, "application/json"), expected);
    assert.deepEqual(parseWebhookV1(json), expected);
    assert.deepEqual(parseWebhookV1(new TextEncoder().encode(json)), expected);
    const form = "imp_uid=imp_1&merchant_uid=order+1&status=paid";
    assert.deepEqual(parseWebhookV1(form, "application/x-www-form-urlencoded"), expected);
    assert.deepEqual(parseWebhookV1(form), expected);
    assert.deepEqual(parseWebhookV1(new URLSearchParams(form)), expected);
    // A body parser's object, whatever the original content type.
    assert.deepEqual(
      parseWebhookV1({ imp_uid: "imp_1", merchant_uid: "order 1", status: "paid" }, "application/x-www-form-urlencoded"),
      expected,
    );
  });

  test("missing fields", () => {
    assert.throws(() => parseWebhookV1('{"merchant_uid":"o"}'), { code: "MISSING_FIELD", path: "imp_uid" });
    assert.throws(() => parseWebhookV1("imp_uid=imp_1"), { code: "MISSING_FIELD", path: "merchant_uid" });
  });
});
