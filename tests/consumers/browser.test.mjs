// (c) Browser consumers of the installed tarball, loaded in headless Debian Chromium through
// playwright-core: a Vite 7 build served by `vite preview`, and the same page code as a plain
// <script type="module"> with an import map (no bundler). Both `await init()`, parse a
// callback (V1) and a requestPayment result and redirect query (V2), and verify payments (V1,
// V2) with the small browser build.
import assert from "node:assert/strict";
import { createReadStream } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";

import { chromium as launchOptions, consumerProject } from "./support.mjs";

const EXPECTED = {
  callback: { success: true, paid_amount: 1004 },
  good: { ok: true, state: "paid" },
  forged: { ok: false, codes: ["AMOUNT_MISMATCH"] },
  error: { name: "PortOneVerifyError", code: "INVALID_JSON" },
  v2: {
    resolved: { success: true, paymentId: "order-1", code: null },
    redirect: { success: false, paymentId: "order-1", code: "FAILURE_TYPE_PG", message: "취소" },
    good: { ok: true, state: "paid", paidAt: "2024-05-01T00:00:05Z" },
    forged: { ok: false, codes: ["AMOUNT_MISMATCH"] },
  },
  hasClient: false,
};

let project;
let browser;
const closers = [];
before(async () => {
  project = await consumerProject("browser");
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ headless: true, ...launchOptions });
});
after(async () => {
  for (const close of closers.reverse()) await close();
  await browser?.close();
  await project?.cleanup();
});

/** Loads `url` and returns { status, result, problems } once main.js has rendered. */
async function render(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  page.on("request", (r) => !r.url().startsWith(new URL(url).origin) && problems.push(`foreign request ${r.url()}`));
  try {
    await page.goto(url);
    const result = page.locator("#result:not([data-status=pending])");
    await result.waitFor({ timeout: 20_000 });
    const status = await result.getAttribute("data-status");
    const text = await result.textContent();
    return { status, result: status === "done" ? JSON.parse(text) : text, problems };
  } finally {
    await page.close();
  }
}

/** A static file server for the project directory (the plain page and node_modules). */
async function serveStatic(root) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  const server = createServer(async (req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(root + path.sep) || !(await stat(file).catch(() => null))?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}`;
}

describe("Vite 7 consumer (installed from the tarball)", () => {
  let dist;
  test("vite build: emits the browser build's wasm, and no REST client in the JS", async (t) => {
    const { build } = await import("vite");
    await build({ root: project.dir, configFile: false, logLevel: "warn", build: { outDir: "dist" } });
    dist = path.join(project.dir, "dist");
    const assets = await readdir(path.join(dist, "assets"));
    const wasm = assets.filter((f) => f.endsWith(".wasm"));
    assert.equal(wasm.length, 1, `one .wasm asset: ${assets}`);
    const shipped = await readFile(path.join(project.dir, "node_modules/portone-verify/browser/portone_verify_bg.wasm"));
    assert.ok((await readFile(path.join(dist, "assets", wasm[0]))).equals(shipped), "it is browser/portone_verify_bg.wasm");
    const js = assets.filter((f) => f.endsWith(".js"));
    assert.ok(js.length > 0);
    const gz = async (f) => gzipSync(await readFile(path.join(dist, "assets", f)), { level: 9 }).length;
    t.diagnostic(`page assets, gzip -9: wasm ${await gz(wasm[0])} B, js ${(await Promise.all(js.map(gz))).reduce((a, b) => a + b)} B`);
    for (const f of js) {
      const text = await readFile(path.join(dist, "assets", f), "utf8");
      for (const name of ["PortOneClient", "verifyWebhookV2", "getToken"]) {
        assert.ok(!text.includes(name), `${name} is not in ${f}`);
      }
    }
  });

  test("vite preview page in headless Chromium: init, parse, verify", async () => {
    assert.ok(dist, "built");
    const { preview } = await import("vite");
    const server = await preview({
      root: project.dir,
      configFile: false,
      logLevel: "warn",
      preview: { host: "127.0.0.1", port: 0, open: false },
    });
    closers.push(() => server.close());
    const url = `http://127.0.0.1:${server.httpServer.address().port}/`;
    const { status, result, problems } = await render(url);
    assert.equal(status, "done", String(result));
    assert.deepEqual(result, EXPECTED);
    assert.deepEqual(problems, []);
  });
});

describe("plain <script type=module> consumer (import map, no bundler)", () => {
  test("page in headless Chromium: init, parse, verify", async () => {
    const origin = await serveStatic(project.dir);
    const { status, result, problems } = await render(`${origin}/plain.html`);
    assert.equal(status, "done", String(result));
    assert.deepEqual(result, EXPECTED);
    assert.deepEqual(problems, []);
  });
});
