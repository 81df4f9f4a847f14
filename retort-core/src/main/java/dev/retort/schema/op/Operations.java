package dev.retort.schema.op;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexColumn;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.Trigger;
import dev.retort.schema.UniqueConstraint;
import dev.retort.schema.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A fluent, database-neutral way for Java migrations to say what they change:
 *
 * <pre>{@code
 * Operations ops = new Operations();
 * ops.addColumn("users", Column.of("email", "varchar(200)").notNull().withDefault("''"))
 *    .createIndex("users", Index.on("users_email", "email").asUnique())
 *    .renameColumn("users", "name", "full_name");
 * List<SchemaOperation> upgrade = ops.build();
 * List<SchemaOperation> downgrade = ops.inverse();
 * }</pre>
 *
 * Operations that need the current definition to be undone (dropping or altering a column) take it
 * as an argument.
 */
public final class Operations {
  private final List<SchemaOperation> operations = new ArrayList<>();

  /** Appends any operation. */
  public Operations add(SchemaOperation operation) {
    operations.add(operation);
    return this;
  }

  public Operations createTable(Table table) {
    return add(new CreateTable(table));
  }

  /** Creates a table from columns and a primary key (null for none). */
  public Operations createTable(String name, List<Column> columns, String... primaryKey) {
    Table table = Table.of(name, columns);
    if (primaryKey.length > 0) {
      table = table.withPrimaryKey(new PrimaryKey(null, Arrays.asList(primaryKey)));
    }
    return createTable(table);
  }

  public Operations dropTable(Table table) {
    return add(new DropTable(table));
  }

  public Operations renameTable(String from, String to) {
    return add(new RenameTable(from, to));
  }

  public Operations addColumn(String table, Column column) {
    return add(new AddColumn(table, column));
  }

  public Operations dropColumn(String table, Column column) {
    return add(new DropColumn(table, column));
  }

  public Operations renameColumn(String table, String from, String to) {
    return add(new RenameColumn(table, from, to));
  }

  /** Changes the type of a column whose current definition is given. */
  public Operations alterColumnType(String table, Column column, String newType) {
    return add(new AlterColumnType(table, column, column.withType(newType)));
  }

  /** Makes a column, whose current definition is given, nullable or NOT NULL. */
  public Operations alterColumnNullability(String table, Column column, boolean nullable) {
    return add(new AlterColumnNullability(table, column, column.withNullable(nullable)));
  }

  /** Sets (or, with null, drops) the default of a column whose current definition is given. */
  public Operations alterColumnDefault(String table, Column column, String defaultExpression) {
    return add(new AlterColumnDefault(table, column, column.withDefault(defaultExpression)));
  }

  public Operations createIndex(String table, Index index) {
    return add(new CreateIndex(table, index));
  }

  /** Creates a plain index on columns. */
  public Operations createIndex(String table, String name, String... columns) {
    return createIndex(table, Index.on(name, columns));
  }

  /** Creates a unique index on columns. */
  public Operations createUniqueIndex(String table, String name, String... columns) {
    return createIndex(table, Index.on(name, columns).asUnique());
  }

  /** Creates an index on expressions, e.g. {@code lower(email)}. */
  public Operations createExpressionIndex(String table, String name, String... expressions) {
    List<IndexColumn> keys = Arrays.stream(expressions).map(IndexColumn::expression).toList();
    return createIndex(table, new Index(name, false, keys, null, null));
  }

  public Operations dropIndex(String table, Index index) {
    return add(new DropIndex(table, index));
  }

  public Operations addPrimaryKey(String table, String... columns) {
    return add(new AddPrimaryKey(table, new PrimaryKey(null, Arrays.asList(columns))));
  }

  public Operations addForeignKey(String table, ForeignKey foreignKey) {
    return add(new AddForeignKey(table, foreignKey));
  }

  /** Adds a named foreign key from columns to the referenced table's columns. */
  public Operations addForeignKey(
      String table,
      String name,
      List<String> columns,
      String referencedTable,
      List<String> referencedColumns) {
    return addForeignKey(
        table, ForeignKey.of(columns, referencedTable, referencedColumns).withName(name));
  }

  public Operations dropForeignKey(String table, ForeignKey foreignKey) {
    return add(new DropForeignKey(table, foreignKey));
  }

  public Operations addUnique(String table, String name, String... columns) {
    return add(new AddUnique(table, new UniqueConstraint(name, Arrays.asList(columns))));
  }

  public Operations dropUnique(String table, UniqueConstraint unique) {
    return add(new DropUnique(table, unique));
  }

  public Operations addCheck(String table, String name, String expression) {
    return add(new AddCheck(table, new CheckConstraint(name, expression)));
  }

  public Operations dropCheck(String table, CheckConstraint check) {
    return add(new DropCheck(table, check));
  }

  public Operations createView(String name, String select) {
    return add(new CreateView(View.of(name, select)));
  }

  public Operations dropView(View view) {
    return add(new DropView(view));
  }

  public Operations createEnum(String name, String... labels) {
    return add(new CreateEnum(new EnumType(name, Arrays.asList(labels))));
  }

  public Operations dropEnum(EnumType type) {
    return add(new DropEnum(type));
  }

  /** Appends a label to an enum type. */
  public Operations addEnumValue(String type, String label) {
    return add(new AddEnumValue(type, label, null));
  }

  public Operations createSequence(Sequence sequence) {
    return add(new CreateSequence(sequence));
  }

  public Operations dropSequence(Sequence sequence) {
    return add(new DropSequence(sequence));
  }

  /** Creates a trigger from its complete CREATE TRIGGER statement. */
  public Operations createTrigger(String table, String name, String definition) {
    return add(new CreateTrigger(new Trigger(name, table, definition)));
  }

  public Operations dropTrigger(Trigger trigger) {
    return add(new DropTrigger(trigger));
  }

  /** The operations, in the order they were added. */
  public List<SchemaOperation> build() {
    return List.copyOf(operations);
  }

  /** The operations that undo these: each one's inverse, last first. */
  public List<SchemaOperation> inverse() {
    return invert(operations);
  }

  /** Each operation's inverse, in reverse order. */
  public static List<SchemaOperation> invert(List<SchemaOperation> operations) {
    List<SchemaOperation> inverse = new ArrayList<>(operations.size());
    for (SchemaOperation operation : operations) {
      inverse.add(operation.inverse());
    }
    Collections.reverse(inverse);
    return List.copyOf(inverse);
  }
}
