// Setup shared by the PortOneClient (V1) tests, `client-*.test.mjs`: the package under test,
// one local PortOne server per test file (reset before each test, with the fetch recorder of
// client-harness.mjs installed), and clients pointed at it.
//
// The package: the Node build in target/pkg-node (make pkg-node), or PORTONE_VERIFY_PKG,
// resolved from tests/node/ as before.

import { createRequire } from "node:module";
import { after, before, beforeEach } from "node:test";
import { startServer } from "../../portone-server/server.mjs";
import { API_KEY, API_SECRET, installFetchRecorder, reset } from "./client-harness.mjs";

export const pkg = createRequire(new URL("../", import.meta.url))(
  process.env.PORTONE_VERIFY_PKG ?? "../../target/pkg-node/portone_verify.js",
);
export const { PortOneClient } = pkg;

export const GET_PAYMENT = "GET /payments/{imp_uid}";
export const GET_TOKEN = "POST /users/getToken";
export const CANCEL = "POST /payments/cancel";
export const PREPARE = "POST /payments/prepare";

/** The server of the current test file, set by `useServer()` before its first test. */
export let server;

/** Starts one server for the calling test file, closes it after, and resets it before each test. */
export function useServer() {
  before(async () => {
    installFetchRecorder();
    server = await startServer({ port: 0 });
  });
  after(() => server.close());
  beforeEach(() => reset(server));
}

export function newClient(options = {}) {
  return new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: server.url, ...options });
}

/** A client that gives up fast: tests of failures stay quick. */
export const impatientClient = (options = {}) => newClient({ timeoutMs: 300, maxRetries: 2, ...options });
