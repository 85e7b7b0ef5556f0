// Reads `expected` (and verifyPayment's payment, when it is a string, a Uint8Array or an
// ArrayBuffer) into a buffer in wasm memory, in one crossing. The contract with Rust is
// src/wasm/args.rs's module doc: Rust owns the buffer's layout and gives it to this module
// once (`install`); a read writes what it read (or, in the header, the room it needs) and
// returns the payment's snapshot, or throws.
import { codedError } from "./errors.js";

const encoder = new TextEncoder();

// From Rust, once (`install`): the layout (offsets from the buffer's start, flag bits), the
// check of a decimal amount's syntax (Amount::parse), whether the build can take a string as its
// UTF-16 code units (the edge build, which transcodes them with SIMD: src/wasm/utf16.rs).
let L;
let checkAmount;
let wide = false;

export function install(layout, amountCheck, utf16) {
  L = layout;
  checkAmount = amountCheck;
  wide = utf16 && NodeBuffer !== undefined;
}

// Views of wasm memory, made again when it grows (the old buffer is then detached).
let bytes = null;
let data = null;
function views(memory) {
  if (bytes === null || bytes.byteLength === 0) {
    bytes = new Uint8Array(memory.buffer);
    data = new DataView(memory.buffer);
    tail = nodeTail = null;
  }
}

// ---- The payment's snapshot, the verdict's `payment` is read from later (args.rs: Snapshots).
// A string is its own. Bytes are copied, into pooled slabs, and the copy is what crosses into
// wasm; nothing else ever writes a slab's used part.
const SLAB = 64 * 1024;
let slab = null;
let slabUsed = SLAB;
function snapshotOf(view) {
  const n = view.length;
  if (n > SLAB / 4) return view.slice();
  if (slabUsed + n > SLAB) {
    slab = new ArrayBuffer(SLAB);
    slabUsed = 0;
  }
  const copy = new Uint8Array(slab, slabUsed, n);
  copy.set(view);
  slabUsed += n;
  return copy;
}

// ---- The speed trick, here only (args.rs: Measured): in Node a string's UTF-16 code units are
// copied with Buffer, and wasm transcodes them; elsewhere encodeInto (in Workers too, where
// nodejs_compat gives a Buffer: workerd's encodeInto is the faster there since 1.20261117).
const inWorkers = typeof navigator === "object" && navigator !== null && navigator.userAgent === "Cloudflare-Workers";
const NodeBuffer =
  !inWorkers && typeof Buffer === "function" && typeof Buffer.from === "function" ? Buffer : undefined;
// What Buffer#write(..., "utf16le") calls after checking its arguments.
const ucs2Write = NodeBuffer !== undefined && typeof NodeBuffer.prototype.ucs2Write === "function";
let nodeTail = null;
let nodeTailAt = -1;
let nodeTailEnd = -1;
// Writes `text`'s code units at `at` with `room` bytes free; returns the bytes written.
function writeUnits(text, memory, at, room) {
  if (nodeTail === null || nodeTailAt !== at || nodeTailEnd !== at + room) {
    nodeTail = NodeBuffer.from(memory.buffer, at, room);
    nodeTailAt = at;
    nodeTailEnd = at + room;
  }
  return ucs2Write ? nodeTail.ucs2Write(text, 0, room) : nodeTail.write(text, 0, "utf16le");
}

// The view `encodeInto` writes a payment into, kept between calls (`subarray` is slow).
let tail = null;
let tailAt = -1;
let tailEnd = -1;
function tailOf(at, end) {
  if (tail === null || tailAt !== at || tailEnd !== end) {
    tail = bytes.subarray(at, end);
    tailAt = at;
    tailEnd = end;
  }
  return tail;
}

// Short strings by hand while they are ASCII (an encodeInto call costs more than the loop).
function put(text, at) {
  const n = text.length;
  let i = 0;
  for (; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0x7f) break;
    bytes[at + i] = unit;
  }
  if (i === n) return n;
  return i + encoder.encodeInto(text.slice(i), bytes.subarray(at + i)).written;
}

