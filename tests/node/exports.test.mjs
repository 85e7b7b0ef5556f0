// The package's exported functions as a Node user calls them (the real wasm-bindgen build).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const pkgPath = process.env.PORTONE_VERIFY_PKG ?? "../../target/pkg-node/portone_verify.js";
const { parsePayment, parseRequestPayResponse, parseRedirectQuery, verifyPayment } =
  createRequire(import.meta.url)(pkgPath);

const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const cardPaid = fixture("payments/card-paid.json");
const order = { merchantUid: "57008833-33004", amount: 1004 };

function assertCoded(fn, code, path) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, "a real Error");
    assert.equal(err.name, "PortOneVerifyError");
    assert.equal(err.code, code);
    if (path !== undefined) assert.equal(err.path, path);
    return true;
  });
}

test("verifyPayment accepts the matching order from a string, bytes, an ArrayBuffer or an object", () => {
  const bytes = new TextEncoder().encode(cardPaid);
  for (const input of [cardPaid, bytes, bytes.buffer, JSON.parse(cardPaid)]) {
    const verdict = verifyPayment(input, order);
    assert.equal(verdict.ok, true);
    assert.equal(verdict.state, "paid");
    assert.equal(verdict.payment.imp_uid, "imp_347242536261");
    assert.equal(verdict.payment.amount, 1004);
  }
});

test("bytes cross as they are: views at an offset, Node Buffers, big and empty ones", () => {
  const encoded = new TextEncoder().encode(cardPaid);
  const padded = new Uint8Array(encoded.length + 7);
  padded.set(encoded, 3);
  const big = new TextEncoder().encode(JSON.stringify({ ...JSON.parse(cardPaid).response, custom_data: "가".repeat(100_000) }));
  for (const input of [padded.subarray(3, 3 + encoded.length), Buffer.from(cardPaid), big, encoded]) {
    const verdict = verifyPayment(input, order);
    assert.equal(verdict.ok, true, `${input.constructor.name} of ${input.length} bytes at ${input.byteOffset}`);
    assert.equal(verdict.payment.merchant_uid, "57008833-33004");
  }
  assertCoded(() => verifyPayment(new Uint8Array(0), order), "INVALID_JSON", "");
  assertCoded(() => verifyPayment(padded, order), "INVALID_JSON", "");
});

// A paid order-1 body and a cancelled order-9 body of the same length (the attacker's swap).
function paidAndCancelled() {
  const envelope = JSON.parse(cardPaid);
  const paid = JSON.stringify({ ...envelope, response: { ...envelope.response, merchant_uid: "order-1" } });
  const cancelled = JSON.stringify({
    ...envelope,
    response: { ...envelope.response, merchant_uid: "order-9", status: "cancelled", cancel_amount: 1004 },
  });
  const length = Math.max(paid.length, cancelled.length);
  return { paid: paid.padEnd(length), cancelled: cancelled.padEnd(length) };
}
const order1 = { merchantUid: "order-1", amount: 1004 };

function assertOrder1(payment, label) {
  assert.equal(payment.merchant_uid, "order-1", label);
  assert.equal(payment.status, "paid", label);
  assert.equal(payment.cancel_amount, 0, label);
}

