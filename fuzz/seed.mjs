#!/usr/bin/env node
// Seed inputs for every fuzz target, from the repository's own test data: the fixtures
// (tests/fixtures/, V2's in tests/fixtures/v2/), the inputs of the golden tests (tests/golden/:
// a base fixture with one field replaced or removed, the client answers, V2's browser results
// and bodies that are no payment) and the local PortOne server's seeded V1 and V2 payments and
// webhooks (tests/portone-server/). `scripts/fuzz seed` writes them to a scratch
// directory and minimises them into fuzz/corpus/<target>/ with `cargo fuzz cmin`.
//
// Usage: node fuzz/seed.mjs <out-dir>   (writes <out-dir>/<target>/<n>)

import { createHash, createHmac } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { seedPayments } from "../tests/portone-server/seeds.mjs";
import { seedV2Payments, V2_DEFAULTS } from "../tests/portone-server/v2/seeds.mjs";
import { stringify as stringifyV2 } from "../tests/portone-server/v2/json.mjs";
import { webhookBody } from "../tests/portone-server/v2/webhook.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv[2];
if (!out) {
  console.error("usage: node fuzz/seed.mjs <out-dir>");
  process.exit(2);
}

/** 2024-04-25T10:00:00Z: the fuzz targets' clock (webhook_v2_signature's NOW). */
const NOW = 1714039200;

const f64 = (x) => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return b;
};
const read = (path) => readFileSync(join(root, path));
const text = (path) => read(path).toString("utf8");
const dir = (path) => readdirSync(join(root, path)).sort().map((name) => join(path, name));
const envelope = (response, code = 0, message = null) =>
  `{"code":${code},"message":${JSON.stringify(message)},"response":${response}}`;

/** The golden tables' inputs: `field <- value => …` over `base` (value spelled as recorded). */
function goldenFields(path, base, lines = text(path).split("\n")) {
  const docs = [];
  for (const line of lines) {
    const m = /^(\S+) <- (.*?) => /.exec(line);
    if (!m) continue;
    const [, field, raw] = m;
    const rest = { ...base };
    delete rest[field];
    let doc = JSON.stringify(rest);
    if (raw !== "(removed)") {
      doc = `${doc.slice(0, -1)}${Object.keys(rest).length ? "," : ""}${JSON.stringify(field)}:${raw}}`;
    }
    docs.push(doc);
  }
  return docs;
}

// ---- V1 payments: fixtures, golden variations, the local server's seeds.
const paymentFixtures = dir("tests/fixtures/payments").map(text);
// The golden variations over a small payment (the fields verification reads), so that seeds,
// and the corpus grown from them, stay small.
const bareBase = JSON.parse(text("tests/fixtures/payments/bare-card-paid.json"));
const smallBase = Object.fromEntries(
  ["imp_uid", "merchant_uid", "pay_method", "amount", "cancel_amount", "currency", "status", "sandbox", "vbank_num"]
    .map((k) => [k, bareBase[k]]),
);
const paymentVariations = goldenFields("tests/golden/payment-fields.txt", smallBase).concat(
  goldenFields("tests/golden/payment-nested.txt", smallBase),
);
const serverPayments = seedPayments(NOW).map((p) => JSON.stringify(p));
const payments = [
  paymentFixtures[0],
  ...paymentFixtures.map((p) => JSON.stringify(JSON.parse(p))),
  ...serverPayments.map((p) => envelope(p)),
  ...serverPayments.slice(0, 3),
  JSON.stringify(smallBase),
  envelope(JSON.stringify(smallBase)),
  ...paymentVariations,
  ...paymentVariations.map((p) => envelope(p)),
  envelope("null", 1, "존재하지 않는 결제정보입니다."),
  envelope("null", -1, "Unauthorized"),
];

/** Verify targets: a flag byte (see fuzz/src/payment.rs `expected_for`), then the body. */
const VERIFY_FLAGS = [0xc0, 0xd8, 0xc1, 0xde, 0xc8, 0x00];
const verifyInputs = payments.map((body, i) =>
  Buffer.concat([Buffer.from([VERIFY_FLAGS[i % VERIFY_FLAGS.length]]), Buffer.from(body)]),
);

