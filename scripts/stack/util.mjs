// Small pieces of the demo stack (scripts/demo-stack.mjs): paths, the package directory,
// ports, .dev.vars, JSON over HTTP, temporary directories.

import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { once } from "node:events";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const exampleDir = path.join(repoRoot, "examples", "cloudflare-worker");
export const wwwDir = path.join(repoRoot, "www");
export const LOOPBACK = "127.0.0.1";

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
  const target = pick(pkg.exports?.["."] ?? pkg.exports ?? pkg.browser ?? pkg.module ?? pkg.main);
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
export async function preferPort(port) {
  return (await portIsFree(port)) ? port : 0;
}

/** A free 127.0.0.1 port chosen by the kernel. */
export async function freePort() {
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

/** JSON over HTTP: { status, body (parsed, or undefined), text }. */
export async function requestJson(url, { method = "POST", body, headers = {}, raw = false } = {}) {
  const res = await fetch(url, {
    method,
    headers: body === undefined || raw ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined || raw ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, body: json, text };
}

export const postJson = (url, body) => requestJson(url, { body });

/**
 * A temporary directory, removed by remove() or, whatever happens, when the process exits
 * (Miniflare's SIGINT/SIGTERM handlers call process.exit() at once, so an asynchronous cleanup
 * may never run). Returns { dir, remove() }.
 */
export async function tempDir(prefix) {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const removeOnExit = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeOnExit);
  return {
    dir,
    async remove() {
      process.removeListener("exit", removeOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
