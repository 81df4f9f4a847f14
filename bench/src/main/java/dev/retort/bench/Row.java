package dev.retort.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the result table: a median per tool in milliseconds (absent: not measured, with a
 * note saying why), the target Retort is held to, and whether it met it.
 */
final class Row {
  final String scenario;
  final Map<Tool, Double> ms = new LinkedHashMap<>();
  final Map<Tool, String> notes = new LinkedHashMap<>();
  String target = "";
  boolean hasTarget;
  Boolean met;

  Row(String scenario) {
    this.scenario = scenario;
  }

  Row put(Tool tool, double millis) {
    ms.put(tool, millis);
    return this;
  }

  Row note(Tool tool, String text) {
    notes.put(tool, text);
    return this;
  }

  double get(Tool tool) {
    return ms.getOrDefault(tool, Double.NaN);
  }

  /** No target; {@code text} goes in the target column for context. */
  Row info(String text) {
    target = text;
    return this;
  }

  /** Target: Retort at most {@code limit} ms. */
  Row atMost(double limit, String text) {
    target = text;
    hasTarget = true;
    double r = get(Tool.RETORT);
    met = Double.isNaN(r) ? null : r <= limit;
    return this;
  }

  /** Target: Retort at most {@code factor} times Flyway. */
  Row fractionOfFlyway(double factor, String text) {
    target = text;
    hasTarget = true;
    double r = get(Tool.RETORT);
    double f = get(Tool.FLYWAY);
    met = Double.isNaN(r) || Double.isNaN(f) ? null : r <= factor * f;
    return this;
  }

  String cell(Tool tool) {
    double v = get(tool);
    String note = notes.get(tool);
    if (Double.isNaN(v)) {
      return note == null ? "-" : note;
    }
    return Stats.ms(v) + (note == null ? "" : " (" + note + ")");
  }

  String metCell() {
    if (met == null) {
      return hasTarget ? "not measured" : "";
    }
    return met ? "**yes**" : "**NO**";
  }
}
