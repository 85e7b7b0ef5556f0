// Side by side: our `verifyWebhookV2` against the official `@portone/server-sdk`
// `Webhook.verify` on the same deterministic cases; accept/reject and reason must agree.
//
// Run: node --test tests/node/   (package from target/pkg-node, or PORTONE_VERIFY_PKG=<path>)

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, test } from "node:test";

import { Webhook } from "@portone/server-sdk";

const require = createRequire(import.meta.url);
const pkgPath = process.env.PORTONE_VERIFY_PKG
  ? path.resolve(process.cwd(), process.env.PORTONE_VERIFY_PKG)
  : "../../target/pkg-node/portone_verify.js";
const { verifyWebhookV2, parseWebhookV1 } = require(pkgPath);

const REASONS = new Set([
  "MISSING_REQUIRED_HEADERS",
  "NO_MATCHING_SIGNATURE",
  "INVALID_SIGNATURE",
  "TIMESTAMP_TOO_OLD",
  "TIMESTAMP_TOO_NEW",
]);

// ---------------------------------------------------------------------------------------
// Deterministic randomness (mulberry32).

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(0x5eed_2024);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[int(0, list.length - 1)];
const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
const UNICODE = ["결제", "주문", "é", "😀", "\u00a0", "\\", '"', "\n"];
const str = (n) => Array.from({ length: n }, () => (random() < 0.1 ? pick(UNICODE) : pick(ALPHABET))).join("");
const bytes = (n) => Uint8Array.from({ length: n }, () => int(0, 255));

const TYPES = [
  "Transaction.Ready",
  "Transaction.Paid",
  "Transaction.VirtualAccountIssued",
  "Transaction.Failed",
  "Transaction.Cancelled",
  "Transaction.PartialCancelled",
  "BillingKey.Issued",
  "Something.New",
];

function randomBody() {
  const type = pick(TYPES);
  const data = type.startsWith("BillingKey.")
    ? { billingKey: `billing-key-${str(12)}`, storeId: `store-${str(8)}` }
    : { paymentId: str(int(1, 40)), storeId: `store-${str(8)}`, transactionId: str(16) };
  if (type.includes("Cancel")) data.cancellationId = str(10);
  if (random() < 0.3) data.extra = { nested: [1, "two", null] };
  const body = { type, timestamp: new Date(int(1.7e12, 1.8e12)).toISOString(), data };
  return JSON.stringify(body, null, pick([0, 0, 2, "\t"]));
}

// ---------------------------------------------------------------------------------------
// Signing, independent of both implementations.

const b64 = (buf) => Buffer.from(buf).toString("base64");

