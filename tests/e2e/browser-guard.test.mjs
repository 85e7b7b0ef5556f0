// The client's browser guard in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core), with the package's edge build (the one that has PortOneClient; a real
// browser gets the smaller build without it, but a bundler can be pointed at this one):
// `new PortOneClient` is BROWSER_NOT_ALLOWED in a page, a module dedicated worker and a module
// service worker (workers have `importScripts`, even module ones where calling it throws), and
// is built with `dangerouslyAllowBrowser: true`. (Dedicated and shared classic workers are
// also covered by wasm-bindgen-test in tests/web_*_worker.rs; its service-worker runner races
// `controllerchange` and is flaky, so the service worker is checked here.)
//
// Run:  PORTONE_VERIFY_PKG_DIR=target/pkg-workerd node --test tests/e2e/browser-guard.test.mjs

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { chromiumLaunchOptions } from "../support/chromium.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = path.resolve(repoRoot, process.env.PORTONE_VERIFY_PKG_DIR ?? "pkg");

// What each context runs: load the edge build, then try the client without and with the flag.
const PROBE = `
import init, { PortOneClient } from "/pkg/portone_verify.js";
export async function probe() {
  await init({ module_or_path: "/pkg/portone_verify_bg.wasm" });
  const options = { apiKey: "key", apiSecret: "secret-must-not-leak" };
  let refused = null;
  try {
    new PortOneClient(options);
  } catch (e) {
    refused = { code: e.code, message: e.message };
  }
  let allowed;
  try {
    allowed = new PortOneClient({ ...options, dangerouslyAllowBrowser: true }) instanceof PortOneClient;
  } catch (e) {
    allowed = e.code;
  }
  return { refused, allowed, importScripts: typeof globalThis.importScripts };
}`;

const FILES = {
  "/": ["text/html", "<!doctype html><title>browser guard</title>"],
  "/probe.js": ["text/javascript", PROBE],
  "/worker.js": ["text/javascript", 'import { probe } from "/probe.js"; probe().then((r) => postMessage(r));'],
  "/sw.js": [
    "text/javascript",
    `import { probe } from "/probe.js";
     addEventListener("install", () => skipWaiting());
     addEventListener("activate", (e) => e.waitUntil(clients.claim()));
     addEventListener("message", (e) => e.waitUntil(probe().then((r) => e.source.postMessage(r))));`,
  ],
};

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm" };

/** Serves FILES and the package under /pkg/, on 127.0.0.1 only. */
async function startStatic() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    try {
      if (url.pathname.startsWith("/pkg/")) {
        const file = path.join(pkgDir, path.normalize(url.pathname.slice(5)));
        if (!file.startsWith(pkgDir)) throw new Error("outside the package");
        res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
        return res.end(await readFile(file));
      }
      const [type, body] = FILES[url.pathname] ?? [];
      if (!type) throw new Error("not found");
      res.writeHead(200, { "content-type": type });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

describe("PortOneClient's browser guard in Chromium", { timeout: 120_000 }, () => {
  let site;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    site = await startStatic();
    browser = await chromium.launch(chromiumLaunchOptions);
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${site.url}/`);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    site?.close();
  });

  function assertRefused(result, context) {
    assert.equal(result.refused?.code, "BROWSER_NOT_ALLOWED", JSON.stringify(result));
    assert.match(result.refused.message, new RegExp(context));
    assert.match(result.refused.message, /dangerouslyAllowBrowser/);
    assert.ok(!result.refused.message.includes("secret-must-not-leak"));
    assert.equal(result.allowed, true);
  }

  test("a page (window and document)", async () => {
    const result = await page.evaluate(async () => (await import("/probe.js")).probe());
    assertRefused(result, "browser page");
    assert.equal(result.importScripts, "undefined");
  });

  test("a module dedicated worker (importScripts)", async () => {
    const result = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker("/worker.js", { type: "module" });
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) => reject(new Error(e.message));
        }),
    );
    assertRefused(result, "browser worker");
    assert.equal(result.importScripts, "function");
  });

  test("a module service worker (importScripts)", async () => {
    const result = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.register("/sw.js", { type: "module" });
      const worker = registration.installing ?? registration.waiting ?? registration.active;
      const answer = new Promise((resolve) => navigator.serviceWorker.addEventListener("message", (e) => resolve(e.data)));
      worker.postMessage("probe");
      return answer;
    });
    assertRefused(result, "browser worker");
    assert.equal(result.importScripts, "function");
    assert.deepEqual(errors, []);
  });
});
