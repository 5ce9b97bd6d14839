/**
 * `quantaseal/node`: what needs Node's file system. Everything of `quantaseal` plus the
 * client-key file (quantaseal-client-key/v1, docs/clients.md), written with mode 0600.
 */
import { randomBytes } from "node:crypto";
import { chmod, open, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ClientKeyFormatError } from "../errors.js";
import type { ClientKey } from "../keys/client-key.js";
import { decodeClientKeyFile, encodeClientKeyFile } from "../keys/client-key-file.js";

export * from "../index.js";

/** The largest client-key file read (a real one is about 300 bytes). */
const MAX_FILE_BYTES = 64 * 1024;

/**
 * Writes `key` to `path` as a quantaseal-client-key/v1 file, readable by its owner only (0600).
 * The file is written beside the target and renamed over it, so a reader never sees half a key.
 */
export async function saveClientKey(key: ClientKey, path: string): Promise<void> {
  const text = encodeClientKeyFile(key);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temporary, "wx", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Reads a quantaseal-client-key/v1 file. Any other `format`, a missing member, bad base64url or
 * a wrong length is a ClientKeyFormatError; unknown members are ignored.
 */
export async function loadClientKey(path: string): Promise<ClientKey> {
  const info = await stat(path);
  if (!info.isFile() || info.size > MAX_FILE_BYTES) {
    throw new ClientKeyFormatError(`not a client-key file: ${path} is not a file of at most ${MAX_FILE_BYTES} bytes`);
  }
  const bytes = await readFile(path);
  try {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (error) {
      throw new ClientKeyFormatError("not a client-key file: not UTF-8", error);
    }
    return decodeClientKeyFile(text);
  } finally {
    bytes.fill(0);
  }
}
