package dev.retort.schema.render;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.schema.Column;
import dev.retort.schema.Index;
import dev.retort.schema.IndexColumn;
import dev.retort.schema.Table;
import dev.retort.schema.Trigger;
import dev.retort.schema.op.AddCheck;
import dev.retort.schema.op.AddColumn;
import dev.retort.schema.op.AddForeignKey;
import dev.retort.schema.op.AddPrimaryKey;
import dev.retort.schema.op.AddUnique;
import dev.retort.schema.op.AlterColumnComment;
import dev.retort.schema.op.AlterColumnDefault;
import dev.retort.schema.op.AlterColumnNullability;
import dev.retort.schema.op.AlterColumnType;
import dev.retort.schema.op.DropCheck;
import dev.retort.schema.op.DropColumn;
import dev.retort.schema.op.DropForeignKey;
import dev.retort.schema.op.DropPrimaryKey;
import dev.retort.schema.op.DropUnique;
import dev.retort.schema.op.SchemaOperation;
import dev.retort.schema.op.SetTableComment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SQLite DDL. SQLite's ALTER TABLE can only rename a table, rename a column, add a column (within
 * limits) and drop a column (within limits); every other change to a table is done by rebuilding it
 * (create the new table, copy, drop, rename:
 * https://www.sqlite.org/lang_altertable.html#otheralter). {@link #needsRebuild} says which
 * operations need that; {@link #render} refuses them.
 */
public final class SqliteDdlRenderer extends BaseDdlRenderer {
  /** Literals SQLite accepts as a bare DEFAULT; anything else needs parentheses. */
  private static final Pattern LITERAL =
      Pattern.compile(
          "(?i)[-+]?(\\d+(\\.\\d*)?|\\.\\d+)(e[-+]?\\d+)?|0x[0-9a-f]+|'([^']|'')*'|x'[0-9a-f]*'"
              + "|null|true|false|current_time|current_date|current_timestamp");

  private static final Pattern NOW = Pattern.compile("(?i)current_(time|date|timestamp)");

  public SqliteDdlRenderer(Dialect dialect) {
    super(dialect);
  }

  /** Whether SQLite's ALTER TABLE cannot do this and the table must be rebuilt. */
  public boolean needsRebuild(SchemaOperation op) {
    return needsRebuild(op, null);
  }

  /**
   * Whether SQLite's ALTER TABLE cannot do this and the table must be rebuilt. With the table's
   * current definition, DROP COLUMN is also judged: SQLite refuses to drop a column that is part of
   * the primary key, a UNIQUE constraint, an index, a foreign key, a CHECK constraint or a
   * generated column's expression.
   */
  public boolean needsRebuild(SchemaOperation op, Table table) {
    if (op instanceof AlterColumnType
        || op instanceof AlterColumnNullability
        || op instanceof AlterColumnDefault
        || op instanceof AddPrimaryKey
        || op instanceof DropPrimaryKey
        || op instanceof AddForeignKey
        || op instanceof DropForeignKey
        || op instanceof AddUnique
        || op instanceof DropUnique
        || op instanceof AddCheck
        || op instanceof DropCheck) {
      return true;
    }
    if (op instanceof AddColumn add) {
      return !canAdd(add.column());
    }
    if (op instanceof DropColumn drop && table != null) {
      return !canDrop(drop.column().name(), table);
    }
    return false;
  }

  /**
   * ADD COLUMN limits: no PRIMARY KEY or UNIQUE, NOT NULL only with a non-null default, no
   * CURRENT_* or parenthesised default, no STORED generated column.
   */
  private static boolean canAdd(Column column) {
    String def = column.defaultExpression();
    if (column.identity() != Column.Identity.NONE || column.generatedStored()) {
      return false;
    }
    if (!column.nullable()
        && column.generatedExpression() == null
        && (def == null || def.equalsIgnoreCase("null"))) {
      return false;
    }
    return def == null || (LITERAL.matcher(def.strip()).matches() && !NOW.matcher(def).matches());
  }

  private static boolean canDrop(String column, Table table) {
    String lower = column.toLowerCase(Locale.ROOT);
    if (table.primaryKey() != null && table.primaryKey().columns().contains(column)) {
      return false;
    }
    if (table.uniques().stream().anyMatch(u -> u.columns().contains(column))) {
      return false;
    }
    if (table.foreignKeys().stream().anyMatch(f -> f.columns().contains(column))) {
      return false;
    }
    for (Index index : table.indexes()) {
      for (IndexColumn key : index.columns()) {
        if (column.equals(key.column())
            || (key.expression() != null && mentions(key.expression(), lower))) {
          return false;
        }
      }
      if (index.where() != null && mentions(index.where(), lower)) {
        return false;
      }
    }
    if (table.checks().stream().anyMatch(c -> mentions(c.expression(), lower))) {
      return false;
    }
    return table.columns().stream()
        .noneMatch(
            c -> c.generatedExpression() != null && mentions(c.generatedExpression(), lower));
  }

  /** Whether an expression names the column: a conservative word match. */
  private static boolean mentions(String expression, String lowerColumn) {
    return Pattern.compile("(?<![\\w$])" + Pattern.quote(lowerColumn) + "(?![\\w$])")
        .matcher(expression.toLowerCase(Locale.ROOT))
        .find();
  }

  @Override
  public List<String> render(SchemaOperation op) {
    if (needsRebuild(op)) {
      throw new RetortException(
          ErrorCode.USAGE,
          "SQLite cannot "
              + describe(op)
              + " with ALTER TABLE: the table must be rebuilt (create a new table, copy the rows,"
              + " drop the old one, rename)");
    }
    return super.render(op);
  }

  private static String describe(SchemaOperation op) {
    String name = op.getClass().getSimpleName();
    String words = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return words + " (" + op + ")";
  }

  @Override
  String column(Column column, Table table) {
    StringBuilder sql = new StringBuilder(q(column.name()));
    if (!column.type().isEmpty()) {
      sql.append(' ').append(column.type());
    }
    if (column.identity() == Column.Identity.AUTO_INCREMENT) {
      String name = table == null || table.primaryKey() == null ? null : table.primaryKey().name();
      sql.append(' ').append(constraintName(name)).append("PRIMARY KEY AUTOINCREMENT");
    }
    if (!column.nullable()) {
      sql.append(" NOT NULL");
    }
    if (column.defaultExpression() != null) {
      String def = column.defaultExpression().strip();
      sql.append(" DEFAULT ").append(LITERAL.matcher(def).matches() ? def : "(" + def + ")");
    }
    if (column.collation() != null) {
      sql.append(" COLLATE ").append(q(column.collation()));
    }
    if (column.generatedExpression() != null) {
      sql.append(" GENERATED ALWAYS AS (")
          .append(column.generatedExpression())
          .append(column.generatedStored() ? ") STORED" : ") VIRTUAL");
    }
    return sql.toString();
  }

  /** AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY written in the column. */
  @Override
  boolean inlinePrimaryKey(Table table) {
    return table.columns().stream().anyMatch(c -> c.identity() == Column.Identity.AUTO_INCREMENT);
  }

  @Override
  String tableOptions(Table table) {
    List<String> options = new ArrayList<>();
    if (table.options().withoutRowid()) {
      options.add("WITHOUT ROWID");
    }
    if (table.options().strict()) {
      options.add("STRICT");
    }
    return options.isEmpty() ? "" : " " + String.join(", ", options);
  }

  @Override
  List<String> afterCreateTable(Table table) {
    return List.of();
  }

  /** SQLite keeps index keys as written; expressions go in bare, as it reports them. */
  @Override
  String indexKey(IndexColumn key) {
    String text = key.column() != null ? q(key.column()) : key.expression();
    return key.descending() ? text + " DESC" : text;
  }

  @Override
  String createIndex(String table, Index index) {
    return super.createIndex(
        table, new Index(index.name(), index.unique(), index.columns(), index.where(), null));
  }

  /** {@link #render} refuses these before they get here. */
  private static RetortException rebuildChecked() {
    return new RetortException(
        ErrorCode.INTERNAL, "a rebuild-only operation reached SQL rendering");
  }

  @Override
  List<String> addColumn(AddColumn op) {
    return List.of("ALTER TABLE " + q(op.table()) + " ADD COLUMN " + column(op.column(), null));
  }

  @Override
  List<String> dropColumn(DropColumn op) {
    return List.of("ALTER TABLE " + q(op.table()) + " DROP COLUMN " + q(op.column().name()));
  }

  @Override
  List<String> alterColumnType(AlterColumnType op) {
    throw rebuildChecked();
  }

  @Override
  List<String> alterColumnNullability(AlterColumnNullability op) {
    throw rebuildChecked();
  }

  @Override
  List<String> alterColumnDefault(AlterColumnDefault op) {
    throw rebuildChecked();
  }

  @Override
  List<String> alterColumnComment(AlterColumnComment op) {
    throw unsupported("comments", "document the column elsewhere");
  }

  @Override
  List<String> setTableComment(SetTableComment op) {
    throw unsupported("comments", "document the table elsewhere");
  }

  @Override
  List<String> dropPrimaryKey(DropPrimaryKey op) {
    throw rebuildChecked();
  }

  @Override
  List<String> dropForeignKey(DropForeignKey op) {
    throw rebuildChecked();
  }

  @Override
  List<String> dropUnique(DropUnique op) {
    throw rebuildChecked();
  }

  @Override
  List<String> dropCheck(DropCheck op) {
    throw rebuildChecked();
  }

  @Override
  String dropIndex(String table, Index index) {
    return "DROP INDEX " + q(index.name());
  }

  @Override
  String dropTrigger(Trigger trigger) {
    return "DROP TRIGGER " + q(trigger.name());
  }
}