// ---- Callbacks and redirect queries.
const callbackFixtures = dir("tests/fixtures/callbacks").map(text);
const callbackBase = {
  success: true, imp_uid: "imp_1", merchant_uid: "o1", pay_method: "card", paid_amount: 1004, status: "paid",
};
const callbacks = [...callbackFixtures, ...goldenFields("tests/golden/callback-fields.txt", callbackBase)];
const redirects = [
  "https://shop.example/done?imp_uid=imp_1&merchant_uid=o%2D1&imp_success=true",
  "?imp_uid=imp_1&imp_success=false&error_code=F400&error_msg=%EA%B2%B0%EC%A0%9C+%EC%B7%A8%EC%86%8C",
  "imp_uid=imp_1&merchant_uid=order-1&success=true#frag",
  "https://shop.example/done",
  "https://shop.example/done?imp_uid=&merchant_uid=%20",
  "https://shop.example/done?imp_uid=a&imp_uid=b",
  ...callbackFixtures.map((c) => `https://shop.example/r?${new URLSearchParams(
    Object.entries(JSON.parse(c)).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]),
  )}`),
];

// ---- Webhooks.
const webhookV1 = [
  Buffer.concat([Buffer.from([1]), read("tests/fixtures/webhook/v1-paid.json")]),
  Buffer.concat([Buffer.from([0]), read("tests/fixtures/webhook/v1-paid.json")]),
  Buffer.concat([Buffer.from([2]), read("tests/fixtures/webhook/v1-cancelled.form")]),
  Buffer.concat([Buffer.from([0]), read("tests/fixtures/webhook/v1-cancelled.form")]),
  Buffer.from('\x06{"imp_uid":"imp_1","merchant_uid":"order-1","status":"cancelled","cancellation_id":"c-1"}'),
  Buffer.from("\x04imp_uid=imp_1&merchant_uid=order%201&status=paid&imp_uid=imp_2"),
];
const v2Base = JSON.parse(text("tests/fixtures/webhook/v2-transaction-paid.json"));
const v2Types = [
  "Transaction.Ready", "Transaction.Paid", "Transaction.VirtualAccountIssued", "Transaction.Failed",
  "Transaction.PayPending", "Transaction.Confirm", "Transaction.PartialCancelled", "Transaction.Cancelled",
  "Transaction.CancelPending", "BillingKey.Issued", "BillingKey.Deleted", "Payout.Done",
];
const v2Bodies = [
  ...dir("tests/fixtures/webhook").filter((p) => p.includes("v2-")).map(text),
  ...goldenFields("tests/golden/webhook-v2-fields.txt", v2Base),
  ...v2Types.map((type) =>
    webhookBody({
      version: "2024-04-25", type, timestamp: NOW, paymentId: "payment-1", storeId: V2_DEFAULTS.storeId,
      transactionId: "tx-1", payment: { amount: { total: 1004n }, cancellations: [{ id: "c-1" }] }, billingKey: "bk-1",
    }).body,
  ),
];
const secret = V2_DEFAULTS.webhookSecret;
const key = Buffer.from(secret.slice("whsec_".length), "base64");
const sign = (id, ts, body) => createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest("base64");
const signatureInputs = [];
v2Bodies.slice(0, 24).forEach((body, i) => {
  const id = `msg_${createHash("sha256").update(String(i)).digest("base64url").slice(0, 22)}`;
  const ts = String(NOW + [0, -299, 300, -301, 301, 17][i % 6]);
  const lines = [
    [0x00, id, ts, `v1,${sign(id, ts, body)}`, secret],
    [0x01, id, ts, "v1a,ignored v2,x", secret],
    [0x02, id, ` ${ts}abc`, `v1,${sign(id, ` ${ts}abc`, body)}`, secret.slice("whsec_".length)],
    [0x09, id, ts, "", "whsec_"],
  ][i % 4];
  const [flags, ...header] = lines;
  signatureInputs.push(Buffer.concat([Buffer.from([flags]), Buffer.from(`${header.join("\n")}\n${body}`)]));
});

// ---- Client answers (an HTTP-status byte, then the body).
const clientAnswers = text("tests/golden/client-answers.txt")
  .split("\n").map((l) => l.split(" => ")[0]).filter(Boolean);
const page = (list) => envelope(`{"total":${list.length},"previous":0,"next":0,"list":[${list.join(",")}]}`);
const clientBodies = [
  ...clientAnswers.map((a) => envelope(a)),
  ...clientAnswers.slice(0, 4),
  ...serverPayments.slice(0, 4).map((p) => envelope(p)),
  envelope(`[${serverPayments.slice(0, 3).join(",")}]`),
  envelope(`[${serverPayments[0]}]`, 1, "일부 결제정보가 없습니다."),
  page(serverPayments.slice(0, 2)),
  envelope(`[${serverPayments[1]}]`),
  envelope('{"access_token":"tok","expired_at":1700001800,"now":1700000000}'),
  envelope('{"merchant_uid":"order-1","amount":1004}'),
  envelope("null", -1, "Unauthorized"),
  "<html>502 Bad Gateway</html>",
];
const retryAfter = ["120", "Sun, 06 Nov 1994 08:49:37 GMT", "Thu, 01 Jan 1970 00:00:10 GMT", "Fri, 31 Dec 19999 23:59:59 GMT"]
  .flatMap((header) => [0, 10, 11, 7].map((status) =>
    Buffer.concat([Buffer.from([status]), Buffer.from(header), Buffer.from([0xff]), f64(1.7e12)]),
  ));
