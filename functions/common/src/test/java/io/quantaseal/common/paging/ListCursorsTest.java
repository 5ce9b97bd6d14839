package io.quantaseal.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.aead.AesGcm;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListCursorsTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static ListCursors cursors() {
    AesGcm key;
    try (SecretBytes k = SecretBytes.random(32, RANDOM)) {
      key = AesGcm.create(k);
    }
    return new ListCursors(() -> key, RANDOM);
  }

  @Test
  void seal_thenOpen_givesThePosition_andRevealsNothingOfIt() {
    ListCursors c = cursors();
    String cursor = c.seal("ten_a", "vault_entries", "ENTRY#vlt_0123");
    assertEquals("ENTRY#vlt_0123", c.open("ten_a", "vault_entries", cursor));
    assertFalse(cursor.contains("vlt_") || cursor.contains("ENTRY"));
    assertNotEquals(cursor, c.seal("ten_a", "vault_entries", "ENTRY#vlt_0123"), "fresh IV");
    assertEquals(Optional.empty(), c.openOptional("ten_a", "vault_entries", Optional.empty()));
  }

  @Test
  void anotherTenant_anotherList_anotherDeployment_orAnyChangedByte_isOneInvalidRequest() {
    ListCursors c = cursors();
    String cursor = c.seal("ten_a", "api_keys", "APIKEY#key_1");
    assertThrows(InvalidRequestException.class, () -> c.open("ten_b", "api_keys", cursor));
    assertThrows(InvalidRequestException.class, () -> c.open("ten_a", "integrations", cursor));
    assertThrows(InvalidRequestException.class, () -> cursors().open("ten_a", "api_keys", cursor));
    byte[] raw = Base64.getUrlDecoder().decode(cursor);
    for (int i = 0; i < raw.length; i++) {
      byte[] changed = raw.clone();
      changed[i] ^= 1;
      String bad = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
      InvalidRequestException e =
          assertThrows(InvalidRequestException.class, () -> c.open("ten_a", "api_keys", bad));
      assertEquals(ListCursors.invalid().getMessage(), e.getMessage(), "one message, byte " + i);
    }
    for (String bad : new String[] {"", "A", "====", "a+b/", "x".repeat(1025)}) {
      assertThrows(InvalidRequestException.class, () -> c.open("ten_a", "api_keys", bad), bad);
    }
  }

  @Test
  void limit_isOneTo200_default50() {
    assertEquals(50, Pagination.limit(Optional.empty()));
    assertEquals(1, Pagination.limit(Optional.of("1")));
    assertEquals(200, Pagination.limit(Optional.of("200")));
    for (String bad : new String[] {"0", "201", "-1", "+5", "1e2", " 5", "", "0x10", "99999"}) {
      assertThrows(
          InvalidRequestException.class, () -> Pagination.limit(Optional.of(bad)), "limit=" + bad);
    }
  }
}
