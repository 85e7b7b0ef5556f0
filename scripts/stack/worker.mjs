// examples/cloudflare-worker in workerd: staged in a temporary directory against a built
// package, bundled by wrangler (`deploy --dry-run`, as `wrangler deploy` would), its D1
// migrations applied by wrangler to a local database directory, and run by Miniflare on
// 127.0.0.1 with that directory as its D1 persistence (what `wrangler dev` does too).

import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdir, readdir, readFile, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

import { exampleDir, freePort, LOOPBACK, tempDir } from "./util.mjs";

const require = createRequire(import.meta.url);
const COMPATIBILITY_DATE_FALLBACK = "2026-01-01";

/** What a staged copy of the example holds (what wrangler and tsc read). */
const EXAMPLE_FILES = ["src", "migrations", "wrangler.toml", "package.json", "tsconfig.json"];

/**
 * Copies the example into a temporary directory whose node_modules/portone-verify links to
 * pkgDir (plus `links`: names of the repository's dev dependencies, e.g. for tsc).
 * Returns { dir, remove() }.
 */
export async function stageExample(pkgDir, { links = [] } = {}) {
  const staged = await tempDir("portone-verify-example-");
  try {
    for (const name of EXAMPLE_FILES) await cp(path.join(exampleDir, name), path.join(staged.dir, name), { recursive: true });
    await mkdir(path.join(staged.dir, "node_modules"));
    await symlink(pkgDir, path.join(staged.dir, "node_modules", "portone-verify"), "dir");
    for (const name of links) {
      const link = path.join(staged.dir, "node_modules", name);
      await mkdir(path.dirname(link), { recursive: true });
      await symlink(path.dirname(require.resolve(`${name}/package.json`)), link, "dir");
    }
    return staged;
  } catch (e) {
    await staged.remove();
    throw e;
  }
}

function wrangler(dir, args, timeout = 120_000) {
  const bin = path.join(path.dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
  const env = {
    ...process.env,
    WRANGLER_HIDE_BANNER: "true", // the banner asks the registry for a newer wrangler
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_LOG_PATH: path.join(dir, "logs"),
    XDG_CONFIG_HOME: path.join(dir, "config"),
    CI: "true", // no prompts
  };
  return promisify(execFile)(process.execPath, [bin, ...args], { cwd: dir, env, timeout }).catch((e) => {
    throw new Error(`wrangler ${args.join(" ")} failed:\n${e.stdout ?? ""}\n${e.stderr ?? e.message}`);
  });
}

/**
 * Bundles the staged example in `dir` with wrangler into dir/dist. Returns { dist, main }
 * (main: the bundled entry's file name in dist).
 */
export async function bundleExample(dir, pkgDir) {
  await wrangler(dir, ["deploy", "--dry-run", "--outdir", "dist"]);
  const dist = path.join(dir, "dist");
  const files = await readdir(dist);
  const main = files.includes("index.js") ? "index.js" : files.find((f) => f.endsWith(".js"));
  if (!main) throw new Error(`wrangler produced no .js in ${dist}: ${files.join(", ")}`);
  // The package's workerd entry instantiates the wasm at import (initSync). A bundler that
  // believes the package has no side effects ("sideEffects": false in its package.json) drops
  // that call when only named exports are imported, and every call then fails with
  // "Cannot read properties of undefined (reading '…')". Say so instead.
  const js = await readFile(path.join(dist, main), "utf8");
  if (!js.includes("initSync(") || !files.some((f) => f.endsWith(".wasm"))) {
    throw new Error(
      `the wrangler bundle of examples/cloudflare-worker lost the package's wasm initialisation (no initSync call ` +
        `or no .wasm module in ${dist}); is "sideEffects": false in ${path.join(pkgDir, "package.json")}? ` +
        'The entry points that instantiate the wasm at import must be listed, e.g. "sideEffects": ["./workerd.js", "./node.js"]',
    );
  }
  return { dist, main };
}

/** The example's wrangler.toml. */
function wranglerToml() {
  return readFileSync(path.join(exampleDir, "wrangler.toml"), "utf8");
}

function compatibilityDate() {
  return /^\s*compatibility_date\s*=\s*"([^"]+)"/m.exec(wranglerToml())?.[1] ?? COMPATIBILITY_DATE_FALLBACK;
}

/** The example's D1 database: { binding, name, id } from the [[d1_databases]] table of wrangler.toml. */
export function d1Database() {
  const section = /^\[\[d1_databases\]\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(wranglerToml())?.[1] ?? "";
  const value = (key) => new RegExp(`^\\s*${key}\\s*=\\s*"([^"]+)"`, "m").exec(section)?.[1];
  const db = { binding: value("binding"), name: value("database_name"), id: value("database_id") };
  if (!db.binding || !db.name || !db.id) throw new Error("examples/cloudflare-worker/wrangler.toml: no complete [[d1_databases]] table");
  return db;
}

/** The D1 directory under a wrangler persistence directory (`--persist-to`), as wrangler lays it out. */
export const d1PersistPath = (persistDir) => path.join(persistDir, "v3", "d1");

/**
 * Applies the example's migrations/ to the local D1 database kept in persistDir, with
 * `wrangler d1 migrations apply <db> --local --persist-to persistDir` in a staged copy (dir).
 * Already applied migrations are skipped (wrangler records them in d1_migrations).
 * Returns wrangler's output.
 */
export async function applyMigrations({ dir, persistDir }) {
  const { stdout } = await wrangler(dir, ["d1", "migrations", "apply", d1Database().name, "--local", "--persist-to", persistDir]);
  return stdout;
}

/**
 * Runs a bundle in workerd (Miniflare) on 127.0.0.1:port (0 = a free port), with the D1
 * database kept in persistDir. `isolates` > 1 runs that many copies of the Worker (separate
 * isolates, one database), each on its own port. bindings: the Worker's env.
 * Returns { url, urls, mf, db(), close() } (url = urls[0]; db(): the D1 database, from Node).
 */
export async function startWorker({ dist, main, port = 0, bindings, persistDir, isolates = 1 }) {
  const { Miniflare, Log, LogLevel } = await import("miniflare");
  const d1 = d1Database();
  const names = Array.from({ length: isolates }, (_, i) => `shop-${i}`);
  const worker = (name, i) => ({
    name,
    scriptPath: path.join(dist, main),
    modules: true,
    modulesRoot: dist,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: compatibilityDate(),
    bindings,
    d1Databases: { [d1.binding]: d1.id },
    ...(i > 0 ? { unsafeDirectSockets: [{ host: LOOPBACK, port: 0 }] } : {}),
  });
  const mf = new Miniflare({
    workers: names.map(worker),
    d1Persist: d1PersistPath(persistDir),
    cf: false, // never fetch workers.cloudflare.com/cf.json
    host: LOOPBACK,
    port: port || (await freePort()),
    log: new Log(LogLevel.WARN),
  });
  let urls;
  try {
    const entry = await mf.ready;
    urls = [entry.origin];
    for (const name of names.slice(1)) urls.push((await mf.unsafeGetDirectURL(name)).origin);
  } catch (e) {
    await mf.dispose().catch(() => {});
    throw e;
  }
  return { url: urls[0], urls, mf, db: () => mf.getD1Database(d1.binding, names[0]), close: () => mf.dispose() };
}
