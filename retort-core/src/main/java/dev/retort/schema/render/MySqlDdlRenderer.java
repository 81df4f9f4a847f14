package dev.retort.schema.render;

import dev.retort.dialect.Dialect;
import dev.retort.schema.Column;
import dev.retort.schema.Index;
import dev.retort.schema.IndexColumn;
import dev.retort.schema.Table;
import dev.retort.schema.TableOptions;
import dev.retort.schema.Trigger;
import dev.retort.schema.op.AddColumn;
import dev.retort.schema.op.AlterColumnComment;
import dev.retort.schema.op.AlterColumnDefault;
import dev.retort.schema.op.AlterColumnNullability;
import dev.retort.schema.op.AlterColumnType;
import dev.retort.schema.op.DropCheck;
import dev.retort.schema.op.DropColumn;
import dev.retort.schema.op.DropForeignKey;
import dev.retort.schema.op.DropPrimaryKey;
import dev.retort.schema.op.DropUnique;
import dev.retort.schema.op.SetTableComment;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * MariaDB / MySQL DDL. Column changes use MODIFY COLUMN with the complete new definition, because
 * MySQL has no ALTER COLUMN ... TYPE / SET NOT NULL: whatever MODIFY leaves out is reset.
 */
final class MySqlDdlRenderer extends BaseDdlRenderer {
  MySqlDdlRenderer(Dialect dialect) {
    super(dialect);
  }

  /** Backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES. */
  @Override
  String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  @Override
  String column(Column column, Table table) {
    StringBuilder sql = new StringBuilder(q(column.name())).append(' ').append(column.type());
    if (column.collation() != null) {
      sql.append(" COLLATE ").append(column.collation());
    }
    if (column.generatedExpression() != null) {
      sql.append(" GENERATED ALWAYS AS (")
          .append(column.generatedExpression())
          .append(column.generatedStored() ? ") STORED" : ") VIRTUAL");
    }
    if (!column.nullable()) {
      sql.append(" NOT NULL");
    } else if (column.generatedExpression() == null) {
      // Explicit, for TIMESTAMP columns under explicit_defaults_for_timestamp=OFF; MariaDB
      // rejects NULL on a generated column.
      sql.append(" NULL");
    }
    if (column.defaultExpression() != null) {
      sql.append(" DEFAULT ").append(column.defaultExpression());
    }
    if (column.identity() != Column.Identity.NONE) {
      sql.append(" AUTO_INCREMENT");
    }
    if (column.comment() != null) {
      sql.append(" COMMENT ").append(literal(column.comment()));
    }
    return sql.toString();
  }

  @Override
  String tableOptions(Table table) {
    TableOptions options = table.options();
    StringBuilder sql = new StringBuilder();
    if (options.engine() != null) {
      sql.append(" ENGINE=").append(options.engine());
    }
    if (options.collation() != null) {
      sql.append(" DEFAULT COLLATE=").append(options.collation());
    }
    if (table.comment() != null) {
      sql.append(" COMMENT=").append(literal(table.comment()));
    }
    return sql.toString();
  }

  @Override
  List<String> afterCreateTable(Table table) {
    return List.of();
  }

  /** FULLTEXT and SPATIAL are index kinds in MySQL syntax; other methods go in USING. */
  @Override
  String createIndex(String table, Index index) {
    String method = index.method() == null ? null : index.method().toUpperCase(Locale.ROOT);
    boolean kind = "FULLTEXT".equals(method) || "SPATIAL".equals(method);
    return "CREATE "
        + (index.unique() ? "UNIQUE " : "")
        + (kind ? method + " " : "")
        + "INDEX "
        + q(index.name())
        + " ON "
        + q(table)
        + " ("
        + index.columns().stream().map(this::indexKey).collect(Collectors.joining(", "))
        + ")"
        + (method == null || kind ? "" : " USING " + method);
  }

  @Override
  String indexKey(IndexColumn key) {
    String text = key.column() != null ? q(key.column()) : "(" + key.expression() + ")";
    if (key.prefixLength() != null) {
      text += "(" + key.prefixLength() + ")";
    }
    return key.descending() ? text + " DESC" : text;
  }

  private String alter(String table) {
    return "ALTER TABLE " + q(table) + " ";
  }

  private List<String> modify(String table, Column column) {
    return List.of(alter(table) + "MODIFY COLUMN " + column(column, null));
  }

  @Override
  List<String> addColumn(AddColumn op) {
    return List.of(alter(op.table()) + "ADD COLUMN " + column(op.column(), null));
  }

  @Override
  List<String> dropColumn(DropColumn op) {
    return List.of(alter(op.table()) + "DROP COLUMN " + q(op.column().name()));
  }

  @Override
  List<String> alterColumnType(AlterColumnType op) {
    return modify(op.table(), op.to());
  }

  @Override
  List<String> alterColumnNullability(AlterColumnNullability op) {
    return modify(op.table(), op.to());
  }

  @Override
  List<String> alterColumnDefault(AlterColumnDefault op) {
    String expression = op.to().defaultExpression();
    return List.of(
        alter(op.table())
            + "ALTER COLUMN "
            + q(op.to().name())
            + (expression == null ? " DROP DEFAULT" : " SET DEFAULT " + expression));
  }

  @Override
  List<String> alterColumnComment(AlterColumnComment op) {
    return modify(op.table(), op.to());
  }

  @Override
  List<String> setTableComment(SetTableComment op) {
    return List.of(alter(op.table()) + "COMMENT = " + literal(op.to() == null ? "" : op.to()));
  }

  @Override
  List<String> dropPrimaryKey(DropPrimaryKey op) {
    return List.of(alter(op.table()) + "DROP PRIMARY KEY");
  }

  @Override
  List<String> dropForeignKey(DropForeignKey op) {
    String name = requireName(op.foreignKey().name(), "foreign key", op.table());
    return List.of(alter(op.table()) + "DROP FOREIGN KEY " + q(name));
  }

  /** A UNIQUE constraint is an index in MySQL. */
  @Override
  List<String> dropUnique(DropUnique op) {
    String name = requireName(op.unique().name(), "UNIQUE constraint", op.table());
    return List.of("DROP INDEX " + q(name) + " ON " + q(op.table()));
  }

  @Override
  List<String> dropCheck(DropCheck op) {
    String name = requireName(op.check().name(), "CHECK constraint", op.table());
    return List.of(alter(op.table()) + "DROP CONSTRAINT " + q(name));
  }

  @Override
  String dropIndex(String table, Index index) {
    return "DROP INDEX " + q(index.name()) + " ON " + q(table);
  }

  @Override
  String dropTrigger(Trigger trigger) {
    return "DROP TRIGGER " + q(trigger.name());
  }
}
