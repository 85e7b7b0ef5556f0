// The JavaScript baseline for V2: JSON.parse + a zod 4 schema of the same V2 Payment fields
// (src/types/v2/: the fields every status has, the PAID/cancelled ones, method, channel,
// amount, customer, webhooks, escrow, products; int64 amounts as integers or integer strings;
// unknown statuses and method types kept) + the same checks as src/verify/rules_v2.rs.
import { z } from "zod";

const text = z.string().nullish();
const int = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]);
const open = z.string(); // open enums: any string
const amount = z.object({
  total: int, taxFree: int, vat: int.nullish(), supply: int.nullish(), discount: int, paid: int,
  cancelled: int, cancelledTaxFree: int,
});
const card = z.object({
  publisher: text, issuer: text, brand: open.nullish(), type: open.nullish(), ownerType: open.nullish(),
  bin: text, name: text, number: text,
});
const installment = z.object({ month: int, isInterestFree: z.boolean(), isInterestFreeFromMerchant: z.boolean().nullish() });
const method = z.union([
  z.object({ type: z.literal("PaymentMethodCard"), card: card.nullish(), approvalNumber: text, installment: installment.nullish(), pointUsed: z.boolean().nullish() }),
  z.object({ type: z.literal("PaymentMethodVirtualAccount"), bank: open.nullish(), accountNumber: z.string(), accountType: open.nullish(), remitteeName: text, remitterName: text, expiredAt: text, issuedAt: text, refundStatus: open.nullish() }),
  z.object({ type: z.literal("PaymentMethodEasyPay"), provider: open.nullish(), easyPayMethod: z.object({ type: open }).passthrough().nullish() }),
  z.object({ type: z.literal("PaymentMethodTransfer"), bank: open.nullish() }),
  z.object({ type: z.literal("PaymentMethodMobile"), phoneNumber: text }),
  z.object({ type: open }).passthrough(),
]);
const channel = z.object({ type: open, id: text, key: text, name: text, pgProvider: open, pgMerchantId: z.string() });
const channelGroup = z.object({ id: z.string(), name: z.string(), isForTest: z.boolean() });
const webhook = z.object({
  paymentStatus: open.nullish(), id: z.string(), status: open.nullish(), url: text, isAsync: z.boolean().nullish(),
  currentExecutionCount: int.nullish(), maxExecutionCount: int.nullish(), trigger: open.nullish(),
  request: z.object({ header: text, body: z.string(), requestedAt: text }).nullish(),
  response: z.object({ code: z.string(), header: z.string(), body: z.string(), respondedAt: z.string() }).nullish(),
  triggeredAt: text,
});
const address = z.object({ type: open, oneLine: z.string(), addressLine1: text, addressLine2: text, city: text, province: text, country: open.nullish() });
const customer = z.object({
  id: text, name: text, birthYear: text, birthMonth: text, birthDay: text, gender: open.nullish(), email: text,
  phoneNumber: text, address: address.nullish(), zipcode: text,
});
const origin = z.object({ platformType: open, userAgent: text, url: text, ipAddress: z.string() });
const escrow = z.object({ status: open, company: text, invoiceNumber: text, sentAt: text, appliedAt: text }).passthrough();
const product = z.object({ id: z.string(), name: z.string(), tag: text, code: text, amount: int, quantity: int, link: text });
const cancellation = z.object({ status: open, id: z.string(), pgCancellationId: text, totalAmount: int, taxFreeAmount: int, vatAmount: int, reason: z.string(), requestedAt: z.string() }).passthrough();

export const paymentV2Schema = z.object({
  status: open, id: z.string(), transactionId: z.string(), merchantId: z.string(), storeId: z.string(),
  method: method.nullish(), channel: channel.nullish(), channelGroup: channelGroup.nullish(), version: open,
  scheduleId: text, billingKey: text, webhooks: z.array(webhook).nullish(), requestedAt: z.string(),
  updatedAt: z.string(), statusChangedAt: z.string(), orderName: z.string(), amount, currency: open,
  customer, origin, promotionId: text, isCulturalExpense: z.boolean().nullish(), escrow: escrow.nullish(),
  products: z.array(product).nullish(), productCount: int.nullish(), customData: text, country: open.nullish(),
  paidAt: text, pgTxId: text, pgResponse: text, cashReceiptIssuanceStatus: open.nullish(), receiptUrl: text,
  disputes: z.array(z.object({}).passthrough()).nullish(), cancellations: z.array(cancellation).nullish(),
  cancelledAt: text, failedAt: text,
});

/** JSON.parse + zod + the V2 rules (the same failures as verifyPaymentV2, codes only). */
export function verifyV2WithZod(body, expected) {
  const p = paymentV2Schema.parse(JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body)));
  const failures = [];
  if (p.id !== expected.paymentId) failures.push("PAYMENT_ID_MISMATCH");
  if (expected.storeId !== undefined && p.storeId !== expected.storeId) failures.push("STORE_ID_MISMATCH");
  if (expected.orderName !== undefined && p.orderName !== expected.orderName) failures.push("ORDER_NAME_MISMATCH");
  if (BigInt(p.amount.total) !== BigInt(expected.amount)) failures.push("AMOUNT_MISMATCH");
  if (p.currency.trim().toUpperCase() !== (expected.currency ?? "KRW").trim().toUpperCase()) failures.push("CURRENCY_MISMATCH");
  let state = "paid";
  if (p.status === "VIRTUAL_ACCOUNT_ISSUED" && expected.allowVirtualAccountIssued) {
    const deadline = Date.parse(p.method?.expiredAt ?? "");
    if (Number.isNaN(deadline)) failures.push("INCOMPLETE_PAYMENT");
    else if (deadline > (expected.nowMs ?? Date.now())) state = "virtual_account_issued";
    else failures.push("VIRTUAL_ACCOUNT_EXPIRED");
  } else if (p.status === "CANCELLED") failures.push("CANCELLED");
  else if (p.status === "PARTIAL_CANCELLED") failures.push("PARTIALLY_CANCELLED");
  else if (p.status !== "PAID") failures.push("NOT_PAID");
  const cancelled = BigInt(p.amount.cancelled);
  if (cancelled < 0n) failures.push("INCOMPLETE_PAYMENT");
  else if (cancelled > 0n && p.status !== "CANCELLED" && p.status !== "PARTIAL_CANCELLED") failures.push("PARTIALLY_CANCELLED");
  if (!expected.allowTestChannel) {
    if (p.channel?.type === "TEST") failures.push("SANDBOX_PAYMENT");
    else if (p.channel?.type !== "LIVE") failures.push("INCOMPLETE_PAYMENT");
    if (p.channelGroup?.isForTest === true) failures.push("SANDBOX_PAYMENT");
  }
  return failures.length ? { ok: false, failures, payment: p } : { ok: true, state, payment: p };
}