// ---- The read. ----
const nullish = (value) => value === undefined || value === null;
const len = (text) => (text === undefined ? 0 : text.length);
const invalid = (field, message) => codedError("INVALID_ARGUMENT", message, `expected.${field}`);

// As wasm-bindgen's `instanceof` checks (which a throwing Symbol.hasInstance makes false).
function instanceOf(value, type) {
  try {
    return value instanceof type;
  } catch (_) {
    return false;
  }
}

// The amount as read by `readAmount` (module state, so the hot path allocates nothing; no
// caller code runs between a readAmount and the use of what it read).
let amountNumber = NaN;
let amountText;
let amountFlags = 0;
// Reads `amount`: a finite number, a decimal string (Amount::parse's syntax) or, for V2 (whose
// amounts are int64), a bigint. Whole numbers below 2^53 are printed in Rust; other numbers as
// JavaScript prints them.
function readAmount(amount, bigints) {
  amountNumber = NaN;
  amountText = undefined;
  amountFlags = 0;
  if (typeof amount === "number" && Number.isFinite(amount)) {
    amountNumber = amount;
    if (!(Number.isInteger(amount) && Math.abs(amount) < 9007199254740992)) amountText = String(amount);
  } else if (typeof amount === "string" && checkAmount(amount)) {
    amountText = amount;
    amountFlags = L.amountIsText;
  } else if (bigints && typeof amount === "bigint") {
    amountText = String(amount);
    amountFlags = L.amountIsText;
  } else if (bigints) {
    throw invalid("amount", "amount must be a finite number, a bigint or a decimal string");
  } else {
    throw invalid("amount", "amount must be a finite number or a decimal string");
  }
}

// Reads `allowVirtualAccountIssued` and, when it is true, `nowMs` (default Date.now()): the
// deposit deadline is checked against the caller's clock, or this runtime's. NaN when not asked.
function readNowMs(expected) {
  const virtualAccount = expected.allowVirtualAccountIssued;
  if (nullish(virtualAccount)) return NaN;
  if (typeof virtualAccount !== "boolean") throw invalid("allowVirtualAccountIssued", "allowVirtualAccountIssued must be a boolean");
  if (!virtualAccount) return NaN;
  const nowMs = expected.nowMs;
  if (nullish(nowMs)) return Date.now();
  if (typeof nowMs !== "number" || !Number.isFinite(nowMs)) throw invalid("nowMs", "nowMs must be a finite number of milliseconds since 1970");
  return nowMs;
}

function readFlag(expected, key) {
  const value = expected[key];
  if (nullish(value)) return false;
  if (typeof value !== "boolean") throw invalid(key, `${key} must be a boolean`);
  return value;
}

function readText(expected, key) {
  const value = expected[key];
  if (nullish(value)) return undefined;
  if (typeof value !== "string") throw invalid(key, `${key} must be a string`);
  return value;
}

// The payment when it can cross (a string or bytes), else undefined.
function crossing(given) {
  if (typeof given === "string" || instanceOf(given, Uint8Array)) return given;
  if (instanceOf(given, ArrayBuffer)) return new Uint8Array(given);
  return undefined;
}

