// The V2 read routes: GET /payments/{paymentId}?storeId= (getPayment) and GET /payments
// (getPayments: GetPaymentsBody `{page?, filter?}` in the `requestBody` query parameter as
// JSON, or as the JSON body of the GET, as the OpenAPI's `x-portone-query-or-body` allows).

import { paymentFilter } from "./filter.mjs";
import { V2Error, invalidRequest, parseObject, readText, v2Ok } from "./http.mjs";
import { optionalInt32, optionalObject } from "./values.mjs";

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_END = 60_000;

/** 403 for a `storeId` other than the server's; INVALID_REQUEST for an empty one. */
export function checkStoreId(storeId, state) {
  if (storeId === null || storeId === undefined) return;
  if (typeof storeId !== "string" || storeId === "") throw invalidRequest("storeId가 올바르지 않습니다.");
  if (storeId !== state.v2.store.config.storeId) {
    throw new V2Error("FORBIDDEN", "접근 권한이 없는 상점입니다.");
  }
}

/** The paymentId path parameter, INVALID_REQUEST when it is empty. */
export function paymentIdParam(params) {
  if (!params.paymentId) throw invalidRequest("paymentId가 비어 있습니다.");
  return params.paymentId;
}

export const paymentNotFound = (paymentId) =>
  new V2Error("PAYMENT_NOT_FOUND", `결제 건이 존재하지 않습니다: ${paymentId}`);

/** GET /payments/{paymentId} */
export function getV2Payment({ params, query, state }) {
  const paymentId = paymentIdParam(params);
  checkStoreId(query.get("storeId"), state);
  const payment = state.v2.store.get(paymentId);
  if (!payment) throw paymentNotFound(paymentId);
  return v2Ok(payment);
}

/** GetPaymentsBody from the query's `requestBody` or the request body (not both). */
async function getPaymentsBody(req, query) {
  const fromQuery = query.get("requestBody");
  const text = await readText(req);
  if (fromQuery !== null && text.trim() !== "") {
    throw invalidRequest("requestBody는 쿼리와 본문 중 한 곳에만 보내야 합니다.");
  }
  const source = fromQuery ?? text;
  return source.trim() === "" ? {} : parseObject(source, "requestBody");
}

/** GET /payments */
export async function getV2Payments({ req, query, state }) {
  const body = await getPaymentsBody(req, query);
  const page = optionalObject(body, "page") ?? {};
  const number = optionalInt32(page, "number", 0, { min: 0 });
  const size = optionalInt32(page, "size", DEFAULT_PAGE_SIZE, { min: 1 });
  if ((number + 1) * size > MAX_PAGE_END) {
    throw invalidRequest(`(page.number + 1) * page.size는 ${MAX_PAGE_END}을 넘을 수 없습니다.`);
  }
  const { store } = state.v2;
  const filter = paymentFilter(optionalObject(body, "filter") ?? {}, {
    storeId: store.config.storeId,
    merchantId: store.config.merchantId,
    nowMs: state.clock.nowSeconds() * 1000,
  });
  const matches = store.all().filter(filter.matches).sort(filter.compare);
  return v2Ok({
    items: matches.slice(number * size, (number + 1) * size),
    page: { number, size, totalCount: matches.length },
  });
}
