// The PortOne V1 route table and its matching: path patterns with `{param}` and an optional
// trailing `{param?}`, matched on raw segments and then percent-decoded (merchant_uids may hold
// `/`, spaces, Korean). Every route but getToken needs the access token.

import { cancelPayment } from "./cancel.mjs";
import { getBalance } from "./balance.mjs";
import { answer, ApiError, badRequest } from "./http.mjs";
import {
  billingKeyPayments,
  findAllPayments,
  findPayment,
  getPayment,
  getPayments,
  paymentsByStatus,
} from "./lookup-routes.mjs";
import { getPrepared, registerPrepared, updatePrepared } from "./prepare.mjs";
import { getToken } from "./tokens.mjs";

/** The stats / fault key of a request that matched no route. */
const UNMATCHED_ROUTE = "unmatched";

const route = (method, pattern, handler, { auth = true } = {}) => ({
  key: `${method} ${pattern}`,
  method,
  segments: pattern.slice(1).split("/"),
  handler,
  auth,
});

/** Literal routes come before the `{imp_uid}` routes that would also match them. */
const ROUTES = [
  route("POST", "/users/getToken", getToken, { auth: false }),
  route("GET", "/payments", getPayments),
  route("POST", "/payments/cancel", cancelPayment),
  route("POST", "/payments/prepare", registerPrepared),
  route("PUT", "/payments/prepare", updatePrepared),
  route("GET", "/payments/prepare/{merchant_uid}", getPrepared),
  route("GET", "/payments/find/{merchant_uid}/{payment_status?}", findPayment),
  route("GET", "/payments/findAll/{merchant_uid}/{payment_status?}", findAllPayments),
  route("GET", "/payments/status/{payment_status}", paymentsByStatus),
  route("GET", "/payments/{imp_uid}/balance", getBalance),
  route("GET", "/payments/{imp_uid}", getPayment),
  route("GET", "/subscribe/customers/{customer_uid}/payments", billingKeyPayments),
];

export const ROUTE_KEYS = ROUTES.map((r) => r.key);

/** The raw (still percent-encoded) params, or null when the path does not fit the pattern. */
function matchSegments(patternSegments, pathSegments) {
  if (pathSegments.length > patternSegments.length) return null;
  const params = {};
  for (const [index, part] of patternSegments.entries()) {
    const segment = pathSegments[index];
    const param = /^\{(\w+)(\?)?\}$/.exec(part);
    if (!param) {
      if (segment !== part) return null;
    } else if (segment === undefined || (param[2] && segment === "")) {
      if (!param[2]) return null;
    } else {
      params[param[1]] = segment;
    }
  }
  return params;
}

function decodeParams(rawParams) {
  try {
    return Object.fromEntries(
      Object.entries(rawParams).map(([name, raw]) => [name, decodeURIComponent(raw)]),
    );
  } catch {
    throw badRequest("경로의 퍼센트 인코딩이 올바르지 않습니다.");
  }
}

/**
 * The route for a request: `{ key, route, rawParams }`; `route` is null when nothing matches,
 * and `methodNotAllowed` tells a known path asked with another method.
 */
export function resolveRoute(method, pathname) {
  const pathSegments = pathname.slice(1).split("/");
  let methodNotAllowed = false;
  for (const candidate of ROUTES) {
    const rawParams = matchSegments(candidate.segments, pathSegments);
    if (rawParams === null) continue;
    if (candidate.method === method) return { key: candidate.key, route: candidate, rawParams };
    methodNotAllowed = true;
  }
  return { key: UNMATCHED_ROUTE, route: null, methodNotAllowed };
}

/** Runs the resolved route; failures become their envelope reply. */
export function dispatch(resolved, { req, query, state }) {
  return answer(async () => {
    if (!resolved.route) {
      throw resolved.methodNotAllowed
        ? new ApiError(405, -1, "허용되지 않는 HTTP METHOD입니다.")
        : new ApiError(404, -1, "존재하지 않는 API입니다.");
    }
    if (resolved.route.auth) state.tokens.requireToken(req);
    const params = decodeParams(resolved.rawParams);
    return resolved.route.handler({ req, params, query, state });
  });
}
