// Everything a server instance holds, and reset() to bring it back to its starting point
// (seeds, no token, no prepared amounts, no queued faults, zero counters, clock offset 0).

import { createClock } from "./clock.mjs";
import { createFaultQueue } from "./faults.mjs";
import { createStats } from "./stats.mjs";
import { createPaymentStore } from "./store.mjs";
import { createTokenIssuer } from "./tokens.mjs";

export function createState({ impKey, impSecret, now }) {
  const clock = createClock(now);
  const state = {
    clock,
    tokens: createTokenIssuer({ impKey, impSecret, clock }),
    store: createPaymentStore(clock),
    prepared: new Map(), // merchant_uid -> { merchant_uid, amount, currency }
    faults: createFaultQueue(),
    stats: createStats(),
    reset() {
      clock.reset();
      state.tokens.reset();
      state.store.reset();
      state.prepared.clear();
      state.faults.reset();
      state.stats.reset();
    },
  };
  return state;
}
