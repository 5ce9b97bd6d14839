/**
 * Reading the service's JSON answers into the SDK's typed, camel-cased, frozen models. A member
 * that docs/openapi.yaml requires but that is missing or of another type is a
 * ResponseFormatError; members the SDK does not know are ignored (the API may grow).
 */
import { utf8DecodeStrict } from "../envelope/bytes.js";
import { ResponseFormatError } from "../errors.js";

export type WireObject = Readonly<Record<string, unknown>>;

export class WireReader {
  constructor(
    private readonly what: string,
    private readonly requestId?: string | undefined,
  ) {}

  fail(detail: string): never {
    throw new ResponseFormatError(`unexpected ${this.what} answer: ${detail}`, { requestId: this.requestId });
  }

  object(value: unknown, where = "the body"): WireObject {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(`${where} is not an object`);
    }
    return value as WireObject;
  }

  array(o: WireObject, name: string): readonly unknown[] {
    const v = o[name];
    if (!Array.isArray(v)) {
      this.fail(`"${name}" is not an array`);
    }
    return v;
  }

  string(o: WireObject, name: string): string {
    const v = o[name];
    if (typeof v !== "string") {
      this.fail(`"${name}" is missing or not a string`);
    }
    return v;
  }

  optionalString(o: WireObject, name: string): string | undefined {
    const v = o[name];
    if (v === undefined || v === null) {
      return undefined;
    }
    if (typeof v !== "string") {
      this.fail(`"${name}" is not a string`);
    }
    return v;
  }

  integer(o: WireObject, name: string): number {
    const v = o[name];
    if (typeof v !== "number" || !Number.isSafeInteger(v)) {
      this.fail(`"${name}" is missing or not an integer`);
    }
    return v;
  }

  boolean(o: WireObject, name: string): boolean {
    const v = o[name];
    if (typeof v !== "boolean") {
      this.fail(`"${name}" is missing or not a boolean`);
    }
    return v;
  }

  strings(o: WireObject, name: string): readonly string[] {
    const items = this.array(o, name);
    for (const item of items) {
      if (typeof item !== "string") {
        this.fail(`"${name}" holds a non-string`);
      }
    }
    return Object.freeze([...(items as string[])]);
  }

  list<T>(o: WireObject, name: string, read: (item: unknown) => T): readonly T[] {
    return Object.freeze(this.array(o, name).map(read));
  }
}

/** `{...o}` without its undefined members (so exactOptionalPropertyTypes holds), frozen. */
export function frozen<T extends object>(o: T): T {
  return Object.freeze(Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))) as T;
}

/** A request body from camel-cased input: undefined members left out. */
export function body(members: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(members)) {
    if (v !== undefined) {
      out[k] = v;
    }
  }
  return out;
}

/** The JSON of a verified envelope's plaintext. */
export function plaintextJson(plaintext: Uint8Array, reader: WireReader): unknown {
  try {
    return JSON.parse(utf8DecodeStrict(plaintext)) as unknown;
  } catch {
    return reader.fail("the envelope's plaintext is not JSON");
  }
}
