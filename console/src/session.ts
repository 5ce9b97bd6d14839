/**
 * A signed-in session: the API key pasted at sign-in (kept in this tab's sessionStorage only, so
 * a reload keeps it and closing the tab or signing out forgets it; never a cookie, never logged,
 * sent only as `X-API-Key`), the SDK client made with it, and the client key that opens
 * envelopes: made in this browser on first use and held in memory only (its seed and MAC key are
 * never sent; the service gets its public half).
 */
import { ClientKey, QuantaSeal, type ServerKey } from "quantaseal";
import { RawApi } from "./api.js";

const STORAGE_KEY = "quantaseal.console.api-key";
const API_KEY_SHAPE = /^qs_(?:live|test)_[A-Za-z0-9_-]{43}$/;

/** The scopes the console knows, and what each allows (docs/vault.md, "Scopes"). */
export const SCOPES: Readonly<Record<string, string>> = {
  "vault:unseal": "unseal credentials",
  "client_keys:manage": "register client keys (needed to open proxy answers: Send test event)",
  admin: "manage API keys and read the audit trail",
};

/** Who the key is, as far as the service tells (scopes undefined: not known). */
export interface Identity {
  readonly apiKeyId: string | undefined;
  readonly name: string | undefined;
  readonly tenantId: string | undefined;
  readonly scopes: readonly string[] | undefined;
  /** Whether the key holds `admin`, when known even though its other scopes are not. */
  readonly admin: boolean | undefined;
}

interface ApiKeyJson {
  readonly api_key_id: string;
  readonly name?: string | null;
  readonly display_prefix?: string;
  readonly scopes?: string[];
}

const UNKNOWN: Identity = { apiKeyId: undefined, name: undefined, tenantId: undefined, scopes: undefined, admin: undefined };

export class Session {
  readonly client: QuantaSeal;
  readonly api: RawApi;
  readonly #apiKey: string;
  #identity: Identity = UNKNOWN;
  #serverKeys: readonly ServerKey[] = [];
  #clientKey: Promise<ClientKey> | undefined;
  #withKey: QuantaSeal | undefined;

  private constructor(apiKey: string) {
    this.#apiKey = apiKey;
    this.client = new QuantaSeal({ baseUrl: location.origin, apiKey, retry: { maxAttempts: 2 } });
    this.api = new RawApi(location.origin, apiKey);
  }

  /** Whether `key` has the shape of an API key (checked before anything is sent). */
  static looksLikeApiKey(key: string): boolean {
    return API_KEY_SHAPE.test(key);
  }

  /** Checks the key with the service (it must be accepted) and remembers it for this tab. */
  static async signIn(apiKey: string): Promise<Session> {
    const session = new Session(apiKey);
    await session.refresh();
    sessionStorage.setItem(STORAGE_KEY, apiKey);
    return session;
  }

  /** The session of this tab, if a key was kept (checked again with the service). */
  static async resume(): Promise<Session | undefined> {
    const kept = sessionStorage.getItem(STORAGE_KEY);
    if (kept === null || !API_KEY_SHAPE.test(kept)) {
      return undefined;
    }
    try {
      const session = new Session(kept);
      await session.refresh();
      return session;
    } catch {
      sessionStorage.removeItem(STORAGE_KEY);
      return undefined;
    }
  }

  /** Reads the server keys (every key may) and what the service says of this key. */
  async refresh(): Promise<void> {
    this.#serverKeys = (await this.client.encryption.listServerKeys()).keys;
    this.#identity = await this.#whoAmI();
  }

  async #whoAmI(): Promise<Identity> {
    // GET /api/v2/api-keys/current: the calling key itself (tenant, id, name, scopes); any key
    // may read it.
    try {
      const me = await this.api.json<ApiKeyJson & { tenant_id?: string }>("GET", "/api/v2/api-keys/current");
      return { apiKeyId: me.api_key_id, name: me.name ?? undefined, tenantId: me.tenant_id, scopes: me.scopes ?? [], admin: (me.scopes ?? []).includes("admin") };
    } catch (error) {
      if ((error as { code?: string }).code !== "not_found") {
        return this.#identity;
      }
    }
    // A service without that route: the tenant's key list (which needs `admin`) shows the key by
    // its display prefix (its first 12 characters); a refusal there says this key lacks `admin`.
    try {
      const answer = await this.api.json<{ api_keys?: ApiKeyJson[] }>("GET", "/api/v2/api-keys", { query: { limit: "200" } });
      const prefix = this.#apiKey.slice(0, 12);
      const mine = (answer.api_keys ?? []).filter((k) => k.display_prefix?.replace(/…$/, "") === prefix);
      const me = mine.length === 1 ? mine[0] : undefined;
      if (me === undefined) {
        return { ...UNKNOWN, admin: true };
      }
      return { apiKeyId: me.api_key_id, name: me.name ?? undefined, tenantId: undefined, scopes: me.scopes ?? [], admin: (me.scopes ?? []).includes("admin") };
    } catch (error) {
      // operation_not_allowed: the key lacks `admin`; anything else (an older service without
      // the route, a failure) tells nothing.
      if ((error as { code?: string }).code === "operation_not_allowed") {
        return { ...UNKNOWN, admin: false };
      }
      return this.#identity;
    }
  }

  get identity(): Identity {
    return this.#identity;
  }

  get serverKeys(): readonly ServerKey[] {
    return this.#serverKeys;
  }

  /** true/false when the service told the key's scopes, undefined when it did not. */
  can(scope: string): boolean | undefined {
    const scopes = this.#identity.scopes;
    if (scopes !== undefined) {
      return scopes.includes(scope);
    }
    return scope === "admin" ? this.#identity.admin : undefined;
  }

  /** The key's first characters, for the header (never the whole key). */
  get keyHint(): string {
    return this.#apiKey.slice(0, 12) + "…";
  }

  /** The client key of this tab (made and registered on first use). */
  get clientKeyRkid(): Promise<string> | undefined {
    return this.#clientKey?.then((k) => k.rkid);
  }

  /** A client that opens envelopes with this tab's client key (made and registered on first use). */
  async withClientKey(): Promise<QuantaSeal> {
    if (this.#clientKey === undefined) {
      const made = this.client.encryption.createClientKey();
      this.#clientKey = made;
      made.catch(() => {
        if (this.#clientKey === made) this.#clientKey = undefined;
      });
    }
    const key = await this.#clientKey;
    this.#withKey ??= this.client.withClientKey(key);
    return this.#withKey;
  }

  /** Forgets this tab's client key (after it was revoked): the next use makes a new one. */
  forgetClientKey(): void {
    void this.#clientKey?.then((k) => k.destroy()).catch(() => undefined);
    this.#clientKey = undefined;
    this.#withKey = undefined;
  }

  /** Forgets the key (sessionStorage too) and overwrites the client key's secrets. */
  signOut(): void {
    sessionStorage.removeItem(STORAGE_KEY);
    void this.#clientKey?.then((k) => k.destroy()).catch(() => undefined);
    this.#clientKey = undefined;
    this.#withKey = undefined;
  }
}

/** One scope, or any of several. */
export type Needs = string | readonly string[];

/** Whether the session's key may open a page that needs `needs` (undefined: not known). */
export function allowed(session: Session, needs: Needs | undefined): boolean | undefined {
  if (needs === undefined) return true;
  const answers = (typeof needs === "string" ? [needs] : needs).map((scope) => session.can(scope));
  if (answers.includes(true)) return true;
  return answers.every((a) => a === false) ? false : undefined;
}

export function needsText(needs: Needs): string {
  return typeof needs === "string" ? needs : needs.join(" or ");
}
