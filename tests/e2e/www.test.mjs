// The www/ demo page in headless Chromium (Debian's /usr/bin/chromium through playwright-core),
// against the same stack as `make demo` (scripts/demo-stack.mjs): the local PortOne V1 server,
// examples/cloudflare-worker bundled by wrangler and run in workerd, and the static server for
// www/ and the package's browser entry.
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

import { DEMO_PAYMENTS, repoRoot, startStack } from "../../scripts/demo-stack.mjs";
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

  test("every sample callback and redirect URL parses as expected", async () => {
    assert.ok(SAMPLES.length >= 8);
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
      const cell = {
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

  test("complete payment: the good payment is verified (ok, paid)", async () => {
    const success = SAMPLES.find((s) => s.id === "success");
    assert.equal(await parseSample(success), "ok");
    assert.equal(await page.inputValue("#imp-uid"), DEMO_PAYMENTS.good.imp_uid);
    assert.equal(await page.inputValue("#merchant-uid"), DEMO_PAYMENTS.good.merchant_uid);
    await page.click("#complete");
    await page.waitForSelector('#verdict:not([data-state="pending"]):not([hidden])');
    assert.equal(await page.locator("#verdict").getAttribute("data-state"), "ok", await text("#verdict"));
    assert.equal(await text("#verdict-state"), "paid");
    assert.match(await text("#verdict-order"), /order-card-paid · 1004 KRW · paid/);
  });

  test("complete payment: the forged amount is rejected with AMOUNT_MISMATCH", async () => {
    const forged = SAMPLES.find((s) => s.id === "forged-amount");
    assert.equal(await parseSample(forged), "ok"); // the callback itself parses: it is not proof
    assert.equal(await text("#parse-paid-amount"), "100");
    assert.equal(await page.inputValue("#imp-uid"), DEMO_PAYMENTS.forged.imp_uid);
    await page.click("#complete");
    await page.waitForSelector('#verdict:not([data-state="pending"]):not([hidden])');
    assert.equal(await page.locator("#verdict").getAttribute("data-state"), "rejected", await text("#verdict"));
    const codes = await page.locator("#failures .failure-code").allInnerTexts();
    assert.deepEqual(codes, ["AMOUNT_MISMATCH"]);
    assert.match(await text("#failures"), /amount\s+1004\s+100/);
    assert.match(await text("#verdict-order"), /order-forged-amount · 1004 KRW · pending/);

    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  test("the page raised no errors", () => {
    // The forged verdict is an HTTP 409, which Chromium logs as a failed resource load.
    const unexpected = pageErrors.filter((e) => !/status of 409/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
