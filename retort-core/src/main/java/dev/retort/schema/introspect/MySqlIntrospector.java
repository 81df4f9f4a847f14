package dev.retort.schema.introspect;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexColumn;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.TableOptions;
import dev.retort.schema.Trigger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a MariaDB (10.6+) or MySQL (8+) schema from information_schema, one query per kind of
 * object. Unique keys are reported as unique {@link Index}es (MySQL has no separate UNIQUE
 * constraint); the primary key is the index named PRIMARY. Defaults are normalised to SQL
 * expression text: MariaDB reports them that way already, MySQL reports literals bare.
 */
final class MySqlIntrospector implements SchemaIntrospector {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern NOW =
      Pattern.compile("(?i)current_timestamp(\\(\\d*\\))?|now\\(\\d*\\)|localtimestamp(\\(\\))?");

  @Override
  public SchemaModel introspect(Connection connection, SchemaFilter filter) {
    return Catalog.read("MySQL", () -> read(connection, filter));
  }

  private SchemaModel read(Connection connection, SchemaFilter filter) throws SQLException {
    String[] info = new String[2];
    Catalog.query(
        connection,
        "SELECT DATABASE(), VERSION()",
        rs -> {
          info[0] = rs.getString(1);
          info[1] = rs.getString(2);
        });
    String schema = filter.schema() != null ? filter.schema() : info[0];
    boolean mariadb = info[1].toLowerCase(Locale.ROOT).contains("mariadb");

    Map<String, TableBuilder> tables = new TreeMap<>();
    Map<String, ViewBuilder> views = new TreeMap<>();
    List<String> skipped = new ArrayList<>();
    Catalog.query(
        connection,
        "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT"
            + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
        rs -> {
          String name = rs.getString("TABLE_NAME");
          String type = rs.getString("TABLE_TYPE");
          if (!filter.accepts(name)) {
            skipped.add(name);
          } else if (type.equals("BASE TABLE")) {
            TableBuilder table = new TableBuilder(name);
            String comment = rs.getString("TABLE_COMMENT");
            table.comment = comment == null || comment.isEmpty() ? null : comment;
            table.options =
                new TableOptions(
                    false,
                    false,
                    null,
                    null,
                    null,
                    rs.getString("ENGINE"),
                    rs.getString("TABLE_COLLATION"));
            tables.put(name, table);
          } else if (type.equals("VIEW")) {
            views.put(name, new ViewBuilder(name, "", false));
          }
        },
        schema);
    // Only when something was filtered out do the detail queries name the tables they read.
    Scope scope = new Scope(schema, skipped.isEmpty() ? null : new ArrayList<>(tables.keySet()));

    query(
        connection,
        "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
            + " GENERATION_EXPRESSION, COLLATION_NAME, COLUMN_COMMENT"
            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?",
        "TABLE_NAME",
        " ORDER BY TABLE_NAME, ORDINAL_POSITION",
        scope,
        rs -> {
          TableBuilder table = tables.get(rs.getString("TABLE_NAME"));
          if (table != null) {
            table.columns.add(column(rs, mariadb));
          }
        });
    readForeignKeys(connection, scope, tables);
    readChecks(connection, scope, tables, mariadb);
    readIndexes(connection, scope, tables, mariadb);
    query(
        connection,
        "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?",
        "TABLE_NAME",
        "",
        scope,
        rs -> {
          String name = rs.getString("TABLE_NAME");
          if (views.containsKey(name)) {
            views.put(
                name,
                new ViewBuilder(name, unqualify(rs.getString("VIEW_DEFINITION"), schema), false));
          }
        });
    query(
        connection,
        "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION,"
            + " ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?",
        "EVENT_OBJECT_TABLE",
        "",
        scope,
        rs -> {
          TableBuilder table = tables.get(rs.getString("EVENT_OBJECT_TABLE"));
          if (table != null) {
            table.triggers.add(trigger(rs));
          }
        });
    return new SchemaModel(
        tables.values().stream().map(TableBuilder::build).toList(),
        views.values().stream().map(ViewBuilder::build).toList(),
        List.of(),
        List.of());
  }

  /** The schema and, when a filter dropped some tables, the tables to read. */
  private record Scope(String schema, List<String> tables) {}

