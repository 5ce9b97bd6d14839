/**
 * A strict JSON (RFC 8259) reader for documents whose exact form matters: envelopes and
 * client-key files (docs/envelope.md, "JSON"). Unlike `JSON.parse` it refuses a member name that
 * occurs twice in one object (compared after unescaping, anywhere in the document), keeps numbers
 * as their source text (so an `iat` is exact beyond 2^53), and enforces limits on nesting depth
 * and number length. One value, then only whitespace.
 */

/** A JSON number, kept as written (e.g. `1`, `1.0`, `-0`, `1e3` are four different texts). */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A parsed JSON value: objects are Maps (member order kept), numbers are {@link JsonNumber}. */
export type JsonValue =
  | null
  | boolean
  | string
  | JsonNumber
  | readonly JsonValue[]
  | ReadonlyMap<string, JsonValue>;

/** Thrown for any text that is not one strict JSON value within the limits. */
export class StrictJsonError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} at ${position}`);
    this.name = "StrictJsonError";
  }
}

export interface StrictJsonLimits {
  /** Open objects and arrays at once (the top-level value counts as 1). Default 32. */
  readonly maxDepth?: number;
  /** Characters of one number. Default 32. */
  readonly maxNumberLength?: number;
}

/** Parses `text` as exactly one JSON value. */
export function parseStrictJson(text: string, limits: StrictJsonLimits = {}): JsonValue {
  const parser = new Parser(text, limits.maxDepth ?? 32, limits.maxNumberLength ?? 32);
  parser.skipWhitespace();
  const value = parser.value(0);
  parser.skipWhitespace();
  if (parser.pos !== text.length) {
    parser.fail("trailing content");
  }
  return value;
}

/** Whether a parsed value is a JSON object. */
export function isJsonObject(value: JsonValue | undefined): value is ReadonlyMap<string, JsonValue> {
  return value instanceof Map;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly maxNumberLength: number,
  ) {}

  fail(message: string): never {
    throw new StrictJsonError(message, this.pos);
  }

  skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        this.pos++;
      } else {
        break;
      }
    }
  }

  value(depth: number): JsonValue {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: // {
        return this.object(depth + 1);
      case 0x5b: // [
        return this.array(depth + 1);
      case 0x22: // "
        return this.string();
      case 0x74: // t
        return this.literal("true", true);
      case 0x66: // f
        return this.literal("false", false);
      case 0x6e: // n
        return this.literal("null", null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          return this.number();
        }
        return this.fail("unexpected character");
    }
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) {
      this.fail("unexpected character");
    }
    this.pos += word.length;
    return value;
  }

  private number(): JsonNumber {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) {
      return this.fail("bad number");
    }
    const raw = m[0];
    if (raw.length > this.maxNumberLength) {
      this.fail("number too long");
    }
    this.pos += raw.length;
    // A number must not run into a letter or digit: "01", "1x", "-" are not numbers.
    const next = this.text.charCodeAt(this.pos);
    if ((next >= 0x30 && next <= 0x39) || next === 0x2e || next === 0x65 || next === 0x45 || next === 0x2b || next === 0x2d) {
      this.fail("bad number");
    }
    return new JsonNumber(raw);
  }

  private object(depth: number): ReadonlyMap<string, JsonValue> {
    if (depth > this.maxDepth) {
      this.fail("nesting too deep");
    }
    this.pos++; // {
    const members = new Map<string, JsonValue>();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return members;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 0x22) {
        this.fail("expected a member name");
      }
      const namePos = this.pos;
      const name = this.string();
      if (members.has(name)) {
        this.pos = namePos;
        this.fail("duplicate member");
      }
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) {
        this.fail("expected ':'");
      }
      this.pos++;
      this.skipWhitespace();
      members.set(name, this.value(depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        this.skipWhitespace();
      } else if (c === 0x7d) {
        this.pos++;
        return members;
      } else {
        this.fail("expected ',' or '}'");
      }
    }
  }

  private array(depth: number): readonly JsonValue[] {
    if (depth > this.maxDepth) {
      this.fail("nesting too deep");
    }
    this.pos++; // [
    const items: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value(depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        this.skipWhitespace();
      } else if (c === 0x5d) {
        this.pos++;
        return items;
      } else {
        this.fail("expected ',' or ']'");
      }
    }
  }

  private string(): string {
    const t = this.text;
    this.pos++; // opening quote
    let start = this.pos;
    let out = "";
    for (;;) {
      if (this.pos >= t.length) {
        this.fail("unterminated string");
      }
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(start, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) {
        this.fail("control character in string");
      }
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += t.slice(start, this.pos);
      const e = t.charCodeAt(this.pos + 1);
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += "\\"; break;
        case 0x2f: out += "/"; break;
        case 0x62: out += "\b"; break;
        case 0x66: out += "\f"; break;
        case 0x6e: out += "\n"; break;
        case 0x72: out += "\r"; break;
        case 0x74: out += "\t"; break;
        case 0x75: {
          const hex = t.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.fail("bad \\u escape");
          }
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          this.fail("bad escape");
      }
      this.pos += 2;
      start = this.pos;
    }
  }
}