test("a verdict's payment is what was verified, whatever the caller does to its input afterwards", () => {
  const { paid, cancelled } = paidAndCancelled();
  const encoder = new TextEncoder();
  assert.equal(encoder.encode(paid).length, encoder.encode(cancelled).length);
  // Each input kind: the input, and a change made to it after verifyPayment returned (which
  // gives what the caller then holds).
  const kinds = {
    string: () => [paid, () => cancelled],
    Uint8Array: () => {
      const input = encoder.encode(paid);
      return [input, () => (input.set(encoder.encode(cancelled)), input)];
    },
    "Uint8Array at an offset": () => {
      const bytes = encoder.encode(paid);
      const whole = new Uint8Array(bytes.length + 16);
      whole.set(bytes, 8);
      const input = whole.subarray(8, 8 + bytes.length);
      return [input, () => (whole.set(encoder.encode(cancelled), 8), input)];
    },
    "Node Buffer": () => {
      const input = Buffer.from(paid);
      return [input, () => (input.write(cancelled), input)];
    },
    ArrayBuffer: () => {
      const input = encoder.encode(paid).buffer;
      return [input, () => (new Uint8Array(input).set(encoder.encode(cancelled)), input)];
    },
    object: () => {
      const input = JSON.parse(paid);
      const change = { merchant_uid: "order-9", status: "cancelled", cancel_amount: 1004 };
      return [input, () => (Object.assign(input.response, change), input)];
    },
    "object with toJSON": () => {
      let body = JSON.parse(paid);
      const input = { toJSON: () => body };
      return [input, () => ((body = JSON.parse(cancelled)), input)];
    },
  };
  for (const [kind, make] of Object.entries(kinds)) {
    for (const readFirst of [false, true]) {
      const label = `${kind}, payment read ${readFirst ? "before and after" : "only after"} the change`;
      const [input, change] = make();
      const verdict = verifyPayment(input, order1);
      assert.equal(verdict.ok, true, label);
      const before = readFirst ? verdict.payment : undefined;
      const changed = change();
      if (readFirst) assertOrder1(before, label);
      assertOrder1(verdict.payment, label);
      assertOrder1(JSON.parse(JSON.stringify(verdict)).payment, `${label}, serialised`);
      // The changed input is judged as what it now is.
      const again = verifyPayment(changed, order1);
      assert.equal(again.ok, false, label);
      assert.equal(again.payment.merchant_uid, "order-9", label);
    }
  }
});

test("bytes changed by a getter of expected during the call: the verdict and its payment agree", () => {
  const { paid, cancelled } = paidAndCancelled();
  const input = new TextEncoder().encode(paid);
  const expected = { merchantUid: "order-1", get amount() { input.set(new TextEncoder().encode(cancelled)); return 1004; } };
  const verdict = verifyPayment(input, expected);
  // The bytes were read after the getters ran: what was verified is order-9, and shown as such.
  assert.equal(verdict.ok, false);
  assert.deepEqual(verdict.failures.map((f) => f.code), ["MERCHANT_UID_MISMATCH", "CANCELLED"]);
  assert.equal(verdict.payment.merchant_uid, "order-9");
});

test("a getter of expected may call verifyPayment itself", () => {
  const { paid } = paidAndCancelled();
  let inner;
  const expected = { merchantUid: "order-1", get amount() { inner = verifyPayment(cardPaid, order); return 1004; }, allowSandbox: false };
  const outer = verifyPayment(new TextEncoder().encode(paid), expected);
  assert.equal(outer.ok, true);
  assertOrder1(outer.payment, "outer");
  assert.equal(inner.ok, true);
  assert.equal(inner.payment.merchant_uid, "57008833-33004");
});

test("objects are turned into JSON once, through their toJSON", () => {
  let calls = 0;
  const body = JSON.parse(cardPaid);
  const verdict = verifyPayment({ toJSON: () => (calls++, body) }, order);
  assert.equal(verdict.ok, true);
  assert.equal(verdict.payment.imp_uid, "imp_347242536261");
  JSON.stringify(verdict);
  assert.equal(calls, 1);
  assertCoded(() => verifyPayment({ toJSON: () => undefined }, order), "INVALID_INPUT", "");
  const cyclic = {};
  cyclic.self = cyclic;
  assertCoded(() => verifyPayment(cyclic, order), "INVALID_INPUT", "");
});

test("strings of any size and script cross into wasm intact, one after another", () => {
  // The string path reuses one buffer: a long string, then a short one, must not see the
  // long one's leftovers; Korean, emoji and a lone surrogate (U+FFFD) keep their place.
  const payment = JSON.parse(cardPaid).response;
  const big = JSON.stringify({ ...payment, custom_data: "가".repeat(150_000) });
  // A raw lone surrogate in the text (JSON.stringify would escape it as `\ud800`).
  const odd = cardPaid.replace('"당근 10kg"', '"당근 🥕 \ud800 10kg"').replace('"57008833-33004"', '"주문-🥕"');
  for (const [input, expected, merchantUid, name] of [
    [big, order, "57008833-33004", "당근 10kg"],
    [cardPaid, order, "57008833-33004", "당근 10kg"],
    [odd, { merchantUid: "주문-🥕", amount: 1004 }, "주문-🥕", "당근 🥕 \ufffd 10kg"],
    [big, { merchantUid: "57008833-33004", amount: 1005 }, "57008833-33004", "당근 10kg"],
  ]) {
    const verdict = verifyPayment(input, expected);
    assert.equal(verdict.ok, expected.amount === 1004, `${input.length} chars`);
    assert.equal(verdict.payment.merchant_uid, merchantUid);
    assert.equal(verdict.payment.name, name);
  }
  assert.equal(verifyPayment(big, order).payment.custom_data.length, 150_000);
});