  private static void query(
      Connection connection,
      String sql,
      String tableColumn,
      String orderBy,
      Scope scope,
      Catalog.RowHandler handler)
      throws SQLException {
    List<Object> params = new ArrayList<>();
    params.add(scope.schema());
    StringBuilder text = new StringBuilder(sql);
    if (scope.tables() != null) {
      if (scope.tables().isEmpty()) {
        return;
      }
      text.append(" AND ")
          .append(tableColumn)
          .append(" IN (")
          .append(String.join(", ", Collections.nCopies(scope.tables().size(), "?")))
          .append(')');
      params.addAll(scope.tables());
    }
    text.append(orderBy);
    Catalog.query(connection, text.toString(), handler, params.toArray());
  }

  private static Column column(ResultSet rs, boolean mariadb) throws SQLException {
    String extra = rs.getString("EXTRA").toLowerCase(Locale.ROOT);
    String type = rs.getString("COLUMN_TYPE");
    String generation = rs.getString("GENERATION_EXPRESSION");
    boolean generated = extra.contains("generated") && generation != null;
    String comment = rs.getString("COLUMN_COMMENT");
    return new Column(
        rs.getString("COLUMN_NAME"),
        type,
        rs.getString("IS_NULLABLE").equals("YES"),
        generated ? null : defaultExpression(rs.getString("COLUMN_DEFAULT"), extra, type, mariadb),
        extra.contains("auto_increment") ? Column.Identity.AUTO_INCREMENT : Column.Identity.NONE,
        generated ? generation : null,
        extra.contains("stored") || extra.contains("persistent"),
        rs.getString("COLLATION_NAME"),
        comment == null || comment.isEmpty() ? null : comment);
  }

