package io.quantaseal.crypto.envelope;

import static io.quantaseal.crypto.envelope.ConformanceEnvelopes.b64;
import static io.quantaseal.crypto.envelope.ConformanceEnvelopes.flip;
import static io.quantaseal.crypto.envelope.ConformanceEnvelopes.string;
import static io.quantaseal.crypto.envelope.ConformanceEnvelopes.utf8;

import io.quantaseal.crypto.envelope.ConformanceCase.Rejection;
import io.quantaseal.crypto.envelope.ConformanceEnvelopes.Keys;
import io.quantaseal.crypto.envelope.ConformanceEnvelopes.Members;
import io.quantaseal.crypto.envelope.ConformanceEnvelopes.Parts;
import io.quantaseal.crypto.envelope.ConformanceEnvelopes.Sealing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes {@code docs/vectors/envelope-v1-conformance.json}: the envelopes every QuantaSeal SDK's
 * conformance runner must open (valid cases) or reject (every other case), in the format of
 * docs/envelope.md#conformance. Run from the repository root:
 *
 * <pre>
 * mvn -q -pl shared-crypto test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.quantaseal.crypto.envelope.EnvelopeConformanceGenerator \
 *   -Dexec.args=docs/vectors/envelope-v1-conformance.json
 * </pre>
 *
 * <p>Deterministic: every key, ML-KEM {@code m}, IV and filler plaintext is derived from a label
 * ({@link EnvelopeFixtures#derive}: SHA-512 in counter mode) under {@value #LABEL_PREFIX},
 * ML-DSA-65 signs with rnd = 32 zero bytes, and nothing reads a clock or a random source, so
 * regenerating gives the same bytes.
 *
 * <p>Invalid cases are as close to valid as the fault allows: a malformed member is, wherever that
 * can be done, signed and MACed as a lenient reader would rebuild it (an {@code iat} of {@code
 * "1796400000"} is signed over the digits, a 16-byte IV really encrypts), so that only the check
 * the case is about can reject it. {@link ConformanceCase#rejection()} records which step of the
 * production opener refuses each case; {@code EnvelopeConformanceFileTest} holds it to that.
 */
public final class EnvelopeConformanceGenerator {
  static final String LABEL_PREFIX = "quantaseal/envelope/v1/conformance/";

  /** The clock of most cases (the example of docs/envelope.md#conformance). */
  static final long NOW = 1_796_400_000L;

  static final String RID = "req_01JQ7Z3M5K8N2P4R6T9V1X3Z5B";

  /** The holder: the three keys a runner is given, under the ids it knows them by. */
  static final Keys HOLDER =
      Keys.derived(
          LABEL_PREFIX + "holder/",
          "ck_01JQ7YV3B5N8Q2R4T6W8Y0A1C3",
          "sk_2026_01",
          "hk_01JQ7YV3B5N8Q2R4T6W8Y0A1C4");

  /** Keys the holder does not have: another client's, another server's, another tenant's. */
  static final Keys STRANGER =
      Keys.derived(
          LABEL_PREFIX + "stranger/",
          "ck_01JQ80E2G4J6M8P0R2T4W6Y8A0",
          "sk_2026_02",
          "hk_01JQ80E2G4J6M8P0R2T4W6Y8A1");

  /** The holder's key material under non-ASCII ids ("hk_clé_🔑" with a precomposed é). */
  static final Keys NON_ASCII_HOLDER =
      HOLDER.withIds("ck_ключ-клиента", "sk_署名鍵_2026", "hk_clé_🔑");

  /** Ten UTF-8 bytes in four characters of 2, 3, 4 and 1 bytes. */
  private static final String TEN_BYTES = "é漢🔐x";

  private static final byte[] PROXY_ANSWER =
      EnvelopeVectorGenerator.PROXY_ANSWER.getBytes(StandardCharsets.UTF_8);

  private static final List<String> SHUFFLED =
      List.of("mac", "ct", "rkid", "v", "sig", "iat", "suite", "hkid", "iv", "rid", "kem", "skid");

  private final List<ConformanceCase> cases = new ArrayList<>();

  private EnvelopeConformanceGenerator() {}

  /** Every case, in file order. */
  static List<ConformanceCase> cases() {
    EnvelopeConformanceGenerator g = new EnvelopeConformanceGenerator();
    g.validCases();
    g.alteredMembers();
    g.authenticButUndecryptable();
    g.wrongKeys();
    g.clockSkew();
    g.versionAndSuite();
    g.malformedIat();
    g.missingMembers();
    g.malformedIds();
    g.malformedBase64();
    g.wrongLengths();
    g.duplicateMembers();
    g.wrongTypes();
    g.notAnEnvelopeObject();
    return List.copyOf(g.cases);
  }

  /** The text of the conformance file. */
  static String render() {
    return ConformanceFile.render(ConformanceEnvelopes.SUITE, cases());
  }

  // ---- valid -------------------------------------------------------------------------------

  private void validCases() {
    Case c = named("valid-empty-plaintext");
    c.valid(c.sealing().plaintext(new byte[0]).seal().json(), new byte[0]);

    c = named("valid-proxy-answer");
    c.valid(c.sealed().json(), PROXY_ANSWER);

    c = named("valid-large-plaintext-256kib");
    byte[] large = derive(c.name, "plaintext", 256 * 1024);
    c.valid(c.sealing().plaintext(large).seal().json(), large);

    c = named("valid-every-byte-value");
    byte[] everyByte = new byte[512];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    c.valid(c.sealing().plaintext(everyByte).seal().json(), everyByte);

    c = named("valid-non-ascii-ids").holder(NON_ASCII_HOLDER);
    byte[] greeting = utf8("Grüße, 世界! 🔐");
    c.valid(c.sealing().rid("req_é漢字🔐").plaintext(greeting).seal().json(), greeting);

    c =
        named("valid-ids-of-256-utf8-bytes")
            .holder(
                HOLDER.withIds(
                    "ck_" + TEN_BYTES.repeat(25) + "abc",
                    "sk_" + TEN_BYTES.repeat(25) + "abc",
                    "hk_" + TEN_BYTES.repeat(25) + "abc"));
    c.valid(c.sealing().rid("req_" + TEN_BYTES.repeat(25) + "ab").seal().json(), PROXY_ANSWER);

    c = named("valid-unknown-members-ignored");
    c.valid(
        c.sealed()
            .members()
            .addAfter("iat", "exp", Long.toString(NOW + 600))
            .add("note", string("forwarded by edge-7"))
            .add("trace", "{\"span\":[1,2.5,{\"id\":null}],\"sampled\":true}")
            .add("V", "2")
            .add("Suite", string("QS2-UNKNOWN"))
            .add("sig2", string(b64(derive(c.name, "sig2", 48))))
            .render(),
        PROXY_ANSWER);

    c = named("valid-members-in-shuffled-order");
    c.valid(c.sealed().members().ordered(SHUFFLED).render(), PROXY_ANSWER);

    c = named("valid-insignificant-whitespace");
    c.valid(
        c.sealed().members().render(" \t\r\n{\n  ", "\n  ,\t", " :  ", "\n}\r\n "), PROXY_ANSWER);

    c = named("valid-json-escapes-in-strings");
    String escapedRid = "req_é/\"q\"\\🔐";
    Parts escaped = c.sealing().rid(escapedRid).seal();
    c.valid(
        escaped
            .members()
            .set("rid", "\"req_\\u00e9\\/\\\"q\\\"\\\\\\ud83d\\udd10\"")
            .set("suite", "\"\\u0051" + ConformanceEnvelopes.SUITE.substring(1) + "\"")
            .set("hkid", "\"\\u0068" + HOLDER.hkid().substring(1) + "\"")
            .render(),
        PROXY_ANSWER);

    c = named("valid-followed-by-a-newline");
    c.valid(c.sealed().json() + "\n", PROXY_ANSWER);

    c = named("valid-iat-300-seconds-old");
    c.valid(c.sealing().iat(NOW - 300).seal().json(), PROXY_ANSWER);

    c = named("valid-iat-300-seconds-ahead");
    c.valid(c.sealing().iat(NOW + 300).seal().json(), PROXY_ANSWER);

    c = named("valid-iat-zero").now(120);
    c.valid(c.sealing().iat(0).seal().json(), PROXY_ANSWER);
  }

  // ---- a member altered in transit (nothing re-signed) --------------------------------------

  private void alteredMembers() {
    Case c = named("rid-altered");
    c.invalid(Rejection.SIGNATURE_AND_MAC, c.sealed().withText("rid", RID + "X").json());

    c = named("iat-altered-by-one-second");
    c.invalid(
        Rejection.SIGNATURE_AND_MAC, c.sealed().withText("iat", Long.toString(NOW + 1)).json());

    c = named("rkid-altered");
    c.invalid(Rejection.SIGNATURE_AND_MAC, c.sealed().withText("rkid", STRANGER.rkid()).json());

    c = named("skid-altered");
    c.invalid(Rejection.SIGNATURE_AND_MAC, c.sealed().withText("skid", STRANGER.skid()).json());

    c = named("hkid-altered");
    c.invalid(Rejection.SIGNATURE_AND_MAC, c.sealed().withText("hkid", STRANGER.hkid()).json());

    c = named("kem-bit-flipped");
    c.invalid(Rejection.SIGNATURE_AND_MAC, flipped(c.sealed(), "kem", 517, 3).json());

    c = named("iv-bit-flipped");
    c.invalid(Rejection.SIGNATURE_AND_MAC, flipped(c.sealed(), "iv", 0, 0).json());

    c = named("ct-bit-flipped");
    c.invalid(Rejection.SIGNATURE_AND_MAC, flipped(c.sealed(), "ct", 0, 7).json());

    c = named("tag-bit-flipped");
    c.invalid(Rejection.SIGNATURE_AND_MAC, flipped(c.sealed(), "ct", -1, 0).json());

    c = named("ct-truncated-by-one-byte");
    Parts p = c.sealed();
    c.invalid(
        Rejection.SIGNATURE_AND_MAC,
        p.withBytes("ct", Arrays.copyOf(p.ct(), p.ct().length - 1)).json());

    c = named("ct-extended-by-one-byte");
    p = c.sealed();
    c.invalid(
        Rejection.SIGNATURE_AND_MAC,
        p.withBytes("ct", Arrays.copyOf(p.ct(), p.ct().length + 1)).json());

    c = named("sig-bit-flipped");
    c.invalid(Rejection.SIGNATURE, flipped(c.sealed(), "sig", 1000, 5).json());

    c = named("mac-bit-flipped");
    c.invalid(Rejection.MAC, flipped(c.sealed(), "mac", 63, 7).json());

    c = named("sig-and-mac-bit-flipped");
    c.invalid(
        Rejection.SIGNATURE_AND_MAC, flipped(flipped(c.sealed(), "sig", 0, 0), "mac", 0, 0).json());

    c = named("sig-all-zero");
    c.invalid(Rejection.SIGNATURE, c.sealed().withBytes("sig", new byte[3309]).json());

    c = named("mac-all-zero");
    c.invalid(Rejection.MAC, c.sealed().withBytes("mac", new byte[64]).json());

    c = named("sig-and-mac-of-another-envelope");
    Parts other = c.sealing().rid(RID + "-other").seal();
    c.invalid(
        Rejection.SIGNATURE_AND_MAC,
        c.sealed().withBytes("sig", other.sig()).withBytes("mac", other.mac()).json());
  }

  // ---- authentic and fresh, but not decryptable ---------------------------------------------

  private void authenticButUndecryptable() {
    // Altered and then signed and MACed again with the right keys: only AES-GCM (through H in the
    // AAD and the KDF, the KEM's implicit rejection, or the tag) can catch these.
    Case c = named("rid-altered-then-resigned");
    c.invalid(Rejection.DECRYPTION, c.sealed().withText("rid", RID + "X").resigned(HOLDER).json());

    c = named("iat-altered-then-resigned");
    c.invalid(
        Rejection.DECRYPTION,
        c.sealed().withText("iat", Long.toString(NOW + 1)).resigned(HOLDER).json());

    c = named("kem-bit-flipped-then-resigned");
    c.invalid(Rejection.DECRYPTION, flipped(c.sealed(), "kem", 517, 3).resigned(HOLDER).json());

    c = named("iv-bit-flipped-then-resigned");
    c.invalid(Rejection.DECRYPTION, flipped(c.sealed(), "iv", 0, 0).resigned(HOLDER).json());

    c = named("ct-bit-flipped-then-resigned");
    c.invalid(Rejection.DECRYPTION, flipped(c.sealed(), "ct", 0, 7).resigned(HOLDER).json());

    c = named("tag-bit-flipped-then-resigned");
    c.invalid(Rejection.DECRYPTION, flipped(c.sealed(), "ct", -1, 0).resigned(HOLDER).json());

    // A sender that got one step of the construction wrong.
    c = named("ct-encrypted-without-aad");
    c.invalid(Rejection.DECRYPTION, c.sealing().withoutAad().seal().json());

    c = named("kdf-info-without-header");
    c.invalid(Rejection.DECRYPTION, c.sealing().withoutHeaderInKdfInfo().seal().json());

    c = named("aes-key-is-the-kem-shared-secret");
    c.invalid(Rejection.DECRYPTION, c.sealing().withoutKdf().seal().json());

    // Encrypted to a key the holder does not have, or naming a key it does not have.
    c = named("sealed-to-another-recipient-key");
    c.invalid(Rejection.DECRYPTION, c.sealing().sealTo(STRANGER.encapsulationKey()).seal().json());

    c = named("rkid-unknown-sealed-to-the-holders-key");
    c.invalid(Rejection.DECRYPTION, c.sealing().rkid(STRANGER.rkid()).seal().json());
  }

  // ---- signed or MACed with keys the holder does not have -----------------------------------

  private void wrongKeys() {
    Case c = named("signed-by-another-server-key");
    c.invalid(Rejection.SIGNATURE, c.sealing().signer(STRANGER.signer()).seal().json());

    c = named("mac-with-another-tenants-key");
    c.invalid(Rejection.MAC, c.sealing().macKey(STRANGER.macKey()).seal().json());

    c = named("skid-unknown-signed-by-the-holders-server-key");
    c.invalid(Rejection.SIGNATURE, c.sealing().skid(STRANGER.skid()).seal().json());

    c = named("hkid-unknown-maced-with-the-holders-key");
    c.invalid(Rejection.MAC, c.sealing().hkid(STRANGER.hkid()).seal().json());

    c = named("skid-differs-in-case-only");
    c.invalid(Rejection.SIGNATURE, c.sealing().skid(HOLDER.skid().toUpperCase()).seal().json());

    c = named("hkid-in-another-unicode-normalization").holder(NON_ASCII_HOLDER);
    String decomposed = Normalizer.normalize(NON_ASCII_HOLDER.hkid(), Normalizer.Form.NFD);
    if (decomposed.equals(NON_ASCII_HOLDER.hkid())) {
      throw new IllegalStateException("the NFD form must differ");
    }
    c.invalid(Rejection.MAC, c.sealing().hkid(decomposed).seal().json());

    c = named("signature-with-empty-context");
    c.invalid(Rejection.SIGNATURE, c.sealing().signatureContext(new byte[0]).seal().json());
  }

  // ---- clock skew ----------------------------------------------------------------------------

  private void clockSkew() {
    Case c = named("iat-301-seconds-old");
    c.invalid(Rejection.CLOCK, c.sealing().iat(NOW - 301).seal().json());

    c = named("iat-301-seconds-ahead");
    c.invalid(Rejection.CLOCK, c.sealing().iat(NOW + 301).seal().json());

    c = named("iat-zero-with-a-current-clock");
    c.invalid(Rejection.CLOCK, c.sealing().iat(0).seal().json());
  }

  // ---- v and suite ---------------------------------------------------------------------------

  private void versionAndSuite() {
    String[][] versions = {
      {"v-is-2", "2"},
      {"v-is-0", "0"},
      {"v-is-a-string", "\"1\""},
      {"v-is-a-float", "1.0"},
      {"v-is-true", "true"},
      {"v-is-2-to-the-32-plus-1", "4294967297"},
    };
    for (String[] v : versions) {
      Case c = named(v[0]);
      c.invalid(Rejection.PARSE, c.sealed().members().set("v", v[1]).render());
    }
    // Signed over the suite they name: only the suite check rejects them.
    String[][] suites = {
      {"suite-unknown", "QS2-MLKEM1024-HKDFSHA512-A256GCM-MLDSA87-HS512"},
      {"suite-in-lower-case", ConformanceEnvelopes.SUITE.toLowerCase()},
      {"suite-with-a-trailing-space", ConformanceEnvelopes.SUITE + " "},
    };
    for (String[] s : suites) {
      Case c = named(s[0]);
      c.invalid(Rejection.PARSE, c.sealing().suite(s[1]).seal().json());
    }
  }

  // ---- iat -----------------------------------------------------------------------------------

  private void malformedIat() {
    String digits = Long.toString(NOW);
    // Signed over the decimal digits a lenient reader would put into H.
    String[][] raw = {
      {"iat-is-a-string", "\"" + digits + "\""},
      {"iat-with-a-leading-zero", "0" + digits},
      {"iat-is-a-float", digits + ".0"},
      {"iat-with-a-fraction", digits + ".5"},
      {"iat-with-an-exponent", "1.7964E9"},
      {"iat-with-a-plus-sign", "+" + digits},
      {"iat-is-null", "null"},
    };
    for (String[] r : raw) {
      Case c = named(r[0]);
      c.invalid(Rejection.PARSE, c.sealed().members().set("iat", r[1]).render());
    }

    // A negative iat, signed over "-1", with the clock at 0 (one second of skew).
    Case c = named("iat-negative").now(0);
    c.invalid(Rejection.PARSE, c.sealing().iatText("-1").seal().json());

    // "-0": an integer to JSON, but not how docs/envelope.md#encoding writes one; signed over "0".
    c = named("iat-negative-zero").now(0);
    c.invalid(Rejection.PARSE, c.sealing().iat(0).seal().members().set("iat", "-0").render());

    c = named("iat-beyond-int64");
    c.invalid(Rejection.PARSE, c.sealing().iatText("9223372036854775808").seal().json());
  }

  // ---- missing members -----------------------------------------------------------------------

  private void missingMembers() {
    for (String m :
        List.of(
            "v", "suite", "rid", "iat", "rkid", "skid", "hkid", "kem", "iv", "ct", "sig", "mac")) {
      Case c = named(m + "-missing");
      c.invalid(Rejection.PARSE, c.sealed().members().remove(m).render());
    }
  }

  // ---- ids -----------------------------------------------------------------------------------

  private void malformedIds() {
    Case c = named("rid-empty");
    c.invalid(Rejection.PARSE, c.sealing().rid("").seal().json());

    c = named("rid-of-257-utf8-bytes");
    c.invalid(
        Rejection.PARSE, c.sealing().rid("req_" + TEN_BYTES.repeat(25) + "abc").seal().json());

    // A lone surrogate is not Unicode text. Decoders that replace it with U+FFFD would rebuild H
    // with EF BF BD: it is signed that way.
    c = named("rid-with-a-lone-surrogate");
    c.invalid(
        Rejection.PARSE,
        c.sealing().rid("req_\uFFFD").seal().members().set("rid", "\"req_\\ud800\"").render());
  }

  // ---- base64url -----------------------------------------------------------------------------

  private void malformedBase64() {
    Case c = named("kem-padded-base64");
    Members m = c.sealed().members();
    c.invalid(Rejection.PARSE, m.set("kem", padded(m.raw("kem"), "=")).render());

    c = named("mac-padded-base64");
    m = c.sealed().members();
    c.invalid(Rejection.PARSE, m.set("mac", padded(m.raw("mac"), "==")).render());

    c = named("sig-in-the-standard-base64-alphabet");
    m = c.sealed().members();
    String sig = m.raw("sig");
    if (sig.indexOf('-') < 0 || sig.indexOf('_') < 0) {
      throw new IllegalStateException("sig needs both '-' and '_' for this case");
    }
    c.invalid(Rejection.PARSE, m.set("sig", sig.replace('-', '+').replace('_', '/')).render());

    // 64 bytes are 86 characters, whose last carries 4 spare bits that an encoder leaves at zero.
    c = named("mac-base64-with-non-zero-spare-bits");
    m = c.sealed().members();
    c.invalid(Rejection.PARSE, m.set("mac", withSpareBitSet(m.raw("mac"))).render());

    c = named("ct-base64-with-a-line-break");
    m = c.sealed().members();
    String ct = m.raw("ct");
    c.invalid(
        Rejection.PARSE, m.set("ct", ct.substring(0, 77) + "\\n" + ct.substring(77)).render());

    c = named("iv-base64-with-an-invalid-character");
    m = c.sealed().members();
    String iv = m.raw("iv");
    c.invalid(Rejection.PARSE, m.set("iv", iv.substring(0, 5) + "." + iv.substring(6)).render());

    // One character more than a whole number of bytes: no encoder writes 4k + 1 characters.
    c = named("ct-base64-of-impossible-length");
    m = c.sealed().members();
    StringBuilder longer = new StringBuilder(m.raw("ct"));
    longer.setLength(longer.length() - 1);
    do {
      longer.append('A');
    } while ((longer.length() - 1) % 4 != 1);
    c.invalid(Rejection.PARSE, m.set("ct", longer.append('"').toString()).render());
  }

  // ---- lengths (each otherwise authentic: signed and MACed as it stands) --------------------

  private void wrongLengths() {
    Case c = named("kem-1087-bytes");
    Parts p = c.sealed();
    c.invalid(Rejection.PARSE, resized(p, "kem", 1087).resigned(HOLDER).json());

    c = named("kem-1089-bytes");
    p = c.sealed();
    c.invalid(Rejection.PARSE, resized(p, "kem", 1089).resigned(HOLDER).json());

    // AES-GCM accepts these IVs: the envelope does not.
    c = named("iv-16-bytes");
    c.invalid(Rejection.PARSE, c.sealing().iv(derive(c.name, "iv16", 16)).seal().json());

    c = named("iv-8-bytes");
    c.invalid(Rejection.PARSE, c.sealing().iv(derive(c.name, "iv8", 8)).seal().json());

    c = named("ct-15-bytes");
    p = c.sealing().plaintext(new byte[0]).seal();
    c.invalid(Rejection.PARSE, resized(p, "ct", 15).resigned(HOLDER).json());

    c = named("ct-empty");
    p = c.sealing().plaintext(new byte[0]).seal();
    c.invalid(Rejection.PARSE, resized(p, "ct", 0).resigned(HOLDER).json());

    c = named("sig-3308-bytes");
    c.invalid(Rejection.PARSE, resized(c.sealed(), "sig", 3308).json());

    c = named("sig-3310-bytes");
    c.invalid(Rejection.PARSE, resized(c.sealed(), "sig", 3310).json());

    // The first 32 bytes of the right tag: a reader that compares only what it was given accepts.
    c = named("mac-truncated-to-32-bytes");
    c.invalid(Rejection.PARSE, resized(c.sealed(), "mac", 32).json());

    c = named("mac-65-bytes");
    c.invalid(Rejection.PARSE, resized(c.sealed(), "mac", 65).json());
  }

  // ---- duplicate members ---------------------------------------------------------------------

  private void duplicateMembers() {
    Case c = named("duplicate-member-with-the-same-value");
    Members m = c.sealed().members();
    c.invalid(Rejection.PARSE, m.addAfter("hkid", "hkid", m.raw("hkid")).render());

    // A reader that keeps the first occurrence opens this one...
    c = named("duplicate-ct-first-one-authentic");
    Parts p = c.sealed();
    c.invalid(
        Rejection.PARSE,
        p.members().addAfter("ct", "ct", string(b64(flip(p.ct(), 0, 0)))).render());

    // ... and one that keeps the last occurrence opens this one.
    c = named("duplicate-rid-last-one-authentic");
    m = c.sealed().members();
    c.invalid(
        Rejection.PARSE,
        m.setString("rid", RID + "-forged").addAfter("rid", "rid", string(RID)).render());

    c = named("duplicate-member-with-an-escaped-name");
    m = c.sealed().members();
    c.invalid(Rejection.PARSE, m.addRawAfter("rid", "\"r\\u0069d\"", m.raw("rid")).render());

    c = named("duplicate-unknown-member");
    c.invalid(
        Rejection.PARSE,
        c.sealed().members().add("note", string("a")).add("note", string("b")).render());
  }

  // ---- members of the wrong JSON type --------------------------------------------------------

  private void wrongTypes() {
    Case c = named("kem-is-an-array-of-bytes");
    Parts p = c.sealed();
    StringBuilder kemArray = new StringBuilder("[");
    for (byte b : p.kem()) {
      kemArray.append(kemArray.length() > 1 ? "," : "").append(b & 0xff);
    }
    c.invalid(Rejection.PARSE, p.members().set("kem", kemArray + "]").render());

    String[][] types = {
      {"suite-is-an-array", "suite", "[" + string(ConformanceEnvelopes.SUITE) + "]"},
      {"rid-is-a-number", "rid", "12345"},
      {"rkid-is-null", "rkid", "null"},
      {"skid-is-an-array", "skid", "[" + string(HOLDER.skid()) + "]"},
      {"hkid-is-an-object", "hkid", "{\"id\":" + string(HOLDER.hkid()) + "}"},
      {"iv-is-a-number", "iv", "123456789012"},
      {"ct-is-null", "ct", "null"},
      {"sig-is-an-object", "sig", "{}"},
      {"mac-is-true", "mac", "true"},
    };
    for (String[] t : types) {
      c = named(t[0]);
      c.invalid(Rejection.PARSE, c.sealed().members().set(t[1], t[2]).render());
    }
  }

  // ---- not one JSON object -------------------------------------------------------------------

  private void notAnEnvelopeObject() {
    Case c = named("empty-text");
    c.invalid(Rejection.PARSE, "");

    c = named("whitespace-only");
    c.invalid(Rejection.PARSE, " \n");

    c = named("json-null");
    c.invalid(Rejection.PARSE, "null");

    c = named("json-number");
    c.invalid(Rejection.PARSE, "1");

    c = named("json-array-holding-the-envelope");
    c.invalid(Rejection.PARSE, "[" + c.sealed().json() + "]");

    c = named("json-string-holding-the-envelope");
    c.invalid(Rejection.PARSE, string(c.sealed().json()));

    c = named("envelope-nested-in-an-object");
    c.invalid(Rejection.PARSE, "{\"envelope\":" + c.sealed().json() + "}");

    c = named("truncated-in-the-middle");
    String json = c.sealed().json();
    c.invalid(Rejection.PARSE, json.substring(0, json.length() / 2));

    c = named("truncated-before-the-closing-brace");
    json = c.sealed().json();
    c.invalid(Rejection.PARSE, json.substring(0, json.length() - 1));

    c = named("trailing-garbage-after-the-object");
    c.invalid(Rejection.PARSE, c.sealed().json() + " x");

    c = named("two-envelopes-concatenated");
    json = c.sealed().json();
    c.invalid(Rejection.PARSE, json + json);

    c = named("trailing-comma");
    json = c.sealed().json();
    c.invalid(Rejection.PARSE, json.substring(0, json.length() - 1) + ",}");

    c = named("json-with-a-comment");
    c.invalid(Rejection.PARSE, "/* QuantaSeal */" + c.sealed().json());

    c = named("byte-order-mark-before-the-object");
    c.invalid(Rejection.PARSE, "\uFEFF" + c.sealed().json());
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A case being defined: its name (which labels its derived inputs), holder and clock. */
  private final class Case {
    final String name;
    private Keys holder = HOLDER;
    private long now = NOW;

    Case(String name) {
      if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
        throw new IllegalArgumentException("case names are lower-case-with-hyphens: " + name);
      }
      if (cases.stream().anyMatch(c -> c.name().equals(name))) {
        throw new IllegalArgumentException("duplicate case name " + name);
      }
      this.name = name;
    }

    Case holder(Keys keys) {
      holder = keys;
      return this;
    }

    Case now(long seconds) {
      now = seconds;
      return this;
    }

    /**
     * docs/envelope.md#construction with this case's inputs, iat = now; change what the case needs.
     */
    Sealing sealing() {
      return new Sealing(LABEL_PREFIX + name + "/", holder, RID, now, PROXY_ANSWER);
    }

    Parts sealed() {
      return sealing().seal();
    }

    void valid(String envelope, byte[] plaintext) {
      add(envelope, plaintext.clone(), Rejection.NONE);
    }

    void invalid(Rejection rejection, String envelope) {
      if (rejection == Rejection.NONE) {
        throw new IllegalArgumentException("an invalid case names the step that rejects it");
      }
      add(envelope, null, rejection);
    }

    private void add(String envelope, byte[] plaintext, Rejection rejection) {
      cases.add(
          new ConformanceCase(
              name,
              holder.recipientSeed().clone(),
              holder.rkid(),
              holder.serverPublicKey(),
              holder.skid(),
              holder.macKey().clone(),
              holder.hkid(),
              now,
              envelope,
              plaintext,
              rejection));
    }
  }

  private Case named(String name) {
    return new Case(name);
  }

  static byte[] derive(String caseName, String field, int length) {
    return EnvelopeFixtures.derive(LABEL_PREFIX + caseName + "/" + field, length);
  }

  private static Parts flipped(Parts p, String member, int index, int bit) {
    return p.withBytes(member, flip(p.bytes(member), index, bit));
  }

  /** The member cut to, or zero-extended to, {@code length} bytes. */
  private static Parts resized(Parts p, String member, int length) {
    return p.withBytes(member, Arrays.copyOf(p.bytes(member), length));
  }

  /** {@code "abc"} → {@code "abc="}: the raw JSON string with padding before its closing quote. */
  private static String padded(String rawString, String padding) {
    return rawString.substring(0, rawString.length() - 1) + padding + "\"";
  }

  /** The raw JSON string with the lowest spare bit of its last base64url character set. */
  private static String withSpareBitSet(String rawString) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = rawString.length() - 2;
    int value = alphabet.indexOf(rawString.charAt(last));
    if ((value & 0b1111) != 0) {
      throw new IllegalStateException("the spare bits of a 64-byte value are already non-zero");
    }
    return rawString.substring(0, last) + alphabet.charAt(value | 1) + "\"";
  }

  /** Writes the file to {@code args[0]} (default {@value ConformanceFile#RELATIVE_PATH}). */
  public static void main(String[] args) throws IOException {
    Path out =
        Paths.get(args.length > 0 ? args[0] : ConformanceFile.RELATIVE_PATH).toAbsolutePath();
    Files.createDirectories(out.getParent());
    List<ConformanceCase> all = cases();
    String text = ConformanceFile.render(ConformanceEnvelopes.SUITE, all);
    Files.writeString(out, text, StandardCharsets.UTF_8);
    long valid = all.stream().filter(ConformanceCase::valid).count();
    System.out.printf(
        "wrote %d conformance cases (%d valid, %d invalid; %d bytes) to %s%n",
        all.size(), valid, all.size() - valid, text.getBytes(StandardCharsets.UTF_8).length, out);
  }
}
