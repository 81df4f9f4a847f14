package dev.retort.schema.render;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexColumn;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.Trigger;
import dev.retort.schema.UniqueConstraint;
import dev.retort.schema.View;
import dev.retort.schema.op.AddCheck;
import dev.retort.schema.op.AddColumn;
import dev.retort.schema.op.AddEnumValue;
import dev.retort.schema.op.AddForeignKey;
import dev.retort.schema.op.AddPrimaryKey;
import dev.retort.schema.op.AddUnique;
import dev.retort.schema.op.AlterColumnComment;
import dev.retort.schema.op.AlterColumnDefault;
import dev.retort.schema.op.AlterColumnNullability;
import dev.retort.schema.op.AlterColumnType;
import dev.retort.schema.op.AlterSequence;
import dev.retort.schema.op.CreateEnum;
import dev.retort.schema.op.CreateIndex;
import dev.retort.schema.op.CreateSequence;
import dev.retort.schema.op.CreateTable;
import dev.retort.schema.op.CreateTrigger;
import dev.retort.schema.op.CreateView;
import dev.retort.schema.op.DropCheck;
import dev.retort.schema.op.DropColumn;
import dev.retort.schema.op.DropEnum;
import dev.retort.schema.op.DropForeignKey;
import dev.retort.schema.op.DropIndex;
import dev.retort.schema.op.DropPrimaryKey;
import dev.retort.schema.op.DropSequence;
import dev.retort.schema.op.DropTable;
import dev.retort.schema.op.DropTrigger;
import dev.retort.schema.op.DropUnique;
import dev.retort.schema.op.DropView;
import dev.retort.schema.op.RenameColumn;
import dev.retort.schema.op.RenameTable;
import dev.retort.schema.op.SchemaOperation;
import dev.retort.schema.op.SetTableComment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the three renderers share: dispatch on the operation type, and the standard SQL of CREATE
 * TABLE, constraints, indexes, views and triggers. Subclasses render columns and the ALTERs that
 * differ per database.
 */
abstract class BaseDdlRenderer implements DdlRenderer {
  final Dialect dialect;