test("expected is read property by property in one order, stopping at the first bad one", () => {
  // Records which properties verifyPayment reads, and in which order.
  const recording = (target) => {
    const reads = [];
    const proxy = new Proxy(target, { get: (object, key) => (reads.push(key), object[key]) });
    return { proxy, reads };
  };
  const all = ["merchantUid", "amount", "allowVirtualAccountIssued", "allowSandbox", "currency", "impUid"];
  const m = "57008833-33004";
  const bad = (path, message) => ({ path: `expected.${path}`, message });
  for (const [expected, error, expectedReads] of [
    [{ merchantUid: m, amount: 1004 }, null, all],
    [{ merchantUid: m, amount: "1004", currency: "KRW", impUid: "imp_347242536261" }, null, all],
    [{ merchantUid: m, amount: " 1004.0 ", allowSandbox: null, currency: undefined }, null, all],
    [{}, bad("merchantUid", "merchantUid is required"), ["merchantUid"]],
    [{ merchantUid: null, amount: 1 }, bad("merchantUid", "merchantUid is required"), ["merchantUid"]],
    [{ merchantUid: 7, amount: 1 }, bad("merchantUid", "merchantUid must be a string"), ["merchantUid"]],
    ...[undefined, Number.NaN, Infinity, "abc", "", {}, 10n].map((amount) => [
      { merchantUid: m, amount, allowSandbox: "no" },
      bad("amount", "amount must be a finite number or a decimal string"),
      ["merchantUid", "amount"],
    ]),
    [{ merchantUid: m, amount: 1, allowVirtualAccountIssued: "yes", allowSandbox: 1 },
      bad("allowVirtualAccountIssued", "allowVirtualAccountIssued must be a boolean"), all.slice(0, 3)],
    [{ merchantUid: m, amount: "1", allowSandbox: 1, currency: 2 },
      bad("allowSandbox", "allowSandbox must be a boolean"), all.slice(0, 4)],
    [{ merchantUid: m, amount: 1, currency: 2, impUid: 3 }, bad("currency", "currency must be a string"), all.slice(0, 5)],
    [{ merchantUid: m, amount: 1, impUid: 3 }, bad("impUid", "impUid must be a string"), all],
    [{ merchantUid: "", amount: -1, currency: " " }, bad("merchantUid", "merchantUid must not be empty"), all],
    [{ merchantUid: m, amount: -1, currency: " " }, bad("amount", "amount must not be negative"), all],
    [{ merchantUid: m, amount: "-0.5" }, bad("amount", "amount must not be negative"), all],
    [{ merchantUid: m, amount: 1, currency: " " }, bad("currency", "currency must not be empty"), all],
  ]) {
    const { proxy, reads } = recording(expected);
    const label = JSON.stringify(expected, (_, value) => (typeof value === "bigint" ? `${value}n` : value));
    if (error === null) {
      assert.equal(typeof verifyPayment(cardPaid, proxy).ok, "boolean", label);
    } else {
      assert.throws(() => verifyPayment(cardPaid, proxy), (err) => {
        assert.equal(err.name, "PortOneVerifyError", label);
        assert.equal(err.code, "INVALID_ARGUMENT", label);
        assert.equal(err.path, error.path, label);
        assert.equal(err.message, error.message, label);
        return true;
      });
    }
    assert.deepEqual(reads, expectedReads, `${label}: the properties read, in order`);
  }
  for (const expected of [null, "order", 42, () => {}]) {
    assertCoded(() => verifyPayment(cardPaid, expected), "INVALID_ARGUMENT", "expected");
  }
  // The payment is judged only once expected is good, whatever its type.
  assertCoded(() => verifyPayment(42, { merchantUid: m, amount: "x" }), "INVALID_ARGUMENT", "expected.amount");
  assertCoded(() => verifyPayment(42, { merchantUid: m, amount: 1 }), "INVALID_INPUT", "");
});

