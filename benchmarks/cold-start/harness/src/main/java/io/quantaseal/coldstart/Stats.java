package io.quantaseal.coldstart;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Median and range of a figure over rounds, ignoring the rounds where it could not be read. */
record Stats(int n, double median, double min, double max) {
  static <T> Stats of(List<T> samples, ToDoubleFunction<T> figure) {
    double[] v = samples.stream().mapToDouble(figure).filter(d -> !Double.isNaN(d)).toArray();
    if (v.length == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
    }
    Arrays.sort(v);
    int mid = v.length / 2;
    double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    return new Stats(v.length, median, v[0], v[v.length - 1]);
  }

  /** {@code 812 [790–901]}: the median and the range, rounded. */
  String format() {
    if (n == 0) {
      return "n/a";
    }
    return String.format(java.util.Locale.ROOT, "%.0f [%.0f–%.0f]", median, min, max);
  }
}
