// Requests to the local server for its V2 and fault tests: answers read with exact integers
// (int64 amounts past 2^53 keep their digits), the admin API, and assertions on V2 error bodies.

import assert from "node:assert/strict";
import { parseExact } from "../v2/json.mjs";
import { V2_DEFAULTS } from "../v2/seeds.mjs";

export const V2_AUTH = `PortOne ${V2_DEFAULTS.apiSecret}`;

function parse(text) {
  try {
    return parseExact(text);
  } catch {
    return undefined;
  }
}

/**
 * One request to `base + path`; `body` is the answer read with exact integers (undefined when
 * it is not JSON). `json` is sent as JSON (a string is sent as it is).
 */
export async function request(base, method, path, { json, headers = {}, auth } = {}) {
  const init = { method, headers: { ...headers } };
  if (auth) init.headers.authorization = auth;
  if (json !== undefined) {
    init.headers["content-type"] ??= "application/json";
    init.body = typeof json === "string" ? json : JSON.stringify(json);
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: parse(text) };
}

/** A client of one server's V2 routes (authenticated with the default secret) and admin API. */
export function v2Client(server) {
  const v2 = (method, path, options = {}) => request(server.v2Url, method, path, { auth: V2_AUTH, ...options });
  const admin = (method, path, json) => request(server.url, method, `/__admin/${path}`, { json });
  const adminOk = async (method, path, json) => {
    const res = await admin(method, path, json);
    assert.equal(res.body?.code, 0n, `admin ${method} ${path}: ${res.text.slice(0, 300)}`);
    return res.body.response;
  };
  return {
    v2,
    admin,
    adminOk,
    getPayment: (id, query = "") => v2("GET", `/payments/${encodeURIComponent(id)}${query}`),
    listPayments: (requestBody) =>
      v2("GET", requestBody === undefined ? "/payments" : `/payments?requestBody=${encodeURIComponent(typeof requestBody === "string" ? requestBody : JSON.stringify(requestBody))}`),
    cancel: (id, json) => v2("POST", `/payments/${encodeURIComponent(id)}/cancel`, { json }),
    preRegister: (id, json) => v2("POST", `/payments/${encodeURIComponent(id)}/pre-register`, { json }),
    stats: () => adminOk("GET", "stats"),
    reset: () => adminOk("POST", "reset", {}),
  };
}

/** Asserts a V2 error answer: that status, JSON `{type, message}` (and `extra` fields). */
export function assertV2Error(res, status, type) {
  assert.equal(res.status, status, res.text.slice(0, 300));
  assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
  assert.equal(res.body.type, type, res.text.slice(0, 300));
  assert.equal(typeof res.body.message, "string");
  assert.ok(res.body.message.length > 0);
}