// Reads `expected` in its documented order, throwing at the first bad property, and `given`
// if it can cross; writes all of it at `at` (`capacity` bytes) and returns the payment's
// snapshot (undefined if it did not cross). When the buffer is too small it writes only the
// size it needs (at L.needed; 0 when all was written): Rust grows it and calls write_args.
// What was read is held in locals until it is written: a getter of `expected` may itself call
// verifyPayment.
//   V1 (`v2` false): { merchantUid, amount, allowVirtualAccountIssued?, nowMs?, allowSandbox?,
//     currency?, impUid? }.
//   V2 (`v2` true): { paymentId, amount, allowVirtualAccountIssued?, nowMs?, allowTestChannel?,
//     currency?, orderName?, storeId? }; a missing paymentId is `defaultId` when one is given
//     (the client's verifyPayment(paymentId, expected)).
export function read_args(given, expected, memory, at, capacity, v2, defaultId) {
  if (typeof expected !== "object" || expected === null) {
    const like = v2 ? "{ paymentId, amount }" : "{ merchantUid, amount }";
    throw codedError("INVALID_ARGUMENT", `expected must be an object like ${like}`, "expected");
  }
  const idKey = v2 ? "paymentId" : "merchantUid";
  let id = expected[idKey];
  if (nullish(id) && defaultId !== undefined) id = defaultId;
  if (nullish(id)) throw invalid(idKey, `${idKey} is required`);
  if (typeof id !== "string") throw invalid(idKey, `${idKey} must be a string`);
  readAmount(expected.amount, v2);
  const number = amountNumber;
  const text = amountText;
  let flags = amountFlags;
  const nowMs = readNowMs(expected);
  if (!Number.isNaN(nowMs)) flags |= L.allowVirtualAccountIssued;
  if (v2) {
    if (readFlag(expected, "allowTestChannel")) flags |= L.allowTestChannel;
    const currency = readText(expected, "currency");
    const orderName = readText(expected, "orderName");
    const storeId = readText(expected, "storeId");
    return write(memory, at, capacity, crossing(given), id, number, text, flags, currency, undefined, orderName, storeId, nowMs);
  }
  if (readFlag(expected, "allowSandbox")) flags |= L.allowSandbox;
  const currency = readText(expected, "currency");
  const impUid = readText(expected, "impUid");
  return write(memory, at, capacity, crossing(given), id, number, text, flags, currency, impUid, undefined, undefined, nowMs);
}

// What a read that needed more room found, until Rust calls write_args (no JS runs between).
let pending = null;

// Writes what the last read_args found into the grown buffer; answers as read_args does.
export function write_args(memory, at, capacity) {
  const args = pending;
  pending = null;
  return write(memory, at, capacity, ...args);
}

function write(memory, at, capacity, payment, id, amountNumber, amountText, flags, currency, impUid, orderName, storeId, nowMs) {
  // A string's UTF-8 takes up to three bytes per UTF-16 unit (its UTF-16, two).
  const room = payment === undefined ? 0 : typeof payment === "string" ? 3 * payment.length : payment.length;
  const texts = id.length + len(currency) + len(impUid) + len(amountText) + len(orderName) + len(storeId);
  const needed = L.header + room + 3 * texts;
  views(memory);
  if (needed > capacity) {
    pending = [payment, id, amountNumber, amountText, flags, currency, impUid, orderName, storeId, nowMs];
    data.setUint32(at + L.needed, needed, true);
    return undefined;
  }
  data.setUint32(at + L.needed, 0, true);
  let end = at + L.header;
  let snapshot;
  if (payment === undefined) {
    data.setUint32(at + L.payment + 4, L.none, true);
  } else {
    let written;
    if (typeof payment !== "string") {
      snapshot = snapshotOf(payment);
      bytes.set(snapshot, end);
      written = snapshot.length;
    } else {
      snapshot = payment;
      if (wide) {
        written = writeUnits(payment, memory, end, at + capacity - end);
        flags |= L.paymentIsUtf16;
      } else {
        written = encoder.encodeInto(payment, tailOf(end, at + capacity)).written;
      }
    }
    data.setUint32(at + L.payment, end - at, true);
    data.setUint32(at + L.payment + 4, written, true);
    end += written;
  }
  end = putText(id, at, L.id, end);
  end = putText(currency, at, L.currency, end);
  end = putText(impUid, at, L.impUid, end);
  end = putText(orderName, at, L.orderName, end);
  end = putText(storeId, at, L.storeId, end);
  putText(amountText, at, L.amountText, end);
  data.setUint32(at + L.flags, flags, true);
  data.setFloat64(at + L.amountNumber, amountNumber, true);
  data.setFloat64(at + L.nowMs, nowMs, true);
  return snapshot;
}

// Writes `text` (if any) at `end`, and its start and length (or L.none) at `slot`.
function putText(text, at, slot, end) {
  if (text === undefined) {
    data.setUint32(at + slot + 4, L.none, true);
    return end;
  }
  const written = put(text, end);
  data.setUint32(at + slot, end - at, true);
  data.setUint32(at + slot + 4, written, true);
  return end + written;
}
