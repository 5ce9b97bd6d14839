package io.quantaseal.cli;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Typed option values with errors that say what is expected ({@code Invalid value for option
 * '--port': a port is 0..65535, not '80x'}).
 */
public final class OptionValues {
  private OptionValues() {}

  /** A TCP port on 127.0.0.1: 0 (any free port) to 65535. */
  public static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      Long n = wholeNumber(value);
      if (n == null || n < 0 || n > 65535) {
        throw new TypeConversionException(
            "a port is 0..65535 (0: any free port), not '" + value + "'");
      }
      return n.intValue();
    }
  }

  /** A whole number above zero. */
  public static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      Long n = wholeNumber(value);
      if (n == null || n < 1 || n > Integer.MAX_VALUE) {
        throw new TypeConversionException("takes a positive whole number, not '" + value + "'");
      }
      return n.intValue();
    }
  }

  /** Whole seconds, 0 or more. */
  public static final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return seconds(value, 0);
    }
  }

  /** Whole seconds, 1 or more. */
  public static final class PositiveSeconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return seconds(value, 1);
    }
  }

  /** An absolute {@code http://} or {@code https://} URL with a host. */
  public static final class HttpUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      try {
        URI u = new URI(value.trim());
        if (u.getHost() != null
            && ("http".equalsIgnoreCase(u.getScheme())
                || "https".equalsIgnoreCase(u.getScheme()))) {
          return u;
        }
      } catch (java.net.URISyntaxException e) {
        // below
      }
      throw new TypeConversionException(
          "takes an http:// or https:// URL (e.g. http://127.0.0.1:4566), not '" + value + "'");
    }
  }

  private static Duration seconds(String value, long min) {
    Long n = wholeNumber(value);
    if (n == null || n < min) {
      throw new TypeConversionException(
          "takes whole seconds" + (min > 0 ? ", at least " + min : "") + ", not '" + value + "'");
    }
    return Duration.ofSeconds(n);
  }

  private static Long wholeNumber(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