const STATUS_PICKS = [0, 3, 7, 10, 11];
const clientInputs = clientBodies.map((body, i) =>
  Buffer.concat([Buffer.from([STATUS_PICKS[i % STATUS_PICKS.length]]), Buffer.from(body)]),
).concat(retryAfter);

// ---- Amounts (mode byte, then text).
const amountTexts = [
  "1004", "-7", "0", "-0.0", "10.10", "0010.100", "1.5e2", "15E-3", "1e309", "1.7976931348623157e308",
  "1e-401", "12345678901234567890.123456789", "0.1", "1e3", "9007199254740993", "1.0000000000000002",
];
const amountInputs = [
  ...amountTexts.map((t) => Buffer.from(`\x00${t}`)),
  Buffer.concat([Buffer.from("\x0110.1"), Buffer.from([0xff]), Buffer.from("10.10")]),
  Buffer.concat([Buffer.from("\x011e3"), Buffer.from([0xff]), Buffer.from("1000.000")]),
  ...[0.1, 1004, 5e-324, 1.7976931348623157e308, -0, 12.25].map((x) => Buffer.concat([Buffer.from([2]), f64(x)])),
  Buffer.from('\x03"1004.50"'),
  Buffer.from("\x031e3"),
];

// ---- V2 payments: the local server's seeds, the fixtures (as written: big-amount holds 2^53 + 1),
// the golden variations of the paid-card fixture (top-level fields, then `amount` and `channel`
// fields) and the bodies that are no payment.
const v2ServerPayments = seedV2Payments(NOW, { storeId: V2_DEFAULTS.storeId, merchantId: V2_DEFAULTS.merchantId })
  .map((p) => stringifyV2(p));
/** JSON text without the whitespace between tokens (numbers stay as written). */
const compact = (json) => json.replace(/("(?:[^"\\]|\\.)*")|\s+/g, (m, string) => string ?? "");
const v2Fixtures = dir("tests/fixtures/v2").map((path) => compact(text(path)));
// The golden variations over a small paid payment (the required fields and those verification
// reads), so that seeds, and the corpus grown from them, stay small.
const v2PaidCard = Object.fromEntries(
  Object.entries(JSON.parse(text("tests/fixtures/v2/paid-card.json"))).filter(([k]) => [
    "status", "id", "transactionId", "merchantId", "storeId", "channel", "version", "requestedAt", "updatedAt",
    "statusChangedAt", "orderName", "amount", "currency", "customer", "origin", "paidAt",
  ].includes(k)),
);
Object.assign(v2PaidCard, {
  id: "order-1", transactionId: "tx-1", merchantId: "m", storeId: "store-1", orderName: "Book", customer: {},
  channel: { type: "LIVE", pgProvider: "KCP_V2", pgMerchantId: "m" }, origin: { platformType: "PC", ipAddress: "::1" },
});
const AMOUNT_KEYS = new Set(["total", "taxFree", "vat", "supply", "discount", "paid", "cancelled", "cancelledTaxFree"]);
const v2Variations = [
  ...goldenFields("tests/golden/v2-payment-fields.txt", v2PaidCard),
  ...goldenFields("tests/golden/v2-nested.txt", v2PaidCard),
  ...text("tests/golden/v2-amount-channel-fields.txt").split("\n").flatMap((line) => {
    const m = /^(\S+) <- (.*?) => /.exec(line);
    if (!m) return [];
    const part = AMOUNT_KEYS.has(m[1]) ? "amount" : "channel";
    const [inner] = goldenFields(null, v2PaidCard[part], [line]);
    const outer = JSON.stringify({ ...v2PaidCard, [part]: null });
    return [outer.replace(`"${part}":null`, `"${part}":${inner}`)];
  }),
];
const v2NotPayments = text("tests/golden/v2-not-payments.txt")
  .split("\n").map((l) => l.split(" => ")[0]).filter(Boolean);
