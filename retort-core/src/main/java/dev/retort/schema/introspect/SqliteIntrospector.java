package dev.retort.schema.introspect;

import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexColumn;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.TableOptions;
import dev.retort.schema.Trigger;
import dev.retort.schema.UniqueConstraint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a SQLite schema: sqlite_schema once, then one query per kind of detail that joins it with
 * the pragma table-valued functions ({@code pragma_table_xinfo}, {@code pragma_foreign_key_list},
 * {@code pragma_index_list} / {@code pragma_index_xinfo}). Facts the pragmas do not give (CHECK
 * constraints, collations, generated expressions, AUTOINCREMENT, constraint names) are read from
 * the CREATE statements SQLite keeps verbatim. Virtual tables are left out.
 */
final class SqliteIntrospector implements SchemaIntrospector {
  private static final String OBJECTS =
      "SELECT type, name, tbl_name, sql FROM sqlite_master"
          + " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql IS NOT NULL";

  /** The tables a detail query reads: the accepted names, passed as one JSON array. */
  private static final String SCOPE =
      " s.type = 'table' AND s.name IN (SELECT value FROM json_each(?))";

  private static final String COLUMNS =
      "SELECT s.name AS tbl, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden"
          + " FROM sqlite_master s, pragma_table_xinfo(s.name) c WHERE"
          + SCOPE
          + " ORDER BY s.name, c.cid";

  private static final String FOREIGN_KEYS =
      "SELECT s.name AS tbl, f.id, f.seq, f.\"table\" AS ref, f.\"from\" AS col, f.\"to\" AS refcol,"
          + " f.on_update, f.on_delete"
          + " FROM sqlite_master s, pragma_foreign_key_list(s.name) f WHERE"
          + SCOPE
          + " ORDER BY s.name, f.id, f.seq";

  private static final String INDEXES =
      "SELECT s.name AS tbl, il.name AS idx, il.\"unique\" AS uniq, il.origin,"
          + " x.seqno, x.cid, x.name AS col, x.\"desc\" AS descending"
          + " FROM sqlite_master s, pragma_index_list(s.name) il, pragma_index_xinfo(il.name) x"
          + " WHERE x.\"key\" = 1 AND"
          + SCOPE
          + " ORDER BY s.name, il.name, x.seqno";

  @Override
  public SchemaModel introspect(Connection connection, SchemaFilter filter) {
    return Catalog.read("SQLite", () -> read(connection, filter));
  }

  private SchemaModel read(Connection connection, SchemaFilter filter) throws SQLException {
    Map<String, TableBuilder> tables = new TreeMap<>();
    Map<String, SqliteTableSql> tableSql = new HashMap<>();
    Map<String, ViewBuilder> views = new TreeMap<>();
    Map<String, String> indexSql = new HashMap<>();
    List<Trigger> triggers = new ArrayList<>();
    Catalog.query(
        connection,
        OBJECTS,
        rs -> {
          String type = rs.getString("type");
          String name = rs.getString("name");
          String owner = rs.getString("tbl_name");
          String sql = rs.getString("sql");
          if (type.equals("table") && filter.accepts(name) && !isVirtual(sql)) {
            tables.put(name, new TableBuilder(name));
            tableSql.put(name, SqliteTableSql.parse(sql));
          } else if (type.equals("view") && filter.accepts(name)) {
            views.put(name, new ViewBuilder(name, viewQuery(sql), false));
          } else if (type.equals("index")) {
            indexSql.put(name, sql);
          } else if (type.equals("trigger")) {
            triggers.add(new Trigger(name, owner, sql));
          }
        });
    String scope = jsonArray(tables.keySet());
    Catalog.query(connection, COLUMNS, rs -> readColumn(rs, tables, tableSql), scope);
    Map<String, Map<Integer, ForeignKeyParts>> foreignKeys = new LinkedHashMap<>();
    Catalog.query(
        connection,
        FOREIGN_KEYS,
        rs -> {
          Map<Integer, ForeignKeyParts> keys =
              foreignKeys.computeIfAbsent(rs.getString("tbl"), t -> new TreeMap<>());
          if (!keys.containsKey(rs.getInt("id"))) {
            keys.put(rs.getInt("id"), new ForeignKeyParts(rs));
          }
          keys.get(rs.getInt("id")).add(rs);
        },
        scope);
    Map<String, Map<String, IndexParts>> indexes = new LinkedHashMap<>();
    Catalog.query(
        connection,
        INDEXES,
        rs -> {
          Map<String, IndexParts> parts =
              indexes.computeIfAbsent(rs.getString("tbl"), t -> new TreeMap<>());
          if (!parts.containsKey(rs.getString("idx"))) {
            parts.put(rs.getString("idx"), new IndexParts(rs));
          }
          parts.get(rs.getString("idx")).add(rs);
        },
        scope);

    for (TableBuilder table : tables.values()) {
      SqliteTableSql sql = tableSql.get(table.name);
      table.options = new TableOptions(sql.strict, sql.withoutRowid, null, null, null, null, null);
      table.checks.addAll(sql.checks);
      primaryKey(table, sql);
      for (ForeignKeyParts fk : foreignKeys.getOrDefault(table.name, Map.of()).values()) {
        table.foreignKeys.add(fk.build(sql));
      }
      for (IndexParts index : indexes.getOrDefault(table.name, Map.of()).values()) {
        if (index.origin.equals("u")) {
          table.uniques.add(
              new UniqueConstraint(sql.uniqueNames.get(index.columnNames()), index.columnNames()));
        } else if (index.origin.equals("c")) {
          table.indexes.add(index.build(indexSql.get(index.name)));
        }
      }
    }
    for (Trigger trigger : triggers) {
      if (tables.containsKey(trigger.table())) {
        tables.get(trigger.table()).triggers.add(trigger);
      } else if (views.containsKey(trigger.table())) {
        views.get(trigger.table()).triggers.add(trigger);
      }
    }
    return new SchemaModel(
        tables.values().stream().map(TableBuilder::build).toList(),
        views.values().stream().map(ViewBuilder::build).toList(),
        List.of(),
        List.of());
  }

