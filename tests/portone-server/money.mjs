// Exact arithmetic on PortOne amounts. KRW amounts are integers, USD and others carry
// decimals (10.1): compute in millionths so 10.1 - 5.05 is 5.05, never 5.049999….

const SCALE = 1_000_000;

const toUnits = (amount) => Math.round(Number(amount) * SCALE);
const fromUnits = (units) => units / SCALE;

export const addAmounts = (a, b) => fromUnits(toUnits(a) + toUnits(b));
export const subtractAmounts = (a, b) => fromUnits(toUnits(a) - toUnits(b));
export const compareAmounts = (a, b) => Math.sign(toUnits(a) - toUnits(b));

/** `amount - cancel_amount`: what can still be cancelled. */
export const cancellableBalance = (payment) =>
  subtractAmounts(payment.amount, payment.cancel_amount);
