package dev.retort.schema.sqlite;

import static dev.retort.schema.sqlite.SqlLexer.quote;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.schema.sqlite.Dependents.SchemaObject;
import dev.retort.schema.sqlite.ElementSyntax.ColumnFacts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Table changes on SQLite, done with the native ALTER TABLE where the running SQLite version and
 * the table allow it (sqlite.org/lang_altertable.html), else with a {@link SqliteTableRebuild}. A
 * rebuild owns its transaction when the connection is in autocommit mode, and runs inside the
 * caller's transaction otherwise (which then needs foreign_keys OFF; see SqliteTableRebuild).
 */
public final class SqliteAlter {
  /** How a change was made. */
  public enum Method {
    NATIVE,
    REBUILD
  }

  /**
   * What was done: the native statement or the rebuild's result (the other is null), why a rebuild
   * was needed, and what went away with a dropped column.
   */
  public record Result(
      String table,
      Method method,
      String statement,
      String reason,
      List<String> droppedConstraints,
      List<String> droppedIndexes,
      SqliteTableRebuild.Result rebuild) {}

  /** RENAME COLUMN appeared in 3.25.0. */
  static final int RENAME_COLUMN = version("3.25.0");

  /** DROP COLUMN appeared in 3.35.0; 3.35.5 fixed defects in it that could corrupt the file. */
  static final int DROP_COLUMN = version("3.35.5");

  private SqliteAlter() {}

  /**
   * ADD COLUMN, natively unless SQLite forbids it for this definition: PRIMARY KEY or UNIQUE, NOT
   * NULL without a non-NULL default, a default of CURRENT_TIME/DATE/TIMESTAMP or an expression in
   * parentheses, a STORED generated column, or (with foreign_keys on) REFERENCES with a non-NULL
   * default. Those cases get a rebuild, in which existing rows receive the default.
   */
  public static Result addColumn(Connection c, String table, String definitionText) {
    SqliteTableDefinition def = definition(c, table);
    SqliteTableDefinition changed = def.addColumn(definitionText);
    String name = changed.columns().get(def.columns().size()).name();
    ColumnFacts f = TableFacts.column(changed, name);
    String dflt = f.defaultText() == null ? "NULL" : f.defaultText();
    boolean nullDefault = dflt.equalsIgnoreCase("NULL");
    String reason = null;
    if (f.primaryKey() || f.unique()) {
      reason = "ADD COLUMN cannot add a PRIMARY KEY or UNIQUE column";
    } else if (f.notNull() && nullDefault) {
      reason = "ADD COLUMN cannot add a NOT NULL column without a non-NULL default";
    } else if (dflt.startsWith("(") || dflt.toUpperCase(Locale.ROOT).startsWith("CURRENT_")) {
      reason = "ADD COLUMN needs a constant default, not " + dflt;
    } else if (f.generatedStored()) {
      reason = "ADD COLUMN cannot add a STORED generated column";
    } else if (f.references() && !nullDefault && flag(c, "foreign_keys")) {
      reason = "ADD COLUMN cannot add a REFERENCES column with a non-NULL default";
    }
    if (reason != null) {
      return rebuild(c, def.tableName(), d -> d.addColumn(definitionText), reason, List.of());
    }
    return natively(
        c,
        def.tableName(),
        "ALTER TABLE " + quote(def.tableName()) + " ADD COLUMN " + definitionText.strip());
  }

  /**
   * DROP COLUMN. As in PostgreSQL, table constraints that use the column (a multi-column UNIQUE, a
   * CHECK) and indexes on it go with it and are listed in the result; a column still used by
   * another column's CHECK or generated expression, or referenced by another table's foreign key,
   * is an error. Native from SQLite 3.35.5 when nothing else uses the column (its own constraints
   * aside, but not PRIMARY KEY, UNIQUE or REFERENCES, which SQLite refuses).
   */
  public static Result dropColumn(Connection c, String table, String column) {
    return dropColumn(c, table, column, version(c));
  }