  /**
   * The query of a CREATE VIEW statement: the text after the AS that follows the view name. A
   * column list between name and AS is not kept (the model has no place for it).
   */
  static String viewQuery(String sql) {
    List<SqliteTokens.Token> tokens = SqliteTokens.tokenize(sql);
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isPunct('(')) {
        i = SqliteTokens.matching(tokens, i);
      } else if (tokens.get(i).is("AS") && i + 1 < tokens.size()) {
        return sql.substring(tokens.get(i + 1).start()).strip();
      }
    }
    return sql;
  }

  private static boolean isVirtual(String sql) {
    return sql.regionMatches(true, 0, "CREATE VIRTUAL", 0, "CREATE VIRTUAL".length());
  }

  private static void readColumn(
      ResultSet rs, Map<String, TableBuilder> tables, Map<String, SqliteTableSql> tableSql)
      throws SQLException {
    String tableName = rs.getString("tbl");
    SqliteTableSql sql = tableSql.get(tableName);
    String name = rs.getString("name");
    int hidden = rs.getInt("hidden");
    if (hidden == 1) {
      return; // a hidden column of a virtual table
    }
    tables
        .get(tableName)
        .columns
        .add(
            new Column(
                name,
                rs.getString("type"),
                rs.getInt("notnull") == 0,
                rs.getString("dflt_value"),
                sql.autoincrement.contains(name)
                    ? Column.Identity.AUTO_INCREMENT
                    : Column.Identity.NONE,
                hidden >= 2 ? sql.generated.get(name) : null,
                hidden == 3,
                sql.collations.get(name),
                null));
    int pk = rs.getInt("pk");
    if (pk > 0) {
      tables.get(tableName).pkColumns.put(pk, name);
    }
  }

  private static void primaryKey(TableBuilder table, SqliteTableSql sql) {
    if (!table.pkColumns.isEmpty()) {
      table.primaryKey =
          new PrimaryKey(sql.primaryKeyName, new ArrayList<>(table.pkColumns.values()));
    }
  }

  /** Writes names as a JSON array for {@code json_each}. */
  static String jsonArray(Iterable<String> names) {
    StringBuilder json = new StringBuilder("[");
    for (String name : names) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('"');
      for (char c : name.toCharArray()) {
        if (c == '"' || c == '\\') {
          json.append('\\').append(c);
        } else if (c < 0x20) {
          json.append(String.format("\\u%04x", (int) c));
        } else {
          json.append(c);
        }
      }
      json.append('"');
    }
    return json.append(']').toString();
  }

  /** The rows of one foreign key (one per column pair). */
  private static final class ForeignKeyParts {
    final String table;
    final String onUpdate;
    final String onDelete;
    final List<String> columns = new ArrayList<>();
    final List<String> referenced = new ArrayList<>();

    ForeignKeyParts(ResultSet rs) throws SQLException {
      table = rs.getString("ref");
      onUpdate = rs.getString("on_update");
      onDelete = rs.getString("on_delete");
    }

    void add(ResultSet rs) throws SQLException {
      columns.add(rs.getString("col"));
      String to = rs.getString("refcol");
      if (to != null) {
        referenced.add(to);
      }
    }

    ForeignKey build(SqliteTableSql sql) {
      String name = sql.foreignKeyNames.get(new SqliteTableSql.FkKey(columns, table));
      return new ForeignKey(name, columns, table, referenced, onDelete, onUpdate);
    }
  }

  /** The key rows of one index. */
  private static final class IndexParts {
    final String name;
    final boolean unique;
    final String origin;
    final List<Integer> cids = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<Boolean> descending = new ArrayList<>();

    IndexParts(ResultSet rs) throws SQLException {
      name = rs.getString("idx");
      unique = rs.getInt("uniq") == 1;
      origin = rs.getString("origin");
    }

    void add(ResultSet rs) throws SQLException {
      cids.add(rs.getInt("cid"));
      names.add(rs.getString("col"));
      descending.add(rs.getInt("descending") == 1);
    }

    List<String> columnNames() {
      return names;
    }

    Index build(String createSql) {
      SqliteIndexSql sql = SqliteIndexSql.parse(createSql);
      List<IndexColumn> keys = new ArrayList<>();
      for (int k = 0; k < cids.size(); k++) {
        boolean expression = cids.get(k) == -2; // SQLite marks expression keys with cid -2
        String text = k < sql.keys.size() ? sql.keys.get(k) : null;
        keys.add(
            new IndexColumn(
                expression ? null : names.get(k),
                expression ? text : null,
                descending.get(k),
                null,
                null));
      }
      return new Index(name, unique, keys, sql.where, null);
    }
  }
}