test("an exception thrown by a getter of expected reaches the caller, and the next call works", () => {
  const boom = new Error("boom");
  for (const key of ["merchantUid", "amount", "allowSandbox", "impUid"]) {
    const expected = { ...order, amount: key === "impUid" ? "1004" : 1004 };
    Object.defineProperty(expected, key, { get() { throw boom; } });
    assert.throws(() => verifyPayment(cardPaid, expected), (err) => err === boom, key);
    assert.equal(verifyPayment(cardPaid, order).ok, true, `after ${key}`);
  }
});

test("a string payment's text reaches the verdict exactly as TextEncoder encodes it", () => {
  // The edge build may take a string as its UTF-16 code units and transcode them itself
  // (src/utf16.rs): every script, lone surrogates (U+FFFD, as TextEncoder), pairs split
  // around its 16-unit steps, at every alignment of the text.
  const pieces = ["a", "0", "-", " ", "é", "ß", "가", "힣", "中", "🥕", "\ud800", "\udfff", "\ud83e", "\udd55", "\u07ff", "\u0800", "\uffff"];
  let seed = 7;
  const random = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const payment = JSON.parse(cardPaid).response;
  for (let round = 0; round < 200; round++) {
    const uid = Array.from({ length: 1 + random(40) }, () => pieces[random(pieces.length)]).join("");
    const pad = "x".repeat(random(17));
    // The raw text (JSON.stringify would escape the lone surrogates).
    const text = JSON.stringify({ ...payment, pg_tid: pad, merchant_uid: "@" }).replace('"@"', `"${uid}"`);
    const wellFormed = uid.toWellFormed();
    const same = verifyPayment(text, { merchantUid: uid, amount: 1004 });
    assert.equal(same.ok, true, JSON.stringify(uid));
    const other = verifyPayment(text, { merchantUid: "other", amount: 1004 });
    assert.equal(other.failures[0].actual, wellFormed, JSON.stringify(uid));
    assert.equal(other.payment.merchant_uid, wellFormed);
  }
});

test("whole and fractional amounts in expected compare exactly", () => {
  const usd = (amount) => JSON.stringify({ ...JSON.parse(cardPaid).response, currency: "USD", amount });
  assert.equal(verifyPayment(usd(10.1), { merchantUid: "57008833-33004", amount: 10.1, currency: "USD" }).ok, true);
  assert.equal(verifyPayment(usd("10.10"), { merchantUid: "57008833-33004", amount: 10.1, currency: "USD" }).ok, true);
  assert.equal(verifyPayment(usd(2 ** 53), { merchantUid: "57008833-33004", amount: 2 ** 53, currency: "USD" }).ok, true);
  assert.equal(verifyPayment(usd(1004), { merchantUid: "57008833-33004", amount: 1004.0001, currency: "USD" }).ok, false);
  assert.equal(verifyPayment(usd(0), { merchantUid: "57008833-33004", amount: -0, currency: "USD" }).ok, true);
});

test("verifyPayment lists every failure of a forged payment", () => {
  const verdict = verifyPayment(cardPaid, { merchantUid: "other", amount: 100, currency: "USD" });
  assert.equal(verdict.ok, false);
  assert.deepEqual(
    verdict.failures.map((f) => f.code),
    ["MERCHANT_UID_MISMATCH", "AMOUNT_MISMATCH", "CURRENCY_MISMATCH"],
  );
  assert.deepEqual(verdict.failures[1], {
    code: "AMOUNT_MISMATCH",
    field: "amount",
    expected: 100,
    actual: 1004,
    message: "amount is 1004, the order costs 100",
  });
});

