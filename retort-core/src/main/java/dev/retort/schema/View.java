package dev.retort.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A view or, on PostgreSQL, a materialized view.
 *
 * @param name the view name
 * @param definition the SELECT as the database reports it (PostgreSQL {@code pg_get_viewdef}, MySQL
 *     {@code VIEW_DEFINITION} without the schema qualifier); for SQLite the whole CREATE VIEW
 *     statement, which SQLite keeps verbatim
 * @param materialized whether it is a PostgreSQL materialized view
 * @param indexes indexes on a materialized view
 * @param triggers INSTEAD OF triggers on the view
 * @param comment the comment, or null
 */
public record View(
    String name,
    String definition,
    boolean materialized,
    List<Index> indexes,
    List<Trigger> triggers,
    String comment) {
  static final Comparator<View> ORDER = Comparator.comparing(View::name);

  public View {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    indexes = Lists.sorted(indexes, Index.ORDER);
    triggers = Lists.sorted(triggers, Trigger.ORDER);
  }

  /** A plain view. */
  public static View of(String name, String definition) {
    return new View(name, definition, false, null, null, null);
  }

  public View withTriggers(List<Trigger> newTriggers) {
    return new View(name, definition, materialized, indexes, newTriggers, comment);
  }

  public View withIndexes(List<Index> newIndexes) {
    return new View(name, definition, materialized, newIndexes, triggers, comment);
  }
}