function sign(key, id, timestamp, body) {
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** A valid case: secret text, key bytes, headers, body and the clock (ms). */
function base(overrides = {}) {
  const key = overrides.key ?? bytes(int(1, 64));
  const secret = overrides.secret ?? (random() < 0.7 ? `whsec_${b64(key)}` : b64(key));
  const nowSec = overrides.nowSec ?? int(1_600_000_000, 1_900_000_000);
  const nowMs = nowSec * 1000 + int(0, 999);
  const id = overrides.id ?? `msg_${str(int(1, 30))}`;
  const timestamp = overrides.timestamp ?? String(nowSec + (overrides.offset ?? int(-300, 300)));
  const body = overrides.body ?? randomBody();
  const signature = sign(key, id, timestamp, body);
  const headers = {
    "webhook-id": id,
    "webhook-timestamp": timestamp,
    "webhook-signature": signature,
    "content-type": "application/json",
  };
  return { name: overrides.name ?? "valid", key, secret, nowMs, nowSec, id, timestamp, body, signature, headers };
}

function withHeaders(c, patch, name) {
  const headers = { ...c.headers };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return { ...c, headers, name };
}

function resigned(c, timestamp, name) {
  const signature = sign(c.key, c.id, timestamp, c.body);
  return withHeaders(
    { ...c, timestamp, signature },
    { "webhook-timestamp": timestamp, "webhook-signature": signature },
    name,
  );
}

const flipByte = (text) => {
  const at = int(0, text.length - 1);
  const code = text.charCodeAt(at);
  return text.slice(0, at) + String.fromCharCode(code === 0x7b ? 0x7c : code ^ 1) + text.slice(at + 1);
};

/** Every mutation of one valid case. */
function mutations(c) {
  const sig = c.signature.slice(3);
  const wrong = sign(c.key, `${c.id}x`, c.timestamp, c.body);
  const otherKey = sign(bytes(32), c.id, c.timestamp, c.body);
  return [
    c,
    withHeaders(c, { "webhook-id": undefined }, "missing webhook-id"),
    withHeaders(c, { "webhook-timestamp": undefined }, "missing webhook-timestamp"),
    withHeaders(c, { "webhook-signature": undefined }, "missing webhook-signature"),
    withHeaders(c, { "webhook-id": "" }, "empty webhook-id"),
    withHeaders(
      c,
      { "webhook-id": undefined, "Webhook-Id": c.id, "webhook-signature": undefined, "WEBHOOK-SIGNATURE": c.signature },
      "mixed-case names",
    ),
    withHeaders(c, { "webhook-id": undefined, "WEBHOO\u212A-ID": c.id }, "Kelvin sign lower-cases to k"),
    withHeaders(c, { "Webhook-Id": c.id }, "webhook-id given twice"),
    withHeaders(c, { "webhook-signature": [c.signature] }, "array with one value"),
    withHeaders(c, { "webhook-signature": [null, c.signature, undefined] }, "array with nulls"),
    withHeaders(c, { "webhook-signature": [c.signature, c.signature] }, "array with two values"),
    withHeaders(c, { "webhook-timestamp": Number(c.timestamp) }, "number header value"),
    withHeaders(c, { "webhook-id": null }, "null header value"),
    resigned(c, String(c.nowSec - 301), "timestamp -301 s"),
    resigned(c, String(c.nowSec + 301), "timestamp +301 s"),
    resigned(c, String(c.nowSec - 300), "timestamp -300 s"),
    resigned(c, String(c.nowSec + 300), "timestamp +300 s"),
    resigned(c, "hello", "non-numeric timestamp"),
    resigned(c, `${c.nowSec}abc`, "numeric prefix timestamp"),
    resigned(c, ` +${c.nowSec}`, "space and plus timestamp"),
    resigned(c, `${c.nowSec}.9`, "fractional timestamp"),
    resigned(c, "99999999999999999999999", "huge timestamp"),
    resigned(c, "-5", "negative timestamp"),
    withHeaders(c, { "webhook-signature": "v1," }, "partial signature v1,"),
    withHeaders(c, { "webhook-signature": c.signature.slice(0, 8) }, "first 8 chars"),
    withHeaders(c, { "webhook-signature": c.signature.slice(0, -4) }, "truncated signature"),
    withHeaders(c, { "webhook-signature": sig }, "no version"),
    withHeaders(c, { "webhook-signature": `v2,${sig}` }, "only v2"),
    withHeaders(c, { "webhook-signature": `v2,${sig} ${wrong} v1,!!! v1 ${c.signature}` }, "rotated, one valid"),
    withHeaders(c, { "webhook-signature": `${wrong} ${otherKey} v2,${sig}` }, "none valid"),
    withHeaders(c, { "webhook-signature": c.signature.replace(/=+$/, "") }, "unpadded"),
    withHeaders(c, { "webhook-signature": `${c.signature},extra` }, "extra field"),
    withHeaders(c, { "webhook-signature": `${c.signature.slice(0, 10)}\n${c.signature.slice(10)}` }, "newline in base64"),
    withHeaders(c, { "webhook-signature": `${c.signature}  ` }, "trailing spaces"),
    { ...c, body: flipByte(c.body), name: "body changed by one byte" },
    { ...c, body: `${c.body} `, name: "body with a trailing space" },
    { ...c, secret: "", name: "empty secret" },
    { ...c, secret: "whsec_", name: "empty secret with prefix" },
    { ...c, secret: "whsec_!not*base64", name: "invalid secret" },
    { ...c, secret: 12345, name: "secret of the wrong type" },
    { ...c, secret: new Uint8Array(0), name: "empty raw secret" },
    { ...c, secret: Uint8Array.from(c.key), name: "raw secret" },
    { ...c, secret: b64(bytes(32)), name: "wrong secret" },
    { ...withHeaders(c, { "webhook-id": undefined }), secret: "", name: "bad secret and missing header" },
    { ...resigned(c, String(c.nowSec - 1000)), secret: "", name: "bad secret and old timestamp" },
    { ...resigned(c, "x"), secret: 7, name: "bad secret and non-numeric timestamp" },
    { ...c, headers: null, name: "headers null" },
    { ...c, headers: "webhook-id: x", name: "headers a string" },
  ];
}

// ---------------------------------------------------------------------------------------
// Running both.

async function sdkOutcome(c) {
  const realNow = Date.now;
  Date.now = () => c.nowMs;
  try {
    const result = await Webhook.verify(c.secret, c.body, c.headers);
    return { outcome: "OK", result };
  } catch (err) {
    if (err instanceof Webhook.WebhookVerificationError) return { outcome: err.reason };
    if (err instanceof Webhook.InvalidInputError) return { outcome: "INVALID_SECRET" };
    if (err instanceof SyntaxError) return { outcome: "INVALID_JSON" };
    throw err;
  } finally {
    Date.now = realNow;
  }
}

function ourOutcome(c) {
  try {
    return { outcome: "OK", result: verifyWebhookV2(c.secret, c.body, c.headers, { now: c.nowMs }) };
  } catch (err) {
    assert.ok(err instanceof Error, "a real Error");
    assert.equal(err.name, "PortOneVerifyError");
    if (REASONS.has(err.code)) assert.equal(err.reason, err.code);
    if (typeof c.secret === "string" && c.secret.length > 6) {
      const seen = `${err.message} ${err.stack} ${JSON.stringify(err)}`;
      assert.ok(!seen.includes(c.secret.replace(/^whsec_/, "")), "the error never contains the secret");
    }
    return { outcome: err.code };
  }
}

async function compare(c) {
  const sdk = await sdkOutcome(c);
  const ours = ourOutcome(c);
  assert.equal(ours.outcome, sdk.outcome, `${c.name}: ours ${ours.outcome}, SDK ${sdk.outcome}`);
  if (sdk.outcome === "OK") {
    assert.equal(ours.result.type, sdk.result.type, c.name);
    assert.equal(ours.result.timestamp, sdk.result.timestamp, c.name);
    for (const field of ["paymentId", "storeId", "transactionId", "cancellationId", "billingKey"]) {
      assert.equal(ours.result.data[field], sdk.result.data[field] ?? null, `${c.name}: data.${field}`);
    }
  }
  return sdk.outcome;
}

describe("verifyWebhookV2 agrees with @portone/server-sdk Webhook.verify", () => {
  test("every mutation of fixed and random valid cases", async () => {
    const cases = [
      ...mutations(base({ name: "fixed" , nowSec: 1_714_039_200, offset: 0 })),
      ...Array.from({ length: 6 }, () => mutations(base())).flat(),
    ];
    const seen = new Map();
    for (const c of cases) {
      const outcome = await compare(c);
      seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
    }
    assert.ok(cases.length >= 50, `${cases.length} cases`);
    for (const outcome of ["OK", "INVALID_SECRET", ...REASONS]) {
      assert.ok(seen.get(outcome) > 0, `some case ends in ${outcome}`);
    }
  });

  test("random secrets, bodies, timestamps and headers", async () => {
    for (let i = 0; i < 200; i++) {
      const c = base({ offset: int(-420, 420) });
      const all = mutations(c);
      await compare(pick(all));
      await compare(c);
    }
  });

  test("a validly signed body that is not JSON", async () => {
    const c = base({ body: "not json", offset: 0 });
    assert.equal(await compare(c), "INVALID_JSON");
  });

  test("the Standard Webhooks known-answer vector", async () => {
    const c = {
      name: "known answer",
      secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
      body: '{"email":"test@example.com","username":"test_user"}',
      headers: {
        "webhook-id": "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
        "webhook-timestamp": "1649367553",
        "webhook-signature": "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
      },
      nowMs: 1_649_367_553_000,
    };
    assert.equal((await sdkOutcome(c)).outcome, "OK");
    // Verified; the body is not a PortOne webhook (no `type`), which only we check.
    assert.equal(ourOutcome(c).outcome, "MISSING_FIELD");
    // Non-zero trailing bits ("w" -> "x" changes only discarded bits): the same bytes for atob.
    c.headers["webhook-signature"] = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkx=";
    assert.equal((await sdkOutcome(c)).outcome, "OK");
    assert.equal(ourOutcome(c).outcome, "MISSING_FIELD");
    c.headers["webhook-signature"] = "v1,tZ1I5/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=";
    assert.equal((await sdkOutcome(c)).outcome, "NO_MATCHING_SIGNATURE");
    assert.equal(ourOutcome(c).outcome, "NO_MATCHING_SIGNATURE");
  });
});

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
