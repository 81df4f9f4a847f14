package dev.retort.schema.introspect;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexColumn;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.TableOptions;
import dev.retort.schema.Trigger;
import dev.retort.schema.UniqueConstraint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a PostgreSQL (13+) schema from pg_catalog, one query per kind of object. Types, defaults,
 * view, index and trigger definitions are the server's own deparsed text ({@code format_type},
 * {@code pg_get_expr}, {@code pg_get_viewdef}, {@code pg_get_triggerdef}), so they compare equal
 * whenever the objects are equal. Objects that belong to extensions, identity sequences and the
 * indexes, constraints and triggers a partition inherits from its parent are left out: they are
 * implied by other objects.
 */
final class PostgresIntrospector implements SchemaIntrospector {

  private static final String RELATIONS =
      "SELECT c.relname, c.relkind FROM pg_catalog.pg_class c"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'S')"
          + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
          + "   WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid"
          + "   AND d.deptype IN ('e', 'i'))";

  /** The relations a query reads: this schema, the accepted names. */
  private static final String SCOPE = " n.nspname = ? AND c.relname = ANY (?)";

  private static final String TABLES =
      "SELECT c.relname, c.relkind, d.description,"
          + " CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partkey,"
          + " CASE WHEN c.relispartition THEN (SELECT p.relname FROM pg_catalog.pg_inherits i"
          + "   JOIN pg_catalog.pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid)"
          + " END AS parent,"
          + " CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
          + " END AS bound,"
          + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid, true)"
          + " END AS viewdef"
          + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid"
          + "   AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0"
          + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND"
          + SCOPE;

  private static final String COLUMNS =
      "SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,"
          + " a.attnotnull, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS def,"
          + " a.attidentity, a.attgenerated,"
          + " CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS coll,"
          + " d.description"
          + " FROM pg_catalog.pg_attribute a"
          + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
          + " LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
          + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
          + " LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid"
          + "   AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum"
          + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND"
          + SCOPE
          + " ORDER BY a.attrelid, a.attnum";

  private static final String CONSTRAINTS =
      "SELECT c.relname, con.conname, con.contype,"
          + " ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)"
          + "   JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num"
          + "   ORDER BY k.ord) AS cols,"
          + " r.relname AS reftable,"
          + " ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)"
          + "   JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num"
          + "   ORDER BY k.ord) AS refcols,"
          + " con.confdeltype, con.confupdtype,"
          + " CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid, true)"
          + " END AS def"
          + " FROM pg_catalog.pg_constraint con"
          + " JOIN pg_catalog.pg_class c ON c.oid = con.conrelid"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_catalog.pg_class r ON r.oid = con.confrelid"
          + " WHERE con.contype IN ('p', 'u', 'f', 'c') AND con.conparentid = 0"
          + " AND con.conislocal AND"
          + SCOPE;

  private static final String INDEXES =
      "SELECT c.relname, ic.relname AS iname, i.indisunique, am.amname,"
          + " pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS pred,"
          + " ARRAY(SELECT a.attname FROM generate_series(0, i.indnkeyatts - 1) k"
          + "   LEFT JOIN pg_catalog.pg_attribute a"
          + "   ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k] ORDER BY k) AS cols,"
          + " ARRAY(SELECT CASE WHEN i.indkey[k] = 0"
          + "   THEN pg_catalog.pg_get_indexdef(i.indexrelid, k + 1, true) END"
          + "   FROM generate_series(0, i.indnkeyatts - 1) k ORDER BY k) AS exprs,"
          + " ARRAY(SELECT i.indoption[k]::int FROM generate_series(0, i.indnkeyatts - 1) k"
          + "   ORDER BY k) AS opts,"
          + " ARRAY(SELECT CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname END"
          + "   FROM generate_series(0, i.indnkeyatts - 1) k"
          + "   JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[k] ORDER BY k) AS opclasses"
          + " FROM pg_catalog.pg_index i"
          + " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
          + " JOIN pg_catalog.pg_am am ON am.oid = ic.relam"
          + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con"
          + "   WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid"
          + "   AND con.contype IN ('p', 'u', 'x'))"
          + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h"
          + "   WHERE h.inhrelid = i.indexrelid) AND"
          + SCOPE;

  private static final String TRIGGERS =
      "SELECT c.relname, t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true) AS def"
          + " FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND"
          + SCOPE;

  private static final String SEQUENCES =
      "SELECT c.relname, pg_catalog.format_type(s.seqtypid, NULL) AS type, s.seqstart,"
          + " s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,"
          + " o.relname AS owner_table, a.attname AS owner_column"
          + " FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass"
          + "   AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass"
          + "   AND d.deptype = 'a'"
          + " LEFT JOIN pg_catalog.pg_class o ON o.oid = d.refobjid"
          + " LEFT JOIN pg_catalog.pg_attribute a"
          + "   ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
          + " WHERE"
          + SCOPE;

  private static final String ENUMS =
      "SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels"
          + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
          + " JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid"
          + " WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
          + "   WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid"
          + "   AND d.deptype = 'e')"
          + " GROUP BY t.typname";

  @Override
  public SchemaModel introspect(Connection connection, SchemaFilter filter) {
    return Catalog.read("PostgreSQL", () -> read(connection, filter));
  }

  private SchemaModel read(Connection connection, SchemaFilter filter) throws SQLException {
    String schema = filter.schema() != null ? filter.schema() : currentSchema(connection);
    List<String> accepted = new ArrayList<>();
    Catalog.query(
        connection,
        RELATIONS,
        rs -> {
          if (filter.accepts(rs.getString(1))) {
            accepted.add(rs.getString(1));
          }
        },
        schema);
    Array names = connection.createArrayOf("text", accepted.toArray());

    Map<String, TableBuilder> tables = new LinkedHashMap<>();
    Map<String, ViewBuilder> views = new LinkedHashMap<>();
    Catalog.query(connection, TABLES, rs -> readRelation(rs, tables, views), schema, names);
    Catalog.query(connection, COLUMNS, rs -> readColumn(rs, tables), schema, names);
    Catalog.query(connection, CONSTRAINTS, rs -> readConstraint(rs, tables), schema, names);
    Catalog.query(connection, INDEXES, rs -> readIndex(rs, tables, views), schema, names);
    Catalog.query(connection, TRIGGERS, rs -> readTrigger(rs, tables, views), schema, names);
    List<Sequence> sequences = new ArrayList<>();
    Catalog.query(connection, SEQUENCES, rs -> sequences.add(sequence(rs)), schema, names);
    List<EnumType> enums = new ArrayList<>();
    Catalog.query(
        connection,
        ENUMS,
        rs -> enums.add(new EnumType(rs.getString(1), Catalog.strings(rs, "labels"))),
        schema);
    return new SchemaModel(
        tables.values().stream().map(TableBuilder::build).toList(),
        views.values().stream().map(ViewBuilder::build).toList(),
        sequences,
        enums);
  }

  private static String currentSchema(Connection connection) throws SQLException {
    String[] schema = new String[1];
    Catalog.query(connection, "SELECT current_schema()", rs -> schema[0] = rs.getString(1));
    return schema[0];
  }

  private static void readRelation(
      ResultSet rs, Map<String, TableBuilder> tables, Map<String, ViewBuilder> views)
      throws SQLException {
    String name = rs.getString("relname");
    String kind = rs.getString("relkind");
    if (kind.equals("v") || kind.equals("m")) {
      ViewBuilder view =
          new ViewBuilder(name, withoutSemicolon(rs.getString("viewdef")), kind.equals("m"));
      view.comment = rs.getString("description");
      views.put(name, view);
      return;
    }
    TableBuilder table = new TableBuilder(name);
    table.comment = rs.getString("description");
    String bound = rs.getString("bound");
    table.options =
        new TableOptions(
            false, false, rs.getString("partkey"), rs.getString("parent"), bound, null, null);
    tables.put(name, table);
  }

  /** pg_get_viewdef ends the query with a semicolon; the model keeps just the query. */
  private static String withoutSemicolon(String definition) {
    String text = definition.strip();
    return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
  }

  private static void readColumn(ResultSet rs, Map<String, TableBuilder> tables)
      throws SQLException {
    TableBuilder table = tables.get(rs.getString("relname"));
    String identity = rs.getString("attidentity");
    String generated = rs.getString("attgenerated");
    boolean isGenerated = generated != null && !generated.isEmpty();
    String expression = rs.getString("def");
    table.columns.add(
        new Column(
            rs.getString("attname"),
            rs.getString("type"),
            !rs.getBoolean("attnotnull"),
            isGenerated ? null : expression,
            "a".equals(identity)
                ? Column.Identity.ALWAYS
                : "d".equals(identity) ? Column.Identity.BY_DEFAULT : Column.Identity.NONE,
            isGenerated ? expression : null,
            "s".equals(generated),
            rs.getString("coll"),
            rs.getString("description")));
  }

  private static void readConstraint(ResultSet rs, Map<String, TableBuilder> tables)
      throws SQLException {
    TableBuilder table = tables.get(rs.getString("relname"));
    String name = rs.getString("conname");
    List<String> columns = Catalog.strings(rs, "cols");
    switch (rs.getString("contype")) {
      case "p":
        table.primaryKey = new PrimaryKey(name, columns);
        break;
      case "u":
        table.uniques.add(new UniqueConstraint(name, columns));
        break;
      case "f":
        table.foreignKeys.add(
            new ForeignKey(
                name,
                columns,
                rs.getString("reftable"),
                Catalog.strings(rs, "refcols"),
                action(rs.getString("confdeltype")),
                action(rs.getString("confupdtype"))));
        break;
      default:
        table.checks.add(new CheckConstraint(name, checkExpression(rs.getString("def"))));
    }
  }

  /** {@code CHECK ((a > 0))} to {@code (a > 0)}; a trailing NOT VALID is not part of it. */
  static String checkExpression(String definition) {
    String text = definition.trim();
    if (text.endsWith(" NOT VALID")) {
      text = text.substring(0, text.length() - " NOT VALID".length());
    }
    if (text.startsWith("CHECK (") && text.endsWith(")")) {
      return text.substring("CHECK (".length(), text.length() - 1);
    }
    return text;
  }

  private static String action(String code) {
    switch (code) {
      case "r":
        return "RESTRICT";
      case "c":
        return "CASCADE";
      case "n":
        return "SET NULL";
      case "d":
        return "SET DEFAULT";
      default:
        return "NO ACTION";
    }
  }

  private static void readIndex(
      ResultSet rs, Map<String, TableBuilder> tables, Map<String, ViewBuilder> views)
      throws SQLException {
    List<String> columns = Catalog.strings(rs, "cols");
    List<String> expressions = Catalog.strings(rs, "exprs");
    List<Integer> options = Catalog.ints(rs, "opts");
    List<String> opclasses = Catalog.strings(rs, "opclasses");
    List<IndexColumn> keys = new ArrayList<>();
    for (int k = 0; k < columns.size(); k++) {
      boolean descending = (options.get(k) & 1) != 0; // INDOPTION_DESC
      String opclass = k < opclasses.size() ? opclasses.get(k) : null;
      keys.add(
          new IndexColumn(
              columns.get(k),
              columns.get(k) == null ? expressions.get(k) : null,
              descending,
              opclass,
              null));
    }
    String method = rs.getString("amname");
    Index index =
        new Index(
            rs.getString("iname"),
            rs.getBoolean("indisunique"),
            keys,
            rs.getString("pred"),
            "btree".equals(method) ? null : method);
    String owner = rs.getString("relname");
    if (tables.containsKey(owner)) {
      tables.get(owner).indexes.add(index);
    } else {
      views.get(owner).indexes.add(index);
    }
  }

  private static void readTrigger(
      ResultSet rs, Map<String, TableBuilder> tables, Map<String, ViewBuilder> views)
      throws SQLException {
    String owner = rs.getString("relname");
    Trigger trigger = new Trigger(rs.getString("tgname"), owner, rs.getString("def"));
    if (tables.containsKey(owner)) {
      tables.get(owner).triggers.add(trigger);
    } else {
      views.get(owner).triggers.add(trigger);
    }
  }

  private static Sequence sequence(ResultSet rs) throws SQLException {
    return new Sequence(
        rs.getString("relname"),
        rs.getString("type"),
        rs.getLong("seqstart"),
        rs.getLong("seqincrement"),
        rs.getLong("seqmin"),
        rs.getLong("seqmax"),
        rs.getLong("seqcache"),
        rs.getBoolean("seqcycle"),
        rs.getString("owner_table"),
        rs.getString("owner_column"));
  }
}