test("each fixture gets the documented verdict", () => {
  const cases = [
    ["vbank-ready", { merchantUid: "order-vbank-ready", amount: 50000 }, ["NOT_PAID"]],
    // Its deposit deadline is 1648430763 (2022-03-28): open just before, expired at and after,
    // and expired by the runtime's own clock when nowMs is not given.
    ["vbank-ready", { merchantUid: "order-vbank-ready", amount: 50000, allowVirtualAccountIssued: true, nowMs: 1648430762999 }, []],
    ["vbank-ready", { merchantUid: "order-vbank-ready", amount: 50000, allowVirtualAccountIssued: true, nowMs: 1648430763000 }, ["VIRTUAL_ACCOUNT_EXPIRED"]],
    ["vbank-ready", { merchantUid: "order-vbank-ready", amount: 50000, allowVirtualAccountIssued: true }, ["VIRTUAL_ACCOUNT_EXPIRED"]],
    ["vbank-paid", { merchantUid: "order-vbank-paid", amount: 50000 }, []],
    ["cancelled", { merchantUid: "order-cancelled", amount: 1004 }, ["CANCELLED"]],
    ["partially-cancelled", { merchantUid: "order-partial", amount: 30000 }, ["PARTIALLY_CANCELLED"]],
    ["sandbox", { merchantUid: "order-sandbox", amount: 1004 }, ["SANDBOX_PAYMENT"]],
    ["sandbox", { merchantUid: "order-sandbox", amount: 1004, allowSandbox: true }, []],
    ["failed", { merchantUid: "order-failed", amount: 1004 }, ["NOT_PAID"]],
    ["unknown-status", { merchantUid: "order-unknown", amount: 1004 }, ["NOT_PAID"]],
    ["usd-cents", { merchantUid: "order-usd", amount: "10.10", currency: "USD" }, []],
    ["usd-cents", { merchantUid: "order-usd", amount: 10.1000001, currency: "USD" }, ["AMOUNT_MISMATCH"]],
  ];
  for (const [name, expected, codes] of cases) {
    const verdict = verifyPayment(fixture(`payments/${name}.json`), expected);
    assert.deepEqual(verdict.ok ? [] : verdict.failures.map((f) => f.code), codes, name);
    assert.equal(verdict.ok, codes.length === 0, name);
  }
  const issued = verifyPayment(fixture("payments/vbank-ready.json"), {
    merchantUid: "order-vbank-ready", amount: 50000, allowVirtualAccountIssued: true, nowMs: Date.UTC(2022, 2, 27),
  });
  assert.equal(issued.state, "virtual_account_issued");
  for (const nowMs of ["1648430762999", NaN, Infinity, {}]) {
    assertCoded(
      () => verifyPayment(fixture("payments/vbank-ready.json"), { merchantUid: "o", amount: 1, allowVirtualAccountIssued: true, nowMs }),
      "INVALID_ARGUMENT", "expected.nowMs",
    );
  }
  // nowMs is read only when the deadline matters.
  assert.equal(verifyPayment(cardPaid, { ...order, nowMs: "ignored" }).ok, true);
});

test("the verdict serialises with its payment", () => {
  const verdict = JSON.parse(JSON.stringify(verifyPayment(cardPaid, order)));
  assert.equal(verdict.payment.merchant_uid, "57008833-33004");
});

test("errors are real Errors with a stable code and path", () => {
  assertCoded(() => parsePayment('{"code":0,"response":{"imp_uid":"i","merchant_uid":"m","status":"paid"}}'),
    "MISSING_FIELD", "response.amount");
  assertCoded(() => parsePayment("{"), "INVALID_JSON", "");
  assertCoded(() => parsePayment(42), "INVALID_INPUT", "");
  assertCoded(() => verifyPayment(cardPaid, { merchantUid: "m", amount: Number.NaN }),
    "INVALID_ARGUMENT", "expected.amount");
  assert.throws(() => parsePayment('{"code":1,"message":"존재하지 않는 결제정보입니다.","response":null}'), (err) => {
    assert.equal(err.code, "API_ERROR");
    assert.equal(err.apiCode, 1);
    assert.equal(err.apiMessage, "존재하지 않는 결제정보입니다.");
    return true;
  });
});

test("callbacks and redirects normalise into one shape", () => {
  const seed = parseRequestPayResponse(JSON.parse(fixture("callbacks/seed-sample.json")));
  assert.equal(seed.success, true);
  assert.equal(seed.paid_amount, 1004);
  const loose = parseRequestPayResponse({ imp_success: "false", imp_uid: null, merchant_uid: "o" });
  assert.equal(loose.success, false);
  assert.equal(loose.imp_uid, null);
  assert.equal("imp_success" in loose, false, "one success field only");
  const redirect = parseRedirectQuery(new URL("https://shop.example/done?imp_uid=imp_1&merchant_uid=o-1&imp_success=true"));
  assert.equal(redirect.success, true);
  assert.deepEqual(Object.keys(redirect).sort(), Object.keys(seed).sort());
  assertCoded(() => parseRedirectQuery("imp_success=perhaps"), "INVALID_FIELD", "imp_success");
  // A URL without PortOne's parameters is no payment result.
  assertCoded(() => parseRedirectQuery("https://shop.example/done?page=2"), "INVALID_INPUT", "");
});
