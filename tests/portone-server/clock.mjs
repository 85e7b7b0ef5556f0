// The server clock in UNIX seconds: an injectable wall clock plus an offset that
// POST /__admin/clock moves, so tests can expire tokens without waiting.

/** @param {() => number} wallClockMs epoch milliseconds, Date.now by default */
export function createClock(wallClockMs = Date.now) {
  let offsetSeconds = 0;
  return {
    nowSeconds: () => Math.floor(wallClockMs() / 1000 + offsetSeconds),
    advance(seconds) {
      offsetSeconds += seconds;
    },
    get offsetSeconds() {
      return offsetSeconds;
    },
    reset() {
      offsetSeconds = 0;
    },
  };
}
