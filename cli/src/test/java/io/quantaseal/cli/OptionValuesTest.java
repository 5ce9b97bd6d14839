package io.quantaseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class OptionValuesTest {
  @Test
  void port_zeroToMax_elseSaysTheRange() {
    assertEquals(0, new OptionValues.Port().convert("0"));
    assertEquals(8080, new OptionValues.Port().convert(" 8080 "));
    assertEquals(65535, new OptionValues.Port().convert("65535"));
    for (String bad : new String[] {"65536", "-1", "80x", ""}) {
      TypeConversionException e =
          assertThrows(TypeConversionException.class, () -> new OptionValues.Port().convert(bad));
      assertEquals("a port is 0..65535 (0: any free port), not '" + bad + "'", e.getMessage());
    }
  }

  @Test
  void positiveInt_andSeconds_refuseWhatIsBelowTheirMinimum() {
    assertEquals(1, new OptionValues.PositiveInt().convert("1"));
    assertThrows(TypeConversionException.class, () -> new OptionValues.PositiveInt().convert("0"));
    assertThrows(
        TypeConversionException.class, () -> new OptionValues.PositiveInt().convert("99999999999"));
    assertEquals(Duration.ZERO, new OptionValues.Seconds().convert("0"));
    assertEquals(Duration.ofSeconds(5), new OptionValues.PositiveSeconds().convert("5"));
    TypeConversionException e =
        assertThrows(
            TypeConversionException.class, () -> new OptionValues.PositiveSeconds().convert("0"));
    assertEquals("takes whole seconds, at least 1, not '0'", e.getMessage());
    assertThrows(TypeConversionException.class, () -> new OptionValues.Seconds().convert("1.5"));
  }

  @Test
  void httpUrl_needsASchemeAndAHost() {
    assertEquals(
        URI.create("http://127.0.0.1:4566"),
        new OptionValues.HttpUrl().convert("http://127.0.0.1:4566"));
    assertEquals(
        URI.create("https://kms.eu-west-1.amazonaws.com"),
        new OptionValues.HttpUrl().convert("https://kms.eu-west-1.amazonaws.com"));
    for (String bad : new String[] {"127.0.0.1:4566", "ftp://host", "http://", "not a url"}) {
      assertThrows(
          TypeConversionException.class, () -> new OptionValues.HttpUrl().convert(bad), bad);
    }
  }
}