  /** {@link #dropColumn} deciding as SQLite {@code version} would, for tests of old versions. */
  static Result dropColumn(Connection c, String table, String column, int version) {
    SqliteTableDefinition def = definition(c, table);
    String name = def.column(column).map(SqliteTableDefinition.Column::name).orElse(column);
    List<String> constraints = new ArrayList<>();
    TableFacts.constraintsUsing(def, name).forEach(k -> constraints.add(k.definition()));
    withoutColumn(def, name); // checks what else uses the column
    requireNoIncomingForeignKey(c, def, name);
    ColumnFacts f = TableFacts.column(def, name);
    String reason = null;
    Dependents d = dependents(c, def.tableName());
    if (version < DROP_COLUMN) {
      reason = "DROP COLUMN needs SQLite 3.35.5 or later";
    } else if (f.primaryKey() || f.unique() || f.references()) {
      reason = "DROP COLUMN cannot drop a PRIMARY KEY, UNIQUE or REFERENCES column";
    } else if (!constraints.isEmpty()) {
      reason = "DROP COLUMN cannot drop a column that a table constraint uses";
    } else if (d.indexes.stream().anyMatch(i -> indexUses(i, name))) {
      reason = "DROP COLUMN cannot drop an indexed column";
    } else if (mentionedOutside(d, name)) {
      reason = "a trigger or view may use the column";
    }
    if (reason == null) {
      return natively(
          c,
          def.tableName(),
          "ALTER TABLE " + quote(def.tableName()) + " DROP COLUMN " + quote(name));
    }
    return rebuild(c, def.tableName(), x -> withoutColumn(x, name), reason, constraints);
  }

  /** Drops the column and the table constraints that use it, as PostgreSQL does. */
  private static SqliteTableDefinition withoutColumn(SqliteTableDefinition def, String column) {
    SqliteTableDefinition result = def;
    for (SqliteTableDefinition.Constraint k : TableFacts.constraintsUsing(def, column)) {
      result = result.dropConstraint(k.definition());
    }
    return result.dropColumn(column);
  }

  /**
   * RENAME COLUMN: native from 3.25.0, which also renames the column in indexes, triggers, views
   * and the foreign keys of other tables; a rebuild on older versions.
   */
  public static Result renameColumn(Connection c, String table, String oldName, String newName) {
    return renameColumn(c, table, oldName, newName, version(c));
  }

  /** {@link #renameColumn} deciding as SQLite {@code version} would, for tests of old versions. */
  static Result renameColumn(
      Connection c, String table, String oldName, String newName, int version) {
    SqliteTableDefinition def = definition(c, table);
    def.renameColumn(oldName, newName); // validates both names
    String actual = def.column(oldName).orElseThrow().name();
    if (version >= RENAME_COLUMN) {
      return natively(
          c,
          def.tableName(),
          "ALTER TABLE "
              + quote(def.tableName())
              + " RENAME COLUMN "
              + quote(actual)
              + " TO "
              + quote(newName));
    }
    return rebuild(
        c,
        def.tableName(),
        d -> d.renameColumn(actual, newName),
        "RENAME COLUMN needs SQLite 3.25.0 or later",
        List.of());
  }

  /** Replaces a column's definition (type, nullability, default, constraints): a rebuild. */
  public static Result alterColumn(
      Connection c, String table, String column, String newDefinitionText) {
    SqliteTableDefinition def = definition(c, table);
    def.replaceColumn(column, newDefinitionText);
    return rebuild(
        c,
        def.tableName(),
        d -> d.replaceColumn(column, newDefinitionText),
        "SQLite cannot alter a column in place",
        List.of());
  }

  /** Adds a table constraint: a rebuild. */
  public static Result addConstraint(Connection c, String table, String constraintText) {
    SqliteTableDefinition def = definition(c, table);
    def.addConstraint(constraintText);
    return rebuild(
        c,
        def.tableName(),
        d -> d.addConstraint(constraintText),
        "SQLite cannot add a constraint in place",
        List.of());
  }

  /** Drops a table constraint (or a named column constraint): a rebuild. */
  public static Result dropConstraint(Connection c, String table, String nameOrText) {
    SqliteTableDefinition def = definition(c, table);
    def.dropConstraint(nameOrText);
    return rebuild(
        c,
        def.tableName(),
        d -> d.dropConstraint(nameOrText),
        "SQLite cannot drop a constraint in place",
        List.of(nameOrText));
  }

