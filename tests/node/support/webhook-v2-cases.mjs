// Shared by the V2 webhook tests (webhook-v2-vs-sdk.test.mjs, webhook-inputs.test.mjs): the
// package, deterministic random cases signed independently of both implementations, their
// mutations, and both implementations run on a case: our `verifyWebhookV2` and the official
// `@portone/server-sdk` `Webhook.verify`.
//
// The package: target/pkg-node (make pkg-node), or PORTONE_VERIFY_PKG resolved from the cwd.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";

import { Webhook } from "@portone/server-sdk";

const require = createRequire(import.meta.url);
const pkgPath = process.env.PORTONE_VERIFY_PKG
  ? path.resolve(process.cwd(), process.env.PORTONE_VERIFY_PKG)
  : "../../../target/pkg-node/portone_verify.js";
export const { verifyWebhookV2, parseWebhookV1 } = require(pkgPath);

export const REASONS = new Set([
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
export const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
export const pick = (list) => list[int(0, list.length - 1)];
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
export function base(overrides = {}) {
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

export function resigned(c, timestamp, name) {
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
export function mutations(c) {
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

export async function sdkOutcome(c) {
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

export function ourOutcome(c) {
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

export async function compare(c) {
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
