package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.local.http.HttpRequest;
import io.quantaseal.local.http.HttpResponse;
import io.quantaseal.testsupport.RepoRoot;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files at /console/ with template.yaml's ConsoleSecurityHeaders. */
class ConsoleSiteTest {
  private static final SamTemplate TEMPLATE =
      SamTemplate.read(RepoRoot.find().resolve("template.yaml"));

  @TempDir Path dist;

  private ConsoleSite site() throws Exception {
    Files.writeString(dist.resolve("index.html"), "<!doctype html><title>QuantaSeal</title>");
    Files.writeString(dist.resolve("app.js"), "export {};");
    Files.createDirectories(dist.resolve("assets"));
    Files.write(dist.resolve("assets/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    return new ConsoleSite(dist, ConsoleSite.of(TEMPLATE).orElseThrow().securityHeaders());
  }

  private static HttpResponse get(ConsoleSite site, String method, String path) {
    return site.answer(
        new HttpRequest(
            method,
            path,
            null,
            "HTTP/1.1",
            List.of(new HttpRequest.Field("Host", "127.0.0.1")),
            new byte[0],
            new InetSocketAddress("127.0.0.1", 40000)));
  }

  private static String header(HttpResponse r, String name) {
    return r.headers().get(name) == null ? null : r.headers().get(name).get(0);
  }

  @Test
  void headers_areThoseOfTheTemplatesResponseHeadersPolicy() {
    Map<String, String> h = ConsoleSite.of(TEMPLATE).orElseThrow().securityHeaders();
    String csp = h.get("Content-Security-Policy");
    assertTrue(csp.startsWith("default-src 'self'; script-src 'self'; style-src 'self';"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertTrue(csp.contains("object-src 'none'"), csp);
    assertFalse(csp.contains("unsafe-"), csp);
    assertFalse(csp.contains("\n"), csp);
    assertEquals("nosniff", h.get("X-Content-Type-Options"));
    assertEquals("DENY", h.get("X-Frame-Options"));
    assertEquals("no-referrer", h.get("Referrer-Policy"));
    assertEquals("max-age=63072000; includeSubDomains", h.get("Strict-Transport-Security"));
    assertEquals("same-origin", h.get("Cross-Origin-Opener-Policy"));
    assertTrue(h.get("Permissions-Policy").contains("camera=()"));
  }

  @Test
  void index_isServedForTheFolderWithItsTypeAndTheHeaders() throws Exception {
    ConsoleSite site = site();
    HttpResponse r = get(site, "GET", "/console/");
    assertEquals(200, r.status());
    assertEquals("text/html; charset=utf-8", header(r, "Content-Type"));
    assertEquals(
        "<!doctype html><title>QuantaSeal</title>", new String(r.body(), StandardCharsets.UTF_8));
    assertTrue(header(r, "Content-Security-Policy").startsWith("default-src 'self'"));
    assertEquals("nosniff", header(r, "X-Content-Type-Options"));

    HttpResponse js = get(site, "GET", "/console/app.js");
    assertEquals("text/javascript; charset=utf-8", header(js, "Content-Type"));
    HttpResponse png = get(site, "HEAD", "/console/assets/logo.png");
    assertEquals(200, png.status());
    assertEquals("image/png", header(png, "Content-Type"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, png.body());
  }

  @Test
  void rootAndBareConsole_redirectToTheConsoleFolder() throws Exception {
    ConsoleSite site = site();
    for (String path : new String[] {"/", "/console"}) {
      HttpResponse r = get(site, "GET", path);
      assertEquals(302, r.status(), path);
      assertEquals("/console/", header(r, "Location"));
      assertEquals("DENY", header(r, "X-Frame-Options"));
    }
    assertTrue(ConsoleSite.serves("/"));
    assertTrue(ConsoleSite.serves("/console/x.js"));
    assertFalse(ConsoleSite.serves("/api/v2/vault/entries"));
    assertFalse(ConsoleSite.serves("/consoles"));
  }

  @Test
  void escapesAndUnknownFiles_are404WithTheHeaders() throws Exception {
    ConsoleSite site = site();
    Files.writeString(dist.getParent().resolve("secret.txt"), "outside");
    for (String path :
        new String[] {
          "/console/../secret.txt",
          "/console/%2e%2e/secret.txt",
          "/console/assets/../../secret.txt",
          "/console/.hidden",
          "/console//etc/passwd",
          "/console/missing.js",
          "/console/assets\\logo.png"
        }) {
      HttpResponse r = get(site, "GET", path);
      assertEquals(404, r.status(), path);
      assertEquals("nosniff", header(r, "X-Content-Type-Options"), path);
    }
  }

  @Test
  void otherMethods_are405() throws Exception {
    HttpResponse r = get(site(), "POST", "/console/");
    assertEquals(405, r.status());
    assertEquals("GET, HEAD", header(r, "Allow"));
  }

  @Test
  void anUnbuiltConsole_saysHowToBuildIt() {
    ConsoleSite site =
        new ConsoleSite(dist.resolve("not-built"), Map.of("X-Content-Type-Options", "nosniff"));
    HttpResponse r = get(site, "GET", "/console/");
    assertEquals(404, r.status());
    assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("console/build"));
  }
}
