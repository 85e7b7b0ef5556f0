// Everything a server instance holds, and reset() to bring it back to its starting point
// (V1 and V2 seeds, no token, no prepared or pre-registered amounts, no queued faults, zero
// counters, clock offset 0).

import { createClock } from "./clock.mjs";
import { createFaultQueue } from "./faults.mjs";
import { createStats } from "./stats.mjs";
import { createPaymentStore } from "./store.mjs";
import { createTokenIssuer } from "./tokens.mjs";
import { createV2Auth } from "./v2/auth.mjs";
import { createV2Store } from "./v2/store.mjs";

/**
 * @param {object} options
 * @param {{apiSecret: string, storeId: string, merchantId: string, webhookSecret: string}} options.v2
 */
export function createState({ impKey, impSecret, v2, now }) {
  const clock = createClock(now);
  const state = {
    clock,
    tokens: createTokenIssuer({ impKey, impSecret, clock }),
    store: createPaymentStore(clock),
    prepared: new Map(), // merchant_uid -> { merchant_uid, amount, currency }
    faults: createFaultQueue(),
    stats: createStats(),
    v2: {
      auth: createV2Auth({ apiSecret: v2.apiSecret, clock }),
      store: createV2Store(clock, {
        storeId: v2.storeId,
        merchantId: v2.merchantId,
        webhookSecret: v2.webhookSecret,
      }),
    },
    reset() {
      clock.reset();
      state.tokens.reset();
      state.store.reset();
      state.prepared.clear();
      state.faults.reset();
      state.stats.reset();
      state.v2.auth.reset();
      state.v2.store.reset();
    },
  };
  return state;
}
