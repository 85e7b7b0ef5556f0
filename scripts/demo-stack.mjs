// The demo stack, shared by scripts/demo, scripts/load and tests/e2e/:
//   1. the local PortOne V1 server (tests/portone-server), plus one forged-amount payment;
//   2. examples/cloudflare-worker bundled by wrangler (`deploy --dry-run`) against the built
//      package, run in real workerd by Miniflare on a 127.0.0.1 port, with the values of the
//      example's .dev.vars (or .dev.vars.example) and PORTONE_BASE_URL set to server 1;
//   3. a static server for www/ and the package (the page loads its browser entry).
//
//   import { startStack } from "./scripts/demo-stack.mjs";
//   const stack = await startStack({ pkgDir });   // { portoneUrl, workerUrl, wwwUrl, pageUrl, stop() }
//
// As a program (what scripts/demo runs): `node scripts/demo-stack.mjs [--once]` starts the stack,
// prints the URLs, verifies a good payment and a forged one through the Worker, then keeps
// running until SIGINT/SIGTERM (or exits after the two verifications with --once).
// The package directory is PORTONE_VERIFY_PKG_DIR (default pkg), relative to the repository.

import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "..");
export const exampleDir = path.join(repoRoot, "examples", "cloudflare-worker");
export const wwwDir = path.join(repoRoot, "www");
const require = createRequire(import.meta.url);

const LOOPBACK = "127.0.0.1";
const COMPATIBILITY_DATE_FALLBACK = "2026-01-01";

/** The two payments the demo verifies (the forged one is created by startStack). */
export const DEMO_PAYMENTS = {
  // Seeded in the local PortOne server: a 1004 KRW card payment for the 1004 KRW order.
  good: { imp_uid: "imp_100000000001", merchant_uid: "order-card-paid" },
  // Created by startStack: a real, paid payment of 100 KRW for an order that costs 1004 KRW
  // (the buyer changed the amount in the browser before IMP.request_pay).
  forged: { imp_uid: "imp_900000000100", merchant_uid: "order-forged-amount", amount: 100 },
};

/** The package directory: PORTONE_VERIFY_PKG_DIR (default "pkg"), relative to the repository. */
export function packageDir(dir = process.env.PORTONE_VERIFY_PKG_DIR ?? "pkg") {
  return path.resolve(repoRoot, dir);
}

/**
 * The file the package's `exports["."]` map gives a browser: the `browser` condition, else
 * `default` (conditions may nest). Returns a path relative to the package directory.
 */
