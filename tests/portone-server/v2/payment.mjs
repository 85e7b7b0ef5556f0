// Building a V2 `Payment` (the OpenAPI's union on `status`): every property of the status's
// schema that applies is present, int64 amounts are BigInt (written as exact digits), times are
// RFC 3339. buildV2Payment fills a partial payment (POST /__admin/v2/payments, seeds) with
// realistic values; objects given in part (amount, channel, method, customer, origin) are
// completed, anything else is stored as given (unknown fields and statuses included).

import { randomInt, randomUUID } from "node:crypto";
import { rfc3339 } from "./values.mjs";

const DAY = 24 * 3600;

/** The discriminator values of the OpenAPI's `Payment` union. */
export const V2_STATUSES = Object.freeze([
  "READY", "PAY_PENDING", "VIRTUAL_ACCOUNT_ISSUED", "PAID", "FAILED", "PARTIAL_CANCELLED", "CANCELLED",
]);

/** What each status's schema adds to the properties every Payment has. */
export const STATUS_FIELDS = Object.freeze({
  READY: [],
  PAY_PENDING: ["pgTxId"],
  VIRTUAL_ACCOUNT_ISSUED: ["pgTxId"],
  PAID: [
    "paidAt", "pgTxId", "pgResponse", "cashReceipt", "cashReceiptIssuanceStatus", "receiptUrl",
    "disputes", "cancellations",
  ],
  FAILED: ["failedAt", "failure"],
  PARTIAL_CANCELLED: [
    "paidAt", "pgTxId", "cashReceipt", "cashReceiptIssuanceStatus", "receiptUrl", "cancellations",
    "cancelledAt",
  ],
  CANCELLED: [
    "paidAt", "pgTxId", "cashReceipt", "cashReceiptIssuanceStatus", "receiptUrl", "cancellations",
    "cancelledAt",
  ],
});

/** Statuses of a payment that was paid (it has `paidAt`). */
export const PAID_STATUSES = new Set(["PAID", "PARTIAL_CANCELLED", "CANCELLED"]);

export const CHROME_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

const digits = (count) => Array.from({ length: count }, () => randomInt(10)).join("");

export const generatePaymentId = () => `payment-${randomUUID()}`;

/** PaymentAmount: KRW splits the taxable part into supply + VAT (1/11, rounded). */
export function paymentAmount({ total, taxFree = 0n, discount = 0n, paid, cancelled = 0n, cancelledTaxFree = 0n, currency }) {
  const taxable = total - taxFree;
  const vat = currency === "KRW" && taxable > 0n ? (taxable + 5n) / 11n : 0n;
  return { total, taxFree, vat, supply: taxable - vat, discount, paid, cancelled, cancelledTaxFree };
}

/** The VAT of a KRW amount `taxable` (1/11, rounded); 0 in other currencies. */
export const vatOf = (taxable, currency) =>
  currency === "KRW" && taxable > 0n ? (taxable + 5n) / 11n : 0n;

export function defaultChannel(type = "LIVE") {
  const live = type !== "TEST";
  return {
    type,
    id: live ? "channel-id-10ca1000-0000-4000-8000-0000000000c1" : "channel-id-10ca1000-0000-4000-8000-0000000000c2",
    key: live ? "channel-key-10ca1000-0000-4000-8000-0000000000c1" : "channel-key-10ca1000-0000-4000-8000-0000000000c2",
    name: live ? "KCP 카드 결제" : "KCP 카드 결제 (테스트)",
    pgProvider: "KCP_V2",
    pgMerchantId: live ? "AO09C" : "T0000",
  };
}

export const SHINHAN_CARD = Object.freeze({
  publisher: "366",
  issuer: "366",
  brand: "LOCAL",
  type: "CREDIT",
  ownerType: "PERSONAL",
  bin: "45184200",
  name: "신한카드",
  number: "45184200****1234",
});

/** A method of `type` with realistic details (only `type` for kinds without defaults). */
export function defaultMethod(type, now) {
  switch (type) {
    case "PaymentMethodCard":
      return {
        type,
        card: { ...SHINHAN_CARD },
        approvalNumber: digits(8),
        installment: { month: 0, isInterestFree: false },
        pointUsed: false,
      };
    case "PaymentMethodVirtualAccount":
      return {
        type,
        bank: "KOOKMIN",
        accountNumber: `562110${digits(8)}`,
        accountType: "NORMAL",
        remitteeName: "(주)포트원테스트",
        remitterName: "홍길동",
        expiredAt: rfc3339(now + 3 * DAY),
        issuedAt: rfc3339(now - 60),
      };
    case "PaymentMethodEasyPay":
      return {
        type,
        provider: "KAKAOPAY",
        easyPayMethod: { type: "PaymentMethodEasyPayMethodCharge", bank: "KAKAO" },
      };
    case "PaymentMethodTransfer":
      return { type, bank: "SHINHAN", accountNumber: `110${digits(9)}` };
    case "PaymentMethodMobile":
      return { type, phoneNumber: "01012345678" };
    case "PaymentMethodGiftCertificate":
      return { type, giftCertificateType: "CULTURELAND", approvalNumber: digits(10) };
    default:
      return { type };
  }
}

export const DEFAULT_CUSTOMER = Object.freeze({
  id: "customer-1234",
  name: "홍길동",
  email: "gildong@example.com",
  phoneNumber: "01012345678",
  address: { type: "ONE_LINE", oneLine: "서울특별시 강남구 테헤란로 123" },
  zipcode: "06236",
});

