package dev.retort.schema;

import java.util.Comparator;

/**
 * A trigger, kept as the complete statement that creates it: trigger bodies are procedural code
 * that Retort does not interpret.
 *
 * @param name the trigger name (unique per table on PostgreSQL, per schema elsewhere)
 * @param table the table or view it fires on
 * @param definition the CREATE TRIGGER statement as the database reports it
 */
public record Trigger(String name, String table, String definition) {
  static final Comparator<Trigger> ORDER =
      Comparator.comparing(Trigger::table).thenComparing(Trigger::name);
}
