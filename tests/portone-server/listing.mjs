// Query parameters shared by the list routes: `sorting` (default -started), `page`/`limit`
// paging into `{total, previous, next, list}` (previous/next are 0 when there is no such page),
// and payment_status filters.

import { badRequest } from "./http.mjs";

export const FILTER_STATUSES = ["ready", "paid", "failed", "cancelled"];
const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 20;

const SORT_KEYS = {
  started: (payment) => payment.started_at,
  paid: (payment) => payment.paid_at,
  updated: (payment, store) => store.updatedAt(payment.imp_uid),
};

/** An optional non-negative integer query parameter. */
export function integerParam(query, name, fallback) {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`${name}는 0 이상의 정수여야 합니다.`);
  return Number(raw);
}

export function parseFilterStatus(status) {
  if (status !== undefined && !FILTER_STATUSES.includes(status)) {
    throw badRequest(`올바르지 않은 payment_status입니다: ${status}`);
  }
  return status;
}

/** The payments ordered as `sorting` asks; "-started" (newest first) when it is empty. */
export function sortPayments(payments, sorting, store) {
  sorting ||= "-started";
  const descending = sorting.startsWith("-");
  const keyOf = SORT_KEYS[descending ? sorting.slice(1) : sorting];
  if (!keyOf) throw badRequest(`올바르지 않은 sorting입니다: ${sorting}`);
  const direction = descending ? -1 : 1;
  return [...payments].sort(
    (a, b) =>
      direction * (keyOf(a, store) - keyOf(b, store)) ||
      a.imp_uid.localeCompare(b.imp_uid),
  );
}

/** One page of `payments`; a page past the last one is a 400, as for /payments/status. */
export function pageOf(payments, query) {
  const page = integerParam(query, "page", 1);
  const limit = integerParam(query, "limit", DEFAULT_LIMIT);
  if (page < 1) throw badRequest("page는 1부터 시작합니다.");
  if (limit < 1 || limit > MAX_LIMIT) throw badRequest(`limit는 1 이상 ${MAX_LIMIT} 이하입니다.`);
  const total = payments.length;
  const start = (page - 1) * limit;
  if (page > 1 && start >= total) throw badRequest("데이터 범위를 넘어선 page입니다.");
  return {
    total,
    previous: page > 1 ? page - 1 : 0,
    next: start + limit < total ? page + 1 : 0,
    list: payments.slice(start, start + limit),
  };
}
