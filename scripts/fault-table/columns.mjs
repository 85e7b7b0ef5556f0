// The fault columns of scripts/faults: which fault knob (tests/portone-server/README.md) is
// queued on the method's route, for how many requests, with which client options, and whether
// the answer the client gets is corrupted (then nothing may be accepted, let alone verified).

const MB = 1024 * 1024;
/** The client's default maxResponseBytes. */
const DEFAULT_MAX_RESPONSE_BYTES = 8 * MB;

/**
 * @param {{timeoutMs: number, oversizedMb: number}} settings
 * @returns {Array<{id: string, label: string, fault: string | null, times?: number,
 *   corrupts: boolean, tooLarge?: boolean, client?: object, note?: string}>}
 *   `tooLarge`: the body is over the client's cap, so the server must never send it whole.
 */
export function faultColumns({ timeoutMs, oversizedMb }) {
  const oversized = oversizedMb * MB;
  // A long timeout, so that only the size cap (maxResponseBytes, default 8 MiB) can stop an
  // oversized answer: it is refused by Content-Length, or while it streams, and not retried.
  const patient = { timeoutMs: 30_000 };
  const tooLarge = oversized > DEFAULT_MAX_RESPONSE_BYTES;
  return [
    { id: "none", label: "no fault", fault: null, corrupts: false },
    { id: "5xx", label: "5xx (503)", fault: "status=503", corrupts: true },
    { id: "429", label: "429 + Retry-After: 1", fault: "status=429", corrupts: true },
    { id: "429-bare", label: "429, no Retry-After", fault: "status=429;retry-after=none", corrupts: true },
    { id: "timeout", label: "timeout", fault: `latency=${timeoutMs + 300}`, corrupts: true, note: `headers after ${timeoutMs + 300} ms > timeoutMs` },
    { id: "slow-body", label: "slow body", fault: `slow-body=${timeoutMs * 2}`, corrupts: true, note: `body over ${timeoutMs * 2} ms > timeoutMs` },
    { id: "truncated", label: "truncated body", fault: "truncated", corrupts: true },
    { id: "bad-json", label: "bad JSON", fault: "bad-json", corrupts: true },
    { id: "non-json", label: "non-JSON (HTML)", fault: "non-json", corrupts: true },
    { id: "oversized", label: `oversized ${oversizedMb} MB`, fault: `oversized=${oversized}`, corrupts: false, tooLarge, client: patient, note: "with Content-Length; timeoutMs 30000; maxResponseBytes 8 MiB" },
    { id: "oversized-chunked", label: `oversized ${oversizedMb} MB chunked`, fault: `oversized-chunked=${oversized}`, corrupts: false, tooLarge, client: patient, note: "no Content-Length; timeoutMs 30000; maxResponseBytes 8 MiB" },
    { id: "401", label: "401 once", fault: "unauthorized", times: 1, corrupts: false, note: "one 401, then normal answers" },
    { id: "code", label: "code != 0", fault: "api-code=1", corrupts: true },
    { id: "reset", label: "connection reset", fault: "reset", corrupts: true, note: "processed; headers + half the body, then RST" },
    { id: "drop", label: "drop", fault: "drop", corrupts: true, note: "not processed; socket closed, no answer" },
  ];
}
