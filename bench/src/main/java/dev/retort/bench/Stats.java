package dev.retort.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Medians and the way numbers are printed. */
final class Stats {
  private Stats() {}

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }

  /** Milliseconds with three significant digits: 0.412 ms, 41.2 ms, 4,120 ms. */
  static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "-";
    }
    if (millis < 1) {
      return String.format(Locale.ROOT, "%.3f ms", millis);
    }
    if (millis < 10) {
      return String.format(Locale.ROOT, "%.2f ms", millis);
    }
    if (millis < 100) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    return String.format(Locale.ROOT, "%,.0f ms", millis);
  }

  static String ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2fx", a / b);
  }
}
