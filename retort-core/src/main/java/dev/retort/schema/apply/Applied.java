package dev.retort.schema.apply;

import dev.retort.schema.op.SchemaOperation;
import java.util.List;

/**
 * How one or more schema operations were carried out.
 *
 * @param table the table changed, or null for operations on other objects
 * @param method how
 * @param operations the operations, in the order given (several for one SQLite rebuild)
 * @param statements the SQL run natively; empty for a rebuild or a skipped operation
 * @param rowsCopied rows copied by a rebuild; 0 otherwise
 */
public record Applied(
    String table,
    Applied.Method method,
    List<SchemaOperation> operations,
    List<String> statements,
    long rowsCopied) {

  /** How operations were carried out. */
  public enum Method {
    /** The database's own DDL. */
    NATIVE,
    /** A SQLite table rebuild: new table, copy, drop, rename (one copy for all its operations). */
    REBUILD,
    /** Nothing to do on this database: a comment on SQLite, which keeps none. */
    SKIPPED
  }

  public Applied {
    operations = List.copyOf(operations);
    statements = List.copyOf(statements);
  }
}
