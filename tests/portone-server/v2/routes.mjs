// The PortOne V2 route table, served under the path prefix /v2 (V1 and V2 live on different
// hosts in reality, api.iamport.kr and api.portone.io, and their paths collide; a V2 client's
// base URL is `${url}/v2`). Every route but POST /login/api-secret needs authentication.

import { decodeParams, resolveIn, route } from "../routing.mjs";
import { loginViaApiSecret } from "./auth.mjs";
import { cancelV2Payment } from "./cancel.mjs";
import { V2Error, answerV2, invalidRequest } from "./http.mjs";
import { getV2Payment, getV2Payments } from "./lookup.mjs";
import { preRegisterV2Payment } from "./pre-register.mjs";

export const V2_PREFIX = "/v2";

const ROUTES = [
  route("POST", "/v2/login/api-secret", loginViaApiSecret, { auth: false }),
  route("GET", "/v2/payments", getV2Payments),
  route("GET", "/v2/payments/{paymentId}", getV2Payment),
  route("POST", "/v2/payments/{paymentId}/cancel", cancelV2Payment),
  route("POST", "/v2/payments/{paymentId}/pre-register", preRegisterV2Payment),
];

export const V2_ROUTE_KEYS = ROUTES.map((r) => r.key);

export const isV2Path = (pathname) => pathname === V2_PREFIX || pathname.startsWith(`${V2_PREFIX}/`);

/** The V2 route for a request (see resolveIn). */
export const resolveV2Route = (method, pathname) => resolveIn(ROUTES, method, pathname);

/** Runs the resolved route; failures become their `{type, message}` reply. */
export function dispatchV2(resolved, { req, query, state }) {
  return answerV2(async () => {
    if (!resolved.route) {
      throw resolved.methodNotAllowed
        ? new V2Error("INVALID_REQUEST", "허용되지 않는 HTTP 메서드입니다.", {}, 405)
        : new V2Error("INVALID_REQUEST", "존재하지 않는 API입니다.", {}, 404);
    }
    if (resolved.route.auth) state.v2.auth.requireAuth(req);
    const params = decodeParams(resolved.rawParams);
    if (params === null) throw invalidRequest("경로의 퍼센트 인코딩이 올바르지 않습니다.");
    return resolved.route.handler({ req, params, query, state });
  });
}