  private static Result rebuild(
      Connection c,
      String table,
      UnaryOperator<SqliteTableDefinition> change,
      String reason,
      List<String> droppedConstraints) {
    SqliteTableRebuild rebuild = SqliteTableRebuild.of(table, change);
    boolean autocommit;
    try {
      autocommit = c.getAutoCommit();
    } catch (SQLException e) {
      throw database(table, e);
    }
    SqliteTableRebuild.Result r = autocommit ? rebuild.run(c) : rebuild.runInTransaction(c);
    return new Result(
        r.table(),
        Method.REBUILD,
        null,
        reason,
        List.copyOf(droppedConstraints),
        r.droppedIndexes(),
        r);
  }

  private static Result natively(Connection c, String table, String sql) {
    try (Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    } catch (SQLException e) {
      throw new RetortException(
          ErrorCode.MIGRATION_FAILED,
          "table "
              + table
              + " was not changed: "
              + sql
              + " failed ("
              + RebuildChecks.sqliteMessage(e)
              + ")",
          e);
    }
    return new Result(table, Method.NATIVE, sql, null, List.of(), List.of(), null);
  }

  private static void requireNoIncomingForeignKey(
      Connection c, SqliteTableDefinition def, String column) {
    boolean pk = TableFacts.inPrimaryKey(def, column);
    try {
      for (String[] fk : Dependents.incomingForeignKeys(c, def.tableName())) {
        if (fk[1] == null ? pk : fk[1].equalsIgnoreCase(column)) {
          throw new RetortException(
              ErrorCode.MIGRATION_FAILED,
              "cannot drop column "
                  + column
                  + " of table "
                  + def.tableName()
                  + ": a foreign key of table "
                  + fk[0]
                  + " refers to it; drop that foreign key first");
        }
      }
    } catch (SQLException e) {
      throw database(def.tableName(), e);
    }
  }

  private static boolean indexUses(SchemaObject index, String column) {
    var tokens = SqlLexer.tokenize(index.sql());
    return ElementSyntax.mentions(tokens, ElementSyntax.indexReferences(tokens), column);
  }

  private static boolean mentionedOutside(Dependents d, String column) {
    List<SchemaObject> all = new ArrayList<>(d.triggers);
    all.addAll(d.views);
    all.addAll(d.otherTriggers);
    return all.stream().anyMatch(o -> Dependents.mentions(o.sql(), column));
  }

  private static SqliteTableDefinition definition(Connection c, String table) {
    return SqliteTableDefinition.parse(dependents(c, table).sql);
  }

  private static Dependents dependents(Connection c, String table) {
    try {
      Dependents d = Dependents.read(c, table);
      if (d == null) {
        throw new RetortException(
            ErrorCode.MIGRATION_FAILED,
            "there is no table "
                + table
                + "; the tables are "
                + String.join(", ", Dependents.tableNames(c)));
      }
      return d;
    } catch (SQLException e) {
      throw database(table, e);
    }
  }

  private static boolean flag(Connection c, String pragma) {
    try {
      return SqliteTableRebuild.flag(c, pragma);
    } catch (SQLException e) {
      throw new RetortException(ErrorCode.DATABASE, "cannot read PRAGMA " + pragma, e);
    }
  }

  /** The running SQLite version as major * 1,000,000 + minor * 1,000 + patch. */
  static int version(Connection c) {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
      rs.next();
      return version(rs.getString(1));
    } catch (SQLException e) {
      throw new RetortException(ErrorCode.DATABASE, "cannot read sqlite_version()", e);
    }
  }

  static int version(String text) {
    String[] parts = text.split("\\.");
    int v = 0;
    for (int i = 0; i < 3; i++) {
      v = v * 1000 + (i < parts.length ? Integer.parseInt(parts[i].replaceAll("\\D.*", "")) : 0);
    }
    return v;
  }

  private static RetortException database(String table, SQLException e) {
    return new RetortException(
        ErrorCode.DATABASE,
        "cannot read the schema of table " + table + ": " + RebuildChecks.sqliteMessage(e),
        e);
  }
}