  /**
   * MariaDB 10.2.7+ reports a default as an expression ({@code 'abc'}, {@code current_timestamp()})
   * and an absent default of a nullable column as the text {@code NULL}. MySQL reports literals
   * bare and flags expressions with DEFAULT_GENERATED in EXTRA.
   */
  static String defaultExpression(String value, String extra, String type, boolean mariadb) {
    if (value == null || (mariadb && value.equals("NULL"))) {
      return null;
    }
    if (mariadb || NOW.matcher(value).matches()) {
      return value;
    }
    if (extra.contains("default_generated")) {
      return "(" + value + ")";
    }
    boolean numeric =
        type.matches("(?i)(tinyint|smallint|mediumint|int|bigint|decimal|float|double|bit).*");
    if (numeric && NUMBER.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  private static void readForeignKeys(
      Connection connection, Scope scope, Map<String, TableBuilder> tables) throws SQLException {
    Map<String, Map<String, List<String[]>>> parts = new TreeMap<>();
    Map<String, String[]> rules = new TreeMap<>();
    query(
        connection,
        "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,"
            + " k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE"
            + " FROM information_schema.KEY_COLUMN_USAGE k"
            + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
            + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA"
            + " AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME"
            + " WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL",
        "k.TABLE_NAME",
        " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
        scope,
        rs -> {
          String table = rs.getString("TABLE_NAME");
          String name = rs.getString("CONSTRAINT_NAME");
          parts
              .computeIfAbsent(table, t -> new TreeMap<>())
              .computeIfAbsent(name, n -> new ArrayList<>())
              .add(
                  new String[] {
                    rs.getString("COLUMN_NAME"),
                    rs.getString("REFERENCED_TABLE_NAME"),
                    rs.getString("REFERENCED_COLUMN_NAME")
                  });
          rules.put(
              table + "\u0000" + name,
              new String[] {rs.getString("DELETE_RULE"), rs.getString("UPDATE_RULE")});
        });
    parts.forEach(
        (table, keys) ->
            keys.forEach(
                (name, rows) -> {
                  String[] rule = rules.get(table + "\u0000" + name);
                  TableBuilder builder = tables.get(table);
                  if (builder != null) {
                    builder.foreignKeys.add(
                        new ForeignKey(
                            name,
                            rows.stream().map(r -> r[0]).toList(),
                            rows.get(0)[1],
                            rows.stream().map(r -> r[2]).toList(),
                            sameAsNoAction(rule[0]),
                            sameAsNoAction(rule[1])));
                  }
                }));
  }

  /**
   * InnoDB treats RESTRICT and NO ACTION alike (both check at once) but reports RESTRICT when no
   * action was written and NO ACTION when it was; one name for both avoids false differences.
   */
  private static String sameAsNoAction(String rule) {
    return "RESTRICT".equalsIgnoreCase(rule) ? "NO ACTION" : rule;
  }

  private static void readChecks(
      Connection connection, Scope scope, Map<String, TableBuilder> tables, boolean mariadb)
      throws SQLException {
    // MariaDB scopes check names per table and has TABLE_NAME in CHECK_CONSTRAINTS; MySQL 8
    // scopes them per schema and does not.
    query(
        connection,
        "SELECT t.TABLE_NAME, t.CONSTRAINT_NAME, c.CHECK_CLAUSE"
            + " FROM information_schema.TABLE_CONSTRAINTS t"
            + " JOIN information_schema.CHECK_CONSTRAINTS c"
            + " ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
            + " AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
            + (mariadb ? " AND c.TABLE_NAME = t.TABLE_NAME" : "")
            + " WHERE t.TABLE_SCHEMA = ? AND t.CONSTRAINT_TYPE = 'CHECK'",
        "t.TABLE_NAME",
        "",
        scope,
        rs -> {
          TableBuilder table = tables.get(rs.getString("TABLE_NAME"));
          if (table != null) {
            table.checks.add(
                new CheckConstraint(rs.getString("CONSTRAINT_NAME"), rs.getString("CHECK_CLAUSE")));
          }
        });
  }

  private static void readIndexes(
      Connection connection, Scope scope, Map<String, TableBuilder> tables, boolean mariadb)
      throws SQLException {
    Map<String, Map<String, List<IndexColumn>>> keys = new TreeMap<>();
    Map<String, Object[]> kinds = new TreeMap<>();
    query(
        connection,
        "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION, SUB_PART, INDEX_TYPE"
            + (mariadb ? ", NULL AS EXPRESSION" : ", EXPRESSION")
            + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?",
        "TABLE_NAME",
        " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
        scope,
        rs -> {
          String table = rs.getString("TABLE_NAME");
          String name = rs.getString("INDEX_NAME");
          int subPart = rs.getInt("SUB_PART");
          Integer prefix = rs.wasNull() ? null : subPart;
          String column = rs.getString("COLUMN_NAME");
          keys.computeIfAbsent(table, t -> new TreeMap<>())
              .computeIfAbsent(name, n -> new ArrayList<>())
              .add(
                  new IndexColumn(
                      column,
                      column == null ? rs.getString("EXPRESSION") : null,
                      "D".equals(rs.getString("COLLATION")),
                      null,
                      prefix));
          kinds.put(
              table + "\u0000" + name,
              new Object[] {rs.getInt("NON_UNIQUE") == 0, rs.getString("INDEX_TYPE")});
        });
    keys.forEach(
        (table, indexes) ->
            indexes.forEach(
                (name, columns) -> {
                  TableBuilder builder = tables.get(table);
                  if (builder == null) {
                    return;
                  }
                  if (name.equals("PRIMARY")) {
                    builder.primaryKey =
                        new PrimaryKey(null, columns.stream().map(IndexColumn::column).toList());
                    return;
                  }
                  Object[] kind = kinds.get(table + "\u0000" + name);
                  String method = (String) kind[1];
                  builder.indexes.add(
                      new Index(
                          name,
                          (Boolean) kind[0],
                          columns,
                          null,
                          "BTREE".equals(method) ? null : method));
                }));
  }

  private static Trigger trigger(ResultSet rs) throws SQLException {
    String name = rs.getString("TRIGGER_NAME");
    String table = rs.getString("EVENT_OBJECT_TABLE");
    String definition =
        "CREATE TRIGGER "
            + quote(name)
            + " "
            + rs.getString("ACTION_TIMING")
            + " "
            + rs.getString("EVENT_MANIPULATION")
            + " ON "
            + quote(table)
            + " FOR EACH ROW "
            + rs.getString("ACTION_STATEMENT");
    return new Trigger(name, table, definition);
  }

  private static String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  /** MySQL qualifies every name in a stored view definition with the schema; drop that. */
  static String unqualify(String definition, String schema) {
    return definition == null ? "" : definition.replace(quote(schema) + ".", "");
  }
}
