// The PortOne V1 route table (matching in routing.mjs). Every route but getToken needs the
// access token.

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
import { decodeParams, resolveIn, route } from "./routing.mjs";
import { getToken } from "./tokens.mjs";

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

/** The V1 route for a request (see resolveIn). */
export const resolveRoute = (method, pathname) => resolveIn(ROUTES, method, pathname);

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
    if (params === null) throw badRequest("경로의 퍼센트 인코딩이 올바르지 않습니다.");
    return resolved.route.handler({ req, params, query, state });
  });
}