  BaseDdlRenderer(Dialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public List<String> render(SchemaOperation op) {
    if (op instanceof CreateTable o) {
      return createTable(o.table());
    } else if (op instanceof DropTable o) {
      return List.of("DROP TABLE " + q(o.table().name()));
    } else if (op instanceof RenameTable o) {
      return List.of("ALTER TABLE " + q(o.from()) + " RENAME TO " + q(o.to()));
    } else if (op instanceof AddColumn o) {
      return addColumn(o);
    } else if (op instanceof DropColumn o) {
      return dropColumn(o);
    } else if (op instanceof RenameColumn o) {
      return List.of(
          "ALTER TABLE " + q(o.table()) + " RENAME COLUMN " + q(o.from()) + " TO " + q(o.to()));
    } else if (op instanceof AlterColumnType o) {
      return alterColumnType(o);
    } else if (op instanceof AlterColumnNullability o) {
      return alterColumnNullability(o);
    } else if (op instanceof AlterColumnDefault o) {
      return alterColumnDefault(o);
    } else if (op instanceof AlterColumnComment o) {
      return alterColumnComment(o);
    } else if (op instanceof SetTableComment o) {
      return setTableComment(o);
    } else if (op instanceof AddPrimaryKey o) {
      return List.of("ALTER TABLE " + q(o.table()) + " ADD " + primaryKey(o.primaryKey()));
    } else if (op instanceof DropPrimaryKey o) {
      return dropPrimaryKey(o);
    } else if (op instanceof CreateIndex o) {
      return List.of(createIndex(o.table(), o.index()));
    } else if (op instanceof DropIndex o) {
      return List.of(dropIndex(o.table(), o.index()));
    } else if (op instanceof AddForeignKey o) {
      return List.of("ALTER TABLE " + q(o.table()) + " ADD " + foreignKey(o.foreignKey()));
    } else if (op instanceof DropForeignKey o) {
      return dropForeignKey(o);
    } else if (op instanceof AddUnique o) {
      return List.of("ALTER TABLE " + q(o.table()) + " ADD " + unique(o.unique()));
    } else if (op instanceof DropUnique o) {
      return dropUnique(o);
    } else if (op instanceof AddCheck o) {
      return List.of("ALTER TABLE " + q(o.table()) + " ADD " + check(o.check()));
    } else if (op instanceof DropCheck o) {
      return dropCheck(o);
    } else if (op instanceof CreateView o) {
      return createView(o.view());
    } else if (op instanceof DropView o) {
      return List.of(dropView(o.view()));
    } else if (op instanceof CreateEnum o) {
      return createEnum(o);
    } else if (op instanceof DropEnum o) {
      return dropEnum(o);
    } else if (op instanceof AddEnumValue o) {
      return addEnumValue(o);
    } else if (op instanceof CreateSequence o) {
      return createSequence(o);
    } else if (op instanceof DropSequence o) {
      return dropSequence(o);
    } else if (op instanceof AlterSequence o) {
      return alterSequence(o);
    } else if (op instanceof CreateTrigger o) {
      return List.of(o.trigger().definition());
    } else if (op instanceof DropTrigger o) {
      return List.of(dropTrigger(o.trigger()));
    }
    throw new RetortException(ErrorCode.INTERNAL, "unknown schema operation " + op);
  }

  // ---- per database -------------------------------------------------------------------------

  /** A column definition inside CREATE TABLE or ADD COLUMN. */
  abstract String column(Column column, Table table);

  /** What follows the closing parenthesis of CREATE TABLE. */
  abstract String tableOptions(Table table);

  /** Statements after CREATE TABLE: comments, partition attachment. */
  abstract List<String> afterCreateTable(Table table);

  abstract List<String> addColumn(AddColumn op);

  abstract List<String> dropColumn(DropColumn op);

  abstract List<String> alterColumnType(AlterColumnType op);

  abstract List<String> alterColumnNullability(AlterColumnNullability op);

  abstract List<String> alterColumnDefault(AlterColumnDefault op);

  abstract List<String> alterColumnComment(AlterColumnComment op);

  abstract List<String> setTableComment(SetTableComment op);

  abstract List<String> dropPrimaryKey(DropPrimaryKey op);

  abstract List<String> dropForeignKey(DropForeignKey op);

  abstract List<String> dropUnique(DropUnique op);

  abstract List<String> dropCheck(DropCheck op);

  abstract String dropIndex(String table, Index index);

  abstract String dropTrigger(Trigger trigger);

  List<String> createEnum(CreateEnum op) {
    throw unsupported("enum types", "use a CHECK constraint or a lookup table");
  }

  List<String> dropEnum(DropEnum op) {
    throw unsupported("enum types", "use a CHECK constraint or a lookup table");
  }

  List<String> addEnumValue(AddEnumValue op) {
    throw unsupported("enum types", "use a CHECK constraint or a lookup table");
  }

  List<String> createSequence(CreateSequence op) {
    throw unsupported("sequences", "use an auto-increment column");
  }

  List<String> dropSequence(DropSequence op) {
    throw unsupported("sequences", "use an auto-increment column");
  }

  List<String> alterSequence(AlterSequence op) {
    throw unsupported("sequences", "use an auto-increment column");
  }

  // ---- shared SQL ---------------------------------------------------------------------------

  String q(String identifier) {
    return dialect.quote(identifier);
  }

  String columnList(List<String> columns) {
    return columns.stream().map(this::q).collect(Collectors.joining(", ", "(", ")"));
  }

  /** A SQL string literal: single quotes doubled (MySQL also needs backslashes doubled). */
  String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  List<String> createTable(Table table) {
    List<String> parts = new ArrayList<>();
    for (Column column : table.columns()) {
      parts.add(column(column, table));
    }
    if (table.primaryKey() != null && !inlinePrimaryKey(table)) {
      parts.add(primaryKey(table.primaryKey()));
    }
    for (UniqueConstraint unique : table.uniques()) {
      parts.add(unique(unique));
    }
    for (CheckConstraint check : table.checks()) {
      parts.add(check(check));
    }
    for (ForeignKey foreignKey : table.foreignKeys()) {
      parts.add(foreignKey(foreignKey));
    }
    List<String> statements = new ArrayList<>();
    statements.add(
        "CREATE TABLE "
            + q(table.name())
            + " (\n  "
            + String.join(",\n  ", parts)
            + "\n)"
            + tableOptions(table));
    statements.addAll(afterCreateTable(table));
    for (Index index : table.indexes()) {
      statements.add(createIndex(table.name(), index));
    }
    for (Trigger trigger : table.triggers()) {
      statements.add(trigger.definition());
    }
    return statements;
  }

  /** Whether the primary key is written in the column definition (SQLite AUTOINCREMENT). */
  boolean inlinePrimaryKey(Table table) {
    return false;
  }

  String constraintName(String name) {
    return name == null ? "" : "CONSTRAINT " + q(name) + " ";
  }

  String primaryKey(PrimaryKey primaryKey) {
    return constraintName(primaryKey.name()) + "PRIMARY KEY " + columnList(primaryKey.columns());
  }

  String unique(UniqueConstraint unique) {
    return constraintName(unique.name()) + "UNIQUE " + columnList(unique.columns());
  }

  String check(CheckConstraint check) {
    return constraintName(check.name()) + "CHECK (" + check.expression() + ")";
  }

  String foreignKey(ForeignKey fk) {
    StringBuilder sql =
        new StringBuilder(constraintName(fk.name()))
            .append("FOREIGN KEY ")
            .append(columnList(fk.columns()))
            .append(" REFERENCES ")
            .append(q(fk.referencedTable()));
    if (!fk.referencedColumns().isEmpty()) {
      sql.append(' ').append(columnList(fk.referencedColumns()));
    }
    if (!fk.onDelete().equals("NO ACTION")) {
      sql.append(" ON DELETE ").append(fk.onDelete());
    }
    if (!fk.onUpdate().equals("NO ACTION")) {
      sql.append(" ON UPDATE ").append(fk.onUpdate());
    }
    return sql.toString();
  }

  String createIndex(String table, Index index) {
    return "CREATE "
        + (index.unique() ? "UNIQUE " : "")
        + "INDEX "
        + q(index.name())
        + " ON "
        + q(table)
        + (index.method() == null ? "" : " USING " + index.method())
        + " ("
        + index.columns().stream().map(this::indexKey).collect(Collectors.joining(", "))
        + ")"
        + (index.where() == null ? "" : " WHERE " + index.where());
  }

  String indexKey(IndexColumn key) {
    String text = key.column() != null ? q(key.column()) : "(" + key.expression() + ")";
    if (key.opclass() != null) {
      text += " " + key.opclass();
    }
    return key.descending() ? text + " DESC" : text;
  }

  List<String> createView(View view) {
    List<String> statements = new ArrayList<>();
    statements.add(
        "CREATE "
            + (view.materialized() ? "MATERIALIZED " : "")
            + "VIEW "
            + q(view.name())
            + " AS\n"
            + view.definition());
    for (Index index : view.indexes()) {
      statements.add(createIndex(view.name(), index));
    }
    if (view.comment() != null) {
      statements.add(
          "COMMENT ON "
              + (view.materialized() ? "MATERIALIZED " : "")
              + "VIEW "
              + q(view.name())
              + " IS "
              + literal(view.comment()));
    }
    for (Trigger trigger : view.triggers()) {
      statements.add(trigger.definition());
    }
    return statements;
  }

  String dropView(View view) {
    return "DROP " + (view.materialized() ? "MATERIALIZED " : "") + "VIEW " + q(view.name());
  }

  /** The name a DROP needs; unnamed constraints cannot be dropped by name. */
  String requireName(String name, String what, String table) {
    if (name == null) {
      throw new RetortException(
          ErrorCode.USAGE,
          "cannot drop an unnamed "
              + what
              + " on table "
              + table
              + " with ALTER TABLE: give the constraint a name, or rebuild the table");
    }
    return name;
  }

  RetortException unsupported(String what, String instead) {
    return new RetortException(
        ErrorCode.USAGE,
        "this database (" + dialect.name() + ") has no " + what + ": " + instead + " instead");
  }
}
