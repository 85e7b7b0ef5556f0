// POST /payments/{paymentId}/pre-register (preRegisterPayment): PreRegisterPaymentBody
// `{storeId?, totalAmount?, taxFreeAmount?, currency?}` -> `{}`. Registering again replaces
// the registration. A payment that was paid already is 409 ALREADY_PAID. Registrations are
// read back through GET /__admin/v2/pre-registrations/{paymentId}.

import { V2Error, invalidRequest, readObject, v2Ok } from "./http.mjs";
import { checkStoreId, paymentIdParam } from "./lookup.mjs";
import { PAID_STATUSES } from "./payment.mjs";
import { optionalInt64, optionalString } from "./values.mjs";

export async function preRegisterV2Payment({ req, params, state }) {
  const paymentId = paymentIdParam(params);
  const body = await readObject(req);
  const storeId = optionalString(body, "storeId");
  const totalAmount = optionalInt64(body, "totalAmount");
  const taxFreeAmount = optionalInt64(body, "taxFreeAmount");
  const currency = optionalString(body, "currency");
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
    throw invalidRequest(`currency는 ISO 4217 통화 코드여야 합니다: ${currency}`);
  }
  if (totalAmount !== null && taxFreeAmount !== null && taxFreeAmount > totalAmount) {
    throw invalidRequest("taxFreeAmount는 totalAmount보다 클 수 없습니다.");
  }
  checkStoreId(storeId, state);
  const { store } = state.v2;
  if (PAID_STATUSES.has(store.get(paymentId)?.status)) {
    throw new V2Error("ALREADY_PAID", "이미 결제가 완료된 결제 건입니다.");
  }
  const registration = { paymentId, storeId: store.config.storeId };
  if (totalAmount !== null) registration.totalAmount = totalAmount;
  if (taxFreeAmount !== null) registration.taxFreeAmount = taxFreeAmount;
  if (currency !== null) registration.currency = currency;
  store.preRegistered.set(paymentId, registration);
  return v2Ok({});
}
