package io.quantaseal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * A registered client key: the ML-KEM-768 seed the caller holds, the ids the service gave ({@code
 * rkid} for the ML-KEM key, {@code hkid} for the MAC key) and the 64-byte envelope MAC key it
 * showed once. Made by {@link Encryption#createClientKey()}; kept with {@link #save(Path)} and
 * {@link #load(Path)} in the {@code quantaseal-client-key/v1} file that every QuantaSeal SDK reads
 * (docs/clients.md, "The client-key file"), so a key made by one SDK opens envelopes in another.
 *
 * <p>The seed and MAC key are copies this object owns; {@link #toString()} never shows them and
 * {@link #close()} overwrites them with zeros (the key is unusable afterwards). Thread-safe.
 */
public final class ClientKey implements AutoCloseable {
  /** The {@code format} member of a client-key file. */
  public static final String FORMAT = "quantaseal-client-key/v1";

  /** Bytes of the ML-KEM-768 seed d ‖ z. */
  public static final int SEED_LENGTH = 64;

  /** Bytes of the envelope MAC key (HMAC-SHA-512). */
  public static final int MAC_KEY_LENGTH = 64;

  private static final int MAX_FILE_BYTES = 64 * 1024;

  private final String rkid;
  private final String hkid;
  private final SecretBytes seed;
  private final SecretBytes macKey;

  private ClientKey(String rkid, String hkid, SecretBytes seed, SecretBytes macKey) {
    this.rkid = rkid;
    this.hkid = hkid;
    this.seed = seed;
    this.macKey = macKey;
  }

  /**
   * A client key from its parts; the seed and MAC key are copied (the caller still owns and closes
   * its own).
   *
   * @param rkid the id of the registered ML-KEM-768 key ({@code ck_…})
   * @param hkid the id of the envelope MAC key ({@code hk_…})
   * @param seed the 64-byte ML-KEM-768 seed d ‖ z
   * @param macKey the 64-byte envelope MAC key
   * @return the client key
   * @throws IllegalArgumentException if an id is empty or a key has the wrong length
   */
  public static ClientKey of(String rkid, String hkid, SecretBytes seed, SecretBytes macKey) {
    if (rkid == null || rkid.isEmpty() || hkid == null || hkid.isEmpty()) {
      throw new IllegalArgumentException("rkid and hkid must be non-empty");
    }
    if (Objects.requireNonNull(seed, "seed").length() != SEED_LENGTH) {
      throw new IllegalArgumentException("an ML-KEM-768 seed is 64 bytes (d || z)");
    }
    if (Objects.requireNonNull(macKey, "macKey").length() != MAC_KEY_LENGTH) {
      throw new IllegalArgumentException("an envelope MAC key is 64 bytes");
    }
    return new ClientKey(
        rkid, hkid, SecretBytes.copyOf(seed.reveal()), SecretBytes.copyOf(macKey.reveal()));
  }

  /**
   * The id of the registered ML-KEM-768 key; envelopes to it name it as {@code rkid}.
   *
   * @return {@code ck_…}
   */
  public String rkid() {
    return rkid;
  }

  /**
   * The id of the envelope MAC key; envelopes name it as {@code hkid}.
   *
   * @return {@code hk_…}
   */
  public String hkid() {
    return hkid;
  }

  /**
   * The 1184-byte ML-KEM-768 encapsulation key of the seed: what was registered.
   *
   * @return a fresh copy of the public key
   */
  public byte[] publicKey() {
    return MlKem768.keyPairFromSeed(alive(seed)).encapsulationKey().toBytes();
  }

  SecretBytes seed() {
    return alive(seed);
  }

  SecretBytes macKey() {
    return alive(macKey);
  }

  private static SecretBytes alive(SecretBytes s) {
    if (s.isDestroyed()) {
      throw new IllegalStateException("this client key was closed");
    }
    return s;
  }

  /**
   * The {@code quantaseal-client-key/v1} document. It holds the seed and the MAC key: keep it as
   * private as the key itself.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode o = Json.object();
    o.put("format", FORMAT);
    o.put("rkid", rkid);
    o.put("hkid", hkid);
    byte[] s = alive(seed).reveal();
    byte[] m = alive(macKey).reveal();
    o.put("seed", Json.b64url(s));
    o.put("mac_key", Json.b64url(m));
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a {@code quantaseal-client-key/v1} document. Unknown members are ignored; another {@code
   * format}, a missing member, bad base64url or a wrong length is refused.
   *
   * @param json the document
   * @return the client key
   * @throws ClientKeyFileException if it is not a valid document (the message names the member)
   */
  public static ClientKey fromJson(String json) {
    JsonNode root = json == null || json.length() > MAX_FILE_BYTES ? null : Json.parseOrNull(json);
    if (root == null || !root.isObject()) {
      throw new ClientKeyFileException(
          "not a " + FORMAT + " document (one JSON object of at most 64 KiB)");
    }
    JsonNode format = root.get("format");
    if (format == null || !format.isTextual() || !format.textValue().equals(FORMAT)) {
      throw new ClientKeyFileException("format is not '" + FORMAT + "'");
    }
    String rkid = text(root, "rkid");
    String hkid = text(root, "hkid");
    byte[] s = secret(root, "seed", SEED_LENGTH);
    byte[] m = secret(root, "mac_key", MAC_KEY_LENGTH);
    return new ClientKey(rkid, hkid, SecretBytes.wrap(s), SecretBytes.wrap(m));
  }

  private static String text(JsonNode root, String name) {
    JsonNode n = root.get(name);
    if (n == null || !n.isTextual() || n.textValue().isEmpty()) {
      throw new ClientKeyFileException(name + " is missing or not a non-empty string");
    }
    return n.textValue();
  }

  private static byte[] secret(JsonNode root, String name, int length) {
    JsonNode n = root.get(name);
    if (n == null || !n.isTextual()) {
      throw new ClientKeyFileException(name + " is missing or not a string");
    }
    byte[] b = Json.unb64url(n.textValue());
    if (b == null) {
      throw new ClientKeyFileException(name + " is not unpadded base64url");
    }
    if (b.length != length) {
      SecretBytes.wipe(b);
      throw new ClientKeyFileException(name + " is not " + length + " bytes");
    }
    return b;
  }

  /**
   * Writes the key file: file mode 0600 on POSIX file systems, written to a temporary file in the
   * same folder and then renamed over {@code path} (a reader never sees half a file).
   *
   * @param path where to write it
   * @throws ClientKeyFileException if it cannot be written
   */
  public void save(Path path) {
    Path target = path.toAbsolutePath();
    byte[] data = (toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    Path temporary = null;
    try {
      Path dir = target.getParent();
      String prefix = "." + target.getFileName() + ".";
      temporary =
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? Files.createTempFile(
                  dir,
                  prefix,
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dir, prefix, ".tmp");
      try (OutputStream out =
          Files.newOutputStream(temporary, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
        out.write(data);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
    } catch (IOException e) {
      throw new ClientKeyFileException("could not write the client key to " + target, e);
    } finally {
      SecretBytes.wipe(data);
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // The temporary file is in the target's folder; nothing else to do.
        }
      }
    }
  }

  /**
   * Reads a key file written by {@link #save(Path)} (by any QuantaSeal SDK).
   *
   * @param path the file
   * @return the client key
   * @throws ClientKeyFileException if the file cannot be read or is not a valid document
   */
  public static ClientKey load(Path path) {
    byte[] data;
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new ClientKeyFileException("not a " + FORMAT + " document (over 64 KiB)");
      }
      data = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ClientKeyFileException("could not read the client key " + path, e);
    }
    try {
      return fromJson(new String(data, StandardCharsets.UTF_8));
    } finally {
      SecretBytes.wipe(data);
    }
  }

  /** Overwrites the seed and the MAC key with zeros; the key cannot be used afterwards. */
  @Override
  public void close() {
    seed.close();
    macKey.close();
  }

  /**
   * The ids only; never the seed or the MAC key.
   *
   * @return {@code ClientKey[rkid=…, hkid=…]}
   */
  @Override
  public String toString() {
    return "ClientKey[rkid=" + rkid + ", hkid=" + hkid + "]";
  }
}