export function browserEntry(pkgDir) {
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  let target = pkg.exports?.["."] ?? pkg.exports ?? pkg.browser ?? pkg.module ?? pkg.main;
  const pick = (t) => {
    if (typeof t === "string") return t;
    if (Array.isArray(t)) return t.map(pick).find(Boolean);
    if (t && typeof t === "object") {
      for (const condition of ["browser", "import", "default"]) {
        if (condition in t) {
          const found = pick(t[condition]);
          if (found) return found;
        }
      }
    }
    return undefined;
  };
  target = pick(target);
  if (typeof target !== "string") throw new Error(`${pkgDir}/package.json: no browser entry in its exports map`);
  return path.posix.normalize(target.replace(/^\.\//, ""));
}

/** Checks that pkgDir holds a built package (with what the Worker and the page need). */
export function checkPackage(pkgDir) {
  const missing = ["package.json"].filter((f) => !existsSync(path.join(pkgDir, f)));
  if (missing.length === 0) {
    const entry = browserEntry(pkgDir);
    if (!existsSync(path.join(pkgDir, entry))) missing.push(entry);
  }
  if (missing.length > 0) {
    throw new Error(
      `${pkgDir} is not a built package (missing ${missing.join(", ")}): run \`make pkg\` (or \`make pkg-workerd\` ` +
        "and PORTONE_VERIFY_PKG_DIR=target/pkg-workerd)",
    );
  }
}

// ---------------------------------------------------------------------------------------
// Ports and small helpers.

/** Whether `port` can be listened on at 127.0.0.1 right now. */
export async function portIsFree(port) {
  if (!port) return true;
  const server = net.createServer();
  try {
    server.listen(port, LOOPBACK);
    await once(server, "listening");
    return true;
  } catch {
    return false;
  } finally {
    server.close();
  }
}

/** `port` if it is free, else 0 (any free port). */
async function preferPort(port) {
  return (await portIsFree(port)) ? port : 0;
}

/** A free 127.0.0.1 port chosen by the kernel. */
async function freePort() {
  const server = net.createServer();
  server.listen(0, LOOPBACK);
  await once(server, "listening");
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** Reads a .dev.vars file (dotenv: KEY=value, # comments, optional quotes). */
export function readDevVars(file) {
  const vars = {};
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith("#")) continue;
    let value = m[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[1] === '"' ? quoted[2].replace(/\\n/g, "\n") : quoted[2];
    vars[m[1]] = value;
  }
  return vars;
}

/** The example's local secrets: .dev.vars if the user made one, else .dev.vars.example. */
export function exampleDevVars() {
  for (const name of [".dev.vars", ".dev.vars.example"]) {
    const file = path.join(exampleDir, name);
    if (existsSync(file)) return { file, vars: readDevVars(file) };
  }
  return { file: null, vars: {} };
}

function compatibilityDate() {
  try {
    const toml = readFileSync(path.join(exampleDir, "wrangler.toml"), "utf8");
    return /^\s*compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? COMPATIBILITY_DATE_FALLBACK;
  } catch {
    return COMPATIBILITY_DATE_FALLBACK;
  }
}

async function postJson(url, body) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text };
}

// ---------------------------------------------------------------------------------------
// 1. The local PortOne server.

/**
 * Starts the local PortOne V1 server: in this process (default), or as a child process
 * (`inProcess: false`, e.g. so that a load generator does not share its event loop).
 */
export async function startPortOne({ port = 0, inProcess = true } = {}) {
  if (inProcess) {
    const { startServer } = await import(pathToFileURL(path.join(repoRoot, "tests/portone-server/server.mjs")).href);
    const server = await startServer({ port });
    return { url: server.url, close: () => server.close() };
  }
  const child = spawn(process.execPath, [path.join(repoRoot, "tests/portone-server/server.mjs"), "--port", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the PortOne server did not start in 10 s")), 10_000);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /PORTONE_SERVER_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the PortOne server exited with ${code}`));
    });
  });
  return {
    url,
    pid: child.pid,
    async close() {
      process.removeListener("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Creates the forged-amount payment at the PortOne server (idempotent). */
export async function createForgedPayment(portoneUrl) {
  const { imp_uid, merchant_uid, amount } = DEMO_PAYMENTS.forged;
  const res = await postJson(`${portoneUrl}/__admin/payments`, { imp_uid, merchant_uid, amount, status: "paid" });
  if (res.status !== 200 && res.status !== 409) throw new Error(`creating the forged payment: ${res.status} ${res.text}`);
}

export async function portoneStats(portoneUrl) {
  const res = await fetch(`${portoneUrl}/__admin/stats`);
  return (await res.json()).response;
}

// ---------------------------------------------------------------------------------------
// 2. The Worker example in workerd.

/**
 * Bundles examples/cloudflare-worker with wrangler, as `wrangler deploy` would, in a
 * temporary directory whose node_modules/portone-verify links to pkgDir.
 * Returns { dir, dist, main, remove() } (main: the bundled entry's file name in dist).
 */
export async function bundleExample(pkgDir) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "portone-verify-demo-"));
  // Miniflare's own SIGINT/SIGTERM handlers stop workerd and call process.exit() at once, so an
  // asynchronous cleanup may never run: remove the directory on exit whatever happens.
  const removeOnExit = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeOnExit);
  const remove = async () => {
    process.removeListener("exit", removeOnExit);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await cp(path.join(exampleDir, "src"), path.join(dir, "src"), { recursive: true });
    await cp(path.join(exampleDir, "wrangler.toml"), path.join(dir, "wrangler.toml"));
    await cp(path.join(exampleDir, "package.json"), path.join(dir, "package.json"));
    await mkdir(path.join(dir, "node_modules"));
    await symlink(pkgDir, path.join(dir, "node_modules", "portone-verify"), "dir");
    const wrangler = path.join(path.dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
    const env = {
      ...process.env,
      WRANGLER_HIDE_BANNER: "true", // the banner asks the registry for a newer wrangler
      WRANGLER_SEND_METRICS: "false",
      WRANGLER_LOG_PATH: path.join(dir, "logs"),
      XDG_CONFIG_HOME: path.join(dir, "config"),
    };
    try {
      await promisify(execFile)(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", "dist"], {
        cwd: dir,
        env,
        timeout: 120_000,
      });
    } catch (e) {
      throw new Error(`wrangler deploy --dry-run failed:\n${e.stdout ?? ""}\n${e.stderr ?? e.message}`);
    }
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
    return { dir, dist, main, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

/**
 * Runs a bundle in workerd (Miniflare) listening on 127.0.0.1:port (0 = a free port).
 * bindings: the Worker's env. Returns { url, mf, close() }.
 */
export async function startWorker({ dist, main, port = 0, bindings }) {
  const { Miniflare, Log, LogLevel } = await import("miniflare");
  const mf = new Miniflare({
    scriptPath: path.join(dist, main),
    modules: true,
    modulesRoot: dist,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: compatibilityDate(),
    cf: false, // never fetch workers.cloudflare.com/cf.json
    host: LOOPBACK,
    port: port || (await freePort()),
    log: new Log(LogLevel.WARN),
    bindings,
  });
  let url;
  try {
    url = await mf.ready;
  } catch (e) {
    await mf.dispose().catch(() => {});
    throw e;
  }
  return { url: url.origin, mf, close: () => mf.dispose() };
}

// ---------------------------------------------------------------------------------------
// 3. The static server: www/ at /, the package at /pkg/, /config.js generated.

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Resolves `rel` under `root`, or null if it escapes it. */
function inside(root, rel) {
  const file = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/**
 * config: a function returning the page's config ({ workerUrl, pkgEntry }), read on every
 * request of /config.js (so the Worker URL can be filled in after the server started).
 */
export async function startStaticServer({ pkgDir, port = 0, config }) {
  const server = createServer(async (req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain", "method not allowed\n");
      const { pathname } = new URL(req.url, `http://${LOOPBACK}`);
      const rel = decodeURIComponent(pathname);
      if (rel === "/config.js") {
        return send(200, TYPES[".js"], `// Generated by scripts/demo-stack.mjs\nexport default ${JSON.stringify(config(), null, 2)};\n`);
      }
      if (rel === "/favicon.ico") return send(204, "image/x-icon", "");
      let file = rel.startsWith("/pkg/") ? inside(pkgDir, rel.slice(5)) : inside(wwwDir, rel === "/" ? "index.html" : rel.slice(1));
      if (file && (await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, "index.html");
      const body = file && (await readFile(file).catch(() => null));
      if (!body) return send(404, "text/plain; charset=utf-8", `not found: ${rel}\n`);
      send(200, TYPES[path.extname(file)] ?? "application/octet-stream", req.method === "HEAD" ? "" : body);
    } catch (e) {
      send(500, "text/plain; charset=utf-8", `${e?.message ?? e}\n`);
    }
  });
  server.listen(port, LOOPBACK);
  await once(server, "listening");
  return {
    url: `http://${LOOPBACK}:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------
// The whole stack.

/**
 * Starts the PortOne server, the Worker example in workerd and the static server.
 *
 * options: pkgDir (default packageDir()), ports { portone, worker, www } (0 = free port; a
 * busy fixed port falls back to a free one), portoneInProcess (default true), www (start the
 * static server; default true), log (a function, default silent).
 * Returns { pkgDir, portoneUrl, workerUrl, wwwUrl, pageUrl, devVarsFile, stop() }; stop()
 * stops everything started, and is safe to call twice.
 */
export async function startStack({
  pkgDir = packageDir(),
  ports = {},
  portoneInProcess = true,
  www: withWww = true,
  log = () => {},
} = {}) {
  checkPackage(pkgDir);
  const cleanups = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error(`stopping: ${e?.message ?? e}`));
  };
  let bundling = null;
  try {
    const t0 = performance.now();
    bundling = bundleExample(pkgDir); // the slowest step; runs while the rest starts
    bundling.catch(() => {});

    const portone = await startPortOne({ port: await preferPort(ports.portone ?? 0), inProcess: portoneInProcess });
    cleanups.push(() => portone.close());
    await createForgedPayment(portone.url);
    log(`PortOne V1 server   ${portone.url}${portone.pid ? ` (pid ${portone.pid})` : ""}`);

    const page = { workerUrl: null, pkgEntry: `/pkg/${browserEntry(pkgDir)}` };
    const www = withWww ? await startStaticServer({ pkgDir, port: await preferPort(ports.www ?? 0), config: () => page }) : null;
    if (www) cleanups.push(() => www.close());

    const bundle = await bundling;
    cleanups.push(() => bundle.remove());
    const { file: devVarsFile, vars } = exampleDevVars();
    const wwwOrigins = www ? [www.url, www.url.replace(LOOPBACK, "localhost")] : [];
    const worker = await startWorker({
      ...bundle,
      port: await preferPort(ports.worker ?? 0),
      bindings: {
        ...vars,
        PORTONE_BASE_URL: portone.url, // whatever .dev.vars says: this run's server
        ALLOWED_ORIGINS: [...new Set([...String(vars.ALLOWED_ORIGINS ?? "").split(",").filter(Boolean), ...wwwOrigins])].join(","),
      },
    });
    cleanups.push(() => worker.close());
    page.workerUrl = worker.url;
    log(`Worker (workerd)    ${worker.url}   (examples/cloudflare-worker, vars from ${path.relative(repoRoot, devVarsFile ?? "-")})`);
    if (www) log(`www page            ${www.url}/   (package: ${path.relative(repoRoot, pkgDir)}/${browserEntry(pkgDir)})`);
    log(`started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    return {
      pkgDir,
      portoneUrl: portone.url,
      workerUrl: worker.url,
      wwwUrl: www?.url ?? null,
      pageUrl: www ? `${www.url}/` : null,
      devVarsFile,
      mf: worker.mf,
      stop,
    };
  } catch (e) {
    await stop();
    await bundling?.then((b) => b.remove()).catch(() => {}); // if it was still running
    throw e;
  }
}

/** POST {imp_uid, merchant_uid} to the Worker's /payments/complete: { status, body }. */
export function completePayment(workerUrl, { imp_uid, merchant_uid }) {
  return postJson(`${workerUrl}/payments/complete`, { imp_uid, merchant_uid });
}

/** A verdict answer of /payments/complete as one line. */
export function describeVerdict({ status, body, text }) {
  if (!body) return `HTTP ${status}: ${text}`;
  if (body.error) return `HTTP ${status}: error ${body.error.code}${body.error.path ? ` at ${body.error.path}` : ""}: ${body.error.message}`;
  const p = body.payment ?? {};
  const head = `HTTP ${status}: ok=${body.ok}`;
  const what = body.ok
    ? `state=${body.state}`
    : `failures=${body.failures.map((f) => `${f.code}(${f.field}: expected ${JSON.stringify(f.expected)}, actual ${JSON.stringify(f.actual)})`).join(", ")}`;
  return `${head} ${what}; payment ${p.imp_uid} ${p.amount} ${p.currency ?? ""} ${p.status}; order ${body.order?.status}${body.changed ? " (changed)" : ""}`;
}

/** The demo's two verifications. Returns true when the good one is ok and the forged one is AMOUNT_MISMATCH. */
export async function runDemoVerifications(workerUrl, print = console.log) {
  const good = await completePayment(workerUrl, DEMO_PAYMENTS.good);
  print(`good payment   ${DEMO_PAYMENTS.good.imp_uid} for ${DEMO_PAYMENTS.good.merchant_uid} (1004 KRW):`);
  print(`  ${describeVerdict(good)}`);
  const forged = await completePayment(workerUrl, DEMO_PAYMENTS.forged);
  print(`forged amount  ${DEMO_PAYMENTS.forged.imp_uid} for ${DEMO_PAYMENTS.forged.merchant_uid} (order 1004 KRW, paid 100):`);
  print(`  ${describeVerdict(forged)}`);
  const goodOk = good.status === 200 && good.body?.ok === true && good.body.state === "paid";
  const forgedRejected =
    forged.status === 409 && forged.body?.ok === false && forged.body.failures.some((f) => f.code === "AMOUNT_MISMATCH");
  return goodOk && forgedRejected;
}

// ---------------------------------------------------------------------------------------
// As a program.

async function main(argv) {
  const onceOnly = argv.includes("--once");
  const envPort = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
  // Fixed ports for a demo you open in a browser (a busy one falls back to a free one);
  // --once uses free ports so it never collides with a running demo.
  const ports = {
    portone: envPort("DEMO_PORTONE_PORT", onceOnly ? 0 : 8790),
    worker: envPort("DEMO_WORKER_PORT", onceOnly ? 0 : 8787),
    www: envPort("DEMO_WWW_PORT", onceOnly ? 0 : 8080),
  };
  const print = (line) => console.log(`[demo] ${line}`);

  let stack = null;
  let stopping = null;
  const shutdown = (signal) => {
    stopping ??= (async () => {
      if (signal) print(`${signal}: stopping`);
      await stack?.stop();
    })();
    return stopping;
  };
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      interrupted = true;
      shutdown(signal).then(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }

  const pkgDir = packageDir();
  print(`package ${path.relative(repoRoot, pkgDir)}; starting the local PortOne server, the Worker in workerd and the www server…`);
  let ok = false;
  try {
    stack = await startStack({ pkgDir, ports, log: print });
    if (interrupted) return;
    print("");
    print(`open ${stack.pageUrl}   (the page calls the Worker at ${stack.workerUrl})`);
    print(`     ${stack.pageUrl}?worker=${encodeURIComponent(stack.workerUrl)}   (the Worker URL as a query parameter)`);
    print(`PortOne admin stats: ${stack.portoneUrl}/__admin/stats`);
    print("");
    ok = await runDemoVerifications(stack.workerUrl, print);
    print(ok ? "both verdicts as expected (good: ok/paid; forged: AMOUNT_MISMATCH)" : "UNEXPECTED verdicts");
  } finally {
    if (onceOnly || !ok) await shutdown();
  }
  if (onceOnly || !ok) {
    process.exitCode = ok ? 0 : 1;
    return;
  }
  print("running; Ctrl-C stops everything");
  await new Promise(() => {}); // the servers keep the process alive until a signal
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch(async (e) => {
    console.error(`[demo] ${e?.stack ?? e}`);
    process.exit(1);
  });
}
