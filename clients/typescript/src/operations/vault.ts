/** `qs.vault`: sealCredential, unsealCredential, listEntries, getEntry, rotateEntry, deleteEntry, retireVersion. */
import { call, listAll, openAnswerEnvelope, requireClientKey, segment, type ClientContext } from "../context.js";
import { wipe } from "../envelope/bytes.js";
import { ConfigurationError } from "../errors.js";
import type { IdempotentRequestOptions, RequestOptions } from "../models/common.js";
import {
  readListEntries,
  readUnsealPlaintext,
  readVaultEntry,
  readVaultEntryDetail,
  type DeleteEntryInput,
  type ListEntriesOutput,
  type RotateInput,
  type SealInput,
  type UnsealInput,
  type UnsealedCredential,
  type VaultEntry,
  type VaultEntryDetail,
} from "../models/vault.js";
import { body, plaintextJson, WireReader } from "../models/wire.js";
import type { ListInput } from "../pagination.js";

const ENTRIES = "/api/v2/vault/entries";

export class VaultOperations {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /** Seals a credential as version 1 (sealCredential). The secret is never echoed. */
  async seal(input: SealInput, options: IdempotentRequestOptions = {}): Promise<VaultEntry> {
    const request = {
      method: "POST" as const,
      path: "/api/v2/vault/seal",
      body: body({ credential_type: input.credentialType, name: input.name, value: input.value, values: input.values }),
      idempotencyKey: options.idempotencyKey ?? this.#context.newIdempotencyKey(),
      signal: options.signal,
    };
    return call(this.#context, "sealCredential", request, readVaultEntry);
  }

  /**
   * Unseals a credential (unsealCredential; the API key needs the `vault:unseal` scope). The
   * service answers an envelope to the held client key; the SDK verifies and decrypts it.
   */
  async unseal(input: UnsealInput, options: IdempotentRequestOptions = {}): Promise<UnsealedCredential> {
    const clientKey = requireClientKey(this.#context, "vault.unseal");
    const answer = await this.#context.transport.send({
      method: "POST",
      path: "/api/v2/vault/unseal",
      body: { vault_entry_id: input.vaultEntryId, rkid: clientKey.rkid },
      idempotencyKey: options.idempotencyKey ?? this.#context.newIdempotencyKey(),
      signal: options.signal,
    });
    const plaintext = await openAnswerEnvelope(this.#context, answer);
    const reader = new WireReader("unsealCredential", answer.requestId);
    try {
      return readUnsealPlaintext(reader, plaintextJson(plaintext, reader), answer.requestId);
    } finally {
      wipe(plaintext);
    }
  }

  /** One page of the tenant's entries, metadata only (listEntries). */
  async list(input: ListInput = {}, options: RequestOptions = {}): Promise<ListEntriesOutput> {
    const request = { method: "GET" as const, path: ENTRIES, query: { limit: input.limit, cursor: input.cursor }, signal: options.signal };
    return call(this.#context, "listEntries", request, readListEntries);
  }

  /** Every entry, page after page: `for await (const e of qs.vault.listAll()) …`. */
  listAll(input: Omit<ListInput, "cursor"> = {}, options: RequestOptions = {}): AsyncGenerator<VaultEntry, void, undefined> {
    return listAll((page) => this.list(page, options), (page) => page.entries, input);
  }

  /** One entry with its versions (getEntry). */
  async get(vaultEntryId: string, options: RequestOptions = {}): Promise<VaultEntryDetail> {
    const request = { method: "GET" as const, path: `${ENTRIES}/${segment(vaultEntryId)}`, signal: options.signal };
    return call(this.#context, "getEntry", request, readVaultEntryDetail);
  }

  /** Seals new values as version + 1 (rotateEntry); older versions stay until retired. */
  async rotate(vaultEntryId: string, input: RotateInput, options: IdempotentRequestOptions = {}): Promise<VaultEntryDetail> {
    const request = {
      method: "POST" as const,
      path: `${ENTRIES}/${segment(vaultEntryId)}/rotate`,
      body: body({ value: input.value, values: input.values }),
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    };
    return call(this.#context, "rotateEntry", request, readVaultEntryDetail);
  }

  /** Crypto-erases an entry (deleteEntry); refused (409 resource_in_use) while in use unless `force`. */
  async delete(vaultEntryId: string, input: DeleteEntryInput = {}, options: RequestOptions = {}): Promise<void> {
    await this.#context.transport.send({
      method: "DELETE",
      path: `${ENTRIES}/${segment(vaultEntryId)}`,
      query: { force: input.force === undefined ? undefined : String(input.force) },
      signal: options.signal,
    });
  }

  /** Crypto-erases one old version (retireVersion); the current one cannot be retired. */
  async retireVersion(vaultEntryId: string, version: number, options: RequestOptions = {}): Promise<void> {
    if (!Number.isSafeInteger(version) || version < 1) {
      throw new ConfigurationError("version must be a positive integer");
    }
    await this.#context.transport.send({
      method: "DELETE",
      path: `${ENTRIES}/${segment(vaultEntryId)}/versions/${version}`,
      signal: options.signal,
    });
  }
}
