package io.quantaseal.crypto.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kdf.HkdfSha512;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.kem.MlKemEncapsulation;
import io.quantaseal.crypto.kem.MlKemEncapsulationKey;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Building blocks of {@link EnvelopeConformanceGenerator}: envelopes built by hand from
 * docs/envelope.md#construction, with a knob for every step a faulty sender (or a forger) could get
 * wrong, and the members of the JSON form as raw text, so that a case can say exactly which bytes
 * arrive.
 *
 * <p>Nothing here uses the production sealer: a valid case that the production opener accepts shows
 * that both read docs/envelope.md the same way. Every input comes from {@link
 * EnvelopeFixtures#derive}, so the output is the same on every run.
 */
final class ConformanceEnvelopes {
  static final String SUITE = EnvelopeSuite.QS1_MLKEM768_HKDFSHA512_A256GCM_MLDSA65_HS512.id();
  static final byte[] SIGNATURE_CONTEXT = utf8("quantaseal/envelope/v1");
  static final byte[] KDF_LABEL = utf8("quantaseal/envelope/v1/aes-256-gcm");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private ConformanceEnvelopes() {}

  /** The three keys a holder has, and their ids: what a conformance case gives the runner. */
  record Keys(
      String rkid,
      byte[] recipientSeed,
      String skid,
      MlDsaPrivateKey signer,
      String hkid,
      byte[] macKey) {

    /** Keys derived from {@code label}: {@code <prefix><label>/recipient_seed} and so on. */
    static Keys derived(String labelPrefix, String rkid, String skid, String hkid) {
      byte[] signerSeed = EnvelopeFixtures.derive(labelPrefix + "signer_seed", 32);
      MlDsaPrivateKey signer;
      try (SecretBytes seed = SecretBytes.wrap(signerSeed)) {
        signer = MlDsaPrivateKey.fromSeed(seed);
      }
      return new Keys(
          rkid,
          EnvelopeFixtures.derive(labelPrefix + "recipient_seed", 64),
          skid,
          signer,
          hkid,
          EnvelopeFixtures.derive(labelPrefix + "mac_key", 64));
    }

    /** The same key material under other ids. */
    Keys withIds(String rkid, String skid, String hkid) {
      return new Keys(rkid, recipientSeed, skid, signer, hkid, macKey);
    }

    MlKemEncapsulationKey encapsulationKey() {
      try (SecretBytes seed = SecretBytes.copyOf(recipientSeed)) {
        MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(seed);
        return dk.encapsulationKey();
      }
    }

    byte[] serverPublicKey() {
      return signer.publicKey().toBytes();
    }
  }

  /**
   * The values of an envelope's members: the header strings as they go into H ({@code iat} as its
   * decimal text) and the binary members as bytes.
   */
  record Parts(
      String suite,
      String rid,
      String iat,
      String rkid,
      String skid,
      String hkid,
      byte[] kem,
      byte[] iv,
      byte[] ct,
      byte[] sig,
      byte[] mac) {

    /** H = lp("QSENV1") || lp(suite) || lp(rid) || lp(iat) || lp(rkid) || lp(skid) || lp(hkid). */
    byte[] header() {
      return lp(
          utf8("QSENV1"), utf8(suite), utf8(rid), utf8(iat), utf8(rkid), utf8(skid), utf8(hkid));
    }

    /** S = lp("QSENV1-SIGNED") || lp(H) || lp(kem) || lp(iv) || lp(ct). */
    byte[] signed() {
      return lp(utf8("QSENV1-SIGNED"), header(), kem, iv, ct);
    }

    /** Another value for a text member (suite, rid, iat, rkid, skid, hkid); sig and mac kept. */
    Parts withText(String member, String value) {
      return new Parts(
          member.equals("suite") ? value : suite,
          member.equals("rid") ? value : rid,
          member.equals("iat") ? value : iat,
          member.equals("rkid") ? value : rkid,
          member.equals("skid") ? value : skid,
          member.equals("hkid") ? value : hkid,
          kem,
          iv,
          ct,
          sig,
          mac);
    }

    /** Another value for a binary member (kem, iv, ct, sig, mac); nothing is re-signed. */
    Parts withBytes(String member, byte[] value) {
      return new Parts(
          suite,
          rid,
          iat,
          rkid,
          skid,
          hkid,
          member.equals("kem") ? value : kem,
          member.equals("iv") ? value : iv,
          member.equals("ct") ? value : ct,
          member.equals("sig") ? value : sig,
          member.equals("mac") ? value : mac);
    }

    byte[] bytes(String member) {
      return switch (member) {
        case "kem" -> kem.clone();
        case "iv" -> iv.clone();
        case "ct" -> ct.clone();
        case "sig" -> sig.clone();
        case "mac" -> mac.clone();
        default -> throw new IllegalArgumentException(member);
      };
    }

    /** Signed again (ML-DSA-65, deterministic) and MACed again over this S with {@code keys}. */
    Parts resigned(Keys keys) {
      byte[] s = signed();
      return withBytes("sig", sign(keys.signer(), s, SIGNATURE_CONTEXT))
          .withBytes("mac", hmac(keys.macKey(), s));
    }

    /** The JSON form's members in the order of docs/envelope.md#json-form, as raw JSON text. */
    Members members() {
      return new Members(List.of())
          .add("v", "1")
          .add("suite", string(suite))
          .add("rid", string(rid))
          .add("iat", iat)
          .add("rkid", string(rkid))
          .add("skid", string(skid))
          .add("hkid", string(hkid))
          .add("kem", string(b64(kem)))
          .add("iv", string(b64(iv)))
          .add("ct", string(b64(ct)))
          .add("sig", string(b64(sig)))
          .add("mac", string(b64(mac)));
    }

    /** The compact JSON form, exactly as the production sealer writes it. */
    String json() {
      return members().render();
    }
  }

  /**
   * An object's members as (name, value) pairs of raw JSON text, in order, repeats allowed.
   * Immutable. Members are looked up by their unescaped name written as {@link #string}.
   */
  static final class Members {
    private final List<String[]> list;

    Members(List<String[]> list) {
      this.list = List.copyOf(list);
    }

    Members add(String name, String rawValue) {
      return addRaw(string(name), rawValue);
    }

    /** A member whose name is given as raw JSON text (for names written with escapes). */
    Members addRaw(String rawName, String rawValue) {
      List<String[]> l = new ArrayList<>(list);
      l.add(new String[] {rawName, rawValue});
      return new Members(l);
    }

    /** Inserts a member right after the member called {@code after}. */
    Members addAfter(String after, String name, String rawValue) {
      return addRawAfter(after, string(name), rawValue);
    }

    Members addRawAfter(String after, String rawName, String rawValue) {
      List<String[]> l = new ArrayList<>(list);
      l.add(indexOf(after) + 1, new String[] {rawName, rawValue});
      return new Members(l);
    }

    /** Replaces the value of the member {@code name} (it must occur once). */
    Members set(String name, String rawValue) {
      List<String[]> l = new ArrayList<>(list);
      l.set(indexOf(name), new String[] {string(name), rawValue});
      return new Members(l);
    }

    Members setString(String name, String value) {
      return set(name, string(value));
    }

    Members remove(String name) {
      List<String[]> l = new ArrayList<>(list);
      l.remove(indexOf(name));
      return new Members(l);
    }

    /** The same members in the order of {@code names} (every member named exactly once). */
    Members ordered(List<String> names) {
      if (names.size() != list.size() || names.stream().distinct().count() != names.size()) {
        throw new IllegalArgumentException("an order names every member once: " + names);
      }
      List<String[]> l = new ArrayList<>();
      for (String n : names) {
        l.add(list.get(indexOf(n)));
      }
      return new Members(l);
    }

    /** The raw JSON value of the member {@code name}. */
    String raw(String name) {
      return list.get(indexOf(name))[1];
    }

    private int indexOf(String name) {
      String rawName = string(name);
      int found = -1;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i)[0].equals(rawName)) {
          if (found >= 0) {
            throw new IllegalStateException(name + " occurs twice");
          }
          found = i;
        }
      }
      if (found < 0) {
        throw new IllegalArgumentException("no member " + name);
      }
      return found;
    }

    /** {@code {"name":value,...}} with no whitespace. */
    String render() {
      return render("{", ",", ":", "}");
    }

    /** The members with the given punctuation (for cases about whitespace). */
    String render(String open, String comma, String colon, String close) {
      StringBuilder b = new StringBuilder(open);
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          b.append(comma);
        }
        b.append(list.get(i)[0]).append(colon).append(list.get(i)[1]);
      }
      return b.append(close).toString();
    }
  }

  /**
   * How a case's envelope is sealed: the construction of docs/envelope.md#construction with every
   * input and every step named, so that a case changes exactly one of them. Defaults: the holder's
   * ids and keys, the case's clock, a typical proxy answer, ML-KEM {@code m} and IV derived from
   * the case name.
   */
  static final class Sealing {
    private String suite = SUITE;
    private String rid;
    private String iat;
    private String rkid;
    private String skid;
    private String hkid;
    private byte[] plaintext;
    private MlKemEncapsulationKey sealTo;
    private MlDsaPrivateKey signer;
    private byte[] macKey;
    private byte[] context = SIGNATURE_CONTEXT;
    private byte[] m;
    private byte[] iv;
    private boolean aadIsHeader = true;
    private boolean headerInKdfInfo = true;
    private boolean kdf = true;

    Sealing(String labelPrefix, Keys keys, String rid, long iat, byte[] plaintext) {
      this.rid = rid;
      this.iat = Long.toString(iat);
      this.rkid = keys.rkid();
      this.skid = keys.skid();
      this.hkid = keys.hkid();
      this.plaintext = plaintext.clone();
      this.sealTo = keys.encapsulationKey();
      this.signer = keys.signer();
      this.macKey = keys.macKey().clone();
      this.m = EnvelopeFixtures.derive(labelPrefix + "encaps_m", 32);
      this.iv = EnvelopeFixtures.derive(labelPrefix + "iv", 12);
    }

    Sealing suite(String value) {
      suite = value;
      return this;
    }

    Sealing rid(String value) {
      rid = value;
      return this;
    }

    Sealing iat(long value) {
      return iatText(Long.toString(value));
    }

    /** The iat as it goes into H, for cases whose iat is not a plain non-negative long. */
    Sealing iatText(String value) {
      iat = value;
      return this;
    }

    Sealing rkid(String value) {
      rkid = value;
      return this;
    }

    Sealing skid(String value) {
      skid = value;
      return this;
    }

    Sealing hkid(String value) {
      hkid = value;
      return this;
    }

    Sealing plaintext(byte[] value) {
      plaintext = value.clone();
      return this;
    }

    /** Encapsulate to this key instead of the holder's. */
    Sealing sealTo(MlKemEncapsulationKey key) {
      sealTo = key;
      return this;
    }

    Sealing signer(MlDsaPrivateKey key) {
      signer = key;
      return this;
    }

    Sealing macKey(byte[] key) {
      macKey = key.clone();
      return this;
    }

    Sealing signatureContext(byte[] value) {
      context = value.clone();
      return this;
    }

    /** An IV of any length: AES-GCM itself accepts them, the envelope does not. */
    Sealing iv(byte[] value) {
      iv = value.clone();
      return this;
    }

    /** Encrypt with an empty AAD instead of H. */
    Sealing withoutAad() {
      aadIsHeader = false;
      return this;
    }

    /** Derive K with info = the label alone, without H. */
    Sealing withoutHeaderInKdfInfo() {
      headerInKdfInfo = false;
      return this;
    }

    /** Use the ML-KEM shared secret itself as the AES key, skipping HKDF. */
    Sealing withoutKdf() {
      kdf = false;
      return this;
    }

    Parts seal() {
      Parts header = new Parts(suite, rid, iat, rkid, skid, hkid, null, null, null, null, null);
      byte[] h = header.header();
      byte[] kem;
      byte[] ct;
      try (MlKemEncapsulation enc = MlKem768.encapsulateDeterministically(sealTo, m)) {
        kem = enc.ciphertext();
        byte[] ss = enc.sharedSecret().copyBytes();
        byte[] info = headerInKdfInfo ? concat(KDF_LABEL, h) : KDF_LABEL.clone();
        byte[] k;
        if (kdf) {
          try (SecretBytes derived = HkdfSha512.derive(ss, new byte[0], info, 32)) {
            k = derived.copyBytes();
          }
        } else {
          k = ss.clone();
        }
        ct = aesGcm(k, iv, plaintext, aadIsHeader ? h : new byte[0]);
      }
      Parts unsigned =
          new Parts(suite, rid, iat, rkid, skid, hkid, kem, iv.clone(), ct, new byte[0], null);
      byte[] s = unsigned.signed();
      return unsigned.withBytes("sig", sign(signer, s, context)).withBytes("mac", hmac(macKey, s));
    }
  }

  static byte[] sign(MlDsaPrivateKey key, byte[] message, byte[] context) {
    return MlDsa65.signDeterministically(key, message, context);
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(key, "HmacSHA512"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JDK's AES-GCM (128-bit tag), which takes an IV of any length. */
  static byte[] aesGcm(byte[] key, byte[] iv, byte[] plaintext, byte[] aad) {
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      gcm.updateAAD(aad);
      return gcm.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** lp(x1) || lp(x2) || ...: each part after its 4-byte big-endian length. */
  static byte[] lp(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      Objects.requireNonNull(p);
      out.writeBytes(ByteBuffer.allocate(4).putInt(p.length).array());
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A JSON string literal for {@code s} (non-ASCII characters written as they are). */
  static String string(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String b64(byte[] b) {
    return B64.encodeToString(b);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** A copy of {@code b} with bit {@code bit} (0 = least significant) of byte {@code i} flipped. */
  static byte[] flip(byte[] b, int i, int bit) {
    byte[] r = b.clone();
    r[Math.floorMod(i, r.length)] ^= (byte) (1 << bit);
    return r;
  }
}
