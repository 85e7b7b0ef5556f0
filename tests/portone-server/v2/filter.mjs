// GET /payments' PaymentFilterInput: which payments match and in which order. The filters a
// test is likely to need are implemented; the others (webhook, platform, escrow status, gift
// certificate and cash-receipt filters) are refused with INVALID_REQUEST naming them, so a test
// never passes on a filter the local server silently ignored. Unknown fields are ignored.

import { V2Error, invalidRequest } from "./http.mjs";
import {
  optionalBoolean,
  optionalDateTime,
  optionalEnum,
  optionalEnumList,
  optionalString,
  timeOf,
} from "./values.mjs";

const DAY_MS = 24 * 3600 * 1000;

/** PaymentStatus (the enum says PENDING where the Payment union says PAY_PENDING: both work). */
const FILTER_STATUSES = {
  READY: "READY",
  PENDING: "PAY_PENDING",
  PAY_PENDING: "PAY_PENDING",
  VIRTUAL_ACCOUNT_ISSUED: "VIRTUAL_ACCOUNT_ISSUED",
  PAID: "PAID",
  FAILED: "FAILED",
  PARTIAL_CANCELLED: "PARTIAL_CANCELLED",
  CANCELLED: "CANCELLED",
};

/** PaymentMethodType -> the `method.type` of the PaymentMethod union. */
const METHOD_TYPES = {
  CARD: "PaymentMethodCard",
  TRANSFER: "PaymentMethodTransfer",
  VIRTUAL_ACCOUNT: "PaymentMethodVirtualAccount",
  GIFT_CERTIFICATE: "PaymentMethodGiftCertificate",
  MOBILE: "PaymentMethodMobile",
  EASY_PAY: "PaymentMethodEasyPay",
  CONVENIENCE_STORE: "PaymentMethodConvenienceStore",
  CRYPTO: "PaymentMethodCrypto",
};

const NOT_IMPLEMENTED = [
  "webhookStatus", "platformType", "escrowStatus", "giftCertificateType", "cashReceiptType",
  "cashReceiptStatus", "cashReceiptIssuedAtRange", "cashReceiptCancelledAtRange",
];

/** PaymentTextSearchField -> what it reads from a payment. */
const TEXT_FIELDS = {
  PAYMENT_ID: (p) => [p.id],
  TX_ID: (p) => [p.transactionId],
  ORDER_NAME: (p) => [p.orderName],
  CUSTOMER_NAME: (p) => [p.customer?.name],
  CUSTOMER_EMAIL: (p) => [p.customer?.email],
  CUSTOMER_PHONE_NUMBER: (p) => [p.customer?.phoneNumber],
  PG_TX_ID: (p) => [p.pgTxId],
  PG_MERCHANT_ID: (p) => [p.channel?.pgMerchantId],
  CARD_NUMBER: (p) => [p.method?.card?.number],
  CARD_APPROVAL_NUMBER: (p) => [p.method?.approvalNumber],
  FAIL_REASON: (p) => [p.failure?.reason],
  CANCEL_REASON: (p) => (Array.isArray(p.cancellations) ? p.cancellations.map((c) => c?.reason) : []),
};
TEXT_FIELDS.ALL = (p) => Object.values(TEXT_FIELDS).filter((f) => f !== TEXT_FIELDS.ALL).flatMap((f) => f(p));

function textSearches(filter) {
  const searches = filter.textSearch;
  if (searches === undefined || searches === null) return [];
  if (!Array.isArray(searches)) throw invalidRequest("filter.textSearch는 배열이어야 합니다.");
  return searches.map((search) => {
    if (search === null || typeof search !== "object") throw invalidRequest("filter.textSearch 항목은 객체여야 합니다.");
    const field = optionalString(search, "field");
    const value = optionalString(search, "value");
    if (field === null || value === null) throw invalidRequest("filter.textSearch 항목에는 field와 value가 필요합니다.");
    if (!TEXT_FIELDS[field]) {
      throw invalidRequest(`로컬 서버가 지원하지 않는 textSearch field입니다: ${field}`);
    }
    return (p) => TEXT_FIELDS[field](p).some((text) => typeof text === "string" && text.includes(value));
  });
}

