package io.quantaseal.common.paging;

import static io.quantaseal.common.store.Items.b;
import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.store.Items;
import io.quantaseal.common.store.VaultTableKeys;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.aead.AesGcm;
import io.quantaseal.crypto.vault.Keyring;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The deployment's list-cursor key (AES-256), one for every tenant: created on first use and kept
 * in the vault table ({@code pk = SERVICE}, {@code sk = CURSORKEY#v1}) only encrypted under the
 * service KMS key (encryption context {@code quantaseal:purpose = list-cursor-key}); decrypted once
 * per container. Two containers creating it at once: the first write wins, the other reads it.
 */
public final class ListCursorKey implements Supplier<AesGcm> {
  static final String SORT_KEY = "CURSORKEY#v1";
  static final Map<String, String> CONTEXT = Map.of("quantaseal:purpose", "list-cursor-key");

  private final DynamoDbClient dynamo;
  private final String vaultTable;
  private final Keyring keyring;
  private final String serviceKeyId;
  private final SecureRandom random;
  private volatile AesGcm key;

  public ListCursorKey(
      DynamoDbClient dynamo,
      String vaultTable,
      Keyring keyring,
      String serviceKeyId,
      SecureRandom random) {
    this.dynamo = dynamo;
    this.vaultTable = vaultTable;
    this.keyring = keyring;
    this.serviceKeyId = serviceKeyId;
    this.random = random;
  }

  @Override
  public AesGcm get() {
    AesGcm k = key;
    if (k != null) {
      return k;
    }
    synchronized (this) {
      if (key == null) {
        key = load();
      }
      return key;
    }
  }

  private AesGcm load() {
    Map<String, AttributeValue> found = read();
    if (found.isEmpty()) {
      try (SecretBytes fresh = SecretBytes.random(AesGcm.KEY_LENGTH, random)) {
        byte[] wrapped = keyring.encrypt(serviceKeyId, fresh, CONTEXT);
        Map<String, AttributeValue> item =
            new HashMap<>(Items.key(VaultTableKeys.SERVICE_PK, SORT_KEY));
        item.put("type", s("list_cursor_key"));
        item.put("key_wrapped", b(wrapped));
        try {
          dynamo.putItem(
              r ->
                  r.tableName(vaultTable)
                      .item(item)
                      .conditionExpression("attribute_not_exists(pk)"));
          return AesGcm.create(fresh);
        } catch (ConditionalCheckFailedException e) {
          found = read();
        }
      }
    }
    try (SecretBytes k =
        keyring.decrypt(serviceKeyId, Items.bytes(found, "key_wrapped"), CONTEXT)) {
      return AesGcm.create(k);
    }
  }

  private Map<String, AttributeValue> read() {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(
                r ->
                    r.tableName(vaultTable)
                        .key(Items.key(VaultTableKeys.SERVICE_PK, SORT_KEY))
                        .consistentRead(true))
            .item();
    return i == null ? Map.of() : i;
  }
}
