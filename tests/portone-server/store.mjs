// The payment store: payments by imp_uid, each with the time it last changed (for
// `sorting=-updated`), seeded from seeds.mjs and restored by reset().

import { seedPayments } from "./seeds.mjs";

export function createPaymentStore(clock) {
  const entries = new Map(); // imp_uid -> { payment, updatedAt }

  const lastEventAt = (p) => Math.max(p.started_at, p.paid_at, p.failed_at, p.cancelled_at);

  const store = {
    get: (impUid) => entries.get(impUid)?.payment,
    has: (impUid) => entries.has(impUid),
    all: () => [...entries.values()].map((entry) => entry.payment),
    updatedAt: (impUid) => entries.get(impUid).updatedAt,

    add(payment, updatedAt = clock.nowSeconds()) {
      entries.set(payment.imp_uid, { payment, updatedAt });
      return payment;
    },

    /** Records that a stored payment changed now. */
    touch(impUid) {
      entries.get(impUid).updatedAt = clock.nowSeconds();
    },

    reset() {
      entries.clear();
      for (const payment of seedPayments(clock.nowSeconds())) {
        store.add(payment, lastEventAt(payment));
      }
    },
  };
  store.reset();
  return store;
}
