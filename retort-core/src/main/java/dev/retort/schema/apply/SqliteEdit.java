package dev.retort.schema.apply;

import dev.retort.schema.op.AddCheck;
import dev.retort.schema.op.AddColumn;
import dev.retort.schema.op.AddForeignKey;
import dev.retort.schema.op.AddPrimaryKey;
import dev.retort.schema.op.AddUnique;
import dev.retort.schema.op.AlterColumnDefault;
import dev.retort.schema.op.AlterColumnNullability;
import dev.retort.schema.op.AlterColumnType;
import dev.retort.schema.op.DropCheck;
import dev.retort.schema.op.DropForeignKey;
import dev.retort.schema.op.DropPrimaryKey;
import dev.retort.schema.op.DropUnique;
import dev.retort.schema.op.SchemaOperation;
import dev.retort.schema.render.SqliteDdlRenderer;
import dev.retort.schema.sqlite.DefinitionEdits;
import dev.retort.schema.sqlite.SqliteTableDefinition;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The operations that change a SQLite table's CREATE TABLE text, each as an edit of that text for a
 * table rebuild. A type change keeps the values: SQLite applies the new column's type affinity as
 * rows are copied, so a PostgreSQL USING expression has no counterpart here.
 */
final class SqliteEdit {
  private SqliteEdit() {}

  /** The table whose definition the operation edits, or null for other operations. */
  static String table(SchemaOperation op) {
    boolean edits =
        op instanceof AddColumn
            || op instanceof AlterColumnType
            || op instanceof AlterColumnNullability
            || op instanceof AlterColumnDefault
            || op instanceof AddPrimaryKey
            || op instanceof DropPrimaryKey
            || op instanceof AddForeignKey
            || op instanceof DropForeignKey
            || op instanceof AddUnique
            || op instanceof DropUnique
            || op instanceof AddCheck
            || op instanceof DropCheck;
    return edits ? Describe.table(op) : null;
  }

  static UnaryOperator<SqliteTableDefinition> of(SchemaOperation op, SqliteDdlRenderer r) {
    if (op instanceof AddColumn o) {
      return d -> d.addColumn(r.columnDefinition(o.column()));
    } else if (op instanceof AlterColumnType o) {
      String column = o.from().name();
      boolean collation = !Objects.equals(o.from().collation(), o.to().collation());
      return d -> {
        SqliteTableDefinition typed = DefinitionEdits.setType(d, column, o.to().type());
        return collation ? DefinitionEdits.setCollation(typed, column, o.to().collation()) : typed;
      };
    } else if (op instanceof AlterColumnNullability o) {
      return d -> DefinitionEdits.setNotNull(d, o.from().name(), !o.to().nullable());
    } else if (op instanceof AlterColumnDefault o) {
      String value = o.to().defaultExpression();
      return d ->
          DefinitionEdits.setDefault(
              d, o.from().name(), value == null ? null : r.defaultValue(value));
    } else if (op instanceof AddPrimaryKey o) {
      return d -> d.addConstraint(r.constraintDefinition(o.primaryKey()));
    } else if (op instanceof DropPrimaryKey) {
      return DefinitionEdits::dropPrimaryKey;
    } else if (op instanceof AddForeignKey o) {
      return d -> d.addConstraint(r.constraintDefinition(o.foreignKey()));
    } else if (op instanceof DropForeignKey o) {
      return d ->
          DefinitionEdits.dropForeignKey(
              d, o.foreignKey().name(), o.foreignKey().columns(), o.foreignKey().referencedTable());
    } else if (op instanceof AddUnique o) {
      return d -> d.addConstraint(r.constraintDefinition(o.unique()));
    } else if (op instanceof DropUnique o) {
      return d -> DefinitionEdits.dropUnique(d, o.unique().name(), o.unique().columns());
    } else if (op instanceof AddCheck o) {
      return d -> d.addConstraint(r.constraintDefinition(o.check()));
    } else if (op instanceof DropCheck o) {
      return d -> DefinitionEdits.dropCheck(d, o.check().name(), o.check().expression());
    }
    throw new IllegalArgumentException("not a table definition edit: " + op);
  }
}
