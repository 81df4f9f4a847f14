package dev.retort.schema.apply;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.RetortListener;
import dev.retort.schema.op.AddColumn;
import dev.retort.schema.op.AlterColumnComment;
import dev.retort.schema.op.CreateIndex;
import dev.retort.schema.op.DropColumn;
import dev.retort.schema.op.DropIndex;
import dev.retort.schema.op.RenameColumn;
import dev.retort.schema.op.SchemaOperation;
import dev.retort.schema.op.SetTableComment;
import dev.retort.schema.render.SqliteDdlRenderer;
import dev.retort.schema.sqlite.ProgressListener;
import dev.retort.schema.sqlite.SqliteAlter;
import dev.retort.schema.sqlite.SqliteTableDefinition;
import dev.retort.schema.sqlite.SqliteTableRebuild;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite: native ALTER TABLE where SQLite has it (through {@link SqliteAlter}, which knows the
 * limits of each SQLite version), and one {@link SqliteTableRebuild} for each run of consecutive
 * operations on one table that SQLite cannot do in place.
 */
final class SqliteChanges {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteChanges.class);

  private final Connection connection;
  private final SqliteDdlRenderer renderer;
  private final RetortListener listener;

  SqliteChanges(Connection connection, SqliteDdlRenderer renderer, RetortListener listener) {
    this.connection = connection;
    this.renderer = renderer;
    this.listener = listener;
  }

  List<Applied> apply(List<? extends SchemaOperation> operations) {
    List<Applied> applied = new ArrayList<>();
    int i = 0;
    while (i < operations.size()) {
      String table = SqliteEdit.table(operations.get(i));
      if (table == null) {
        applied.add(single(operations.get(i)));
        i++;
        continue;
      }
      int end = i + 1;
      while (end < operations.size() && inGroup(operations.get(end), table)) {
        end++;
      }
      applied.addAll(group(table, List.copyOf(operations.subList(i, end))));
      i = end;
    }
    return applied;
  }

  /** Whether an operation joins a run on {@code table}: an edit of it, or one of its indexes. */
  private static boolean inGroup(SchemaOperation op, String table) {
    String edited = SqliteEdit.table(op);
    if (edited != null) {
      return edited.equalsIgnoreCase(table);
    }
    return (op instanceof CreateIndex || op instanceof DropIndex)
        && table.equalsIgnoreCase(Describe.table(op));
  }

  private List<Applied> group(String table, List<SchemaOperation> ops) {
    List<SchemaOperation> edits = new ArrayList<>();
    List<SchemaOperation> indexes = new ArrayList<>();
    for (SchemaOperation op : ops) {
      (SqliteEdit.table(op) != null ? edits : indexes).add(op);
    }
    if (edits.stream().noneMatch(renderer::needsRebuild)) {
      List<Applied> applied = new ArrayList<>();
      ops.forEach(op -> applied.add(single(op)));
      return applied;
    }
    List<UnaryOperator<SqliteTableDefinition>> changes = new ArrayList<>();
    edits.forEach(op -> changes.add(SqliteEdit.of(op, renderer)));
    SqliteTableRebuild rebuild =
        SqliteTableRebuild.of(
            table,
            d -> {
              SqliteTableDefinition result = d;
              for (UnaryOperator<SqliteTableDefinition> change : changes) {
                result = change.apply(result);
              }
              return result;
            });
    ProgressListener progress = progress(table);
    if (progress != null) {
      rebuild = rebuild.withProgress(progress);
    }
    SqliteTableRebuild.Result r =
        autoCommit() ? rebuild.run(connection) : rebuild.runInTransaction(connection);
    List<Applied> applied = new ArrayList<>();
    applied.add(new Applied(r.table(), Applied.Method.REBUILD, edits, List.of(), r.rowsCopied()));
    indexes.forEach(op -> applied.add(single(op)));
    return applied;
  }

  /** One operation on its own: SqliteAlter for column changes, the renderer's DDL otherwise. */
  private Applied single(SchemaOperation op) {
    SqliteAlter.Result r;
    if (op instanceof AddColumn o) {
      String definition = renderer.columnDefinition(o.column());
      r = SqliteAlter.addColumn(connection, o.table(), definition, progress(o.table()));
    } else if (op instanceof DropColumn o) {
      r = SqliteAlter.dropColumn(connection, o.table(), o.column().name(), progress(o.table()));
    } else if (op instanceof RenameColumn o) {
      r = SqliteAlter.renameColumn(connection, o.table(), o.from(), o.to(), progress(o.table()));
    } else if (op instanceof AlterColumnComment || op instanceof SetTableComment) {
      LOG.info("SQLite keeps no comments: skipped {}", Describe.what(op));
      return new Applied(Describe.table(op), Applied.Method.SKIPPED, List.of(op), List.of(), 0);
    } else {
      List<String> sql = renderer.render(op);
      Statements.run(connection, op, sql);
      return new Applied(Describe.table(op), Applied.Method.NATIVE, List.of(op), sql, 0);
    }
    if (r.method() == SqliteAlter.Method.NATIVE) {
      return new Applied(r.table(), Applied.Method.NATIVE, List.of(op), List.of(r.statement()), 0);
    }
    return new Applied(
        r.table(), Applied.Method.REBUILD, List.of(op), List.of(), r.rebuild().rowsCopied());
  }

  /** Reports a rebuild's copy as {@code copying "table"}; null when nobody listens. */
  private ProgressListener progress(String table) {
    if (listener == RetortListener.NONE) {
      return null;
    }
    String what = "copying \"" + table + "\"";
    return (done, total) -> listener.progress(what, done, total);
  }

  private boolean autoCommit() {
    try {
      return connection.getAutoCommit();
    } catch (SQLException e) {
      throw new RetortException(ErrorCode.DATABASE, "cannot read the connection's mode", e);
    }
  }
}
