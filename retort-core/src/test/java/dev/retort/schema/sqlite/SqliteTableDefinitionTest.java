package dev.retort.schema.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.schema.sqlite.SqliteTableDefinition.Column;
import dev.retort.schema.sqlite.SqliteTableDefinition.Constraint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SqliteTableDefinitionTest {
  static final String TRICKY =
      "CREATE TABLE \"order items\" -- the items\n"
          + "(\n"
          + "  [id] INTEGER PRIMARY KEY AUTOINCREMENT, -- surrogate key\n"
          + "  `name` TEXT NOT NULL DEFAULT 'a, b (c)' COLLATE NOCASE,\n"
          + "  \"price\" NUMERIC(10, 2) CHECK (\"price\" >= 0 AND (price < 1e6)),\n"
          + "  qty INT DEFAULT (abs(-1) + 1),\n"
          + "  /* computed, so never copied */\n"
          + "  total AS (price * qty) STORED,\n"
          + "  parent_id INTEGER CONSTRAINT fk_parent REFERENCES \"order items\"(id)"
          + " ON DELETE SET NULL,\n"
          + "  CONSTRAINT \"uq name\" UNIQUE (name, qty),\n"
          + "  CHECK (qty > 0 OR name = 'x,y') -- last one\n"
          + ")";

  @Test
  void splitsTrickyDdlAndReEmitsItUnchanged() throws SQLException {
    SqliteTableDefinition def = SqliteTableDefinition.parse(TRICKY);

    assertThat(def.tableName()).isEqualTo("order items");
    assertThat(def.columns())
        .extracting(Column::name)
        .containsExactly("id", "name", "price", "qty", "total", "parent_id");
    assertThat(def.column("NAME").orElseThrow().definition())
        .isEqualTo("`name` TEXT NOT NULL DEFAULT 'a, b (c)' COLLATE NOCASE");
    assertThat(def.column("price").orElseThrow().definition())
        .isEqualTo("\"price\" NUMERIC(10, 2) CHECK (\"price\" >= 0 AND (price < 1e6))");
    assertThat(def.constraints())
        .containsExactly(
            new Constraint("uq name", "CONSTRAINT \"uq name\" UNIQUE (name, qty)"),
            new Constraint(null, "CHECK (qty > 0 OR name = 'x,y')"));
    assertThat(def.strict()).isFalse();
    assertThat(def.withoutRowid()).isFalse();
    assertThat(def.toCreateSql("order items")).isEqualTo(TRICKY);
    assertThat(TableFacts.autoincrement(def)).isTrue();
    assertThat(TableFacts.rowidAlias(def)).isEqualTo("id");
    assertThat(TableFacts.column(def, "total").generatedStored()).isTrue();
    assertThat(TableFacts.column(def, "qty").defaultText()).isEqualTo("(abs(-1) + 1)");
    assertThat(TableFacts.column(def, "name").notNull()).isTrue();
    assertValid(def.toCreateSql("t"));
  }

  @Test
  void readsTableOptionsAndQuotedNames() {
    SqliteTableDefinition def =
        SqliteTableDefinition.parse(
            "CREATE TABLE IF NOT EXISTS main.[my table] (`a``b` TEXT PRIMARY KEY, \"c\"\"d\" INT)"
                + " WITHOUT ROWID, STRICT");
    assertThat(def.tableName()).isEqualTo("my table");
    assertThat(def.columns()).extracting(Column::name).containsExactly("a`b", "c\"d");
    assertThat(def.strict()).isTrue();
    assertThat(def.withoutRowid()).isTrue();
    assertThat(TableFacts.rowidAlias(def)).isNull();
    assertThat(def.toCreateSql("x"))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS \"x\" (`a``b` TEXT PRIMARY KEY, \"c\"\"d\" INT)"
                + " WITHOUT ROWID, STRICT");
  }

  @Test
  void dropColumnKeepsTheNeighboursTextAndComments() throws SQLException {
    SqliteTableDefinition def = SqliteTableDefinition.parse(TRICKY).dropColumn("parent_id");
    assertThat(def.toCreateSql("order items"))
        .isEqualTo(
            TRICKY.replace(
                "  parent_id INTEGER CONSTRAINT fk_parent REFERENCES \"order items\"(id)"
                    + " ON DELETE SET NULL,\n",
                ""));
    SqliteTableDefinition noId = SqliteTableDefinition.parse(TRICKY).dropColumn("ID");
    assertThat(noId.toCreateSql("order items"))
        .isEqualTo(
            TRICKY.replace("  [id] INTEGER PRIMARY KEY AUTOINCREMENT, -- surrogate key\n", ""));
    assertValid(def.toCreateSql("t"));
  }

  @Test
  void droppingTheLastPartKeepsItsCommentsOutOfTheWay() throws SQLException {
    String sql = "CREATE TABLE \"t\" (a INT, -- the a\n  b INT -- the b\n)";
    SqliteTableDefinition def = SqliteTableDefinition.parse(sql);
    assertThat(def.dropColumn("b").toCreateSql("t"))
        .isEqualTo("CREATE TABLE \"t\" (a INT -- the a\n)");
    String oneLine = "CREATE TABLE \"t\" (a INT, -- the a\n  b INT)";
    assertThat(SqliteTableDefinition.parse(oneLine).dropColumn("b").toCreateSql("t"))
        .isEqualTo("CREATE TABLE \"t\" (a INT -- the a\n)");
    assertValid(def.dropColumn("b").toCreateSql("t"));
  }

  @Test
  void addColumnFollowsTheIndentationAndStepsAroundLineComments() throws SQLException {
    String sql = "CREATE TABLE \"t\" (\n    a INT, -- the a\n    b INT -- the b\n)";
    SqliteTableDefinition def = SqliteTableDefinition.parse(sql).addColumn("c TEXT DEFAULT 'x'");
    assertThat(def.toCreateSql("t"))
        .isEqualTo(
            "CREATE TABLE \"t\" (\n    a INT, -- the a\n    b INT, -- the b\n    c TEXT DEFAULT 'x'\n)");
    assertThat(def.sourceOf("c")).isNull();
    assertThat(def.sourceOf("b")).isEqualTo("b");
    assertValid(def.toCreateSql("t"));

    SqliteTableDefinition compact =
        SqliteTableDefinition.parse("CREATE TABLE \"t\"(a INT, UNIQUE (a))").addColumn("b INT");
    assertThat(compact.toCreateSql("t")).isEqualTo("CREATE TABLE \"t\"(a INT, b INT, UNIQUE (a))");
  }

  @Test
  void renameColumnRenamesItsReferencesInThisTable() throws SQLException {
    SqliteTableDefinition def =
        SqliteTableDefinition.parse(TRICKY).renameColumn("price", "unit price");
    String expected =
        TRICKY
            .replace(
                "\"price\" NUMERIC(10, 2) CHECK (\"price\" >= 0 AND (price < 1e6))",
                "\"unit price\" NUMERIC(10, 2) CHECK (\"unit price\" >= 0 AND (\"unit price\" < 1e6))")
            .replace("total AS (price * qty)", "total AS (\"unit price\" * qty)");
    assertThat(def.toCreateSql("order items")).isEqualTo(expected);
    assertThat(def.sourceOf("unit price")).isEqualTo("price");

    SqliteTableDefinition qty = SqliteTableDefinition.parse(TRICKY).renameColumn("qty", "n");
    assertThat(qty.constraints())
        .extracting(Constraint::definition)
        .containsExactly(
            "CONSTRAINT \"uq name\" UNIQUE (name, \"n\")", "CHECK (\"n\" > 0 OR name = 'x,y')");
    assertValid(def.toCreateSql("t"));
    assertValid(qty.toCreateSql("t"));
  }

  @Test
  void replaceColumnKeepsItsPlaceAndSource() throws SQLException {
    SqliteTableDefinition def =
        SqliteTableDefinition.parse(TRICKY)
            .replaceColumn("qty", "quantity INTEGER NOT NULL DEFAULT 1");
    assertThat(def.column("quantity").orElseThrow().definition())
        .isEqualTo("quantity INTEGER NOT NULL DEFAULT 1");
    assertThat(def.sourceOf("quantity")).isEqualTo("qty");
    assertThat(def.toCreateSql("order items"))
        .contains("  quantity INTEGER NOT NULL DEFAULT 1,\n  /* computed, so never copied */\n")
        .contains("UNIQUE (name, \"quantity\")")
        .contains("total AS (price * \"quantity\") STORED");
    assertValid(def.toCreateSql("t"));
  }

  @Test
  void addsAndDropsConstraints() throws SQLException {
    SqliteTableDefinition def = SqliteTableDefinition.parse(TRICKY);
    SqliteTableDefinition added = def.addConstraint("CONSTRAINT ck_total CHECK (total < 1000)");
    assertThat(added.toCreateSql("order items"))
        .endsWith(
            "  CHECK (qty > 0 OR name = 'x,y'), -- last one\n"
                + "  CONSTRAINT ck_total CHECK (total < 1000)\n)");
    assertValid(added.toCreateSql("t"));

    assertThat(added.dropConstraint("ck_total").toCreateSql("order items")).isEqualTo(TRICKY);
    assertThat(def.dropConstraint("\"uq name\"").constraints()).hasSize(1);
    assertThat(def.dropConstraint("check(QTY > 0   or name = 'x,y')").constraints())
        .extracting(Constraint::name)
        .containsExactly("uq name");
    assertThat(def.dropConstraint("fk_parent").column("parent_id").orElseThrow().definition())
        .isEqualTo("parent_id INTEGER");

    assertThatThrownBy(() -> def.dropConstraint("nope"))
        .isInstanceOf(RetortException.class)
        .hasMessage(
            "table order items has no constraint nope; its table constraints are: uq name,"
                + " CHECK (qty > 0 OR name = 'x,y')");
    assertThatThrownBy(() -> def.addConstraint("PRIMARY KEY (name)"))
        .hasMessageContaining("already has a PRIMARY KEY");
    assertThatThrownBy(() -> def.addConstraint("CONSTRAINT \"UQ NAME\" UNIQUE (qty)"))
        .hasMessageContaining("already has a constraint named UQ NAME");
    assertThatThrownBy(() -> def.addConstraint("x INT"))
        .hasMessageContaining("is not a table constraint");
  }

  @Test
  void refusesWhatWouldLoseOrBreakSomething() {
    SqliteTableDefinition def = SqliteTableDefinition.parse(TRICKY);
    assertThatThrownBy(() -> def.dropColumn("nope"))
        .isInstanceOf(RetortException.class)
        .satisfies(
            e -> assertThat(((RetortException) e).code()).isEqualTo(ErrorCode.MIGRATION_FAILED))
        .hasMessage(
            "table order items has no column nope; its columns are id, name, price, qty, total,"
                + " parent_id");
    assertThatThrownBy(() -> def.dropColumn("qty"))
        .hasMessage(
            "cannot drop column qty of table order items: it is used by table constraint"
                + " CONSTRAINT \"uq name\" UNIQUE (name, qty); table constraint CHECK (qty > 0 OR"
                + " name = 'x,y'); column total; drop or change those first");
    assertThatThrownBy(() -> def.addColumn("NAME int"))
        .hasMessageContaining("already has a column named NAME");
    assertThatThrownBy(() -> def.renameColumn("qty", "price"))
        .hasMessageContaining("already has a column named price");
    assertThatThrownBy(() -> def.addColumn("a int, b int"))
        .hasMessageContaining("exactly one column definition");
    assertThatThrownBy(() -> def.addColumn("a int check (a > 0")).hasMessageContaining("unclosed");
    assertThatThrownBy(() -> def.addColumn("a int -- note")).hasMessageContaining("-- comment");
    assertThatThrownBy(() -> def.addColumn("UNIQUE (a)"))
        .hasMessageContaining("not a column definition");
    assertThatThrownBy(() -> SqliteTableDefinition.parse("CREATE TABLE t(a)").dropColumn("a"))
        .hasMessageContaining("only column");
    assertThatThrownBy(() -> SqliteTableDefinition.parse("CREATE VIRTUAL TABLE v USING fts5(body)"))
        .hasMessageContaining("virtual table");
    assertThatThrownBy(() -> SqliteTableDefinition.parse("CREATE TABLE t(a 'unterminated)"))
        .hasMessageContaining("unterminated");
  }

  @Test
  void findsTheRowidAliasAsSqliteDoes() {
    assertThat(alias("CREATE TABLE t(id integer PRIMARY KEY, a)")).isEqualTo("id");
    assertThat(alias("CREATE TABLE t(id INTEGER PRIMARY KEY DESC, a)")).isNull();
    assertThat(alias("CREATE TABLE t(id INTEGER, a, PRIMARY KEY (id DESC))")).isEqualTo("id");
    assertThat(alias("CREATE TABLE t(id INT PRIMARY KEY, a)")).isNull();
    assertThat(alias("CREATE TABLE t(a INTEGER, b INTEGER, PRIMARY KEY (a, b))")).isNull();
  }

  private static String alias(String sql) {
    return TableFacts.rowidAlias(SqliteTableDefinition.parse(sql));
  }

  /** The text must be accepted by SQLite itself. */
  private static void assertValid(String createSql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement st = c.createStatement()) {
      st.execute(createSql);
    }
  }
}
