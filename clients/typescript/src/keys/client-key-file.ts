/**
 * The client-key file, `quantaseal-client-key/v1` (docs/clients.md): one JSON object, the same in
 * every SDK, so a key made by one opens envelopes in another.
 *
 * ```json
 * {"format": "quantaseal-client-key/v1", "rkid": "ck_…", "hkid": "hk_…",
 *  "seed": "<base64url: the 64-byte ML-KEM-768 seed d ‖ z>", "mac_key": "<base64url: 64 bytes>"}
 * ```
 *
 * This module reads and writes the text; `quantaseal/node` adds `saveClientKey`/`loadClientKey`
 * (file mode 0600). In a browser, keep the text wherever the application keeps secrets.
 */
import { decodeBase64Url, encodeBase64Url } from "../envelope/base64url.js";
import { wipe } from "../envelope/bytes.js";
import { isValidId } from "../envelope/envelope.js";
import { KEM_SEED_LENGTH, MAC_KEY_LENGTH } from "../envelope/format.js";
import { isJsonObject, parseStrictJson, type JsonValue } from "../envelope/strict-json.js";
import { ClientKeyFormatError } from "../errors.js";
import { ClientKey, clientKeySecrets } from "./client-key.js";

/** The `format` member of a version-1 client-key file. */
export const CLIENT_KEY_FORMAT = "quantaseal-client-key/v1";

/**
 * The client-key file text of `key` (JSON, members in the documented order, a final newline).
 * The text holds the key's secrets: store it as you would the key itself.
 */
export function encodeClientKeyFile(key: ClientKey): string {
  const { seed, macKey } = clientKeySecrets(key);
  const document = {
    format: CLIENT_KEY_FORMAT,
    rkid: key.rkid,
    hkid: key.hkid,
    seed: encodeBase64Url(seed),
    mac_key: encodeBase64Url(macKey),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Reads a client-key file. Rejects another `format`, a missing member, a duplicate member, bad
 * base64url or a wrong length; ignores unknown members.
 * @throws ClientKeyFormatError naming the member at fault (never its value)
 */
export function decodeClientKeyFile(text: string): ClientKey {
  let root: JsonValue;
  try {
    root = parseStrictJson(text);
  } catch (e) {
    throw new ClientKeyFormatError(`not a client-key file: ${(e as Error).message}`);
  }
  if (!isJsonObject(root)) {
    throw new ClientKeyFormatError("not a client-key file: not a JSON object");
  }
  const format = root.get("format");
  if (format !== CLIENT_KEY_FORMAT) {
    throw new ClientKeyFormatError(`not a client-key file: "format" must be "${CLIENT_KEY_FORMAT}"`);
  }
  const rkid = root.get("rkid");
  const hkid = root.get("hkid");
  if (!isValidId(rkid)) {
    throw new ClientKeyFormatError('client-key file: "rkid" is missing or not an id');
  }
  if (!isValidId(hkid)) {
    throw new ClientKeyFormatError('client-key file: "hkid" is missing or not an id');
  }
  const seed = secret(root.get("seed"), "seed", KEM_SEED_LENGTH);
  const macKey = secret(root.get("mac_key"), "mac_key", MAC_KEY_LENGTH);
  try {
    return ClientKey.fromParts({ rkid, hkid, seed, macKey });
  } finally {
    wipe(seed, macKey);
  }
}

function secret(value: JsonValue | undefined, name: string, length: number): Uint8Array {
  if (typeof value !== "string") {
    throw new ClientKeyFormatError(`client-key file: "${name}" is missing or not a string`);
  }
  const bytes = decodeBase64Url(value);
  if (bytes === undefined) {
    throw new ClientKeyFormatError(`client-key file: "${name}" is not unpadded base64url`);
  }
  if (bytes.length !== length) {
    wipe(bytes);
    throw new ClientKeyFormatError(`client-key file: "${name}" must be ${length} bytes`);
  }
  return bytes;
}
