// JSON with exact integers, for V2's int64 amounts (PortOne V2 sends them as JSON integers,
// which may exceed 2^53): parseExact reads every integer literal as a BigInt (other numbers as
// Number), stringify writes BigInts as their digits. JSON.parse / JSON.stringify cannot do
// either in Node 20 (no JSON.rawJSON, no reviver source text).

/** JSON text -> value; integers become BigInt. Throws SyntaxError like JSON.parse. */
export function parseExact(text) {
  const reader = new Reader(String(text));
  reader.space();
  const value = reader.value();
  reader.space();
  if (reader.at < reader.text.length) reader.fail("unexpected text after the value");
  return value;
}

class Reader {
  constructor(text) {
    this.text = text;
    this.at = 0;
  }

  fail(what) {
    throw new SyntaxError(`JSON: ${what} at position ${this.at}`);
  }

  space() {
    while (/[ \t\n\r]/.test(this.text[this.at] ?? "")) this.at += 1;
  }

  expect(char) {
    if (this.text[this.at] !== char) this.fail(`expected '${char}'`);
    this.at += 1;
  }

  value() {
    const char = this.text[this.at];
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return this.string();
    if (char === "-" || (char >= "0" && char <= "9")) return this.number();
    for (const [word, value] of [["true", true], ["false", false], ["null", null]]) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    return this.fail("unexpected character");
  }

  object() {
    const result = {};
    this.expect("{");
    this.space();
    if (this.text[this.at] === "}") {
      this.at += 1;
      return result;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail("expected a key");
      const key = this.string();
      this.space();
      this.expect(":");
      this.space();
      // defineProperty: a "__proto__" key is data, as JSON.parse makes it.
      Object.defineProperty(result, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.space();
      if (this.text[this.at] === "}") {
        this.at += 1;
        return result;
      }
      this.expect(",");
    }
  }

  array() {
    const result = [];
    this.expect("[");
    this.space();
    if (this.text[this.at] === "]") {
      this.at += 1;
      return result;
    }
    for (;;) {
      this.space();
      result.push(this.value());
      this.space();
      if (this.text[this.at] === "]") {
        this.at += 1;
        return result;
      }
      this.expect(",");
    }
  }

  string() {
    STRING.lastIndex = this.at;
    const match = STRING.exec(this.text);
    if (!match) this.fail("bad string");
    this.at += match[0].length;
    return JSON.parse(match[0]);
  }

  number() {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail("bad number");
    this.at += match[0].length;
    return match[1] === undefined && match[2] === undefined ? BigInt(match[0]) : Number(match[0]);
  }
}

// Sticky: they match at `lastIndex` only, without copying the rest of the text.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Like JSON.stringify (undefined properties left out), with BigInt written as its digits. */
export function stringify(value) {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? "null" : stringify(item))).join(",")}]`;
  }
  const members = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === "function") continue;
    members.push(`${JSON.stringify(key)}:${stringify(item)}`);
  }
  return `{${members.join(",")}}`;
}
