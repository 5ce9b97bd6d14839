/**
 * The service's signing keys, as the client holds them (docs/clients.md): fetched on first use,
 * and fetched again once when an envelope names a `skid` the held list lacks (the service
 * rotated its key). Concurrent callers share one fetch.
 */
import type { ListServerKeysOutput } from "../models/encryption.js";
import type { ServerPublicKeys } from "../envelope/opener.js";

export class ServerKeyCache {
  readonly #load: () => Promise<ListServerKeysOutput>;
  #keys: ServerPublicKeys | undefined;
  #loading: Promise<ServerPublicKeys> | undefined;

  constructor(load: () => Promise<ListServerKeysOutput>) {
    this.#load = load;
  }

  /** The held keys, with `skid` among them if the service lists it (at most one fetch per call). */
  async keysFor(skid: string): Promise<ServerPublicKeys> {
    const held = this.#keys;
    if (held === undefined) {
      return this.refresh();
    }
    if (held.has(skid)) {
      return held;
    }
    return this.refresh();
  }

  /** Fetches the list again (shared with any fetch already under way). */
  refresh(): Promise<ServerPublicKeys> {
    if (this.#loading === undefined) {
      this.#loading = this.#load()
        .then((answer) => {
          const keys = new Map<string, Uint8Array>();
          for (const key of answer.keys) {
            if (key.alg === "ML-DSA-65") {
              keys.set(key.skid, key.publicKey);
            }
          }
          this.#keys = keys;
          return keys;
        })
        .finally(() => {
          this.#loading = undefined;
        });
    }
    return this.#loading;
  }
}
