// The verdict every entry point returns (verifyPayment, and the REST client's verifyPayment and
// verifyWebhookV1): built by src/wasm/verdict.rs, typed by its `Verdict` declaration.
class PaymentVerdict {
  #source;
  #read;
  #payment;
  constructor(ok, state, failures, source, read) {
    this.ok = ok;
    if (ok) this.state = state;
    else this.failures = JSON.parse(failures);
    this.#source = source;
    this.#read = read;
  }

  /** The payment the verdict was reached on, read from its snapshot on first access. */
  get payment() {
    if (this.#read !== undefined) {
      this.#payment = this.#read(this.#source);
      this.#read = this.#source = undefined;
    }
    return this.#payment;
  }

  toJSON() {
    return { ...this, payment: this.payment };
  }
}

// `failures` is the JSON text of the failures (when not ok); `read(source)` gives the payment.
export function newVerdict(ok, state, failures, source, read) {
  return new PaymentVerdict(ok, state, failures, source, read);
}

// The reader of a snapshot that is already the payment's canonical JSON.
export const parseJson = (text) => JSON.parse(text);