export const DEFAULT_ORIGIN = Object.freeze({
  platformType: "PC",
  userAgent: CHROME_UA,
  url: "https://shop.example.com/checkout",
  ipAddress: "203.0.113.10",
});

export const kcpReceiptUrl = (pgTxId) =>
  `https://admin8.kcp.co.kr/assist/bill.BillActionNew.do?cmd=card_bill&tno=${pgTxId}`;

/** One succeeded cancellation (SucceededPaymentCancellation). */
export function succeededCancellation({ totalAmount, taxFreeAmount = 0n, vatAmount, reason, at, receiptUrl, id }) {
  const cancellation = {
    status: "SUCCEEDED",
    id: id ?? randomUUID(),
    pgCancellationId: digits(14),
    totalAmount,
    taxFreeAmount,
    vatAmount,
    reason,
    cancelledAt: rfc3339(at),
    requestedAt: rfc3339(at),
    receiptUrl,
    trigger: "API",
  };
  if (receiptUrl == null) delete cancellation.receiptUrl;
  return cancellation;
}

/** Sum of the SUCCEEDED cancellations' `field` (int64s only). */
export function cancelledSum(cancellations, field = "totalAmount") {
  return (Array.isArray(cancellations) ? cancellations : [])
    .filter((c) => c?.status === "SUCCEEDED" && typeof c[field] === "bigint")
    .reduce((sum, c) => sum + c[field], 0n);
}

/** The status-specific properties of a new payment in `status`. */
function statusDefaults(status, { total, taxFree, currency, now, pgTxId }) {
  const paidAt = rfc3339(now - 30);
  const receiptUrl = kcpReceiptUrl(pgTxId);
  switch (status) {
    case "PAY_PENDING":
    case "VIRTUAL_ACCOUNT_ISSUED":
      return { pgTxId };
    case "PAID":
      return { paidAt, pgTxId, receiptUrl, disputes: [] };
    case "FAILED":
      return {
        failedAt: rfc3339(now - 30),
        failure: { reason: "사용자가 결제를 취소하였습니다", pgCode: "3001", pgMessage: "사용자 취소" },
      };
    case "PARTIAL_CANCELLED":
    case "CANCELLED": {
      const cancelled = status === "CANCELLED" ? total : total / 2n;
      const cancelledTaxFree = status === "CANCELLED" ? taxFree : 0n;
      const cancellation = succeededCancellation({
        totalAmount: cancelled,
        taxFreeAmount: cancelledTaxFree,
        vatAmount: vatOf(cancelled - cancelledTaxFree, currency),
        reason: "고객 요청",
        at: now,
        receiptUrl,
      });
      return { paidAt, pgTxId, receiptUrl, cancellations: [cancellation], cancelledAt: rfc3339(now) };
    }
    default:
      return {};
  }
}

/**
 * A complete payment from a partial one.
 * @param {object} partial any Payment properties (int64 amounts as BigInt)
 * @param {number} now server clock, UNIX seconds
 * @param {{storeId: string, merchantId: string}} config
 */
export function buildV2Payment(partial, now, { storeId, merchantId }) {
  const status = partial.status ?? "PAID";
  const currency = partial.currency ?? "KRW";
  // Amounts given as something else than integers are stored as given; the rest is computed
  // from the default total then.
  const integer = (value, fallback) => (typeof value === "bigint" ? value : fallback);
  const total = integer(partial.amount?.total, 1000n);
  const taxFree = integer(partial.amount?.taxFree, 0n);
  const pgTxId = partial.pgTxId ?? digits(14);
  const extras = statusDefaults(status, { total, taxFree, currency, now, pgTxId });
  const cancellations = partial.cancellations ?? extras.cancellations;
  const discount = integer(partial.amount?.discount, 0n);
  const wasPaid = PAID_STATUSES.has(status);
  const methodType =
    partial.method?.type ??
    (status === "VIRTUAL_ACCOUNT_ISSUED" ? "PaymentMethodVirtualAccount" : "PaymentMethodCard");
  const method =
    status === "READY" && partial.method === undefined
      ? undefined
      : { ...defaultMethod(methodType, now), ...partial.method };
  const completed = {
    amount: {
      ...paymentAmount({
        total,
        taxFree,
        discount,
        currency,
        paid: wasPaid ? total - discount : 0n,
        cancelled: cancelledSum(cancellations),
        cancelledTaxFree: cancelledSum(cancellations, "taxFreeAmount"),
      }),
      ...partial.amount,
    },
    channel: { ...defaultChannel(partial.channel?.type), ...partial.channel },
    customer: { ...DEFAULT_CUSTOMER, ...partial.customer },
    origin: { ...DEFAULT_ORIGIN, ...partial.origin },
    ...(method === undefined ? {} : { method }),
    ...(cancellations === undefined ? {} : { cancellations }),
  };
  const statusChangedAt = status === "READY" ? now - 60 : wasPaid && status !== "PAID" ? now : now - 30;
  // Schema order first; the completed objects replace the partial ones in place.
  return {
    status,
    id: partial.id ?? generatePaymentId(),
    transactionId: randomUUID(),
    merchantId,
    storeId,
    method,
    channel: undefined,
    version: "V2",
    requestedAt: rfc3339(now - 60),
    updatedAt: rfc3339(now),
    statusChangedAt: rfc3339(statusChangedAt),
    orderName: "테스트 주문",
    amount: undefined,
    currency,
    customer: undefined,
    origin: undefined,
    ...extras,
    ...partial,
    ...completed,
  };
}
