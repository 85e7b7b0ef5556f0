// The read-only payment routes: by imp_uid, several at once, by merchant_uid (find, findAll),
// by status within a time window, and by billing key (customer_uid).

import { badRequest, envelopeReply, notFound, ok } from "./http.mjs";
import {
  FILTER_STATUSES,
  integerParam,
  pageOf,
  parseFilterStatus,
  sortPayments,
} from "./listing.mjs";

export const PAYMENT_NOT_FOUND = "존재하지 않는 결제정보입니다.";
const MAX_PAYMENTS_PER_LOOKUP = 100;
const MAX_STATUS_WINDOW_SECONDS = 90 * 24 * 3600;

/** Which timestamp /payments/status filters on, by the payment's final status. */
const STATUS_TIMESTAMP = {
  ready: "started_at",
  paid: "paid_at",
  cancelled: "cancelled_at",
  failed: "failed_at",
};

const paymentsOfOrder = (store, merchantUid, status) =>
  store
    .all()
    .filter((p) => p.merchant_uid === merchantUid && (!status || p.status === status));

/** GET /payments/{imp_uid}: sandbox payments only with include_sandbox=true. */
export function getPayment({ params, query, state }) {
  const payment = state.store.get(params.imp_uid);
  const includeSandbox = query.get("include_sandbox") === "true";
  if (!payment || (payment.sandbox && !includeSandbox)) throw notFound(PAYMENT_NOT_FOUND);
  return ok(payment);
}

/** GET /payments?imp_uid[]=…&merchant_uid[]=…: 207 with the found ones when some are missing. */
export function getPayments({ query, state }) {
  const impUids = query.getAll("imp_uid[]");
  const merchantUids = query.getAll("merchant_uid[]");
  const requested = impUids.length + merchantUids.length;
  if (requested === 0) throw badRequest("imp_uid[] 또는 merchant_uid[]를 지정해야 합니다.");
  if (requested > MAX_PAYMENTS_PER_LOOKUP) {
    throw badRequest(`한 번에 최대 ${MAX_PAYMENTS_PER_LOOKUP}건까지 조회할 수 있습니다.`);
  }
  const latestOfOrder = (merchantUid) =>
    sortPayments(paymentsOfOrder(state.store, merchantUid), "-started", state.store)[0];
  const found = [
    ...impUids.map((impUid) => state.store.get(impUid)),
    ...merchantUids.map(latestOfOrder),
  ].filter(Boolean);
  if (found.length === 0) throw notFound("해당되는 결제건을 찾지 못하였습니다.");
  if (found.length < requested) {
    return envelopeReply(207, 0, "요청된 결제건 중 일부를 찾지 못하였습니다.", found);
  }
  return ok(found);
}

/** GET /payments/find/{merchant_uid}/{payment_status?}: the first payment by `sorting`. */
export function findPayment({ params, query, state }) {
  const status = parseFilterStatus(params.payment_status);
  const matches = paymentsOfOrder(state.store, params.merchant_uid, status);
  const [first] = sortPayments(matches, query.get("sorting"), state.store);
  if (!first) throw notFound(PAYMENT_NOT_FOUND);
  return ok(first);
}

/** GET /payments/findAll/{merchant_uid}/{payment_status?}: every payment of the order, paged. */
export function findAllPayments({ params, query, state }) {
  const status = parseFilterStatus(params.payment_status);
  const matches = paymentsOfOrder(state.store, params.merchant_uid, status);
  if (matches.length === 0) throw notFound(PAYMENT_NOT_FOUND);
  return ok(pageOf(sortPayments(matches, query.get("sorting"), state.store), query));
}

/** GET /payments/status/{payment_status}: `from`..`to` (at most 90 days, default the last 90). */
export function paymentsByStatus({ params, query, state }) {
  const status = params.payment_status;
  if (status !== "all" && !FILTER_STATUSES.includes(status)) {
    throw badRequest(`올바르지 않은 payment_status입니다: ${status}`);
  }
  const to = integerParam(query, "to", state.clock.nowSeconds());
  const from = integerParam(query, "from", to - MAX_STATUS_WINDOW_SECONDS);
  if (from > to) throw badRequest("from은 to보다 클 수 없습니다.");
  if (to - from > MAX_STATUS_WINDOW_SECONDS) throw badRequest("검색기간은 최대 90일입니다.");
  const inWindow = (payment) => {
    const at = payment[STATUS_TIMESTAMP[payment.status] ?? "started_at"];
    return at >= from && at <= to;
  };
  const matches = state.store
    .all()
    .filter((p) => (status === "all" || p.status === status) && inWindow(p));
  return ok(pageOf(sortPayments(matches, query.get("sorting"), state.store), query));
}

/** GET /subscribe/customers/{customer_uid}/payments: the billing key's payments, paged. */
export function billingKeyPayments({ params, query, state }) {
  const matches = state.store.all().filter((p) => p.customer_uid === params.customer_uid);
  if (matches.length === 0) throw notFound("유효하지 않은 customer_uid입니다.");
  return ok(pageOf(sortPayments(matches, "-started", state.store), query));
}
