package dev.retort.schema.drift;

import dev.retort.schema.op.SchemaOperation;
import java.util.List;

/**
 * One way a live schema differs from the expected one.
 *
 * @param description what differs, in words, from the live database's point of view
 * @param operation the operation that turns the expected schema into the live one
 * @param sql that operation rendered for the live database (empty where it needs a rebuild)
 */
public record Difference(String description, SchemaOperation operation, List<String> sql) {
  public Difference {
    sql = List.copyOf(sql);
  }
}
