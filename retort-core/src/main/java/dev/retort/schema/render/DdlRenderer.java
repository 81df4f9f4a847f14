package dev.retort.schema.render;

import dev.retort.schema.op.SchemaOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns schema operations into the SQL statements of one database, with every identifier quoted.
 * One operation may need several statements (a table and its indexes and comments).
 */
public interface DdlRenderer {
  /**
   * The statements that apply one operation, without trailing semicolons.
   *
   * @throws dev.retort.RetortException with {@link dev.retort.ErrorCode#USAGE} when the database
   *     cannot do this operation natively (SQLite ALTERs that need a table rebuild, enum types
   *     outside PostgreSQL, ...)
   */
  List<String> render(SchemaOperation operation);

  /** The statements of several operations, in order. */
  default List<String> render(List<? extends SchemaOperation> operations) {
    List<String> statements = new ArrayList<>();
    for (SchemaOperation operation : operations) {
      statements.addAll(render(operation));
    }
    return statements;
  }
}
