// Shared by the workerd tests: the package directory, the user's Worker (worker.mjs) bundled by
// wrangler against it, the local PortOne server, the Worker's Miniflare options and requests
// into the Worker.
//
// The npm package inside REAL workerd (Cloudflare's runtime), used the way a Worker author
// uses it:
//   1. worker.mjs does `import * as portone from "portone-verify"`;
//   2. wrangler bundles it (`wrangler deploy --dry-run --outdir`) in a temporary directory
//      whose node_modules/portone-verify is a symlink to the built package, so the package's
//      `exports` map picks workerd.js ("workerd" condition) and the .wasm stays a separate
//      CompiledWasm module (imported, never fetched);
//   3. Miniflare runs the bundle in the workerd binary from the `workerd` npm package, with the
//      local PortOne V1 server (tests/portone-server) as PORTONE_BASE_URL.
//
// Run:  node --test tests/workerd/
// The package directory comes from PORTONE_VERIFY_PKG_DIR (default: pkg, as `make pkg` builds
// it), relative to the repository root, e.g.
//   PORTONE_VERIFY_PKG_DIR=target/helper-workerd/pkg node --test tests/workerd/

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { startServer } from "../portone-server/server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
export const pkgDir = path.resolve(repoRoot, process.env.PORTONE_VERIFY_PKG_DIR ?? "pkg");
const require = createRequire(import.meta.url);
const wranglerBin = path.join(path.dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");

export const COMPATIBILITY_DATE = "2026-01-01";

// ---------------------------------------------------------------------------------------
// Build: the user's Worker, bundled by wrangler against the built package.

/** Bundles worker.mjs with wrangler; returns { dir, dist, files }. */
export async function bundleWorker() {
  for (const file of ["package.json", "workerd.js", "portone_verify.js", "portone_verify_bg.wasm"]) {
    assert.ok(
      existsSync(path.join(pkgDir, file)),
      `${path.join(pkgDir, file)} is missing: build the package first (make pkg), or point ` +
        "PORTONE_VERIFY_PKG_DIR at a built package directory",
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "portone-verify-workerd-"));
  for (const file of ["worker.mjs", "clock.mjs", "wrangler.jsonc"]) {
    await copyFile(path.join(here, file), path.join(dir, file));
  }
  await mkdir(path.join(dir, "node_modules"));
  await symlink(pkgDir, path.join(dir, "node_modules", "portone-verify"), "dir");
  const env = {
    ...process.env,
    WRANGLER_HIDE_BANNER: "true", // the banner also asks the registry for a newer wrangler
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_LOG_PATH: path.join(dir, "logs"),
    XDG_CONFIG_HOME: path.join(dir, "config"), // wrangler's metrics.json etc., not in $HOME
  };
  try {
    await promisify(execFile)(process.execPath, [wranglerBin, "deploy", "--dry-run", "--outdir", "dist"], {
      cwd: dir,
      env,
      timeout: 120_000,
    });
  } catch (e) {
    throw new Error(`wrangler deploy --dry-run failed:\n${e.stdout}\n${e.stderr}`);
  }
  const dist = path.join(dir, "dist");
  return { dir, dist, files: await readdir(dist) };
}

// ---------------------------------------------------------------------------------------
// The local PortOne server and the Worker's Miniflare options.

export const CARD_PAID = "imp_100000000001";
export const TAMPERED = "imp_900000000001";
export const GET_PAYMENT = "GET /payments/{imp_uid}";

/** The Worker's V2 webhook key (PORTONE_WEBHOOK_SECRET), new in each test process. */
export const webhookKey = randomBytes(32);
const WEBHOOK_SECRET = `whsec_${webhookKey.toString("base64")}`;

/** Miniflare options running the bundle in dist/ with the local PortOne server at baseUrl. */
export function workerOptions(dist, baseUrl) {
  return {
    scriptPath: path.join(dist, "worker.js"),
    modules: true,
    modulesRoot: dist, // module names are paths relative to this (the default is the cwd)
    // What wrangler declares for the .wasm it kept: a module compiled by workerd at load.
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: COMPATIBILITY_DATE,
    cf: false, // never fetch workers.cloudflare.com/cf.json (no network; it would wait 3 s)
    bindings: {
      PORTONE_API_KEY: "test_imp_key",
      PORTONE_API_SECRET: "test_imp_secret",
      PORTONE_BASE_URL: baseUrl,
      PORTONE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  };
}

/** A request to the local PortOne server; resolves to { status, text }. */
export async function portone(server, method, route, body) {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** The local PortOne server's request counters. */
export async function stats(server) {
  return JSON.parse((await portone(server, "GET", "/__admin/stats")).text).response;
}

/**
 * The local PortOne V1 server, reset after the raw answer for the seeded card payment was
 * fetched, with a tampered payment added; resolves to { server, cardPaidBody }.
 */
export async function startPortOne() {
  const server = await startServer({ port: 0 });
  // The raw answer of PortOne for the seeded card payment, fetched once with our own token;
  // then reset the server so the Worker's client is the only token user it sees.
  const token = JSON.parse(
    (await portone(server, "POST", "/users/getToken", { imp_key: "test_imp_key", imp_secret: "test_imp_secret" }))
      .text,
  ).response.access_token;
  const res = await fetch(`${server.url}/payments/${CARD_PAID}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  const cardPaidBody = await res.text();
  assert.equal((await portone(server, "POST", "/__admin/reset")).status, 200);
  // A buyer who paid 100 KRW for a 10000 KRW order (amount changed before IMP.request_pay).
  const created = await portone(server, "POST", "/__admin/payments", {
    imp_uid: TAMPERED,
    merchant_uid: "order-tampered",
    amount: 100,
    currency: "KRW",
    status: "paid",
  });
  assert.equal(created.status, 200, created.text);
  return { server, cardPaidBody };
}

// ---------------------------------------------------------------------------------------
// Requests into the Worker.

/** A request into the Worker; resolves to { status, body (parsed JSON) }. */
export async function call(mf, method, pathAndQuery, { body, headers } = {}) {
  const res = await mf.dispatchFetch(`http://worker.test${pathAndQuery}`, { method, body, headers });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    assert.fail(`${method} ${pathAndQuery}: HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, body: json };
}

export const postJson = (mf, route, value) =>
  call(mf, "POST", route, { body: JSON.stringify(value), headers: { "content-type": "application/json" } });

