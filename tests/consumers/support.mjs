// Shared by the consumer tests: the packed tarball, scratch consumer projects installed from
// it, child processes.
//
// The package under test is the tarball in PORTONE_VERIFY_TGZ (run.mjs packs it once), or,
// when a test file runs alone, `npm pack` of PORTONE_VERIFY_PKG_DIR (default pkg/).
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
export const pkgDir = path.resolve(repoRoot, process.env.PORTONE_VERIFY_PKG_DIR ?? "pkg");
const repoModules = path.join(repoRoot, "node_modules");

/** Runs a command; resolves { stdout, stderr }, rejects with both in the message. */
export function run(cmd, args, { cwd = repoRoot, env = {}, timeout = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { cwd, env: { ...process.env, ...env }, timeout, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          const why = error.killed ? `killed after ${timeout} ms` : `exit code ${error.code}`;
          reject(new Error(`${cmd} ${args.join(" ")} (in ${cwd}): ${why}\n${stdout}\n${stderr}`));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

/** `npm pack` of the package directory into a temporary directory; returns the .tgz path. */
export async function packTarball() {
  if (!existsSync(path.join(pkgDir, "package.json"))) {
    throw new Error(`${pkgDir} has no package.json: run ./scripts/build-pkg first`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "portone-verify-tgz-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", dir, "--loglevel=error"], {
    cwd: pkgDir,
  });
  const [{ filename }] = JSON.parse(stdout);
  return path.join(dir, filename);
}

let packed;
/** The tarball under test. */
export async function tarball() {
  if (process.env.PORTONE_VERIFY_TGZ) return process.env.PORTONE_VERIFY_TGZ;
  packed ??= packTarball();
  return packed;
}

/**
 * A scratch consumer project in a temporary directory: tests/consumers/<fixture>/ copied
 * over a minimal ESM package.json, then `npm install <tarball>` (offline: the package has no
 * dependencies). `links` are repo dev dependencies symlinked into its node_modules (e.g.
 * "@types/node"), so nothing else is fetched. Returns { dir, cleanup() }.
 */
export async function consumerProject(fixture, { links = [] } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `portone-verify-consumer-${fixture}-`));
  await writeFile(
    path.join(dir, "package.json"),
    JSON.stringify({ name: `consumer-${fixture}`, private: true, type: "module" }, null, 2),
  );
  await cp(path.join(here, fixture), dir, { recursive: true });
  await run(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", await tarball()],
    { cwd: dir },
  );
  for (const name of links) {
    const link = path.join(dir, "node_modules", name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(path.join(repoModules, name), link, "dir");
  }
  return {
    dir,
    cleanup: () => (process.env.KEEP_CONSUMERS ? undefined : rm(dir, { recursive: true, force: true })),
  };
}

/** A dev dependency's file in the repository's node_modules (e.g. typescript's tsc). */
export const repoModule = (...parts) => path.join(repoModules, ...parts);

/** Debian's chromium, with the flags a headless run in this sandbox needs. */
export { chromiumLaunchOptions as chromium } from "../support/chromium.mjs";
