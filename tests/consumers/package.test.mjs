// The packed tarball as npm would publish it: publint, @arethetypeswrong/cli, and what is in it.
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { repoModule, run, tarball } from "./support.mjs";

let tgz;
let unpacked; // the tarball extracted: <dir>/package/...
before(async () => {
  tgz = await tarball();
  const dir = await mkdtemp(path.join(os.tmpdir(), "portone-verify-unpacked-"));
  await run("tar", ["-xzf", tgz, "-C", dir]);
  unpacked = path.join(dir, "package");
});
after(() => unpacked && rm(path.dirname(unpacked), { recursive: true, force: true }));

const read = (file) => readFile(path.join(unpacked, file), "utf8");

describe("lint", () => {
  test("publint --strict on the tarball: all good", async () => {
    const { stdout } = await run(process.execPath, [repoModule("publint/src/cli.js"), "run", tgz, "--strict"]);
    assert.match(stdout, /All good!/, stdout);
  });

  // ESM-only by design ("type": "module", no "require" condition, no "main"): the esm-only
  // profile leaves out node10 (no `exports` support at all) and node16-from-CJS (`require`),
  // and keeps every other rule for node16-from-ESM and bundler resolution.
  test("attw --profile esm-only on the tarball: no problems", async () => {
    const { stdout } = await run(process.execPath, [
      repoModule("@arethetypeswrong/cli/dist/index.js"),
      "--profile",
      "esm-only",
      "--format",
      "json",
      tgz,
    ]);
    const report = JSON.parse(stdout);
    const problems = report.analysis.problems ?? [];
    const relevant = problems.filter(
      (p) => !("resolutionKind" in p) || !["node10", "node16-cjs"].includes(p.resolutionKind),
    );
    assert.deepEqual(relevant, [], JSON.stringify(relevant, null, 2));
    // Each entry resolves to its own types and JS under node16 (ESM) and bundler resolution.
    const entry = report.analysis.entrypoints["."].resolutions;
    assert.equal(entry["node16-esm"].resolution.fileName, "/node_modules/portone-verify/node.d.ts");
    assert.equal(entry["node16-esm"].implementationResolution.fileName, "/node_modules/portone-verify/node.js");
    assert.equal(entry.bundler.resolution.fileName, "/node_modules/portone-verify/browser.d.ts");
    assert.equal(entry.bundler.implementationResolution.fileName, "/node_modules/portone-verify/browser.js");
    // "./server": the server API under both (node under node16, the default condition under bundler).
    const server = report.analysis.entrypoints["./server"].resolutions;
    assert.equal(server["node16-esm"].resolution.fileName, "/node_modules/portone-verify/node.d.ts");
    assert.equal(server["node16-esm"].implementationResolution.fileName, "/node_modules/portone-verify/node.js");
    assert.equal(server.bundler.resolution.fileName, "/node_modules/portone-verify/workerd.d.ts");
    assert.equal(server.bundler.implementationResolution.fileName, "/node_modules/portone-verify/workerd.js");
  });
});

describe("contents", () => {
  // The edge build at the root (as `make pkg-workerd`'s wasm-pack output), the browser build in browser/.
  test("exactly the entry points, their types and the two builds", async () => {
    const files = [];
    const walk = async (dir) => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else files.push(path.relative(unpacked, p).replace(/snippets\/[^/]+\//, "snippets/*/"));
      }
    };
    await walk(unpacked);
    const expected = [
      "README.md", "LICENSE", "package.json",
      "node.js", "node.d.ts", "workerd.js", "workerd.d.ts", "browser.js", "browser.d.ts",
      ...["", "browser/"].flatMap((dir) =>
        ["portone_verify.js", "portone_verify.d.ts", "portone_verify_bg.wasm"].map((f) => `${dir}${f}`)),
      // The JS modules the Rust binds (wasm-bindgen `module =` snippets), in both builds.
      ...["", "browser/"].flatMap((dir) =>
        ["args.js", "errors.js", "verdict.js"].map((f) => `${dir}snippets/*/src/wasm/${f}`)),
      // The webhook request reader: the edge build only.
      "snippets/*/src/wasm/webhook.js",
    ];
    for (const file of expected) assert.ok(files.includes(file), `${file} is in the tarball`);
    const extra = files.filter((f) => !expected.includes(f));
    assert.deepEqual(extra, [], "nothing else");
  });

  test("the browser build has no REST client and no webhooks, the edge build has both", async () => {
    for (const file of ["browser/portone_verify.js", "browser/portone_verify.d.ts", "browser.js", "browser.d.ts"]) {
      const text = await read(file);
      for (const name of ["PortOneClient", "verifyWebhookV2", "parseWebhookV1"]) {
        assert.ok(!text.includes(name), `${name} is not in ${file}`);
      }
    }
    const edge = await read("portone_verify.js");
    for (const name of ["PortOneClient", "verifyWebhookV2", "parseWebhookV1"]) {
      assert.ok(edge.includes(name), `${name} is in portone_verify.js (the edge build)`);
    }
  });

  test("per-entry types: init only for browsers", async () => {
    const edge = await read("portone_verify.d.ts");
    assert.doesNotMatch(edge, /initSync|__wbg_init|export default|InitInput/);
    assert.match(edge, /export class PortOneClient/);
    const browser = await read("browser/portone_verify.d.ts");
    assert.match(browser, /export default function __wbg_init/);
    assert.match(await read("browser.d.ts"), /default as init/);
  });

  test("package.json: ESM, side effects only in the self-initialising entries", async () => {
    const pkg = JSON.parse(await read("package.json"));
    assert.equal(pkg.name, "portone-verify");
    assert.equal(pkg.type, "module");
    // Not `false`: esbuild (wrangler) then drops workerd.js's initSync when only re-exported
    // bindings are used, and every call fails on an uninitialised wasm.
    assert.deepEqual(pkg.sideEffects, ["./node.js", "./workerd.js"]);
    const dot = pkg.exports["."];
    assert.deepEqual(Object.keys(dot), ["workerd", "worker", "node", "browser", "default"]);
    assert.deepEqual(dot.workerd, { types: "./workerd.d.ts", default: "./workerd.js" });
    assert.deepEqual(dot.node, { types: "./node.d.ts", default: "./node.js" });
    assert.deepEqual(dot.default, { types: "./browser.d.ts", default: "./browser.js" });
    // "./server" never gives the browser build: the edge build for workerd and any bundler,
    // the node entry for Node.
    const server = pkg.exports["./server"];
    assert.deepEqual(Object.keys(server), ["workerd", "worker", "node", "default"]);
    assert.deepEqual(server.workerd, dot.workerd);
    assert.deepEqual(server.worker, dot.worker);
    assert.deepEqual(server.node, dot.node);
    assert.deepEqual(server.default, { types: "./workerd.d.ts", default: "./workerd.js" });
  });
});
