package dev.retort.schema.apply;

import dev.retort.JavaMigration;
import dev.retort.MigrationContext;
import dev.retort.RetortException;
import dev.retort.schema.op.Operations;
import dev.retort.schema.op.SchemaOperation;
import java.sql.Connection;
import java.util.List;

/**
 * A Java migration that says what it changes with {@link Operations}, so that one migration runs on
 * SQLite, PostgreSQL and MySQL/MariaDB alike ({@link SchemaChanges} renders it for whichever
 * database runs it), and reverts itself: {@code down} applies each operation's inverse, last first.
 *
 * <pre>{@code
 * public final class TrackSizes extends SchemaMigration {
 *   public String id() { return "4c1d0e7a9b22"; }
 *   public List<String> parents() { return List.of("3f9a1c2e7b10"); }
 *   protected void up(Operations ops) {
 *     Column ms = Column.of("milliseconds", "integer");
 *     ops.addColumn("track", Column.of("bytes", "bigint"))
 *        .alterColumnType("track", ms, "bigint")
 *        .setNotNull("track", ms);
 *   }
 * }
 * }</pre>
 */
public abstract class SchemaMigration implements JavaMigration {
  /**
   * Says what the migration changes. Called for upgrade and again for downgrade (to invert), so it
   * must only describe changes, never touch a database.
   */
  protected abstract void up(Operations ops);

  /** The operations {@link #up(Operations)} describes, in order. */
  public final List<SchemaOperation> operations() {
    Operations ops = new Operations();
    up(ops);
    return ops.build();
  }

  @Override
  public final void up(Connection connection) {
    up(connection, MigrationContext.NONE);
  }

  @Override
  public final void up(Connection connection, MigrationContext context) {
    SchemaChanges.on(connection).reportingTo(context.listener()).apply(operations());
  }

  /** True when every operation has an inverse (all do but adding a PostgreSQL enum value). */
  @Override
  public boolean hasDown() {
    try {
      Operations.invert(operations());
      return true;
    } catch (RetortException e) {
      return false;
    }
  }

  @Override
  public final void down(Connection connection) {
    down(connection, MigrationContext.NONE);
  }

  /**
   * Applies the inverse of each operation, last first.
   *
   * @throws RetortException with {@link dev.retort.ErrorCode#USAGE} when an operation has no
   *     inverse (see {@link #hasDown})
   */
  @Override
  public final void down(Connection connection, MigrationContext context) {
    List<SchemaOperation> inverse = Operations.invert(operations());
    SchemaChanges.on(connection).reportingTo(context.listener()).apply(inverse);
  }
}
