// The V2 payment store: payments by paymentId (one store, the configured storeId), seeded from
// seeds.mjs, and the pre-registered amounts (POST /payments/{paymentId}/pre-register).
// reset() restores the seeds and forgets the registrations.

import { seedV2Payments } from "./seeds.mjs";

export function createV2Store(clock, config) {
  const payments = new Map(); // paymentId -> Payment
  const preRegistered = new Map(); // paymentId -> { paymentId, storeId, totalAmount?, … }

  const store = {
    config,
    preRegistered,
    get: (paymentId) => payments.get(paymentId),
    has: (paymentId) => payments.has(paymentId),
    all: () => [...payments.values()],
    add(payment) {
      payments.set(payment.id, payment);
      return payment;
    },
    reset() {
      payments.clear();
      preRegistered.clear();
      for (const payment of seedV2Payments(clock.nowSeconds(), config)) store.add(payment);
    },
  };
  store.reset();
  return store;
}