const v2Payments = [...v2ServerPayments, ...v2Fixtures, ...v2Variations, ...v2NotPayments];
/** verify_v2: a flag byte (fuzz/src/payment_v2.rs `expected_for`), then the body. */
const VERIFY_V2_FLAGS = [0xc0, 0x00, 0xc1, 0x81, 0xc3, 0xe5, 0xd8, 0x41];
const verifyV2Inputs = v2Payments.map((body, i) =>
  Buffer.concat([Buffer.from([VERIFY_V2_FLAGS[i % VERIFY_V2_FLAGS.length]]), Buffer.from(body)]),
).concat(
  // Issued virtual accounts, allowed: the clock at NOW, just before the deadline, at it.
  v2Payments.filter((body) => body.includes('"VIRTUAL_ACCOUNT_ISSUED"')).flatMap((body) =>
    [0x41, 0x81, 0xc1, 0x43, 0xe5].map((flag) => Buffer.concat([Buffer.from([flag]), Buffer.from(body)])),
  ),
);
// parse_v2_browser: a mode byte (even: requestPayment's JSON result, odd: a redirect URL).
const v2Browser = text("tests/golden/v2-browser.txt")
  .split("\n").filter(Boolean).map((l) => l.split(" => ")[0])
  .map((input) => Buffer.concat([Buffer.from([/^\s*[{[n]/.test(input) ? 0 : 1]), Buffer.from(input)]));

// ---- Expectations (Expected::from_json), and deep nesting for every JSON reader.
const deep = (n) => `${"[".repeat(n)}${"]".repeat(n)}`;
const expectedInputs = [
  '{"merchantUid":"order-1","amount":1004}',
  '{"merchantUid":"order-1","amount":"10.10","currency":"USD","impUid":"imp_1","allowVirtualAccountIssued":true,"allowSandbox":false}',
  '{"merchantUid":"","amount":1}',
  '{"merchantUid":"o","amount":-1}',
  '{"merchantUid":"o","amount":1,"currency":" "}',
  '{"merchantUid":"o","amount":{"x":[1,{"y":null}]}}',
  `{"merchantUid":${deep(140)},"amount":1}`,
  "[]",
];
const deepPayment = `{"imp_uid":"imp_1","merchant_uid":"o1","amount":1004,"cancel_amount":0,"currency":"KRW","status":"paid","sandbox":false,"custom_data":${deep(150)}}`;
payments.push(deepPayment, envelope(deepPayment));
verifyInputs.push(Buffer.concat([Buffer.from([0xc0]), Buffer.from(deepPayment)]));
callbacks.push(`{"imp_uid":"imp_1","custom_data":${deep(150)}}`);

// ---- V2 client answers (a status pick for client_response_v2's STATUSES, then the body): error
// bodies under their statuses, and 2xx bodies of every reading (a payment, a page, a
// cancellation, a pre-registration).
const V2_STATUS_PICKS = { 200: 0, 400: 5, 401: 6, 403: 7, 404: 8, 409: 9, 429: 10, 500: 11, 502: 12 };
const v2Cancellation = JSON.stringify(JSON.parse(text("tests/fixtures/v2/cancelled.json")).cancellations[0]);
const v2Answers = [
  ...[[404, "PAYMENT_NOT_FOUND"], [401, "UNAUTHORIZED"], [403, "FORBIDDEN"], [400, "INVALID_REQUEST"],
    [409, "ALREADY_PAID"], [502, "PG_PROVIDER"], [500, "UNKNOWN"], [429, "TOO_MANY_REQUESTS"]]
    .map(([status, type]) => [status, JSON.stringify({ type, message: `${type}: message` })]),
  [404, ""], [503, "<html>busy</html>"],
  [200, v2Payments[0]],
  [200, `{"items":[${v2Payments[0]}],"page":{"number":0,"size":1,"totalCount":1}}`],
  [200, `{"cancellation":${v2Cancellation}}`],
  [200, "{}"],
].map(([status, body]) => Buffer.concat([Buffer.from([V2_STATUS_PICKS[status] ?? 13]), Buffer.from(body)]));

const targets = {
  expected_json: expectedInputs,
  verify_v1: verifyInputs,
  verify_v1_input_kinds: verifyInputs,
  parse_payment: payments,
  parse_callback: callbacks,
  parse_redirect_query: redirects,
  webhook_v1: webhookV1,
  webhook_v2_body: v2Bodies,
  webhook_v2_signature: signatureInputs,
  client_response: clientInputs,
  amount: amountInputs,
  verify_v2: verifyV2Inputs,
  parse_payment_v2: v2Payments,
  parse_v2_browser: v2Browser,
  client_response_v2: v2Answers,
};

const only = new Set(process.argv.slice(3));
for (const [target, inputs] of Object.entries(targets)) {
  if (only.size && !only.has(target)) continue;
  mkdirSync(join(out, target), { recursive: true });
  inputs.forEach((input, i) => {
    const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
    writeFileSync(join(out, target, `seed-${String(i).padStart(4, "0")}`), bytes);
  });
  console.log(`${target}: ${inputs.length} seeds`);
}
