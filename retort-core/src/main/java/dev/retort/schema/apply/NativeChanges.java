package dev.retort.schema.apply;

import dev.retort.dialect.Dialect;
import dev.retort.schema.Column;
import dev.retort.schema.Table;
import dev.retort.schema.introspect.SchemaFilter;
import dev.retort.schema.introspect.SchemaIntrospectors;
import dev.retort.schema.op.AlterColumnComment;
import dev.retort.schema.op.AlterColumnNullability;
import dev.retort.schema.op.AlterColumnType;
import dev.retort.schema.op.SchemaOperation;
import dev.retort.schema.render.DdlRenderer;
import dev.retort.schema.render.DdlRenderers;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** PostgreSQL and MySQL/MariaDB: every operation is the database's own DDL. */
final class NativeChanges {
  private final Connection connection;
  private final Dialect dialect;
  private final DdlRenderer renderer;

  NativeChanges(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
    this.renderer = DdlRenderers.forDialect(dialect);
  }

  List<Applied> apply(List<? extends SchemaOperation> operations) {
    List<Applied> applied = new ArrayList<>();
    for (SchemaOperation op : operations) {
      List<String> sql = renderer.render(dialect.name().equals("mysql") ? restated(op) : op);
      Statements.run(connection, op, sql);
      applied.add(new Applied(Describe.table(op), Applied.Method.NATIVE, List.of(op), sql, 0));
    }
    return applied;
  }

  /**
   * MySQL's MODIFY COLUMN resets whatever the new definition leaves out (default, comment,
   * collation). Operations carry the column as the migration's author knew it; restate it as the
   * database has it now, with only this operation's change made.
   */
  private SchemaOperation restated(SchemaOperation op) {
    if (op instanceof AlterColumnType o) {
      Column live = live(o.table(), o.from().name());
      if (live != null) {
        String collation =
            Objects.equals(o.from().collation(), o.to().collation())
                ? live.collation()
                : o.to().collation();
        return new AlterColumnType(
            o.table(), live, live.withType(o.to().type()).withCollation(collation), o.using());
      }
    } else if (op instanceof AlterColumnNullability o) {
      Column live = live(o.table(), o.from().name());
      if (live != null) {
        return new AlterColumnNullability(o.table(), live, live.withNullable(o.to().nullable()));
      }
    } else if (op instanceof AlterColumnComment o) {
      Column live = live(o.table(), o.from().name());
      if (live != null) {
        return new AlterColumnComment(o.table(), live, live.withComment(o.to().comment()));
      }
    }
    return op;
  }

  /** The column as the database has it, or null (the DDL then fails with the database's error). */
  private Column live(String table, String column) {
    SchemaFilter one = new SchemaFilter(null, List.of(table), List.of(), null);
    return SchemaIntrospectors.forDialect(dialect)
        .introspect(connection, one)
        .table(table)
        .flatMap((Table t) -> t.column(column))
        .orElse(null);
  }
}
