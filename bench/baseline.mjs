// The JavaScript baseline: JSON.parse + a zod 4 schema of the same PaymentAnnotation fields
// (with the same tolerance: numeric strings, "true"/"false", nulls) + the same checks.
import { z } from "zod";

const text = z.union([z.string(), z.number(), z.boolean()]).nullish();
const int = z.union([z.number().int(), z.string().regex(/^\s*-?\d*\s*$/)]).nullish();
const flag = z.union([z.boolean(), z.enum(["true", "false", "TRUE", "FALSE"])]).nullish();
const amount = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/)]);
const cancel = z.object({ pg_tid: text, amount, cancelled_at: int, reason: text, cancellation_id: text, receipt_url: text });
const deposit = z.object({ pg_tid: text, amount, depositor_name: text, deposited_at: int });

export const paymentSchema = z.object({
  imp_uid: z.union([z.string(), z.number()]), merchant_uid: z.union([z.string(), z.number()]),
  pay_method: text, channel: text, pg_provider: text, emb_pg_provider: text, pg_tid: text, pg_id: text,
  sandbox: flag, escrow: flag, apply_num: text, bank_code: text, bank_name: text, card_code: text,
  card_name: text, card_issuer_code: text, card_issuer_name: text, card_publisher_code: text,
  card_publisher_name: text, card_quota: int, card_number: text, card_type: text, vbank_code: text,
  vbank_name: text, vbank_num: text, vbank_holder: text, vbank_date: int, vbank_issued_at: int, name: text,
  amount, cancel_amount: amount.nullish(), currency: text, buyer_name: text, buyer_email: text, buyer_tel: text,
  buyer_addr: text, buyer_postcode: text, custom_data: z.unknown(), user_agent: text, status: z.string(),
  started_at: int, paid_at: int, failed_at: int, cancelled_at: int, fail_reason: text, cancel_reason: text,
  receipt_url: text, cancel_history: z.array(cancel).nullish(), deposit_history: z.array(deposit).nullish(),
  cancel_receipt_urls: z.array(text).nullish(), cash_receipt_issued: flag, customer_uid: text,
  customer_uid_usage: text, promotion: z.object({ id: text, discount: amount.nullish() }).nullish(),
});
const envelopeSchema = z.object({ code: z.number(), message: z.string().nullish(), response: paymentSchema.nullish() });

const asBool = (v) => v === true || (typeof v === "string" && v.toLowerCase() === "true");

/** JSON.parse + zod + the same verification rules (amounts compared as numbers). */
export function verifyWithZod(body, expected) {
  const json = JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body));
  const envelope = envelopeSchema.parse(json);
  if (envelope.code !== 0 || !envelope.response) throw new Error("API_ERROR");
  const p = envelope.response;
  const failures = [];
  if (String(p.merchant_uid) !== expected.merchantUid) failures.push("MERCHANT_UID_MISMATCH");
  if (expected.impUid && String(p.imp_uid) !== expected.impUid) failures.push("IMP_UID_MISMATCH");
  if (Number(p.amount) !== Number(expected.amount)) failures.push("AMOUNT_MISMATCH");
  if (String(p.currency ?? "").toUpperCase() !== (expected.currency ?? "KRW")) failures.push("CURRENCY_MISMATCH");
  let state = "paid";
  if (p.status === "cancelled") failures.push("CANCELLED");
  else if (p.status === "ready" && expected.allowVirtualAccountIssued && p.pay_method === "vbank" && p.vbank_num) {
    if (p.vbank_date > 0 && p.vbank_date * 1000 > (expected.nowMs ?? Date.now())) state = "virtual_account_issued";
    else failures.push("VIRTUAL_ACCOUNT_EXPIRED");
  }
  else if (p.status !== "paid") failures.push("NOT_PAID");
  if (p.cancel_amount == null) failures.push("INCOMPLETE_PAYMENT");
  else if (Number(p.cancel_amount) > 0 && p.status !== "cancelled") failures.push("PARTIALLY_CANCELLED");
  if (!expected.allowSandbox) {
    if (p.sandbox == null) failures.push("INCOMPLETE_PAYMENT");
    else if (asBool(p.sandbox)) failures.push("SANDBOX_PAYMENT");
  }
  return failures.length ? { ok: false, failures, payment: p } : { ok: true, state, payment: p };
}
