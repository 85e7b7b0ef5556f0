// Shared by the workerd tests: the package directory, the user's Worker (worker.mjs) bundled by
// wrangler against it, and requests into the Worker. See workerd.test.mjs for the whole setup.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

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