/**
 * The predicate and order of a PaymentFilterInput (`filter` may be absent).
 * @returns {{ matches: (payment) => boolean, compare: (a, b) => number }}
 */
export function paymentFilter(filter = {}, { storeId, merchantId, nowMs }) {
  for (const name of NOT_IMPLEMENTED) {
    if (filter[name] !== undefined && filter[name] !== null) {
      throw invalidRequest(`로컬 서버가 지원하지 않는 filter입니다: ${name}`);
    }
  }
  const askedStore = optionalString(filter, "storeId");
  if (askedStore !== null && askedStore !== storeId) throw new V2Error("FORBIDDEN", "접근 권한이 없는 상점입니다.");
  const askedMerchant = optionalString(filter, "merchantId");
  if (askedMerchant !== null && askedMerchant !== merchantId) {
    throw new V2Error("FORBIDDEN", "접근 권한이 없는 고객사입니다.");
  }
  const timestampType = optionalEnum(filter, "timestampType", ["CREATED_AT", "STATUS_CHANGED_AT"]) ?? "CREATED_AT";
  const until = optionalDateTime(filter, "until") ?? nowMs;
  const from = optionalDateTime(filter, "from") ?? until - 90 * DAY_MS;
  if (from > until) throw invalidRequest("filter.from은 filter.until보다 클 수 없습니다.");
  const statuses = optionalEnumList(filter, "status", Object.keys(FILTER_STATUSES))?.map((s) => FILTER_STATUSES[s]);
  const methods = optionalEnumList(filter, "methods", Object.keys(METHOD_TYPES))?.map((m) => METHOD_TYPES[m]);
  const pgProviders = optionalEnumList(filter, "pgProvider");
  const isTest = optionalBoolean(filter, "isTest");
  const isScheduled = optionalBoolean(filter, "isScheduled");
  const isEscrow = optionalBoolean(filter, "isEscrow");
  const version = optionalEnum(filter, "version", ["V1", "V2"]);
  const currency = optionalString(filter, "currency");
  const cardBrand = optionalString(filter, "cardBrand");
  const cardType = optionalString(filter, "cardType");
  const cardOwnerType = optionalString(filter, "cardOwnerType");
  const searches = textSearches(filter);
  const sortBy = optionalEnum(filter, "sortBy", ["REQUESTED_AT", "STATUS_CHANGED_AT"]) ?? "REQUESTED_AT";
  const sortOrder = optionalEnum(filter, "sortOrder", ["DESC", "ASC"]) ?? "DESC";

  const placedAt = (p) => timeOf(timestampType === "CREATED_AT" ? p.requestedAt : p.statusChangedAt);
  const checks = [
    (p) => placedAt(p) >= from && placedAt(p) <= until,
    statuses && ((p) => statuses.includes(p.status)),
    methods && ((p) => methods.includes(p.method?.type)),
    pgProviders && ((p) => pgProviders.includes(p.channel?.pgProvider)),
    isTest !== null && ((p) => (p.channel?.type === "TEST") === isTest),
    isScheduled !== null && ((p) => (p.scheduleId != null) === isScheduled),
    isEscrow !== null && ((p) => (p.escrow != null) === isEscrow),
    version && ((p) => p.version === version),
    currency && ((p) => p.currency === currency),
    cardBrand && ((p) => p.method?.card?.brand === cardBrand),
    cardType && ((p) => p.method?.card?.type === cardType),
    cardOwnerType && ((p) => p.method?.card?.ownerType === cardOwnerType),
    ...searches,
  ].filter(Boolean);

  const sortKey = (p) => timeOf(sortBy === "REQUESTED_AT" ? p.requestedAt : p.statusChangedAt);
  const direction = sortOrder === "DESC" ? -1 : 1;
  return {
    matches: (p) => checks.every((check) => check(p)),
    compare: (a, b) => direction * (sortKey(a) - sortKey(b)) || a.id.localeCompare(b.id),
  };
}
