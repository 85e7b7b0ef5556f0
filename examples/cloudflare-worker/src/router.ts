// A small route table: "METHOD /path/:param" matching, CORS for the routes the shop's pages
// call, errors answered as `{ error: { code, message, path? } }`.

import type { Env } from "./env.js";
import { cors, errorBody, json, preflight, statusOf } from "./http.js";

export interface Route {
  method: "GET" | "POST";
  /** Exact segments, or `:name` for one path segment (percent-decoded into `params.name`). */
  path: string;
  /** Called by the shop's pages (CORS with ALLOWED_ORIGINS) rather than by PortOne. */
  browser: boolean;
  handler: (request: Request, env: Env, params: Record<string, string>) => Promise<Response>;
}

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/");
  const have = pathname.split("/");
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const value = have[i] ?? "";
    if (segment.startsWith(":")) {
      if (value === "") return null;
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}

export function router(routes: readonly Route[]): (request: Request, env: Env) => Promise<Response> {
  return async (request, env) => {
    const url = new URL(request.url);
    const found = routes.map((route) => ({ route, params: match(route.path, url.pathname) })).filter((m) => m.params !== null);
    const browser = found.some((m) => m.route.browser);
    const c = browser ? cors(request, env.ALLOWED_ORIGINS) : { ok: true, headers: {} };
    if (request.method === "OPTIONS" && browser) return preflight(c);
    if (!c.ok) {
      return json({ error: { code: "ORIGIN_NOT_ALLOWED", message: "this origin is not in ALLOWED_ORIGINS" } }, 403, c.headers);
    }
    const hit = found.find((m) => m.route.method === request.method);
    try {
      if (hit === undefined || hit.params === null) {
        const status = found.length > 0 ? 405 : 404;
        return json({ error: { code: status === 405 ? "METHOD_NOT_ALLOWED" : "NO_ROUTE", message: `${request.method} ${url.pathname}` } }, status, c.headers);
      }
      const response = await hit.route.handler(request, env, hit.params);
      for (const [k, v] of Object.entries(c.headers)) response.headers.set(k, v);
      return response;
    } catch (e) {
      const status = statusOf(e);
      if (status >= 500) console.error(`${request.method} ${url.pathname}: ${errorBody(e).error.code} ${errorBody(e).error.message}`);
      return json(errorBody(e), status, c.headers);
    }
  };
}
