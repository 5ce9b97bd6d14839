/** Requests and answers of the vault (docs/openapi.yaml, tag `vault`). */
import { WireReader, frozen, type WireObject } from "./wire.js";

export type CredentialType = "api_key" | "bearer_token" | "basic_auth" | "oauth2_client_credentials";

interface SealCommon {
  /** A label for people, at most 128 characters. */
  readonly name?: string;
}

/** `api_key`: one `value` (the API key) or `values` {api_key, app_key?}. */
export type SealApiKeyInput = SealCommon & { readonly credentialType: "api_key" } & (
    | { readonly value: string; readonly values?: never }
    | { readonly values: { readonly api_key: string; readonly app_key?: string }; readonly value?: never }
  );

/** `bearer_token`: one `value` (the token) or `values` {token}. */
export type SealBearerTokenInput = SealCommon & { readonly credentialType: "bearer_token" } & (
    | { readonly value: string; readonly values?: never }
    | { readonly values: { readonly token: string }; readonly value?: never }
  );

/** `basic_auth`: `values` {username, password}. */
export type SealBasicAuthInput = SealCommon & {
  readonly credentialType: "basic_auth";
  readonly value?: never;
  readonly values: { readonly username: string; readonly password: string };
};

/** `oauth2_client_credentials`: `values` {client_id, client_secret, token_url? (https), scope?, audience?}. */
export type SealOAuth2ClientCredentialsInput = SealCommon & {
  readonly credentialType: "oauth2_client_credentials";
  readonly value?: never;
  readonly values: {
    readonly client_id: string;
    readonly client_secret: string;
    readonly token_url?: string;
    readonly scope?: string;
    readonly audience?: string;
  };
};

/** `POST /api/v2/vault/seal` (sealCredential): one variant per credential type. */
export type SealInput = SealApiKeyInput | SealBearerTokenInput | SealBasicAuthInput | SealOAuth2ClientCredentialsInput;

/** `POST /api/v2/vault/entries/{id}/rotate` (rotateEntry): exactly one of `value` or `values`. */
export type RotateInput =
  | { readonly value: string; readonly values?: never }
  | { readonly values: Readonly<Record<string, string>>; readonly value?: never };

/** A vault entry's metadata (the secret is never echoed). */
export interface VaultEntry {
  /** `vlt_…` */
  readonly vaultEntryId: string;
  readonly name?: string;
  readonly credentialType: CredentialType;
  /** The current version (1 after seal, + 1 per rotation). */
  readonly version: number;
  /** RFC 3339 timestamps, as the service wrote them (nanoseconds kept). */
  readonly createdAt: string;
  readonly rotatedAt: string;
}

export interface VaultEntryVersion {
  readonly version: number;
  readonly createdAt: string;
  readonly current: boolean;
}

/** An entry with its versions (getEntry, rotateEntry). */
export interface VaultEntryDetail extends VaultEntry {
  readonly versions: readonly VaultEntryVersion[];
}

/** `GET /api/v2/vault/entries` (listEntries). */
export interface ListEntriesOutput {
  readonly entries: readonly VaultEntry[];
  readonly nextCursor?: string;
}

/** `DELETE /api/v2/vault/entries/{id}` (deleteEntry). */
export interface DeleteEntryInput {
  /** Delete even while integrations use the entry (they become unhealthy). */
  readonly force?: boolean;
}

/** `POST /api/v2/vault/unseal` (unsealCredential). */
export interface UnsealInput {
  readonly vaultEntryId: string;
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * An unsealed credential (the plaintext of an unseal envelope, `UnsealPlaintext`). Its `values`
 * are the secrets: `toString`, `toJSON` and `console.log` show only the field names.
 */
export class UnsealedCredential {
  readonly vaultEntryId: string;
  readonly credentialType: CredentialType;
  readonly version: number;
  readonly requestId: string | undefined;
  readonly #values: Readonly<Record<string, string>>;

  constructor(
    fields: { vaultEntryId: string; credentialType: CredentialType; version: number; values: Record<string, string> },
    requestId: string | undefined,
  ) {
    this.vaultEntryId = fields.vaultEntryId;
    this.credentialType = fields.credentialType;
    this.version = fields.version;
    this.#values = Object.freeze({ ...fields.values });
    this.requestId = requestId;
    Object.freeze(this);
  }

  /** The credential's fields, e.g. `{api_key, app_key}`. Secret. */
  get values(): Readonly<Record<string, string>> {
    return this.#values;
  }

  toString(): string {
    return `UnsealedCredential(${this.vaultEntryId} v${this.version}, ${this.credentialType}, values=[${Object.keys(this.#values).join(", ")}]: redacted)`;
  }

  toJSON(): Record<string, unknown> {
    return {
      vaultEntryId: this.vaultEntryId,
      credentialType: this.credentialType,
      version: this.version,
      values: Object.fromEntries(Object.keys(this.#values).map((k) => [k, "[redacted]"])),
    };
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

/** The credential type as the service wrote it (a type newer than this SDK is passed on as is). */
function credentialType(r: WireReader, o: WireObject): CredentialType {
  return r.string(o, "credential_type") as CredentialType;
}

export function readVaultEntry(r: WireReader, value: unknown): VaultEntry {
  const o = r.object(value, "an entry");
  return frozen({
    vaultEntryId: r.string(o, "vault_entry_id"),
    name: r.optionalString(o, "name"),
    credentialType: credentialType(r, o),
    version: r.integer(o, "version"),
    createdAt: r.string(o, "created_at"),
    rotatedAt: r.string(o, "rotated_at"),
  }) as VaultEntry;
}

export function readVaultEntryDetail(r: WireReader, value: unknown): VaultEntryDetail {
  const o = r.object(value, "an entry");
  const entry = readVaultEntry(r, o);
  const versions = r.list(o, "versions", (v) => {
    const vo = r.object(v, "a version");
    return frozen({ version: r.integer(vo, "version"), createdAt: r.string(vo, "created_at"), current: r.boolean(vo, "current") });
  });
  return frozen({ ...entry, versions });
}

export function readListEntries(r: WireReader, value: unknown): ListEntriesOutput {
  const o = r.object(value);
  return frozen({
    entries: r.list(o, "entries", (e) => readVaultEntry(r, e)),
    nextCursor: r.optionalString(o, "next_cursor"),
  }) as ListEntriesOutput;
}

export function readUnsealPlaintext(r: WireReader, value: unknown, requestId: string | undefined): UnsealedCredential {
  const o = r.object(value, "the unseal plaintext");
  const valuesObject = r.object(o["values"], '"values"');
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(valuesObject)) {
    if (typeof v !== "string") {
      r.fail('"values" holds a non-string');
    }
    values[k] = v;
  }
  return new UnsealedCredential(
    { vaultEntryId: r.string(o, "vault_entry_id"), credentialType: credentialType(r, o), version: r.integer(o, "version"), values },
    requestId,
  );
}
