// The www/ demo page in headless Chromium (Debian's /usr/bin/chromium through playwright-core),
// against the same stack as `make demo` (scripts/demo-stack.mjs): the local PortOne V1 server,
// examples/cloudflare-worker bundled by wrangler and run in workerd with a local D1 database,
// and the static server for www/, the package's browser entry and the simulated checkout.
// The page walks the shop's flow with PortOne V1 and V2: order, pay, parse the callback or the
// requestPayment result (V2 with the browser build's parsePaymentResponseV2 / parseRedirectQueryV2),
// complete through the Worker.
//
// Run:  node --test tests/e2e/
// The package directory comes from PORTONE_VERIFY_PKG_DIR (default pkg), e.g.
//   PORTONE_VERIFY_PKG_DIR=target/pkg-workerd node --test tests/e2e/
// A screenshot of the page after the last verdict is saved to target/e2e/www.png.

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";

import { portoneStats, repoRoot, startStack } from "../../scripts/demo-stack.mjs";
import { SAMPLES } from "../../www/samples.js";
import { chromiumLaunchOptions } from "../support/chromium.mjs";

const SCREENSHOT = path.join(repoRoot, "target", "e2e", "www.png");

describe("www/ demo page in Chromium, with the Worker example in workerd", { timeout: 180_000 }, () => {
  let stack;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    stack = await startStack();
    browser = await chromium.launch(chromiumLaunchOptions);
    page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: "ko-KR" });
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && pageErrors.push(`console.error: ${m.text()}`));
    await page.goto(stack.pageUrl);
    await page.waitForSelector("#status[data-ready]");
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await stack?.stop();
  });

  const text = (selector) => page.locator(selector).innerText();

  async function parseSample(sample) {
    await page.selectOption("#sample", sample.id); // fills the textarea and parses
    await page.click("#parse"); // and the button parses the same text again
    await page.waitForSelector("#parse-result:not([hidden])");
    return page.locator("#parse-result").getAttribute("data-state");
  }

  test("the page loads the package's browser entry and initialises the wasm", async () => {
    const ready = await page.locator("#status").getAttribute("data-ready");
    assert.equal(ready, "true", await text("#status"));
    assert.match(await text("#status"), /\/pkg\/.*\.js/);
    assert.equal(await page.locator("#parse").isDisabled(), false);
  });

  test("every sample (V1 callbacks and redirect URLs, V2 results and redirect URLs) parses as expected", async () => {
    assert.ok(SAMPLES.length >= 8);
    const v2Kinds = SAMPLES.filter((s) => s.kind.startsWith("v2-")).map((s) => [s.kind, s.expect.error ? "error" : s.expect.success]);
    for (const want of [["v2-response", true], ["v2-response", false], ["v2-redirect", true], ["v2-redirect", false]]) {
      assert.ok(v2Kinds.some((k) => k[0] === want[0] && k[1] === want[1]), `a V2 sample ${want}`);
    }
    for (const sample of SAMPLES) {
      const state = await parseSample(sample);
      const { error, ...fields } = sample.expect;
      if (error) {
        assert.equal(state, "error", `${sample.id}: ${await text("#parse-result")}`);
        assert.equal(await text("#parse-error-code"), error.code, sample.id);
        assert.equal(await text("#parse-error-path"), error.path, sample.id);
        assert.ok((await text("#parse-error-message")).length > 0, sample.id);
        continue;
      }
      assert.equal(state, "ok", `${sample.id}: ${await text("#parse-result")}`);
      assert.equal(await page.locator("#parse-result").getAttribute("data-kind"), sample.kind, sample.id);
      const cell = {
        paymentId: "#parse-payment-id",
        txId: "#parse-tx-id",
        code: "#parse-code",
        success: "#parse-success",
        imp_uid: "#parse-imp-uid",
        merchant_uid: "#parse-merchant-uid",
        paid_amount: "#parse-paid-amount",
        error_code: "#parse-error-code-field",
      };
      for (const [field, value] of Object.entries(fields)) {
        assert.equal(await text(cell[field]), value === null ? "—" : String(value), `${sample.id}: ${field}`);
      }
    }
  });

  test("pasted text that is not JSON shows INVALID_JSON with its code", async () => {
    await page.fill("#input", '{"imp_uid": "imp_1", "paid_amount": ');
    await page.click("#parse");
    await page.waitForSelector('#parse-result[data-state="error"]');
    assert.equal(await text("#parse-error-code"), "INVALID_JSON");
  });

  /** Orders `quantity` of `product` on the page (through PortOne `api`): the order as the page shows it. */
  async function placeOrder(product, quantity, api = "v1") {
    await page.waitForSelector("#order:not([disabled])");
    await page.selectOption("#api", api);
    await page.selectOption("#product", product);
    await page.fill("#quantity", String(quantity));
    await page.click("#order");
    await page.waitForSelector('#order-result:is([data-state="ok"], [data-state="error"])');
    assert.equal(await page.locator("#order-result").getAttribute("data-state"), "ok", await text("#order-result"));
    return { merchantUid: await text("#order-merchant-uid"), amount: await text("#order-amount") };
  }

  /** Pays the current order on the page (optionally another amount), waits for the callback to be parsed. */
  async function pay(amount) {
    if (amount !== undefined) await page.fill("#pay-amount", String(amount));
    await page.click("#pay");
    await page.waitForSelector('#pay-result:is([data-state="ok"], [data-state="error"])');
    assert.equal(await page.locator("#pay-result").getAttribute("data-state"), "ok", await text("#pay-result"));
    await page.waitForSelector('#parse-result[data-state="ok"]');
    return page.locator("#pay-result").getAttribute("data-imp-uid");
  }

  async function complete(button = "#complete") {
    await page.click(button);
    await page.waitForSelector('#verdict:not([data-state="pending"]):not([hidden])');
    return page.locator("#verdict").getAttribute("data-state");
  }

  test("the shop's flow: order (priced by the Worker, registered at PortOne), pay, parse, complete: paid once", async () => {
    const prepares = (await portoneStats(stack.portoneUrl)).byRoute["POST /payments/prepare"] ?? 0;
    const order = await placeOrder("carrot-10kg", 2);
    assert.match(order.merchantUid, /^order-[0-9a-f]{32}$/);
    assert.equal(order.amount, "2008 KRW");
    assert.equal((await portoneStats(stack.portoneUrl)).byRoute["POST /payments/prepare"], prepares + 1);
    assert.equal(await page.inputValue("#pay-amount"), "2008");

    const impUid = await pay();
    assert.equal(await text("#parse-paid-amount"), "2008");
    assert.equal(await page.inputValue("#imp-uid"), impUid);
    assert.equal(await page.inputValue("#merchant-uid"), order.merchantUid);
    assert.equal(await complete(), "ok", await text("#verdict"));
    assert.equal(await text("#verdict-state"), "paid");
    assert.equal(await text("#verdict-order"), `${order.merchantUid} · 2008 KRW · paid`);
    assert.deepEqual([await text("#verdict-changed"), await text("#verdict-disposition")], ["true", "applied"]);

    assert.equal(await complete(), "ok"); // again: verified, but the order is paid only once
    assert.equal(await text("#verdict-changed"), "false");
    const [row] = await stack.query(
      "SELECT o.status, o.amount, o.payment_id, (SELECT count(*) FROM payments p WHERE p.merchant_uid = o.merchant_uid) AS payments FROM orders o WHERE merchant_uid = ?1",
      order.merchantUid,
    );
    assert.deepEqual(row, { status: "paid", amount: 2008, payment_id: impUid, payments: 1 });
  });

  test("a forged amount: the buyer pays 100 for a 1004 KRW order; AMOUNT_MISMATCH, still pending", async () => {
    const order = await placeOrder("carrot-10kg", 1);
    assert.equal(order.amount, "1004 KRW");
    await pay(100);
    assert.equal(await text("#parse-paid-amount"), "100"); // the callback itself parses: it is not proof
    assert.equal(await complete(), "rejected", await text("#verdict"));
    const codes = await page.locator("#failures .failure-code").allInnerTexts();
    assert.deepEqual(codes, ["AMOUNT_MISMATCH"]);
    assert.match(await text("#failures"), /amount\s+1004\s+100/);
    assert.equal(await text("#verdict-order"), `${order.merchantUid} · 1004 KRW · pending`);
    const [row] = await stack.query("SELECT status, payment_id FROM orders WHERE merchant_uid = ?1", order.merchantUid);
    assert.deepEqual(row, { status: "pending", payment_id: null });

    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  test("a sample callback names no order of the Worker: UNKNOWN_ORDER", async () => {
    const success = SAMPLES.find((s) => s.id === "success");
    assert.equal(await parseSample(success), "ok");
    assert.equal(await complete(), "error", await text("#verdict"));
    assert.equal(await text("#verdict-error-code"), "UNKNOWN_ORDER");
  });

  /** Pays the current V2 order (optionally another amount); waits for parsePaymentResponseV2's result. */
  async function payV2(amount) {
    if (amount !== undefined) await page.fill("#pay-amount", String(amount));
    await page.click("#pay");
    await page.waitForSelector('#pay-result:is([data-state="ok"], [data-state="error"])');
    assert.equal(await page.locator("#pay-result").getAttribute("data-state"), "ok", await text("#pay-result"));
    await page.waitForSelector('#parse-result[data-state="ok"][data-kind="v2-response"]');
    return page.locator("#pay-result").getAttribute("data-payment-id");
  }

  test("V2: order (pre-registered), PortOne.requestPayment's result parsed, complete through the Worker: paid once", async () => {
    const registrations = (await portoneStats(stack.portoneUrl)).byRoute["POST /v2/payments/{paymentId}/pre-register"] ?? 0;
    const order = await placeOrder("pear-3kg", 1, "v2");
    assert.equal(order.amount, "15000 KRW");
    assert.match(await text("#order-api"), /^v2/);
    assert.equal((await portoneStats(stack.portoneUrl)).byRoute["POST /v2/payments/{paymentId}/pre-register"], registrations + 1);

    const paymentId = await payV2();
    assert.equal(paymentId, order.merchantUid);
    assert.deepEqual([await text("#parse-success"), await text("#parse-payment-id"), await text("#parse-code")], ["true", paymentId, "—"]);
    assert.equal(await page.inputValue("#payment-id"), paymentId);
    assert.equal(await complete("#complete-v2"), "ok", await text("#verdict"));
    assert.equal(await text("#verdict-state"), "paid");
    assert.equal(await text("#verdict-payment"), `${paymentId} · 15000 KRW · PAID`);
    assert.equal(await text("#verdict-order"), `${order.merchantUid} · 15000 KRW · paid`);
    assert.deepEqual([await text("#verdict-changed"), await text("#verdict-disposition")], ["true", "applied"]);
    assert.equal(await complete("#complete-v2"), "ok");
    assert.equal(await text("#verdict-changed"), "false");
    const [row] = await stack.query(
      "SELECT o.status, o.api, o.payment_provider, o.payment_id, (SELECT count(*) FROM payments p WHERE p.merchant_uid = o.merchant_uid) AS payments FROM orders o WHERE merchant_uid = ?1",
      order.merchantUid,
    );
    assert.deepEqual(row, { status: "paid", api: "v2", payment_provider: "portone-v2", payment_id: paymentId, payments: 1 });
  });

  test("V2: a forged amount (100 for a 1004 KRW order) is AMOUNT_MISMATCH; the order stays pending", async () => {
    const order = await placeOrder("carrot-10kg", 1, "v2");
    await payV2(100);
    assert.equal(await complete("#complete-v2"), "rejected", await text("#verdict"));
    assert.deepEqual(await page.locator("#failures .failure-code").allInnerTexts(), ["AMOUNT_MISMATCH"]);
    assert.equal(await text("#verdict-order"), `${order.merchantUid} · 1004 KRW · pending`);
  });

  test("V2 samples: a redirect URL fills the paymentId; a sample's paymentId names no order of the Worker", async () => {
    const redirect = SAMPLES.find((s) => s.id === "v2-redirect-success");
    assert.equal(await parseSample(redirect), "ok");
    assert.equal(await page.inputValue("#payment-id"), "payment-v2-card-paid");
    assert.equal(await complete("#complete-v2"), "error", await text("#verdict"));
    assert.equal(await text("#verdict-error-code"), "UNKNOWN_ORDER");
    // Pasted text is recognised as V2 by its names.
    await page.fill("#input", "?paymentId=payment-v2-failed&code=FAILURE_TYPE_PG&message=declined");
    await page.click("#parse");
    await page.waitForSelector('#parse-result[data-kind="v2-redirect"]');
    assert.deepEqual([await text("#parse-success"), await text("#parse-code")], ["false", "FAILURE_TYPE_PG"]);
  });

  test("the page raised no errors", () => {
    // The forged verdict is an HTTP 409 and the unknown order a 404, which Chromium logs as
    // failed resource loads.
    const unexpected = pageErrors.filter((e) => !/status of (409|404)/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
