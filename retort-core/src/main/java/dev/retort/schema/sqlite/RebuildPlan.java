package dev.retort.schema.sqlite;

import static dev.retort.schema.sqlite.SqlLexer.literal;
import static dev.retort.schema.sqlite.SqlLexer.quote;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.schema.sqlite.Dependents.SchemaObject;
import dev.retort.schema.sqlite.SqlLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The statements of steps 3 to 8 of SQLite's 12-step table change
 * (sqlite.org/lang_altertable.html#otheralter) for one table, shared by the live rebuild and by
 * offline SQL output so both do exactly the same thing.
 */
final class RebuildPlan {
  enum Kind {
    DROP_LEFTOVER,
    DROP_VIEW,
    CREATE_TABLE,
    COPY,
    SEQUENCE,
    DROP_TABLE,
    PRAGMA,
    RENAME,
    CREATE_INDEX,
    CREATE_TRIGGER,
    CREATE_TEMP_TRIGGER,
    CREATE_VIEW,
    STATISTICS
  }

  /** One statement; {@code what} names it in error messages. */
  record Step(Kind kind, String what, String sql) {}

  /**
   * The copy statement without a WHERE clause, and the old table's rowid name when the copy can be
   * cut into rowid ranges (null for a WITHOUT ROWID table).
   */
  record Copy(String sql, String oldRowid) {}

  final Dependents dependents;
  final String table;
  final String temp;
  final SqliteTableDefinition changed;
  final List<Step> steps = new ArrayList<>();
  final List<String> droppedIndexes = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final Copy copy;

  private RebuildPlan(Dependents dependents, SqliteTableDefinition changed, Copy copy) {
    this.dependents = dependents;
    this.table = dependents.table;
    this.temp = Dependents.TEMP_PREFIX + dependents.table;
    this.changed = changed;
    this.copy = copy;
  }

  static RebuildPlan create(
      Dependents d,
      SqliteTableDefinition original,
      SqliteTableDefinition changed,
      boolean legacyAlterTable) {
    String temp = Dependents.TEMP_PREFIX + d.table;
    RebuildPlan plan = new RebuildPlan(d, changed, copy(original, changed, temp, d.table));
    Map<String, String> renamed = new LinkedHashMap<>();
    List<String> kept = new ArrayList<>();
    for (SqliteTableDefinition.Column c : changed.columns()) {
      String source = changed.sourceOf(c.name());
      if (source != null && original.column(source).isPresent()) {
        kept.add(source.toLowerCase(Locale.ROOT));
        if (!source.equalsIgnoreCase(c.name())) {
          renamed.put(source.toLowerCase(Locale.ROOT), c.name());
        }
      }
    }
    List<String> dropped = new ArrayList<>();
    for (SqliteTableDefinition.Column c : original.columns()) {
      if (!kept.contains(c.name().toLowerCase(Locale.ROOT))) {
        dropped.add(c.name());
      }
    }
    List<Step> s = plan.steps;
    if (d.leftover != null) {
      s.add(
          new Step(
              Kind.DROP_LEFTOVER,
              "drop leftover table " + d.leftover,
              "DROP TABLE " + quote(d.leftover)));
    }
    for (SchemaObject v : d.views) {
      s.add(new Step(Kind.DROP_VIEW, "drop view " + v.name(), "DROP VIEW " + quote(v.name())));
    }
    s.add(new Step(Kind.CREATE_TABLE, "create the new table", changed.toCreateSql(temp)));
    s.add(new Step(Kind.COPY, "copy the rows", plan.copy.sql()));
    if (TableFacts.autoincrement(original) && TableFacts.autoincrement(changed)) {
      // DROP TABLE deletes the table's sqlite_sequence row; the new table's row only reaches the
      // highest copied rowid, so carry the old counter over or deleted ids would be handed out.
      s.add(
          new Step(
              Kind.SEQUENCE,
              "keep the AUTOINCREMENT counter",
              "INSERT INTO sqlite_sequence(name, seq) SELECT "
                  + literal(temp)
                  + ", seq FROM sqlite_sequence WHERE name = "
                  + literal(d.table)
                  + " AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = "
                  + literal(temp)
                  + ")"));
      s.add(
          new Step(
              Kind.SEQUENCE,
              "keep the AUTOINCREMENT counter",
              "UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence"
                  + " WHERE name = "
                  + literal(d.table)
                  + "), 0)) WHERE name = "
                  + literal(temp)));
    }
    s.add(new Step(Kind.DROP_TABLE, "drop the old table", "DROP TABLE " + quote(d.table)));
    // Legacy mode makes RENAME touch only this table: the modern RENAME re-parses every trigger
    // and view of the schema and fails on any that mentions the (now dropped) table or is
    // broken for another reason; ours are recreated from their original text anyway.
    s.add(new Step(Kind.PRAGMA, "rename", "PRAGMA legacy_alter_table = ON"));
    s.add(
        new Step(
            Kind.RENAME,
            "rename the new table",
            "ALTER TABLE " + quote(temp) + " RENAME TO " + quote(d.table)));
    s.add(
        new Step(
            Kind.PRAGMA,
            "rename",
            "PRAGMA legacy_alter_table = " + (legacyAlterTable ? "ON" : "OFF")));
    List<String> recreated = new ArrayList<>();
    for (SchemaObject index : d.indexes) {
      if (plan.addIndex(index, dropped, renamed)) {
        recreated.add(index.name());
      }
    }
    // ANALYZE results of the recreated indexes (and the row count) still hold: put them back so
    // the query planner does not lose them. Automatic indexes are left out: their numbering
    // follows the constraints, which the change may have moved.
    for (String[] stat : d.statistics) {
      if (stat[0] == null || recreated.contains(stat[0])) {
        s.add(
            new Step(
                Kind.STATISTICS,
                "keep the statistics of " + (stat[0] == null ? d.table : stat[0]),
                "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ("
                    + literal(d.table)
                    + ", "
                    + (stat[0] == null ? "NULL" : literal(stat[0]))
                    + ", "
                    + literal(stat[1])
                    + ")"));
      }
    }
    for (SchemaObject t : d.triggers) {
      s.add(new Step(Kind.CREATE_TRIGGER, "recreate trigger " + t.name(), t.sql()));
    }
    for (SchemaObject v : d.views) {
      s.add(new Step(Kind.CREATE_VIEW, "recreate view " + v.name(), v.sql()));
    }
    for (SchemaObject t : d.viewTriggers) {
      s.add(new Step(Kind.CREATE_TRIGGER, "recreate trigger " + t.name(), t.sql()));
    }
    for (SchemaObject t : d.tempTriggers) {
      String sql = t.sql().strip();
      s.add(
          new Step(
              Kind.CREATE_TEMP_TRIGGER,
              "recreate temp trigger " + t.name(),
              sql.substring(0, "CREATE".length()) + " TEMP" + sql.substring("CREATE".length())));
    }
    return plan;
  }

  /** Adds the step recreating {@code index}, or notes why it goes; true when recreated. */
  private boolean addIndex(SchemaObject index, List<String> dropped, Map<String, String> renamed) {
    List<Token> tokens = SqlLexer.tokenize(index.sql());
    List<Integer> refs = ElementSyntax.indexReferences(tokens);
    for (String column : dropped) {
      if (ElementSyntax.mentions(tokens, refs, column)) {
        droppedIndexes.add(index.name());
        notes.add("index " + index.name() + " is not recreated: it uses dropped column " + column);
        return false;
      }
    }
    StringBuilder sql = new StringBuilder();
    Set<Integer> refSet = Set.copyOf(refs);
    for (int i = 0; i < tokens.size(); i++) {
      String to =
          refSet.contains(i) ? renamed.get(tokens.get(i).name().toLowerCase(Locale.ROOT)) : null;
      sql.append(to != null ? quote(to) : tokens.get(i).text());
    }
    steps.add(new Step(Kind.CREATE_INDEX, "recreate index " + index.name(), sql.toString()));
    return true;
  }

  /**
   * INSERT INTO new (columns) SELECT columns FROM old, columns matched through the name each new
   * column came from. Generated columns are computed, not copied. Rowids are copied too, because
   * applications may keep them (sqlite.org/lang_createtable.html#rowid), unless the new table's
   * INTEGER PRIMARY KEY, itself copied, already carries them.
   */
  private static Copy copy(
      SqliteTableDefinition original, SqliteTableDefinition changed, String temp, String table) {
    List<String> targets = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (SqliteTableDefinition.Column c : changed.columns()) {
      String source = changed.sourceOf(c.name());
      if (source == null
          || original.column(source).isEmpty()
          || TableFacts.column(changed, c.name()).generated()) {
        continue;
      }
      targets.add(quote(c.name()));
      sources.add(quote(original.column(source).get().name()));
    }
    String oldRowid = original.withoutRowid() ? null : rowidName(original);
    if (oldRowid != null && !changed.withoutRowid()) {
      String alias = TableFacts.rowidAlias(changed);
      if (alias == null || !targets.contains(quote(alias))) {
        String newRowid = rowidName(changed);
        if (newRowid != null) {
          targets.add(0, newRowid);
          sources.add(0, oldRowid);
        }
      }
    }
    if (targets.isEmpty()) {
      throw new RetortException(
          ErrorCode.MIGRATION_FAILED,
          "no column of the changed definition of table "
              + table
              + " takes data from the old table; keep at least one column");
    }
    String sql =
        "INSERT INTO "
            + quote(temp)
            + " ("
            + String.join(", ", targets)
            + ") SELECT "
            + String.join(", ", sources)
            + " FROM "
            + quote(table);
    return new Copy(sql, oldRowid);
  }

  /** A name that reaches the rowid: {@code rowid} unless a column took it (lang_createtable). */
  private static String rowidName(SqliteTableDefinition def) {
    for (String name : List.of("rowid", "_rowid_", "oid")) {
      if (def.column(name).isEmpty()) {
        return name;
      }
    }
    return null;
  }
}
