package dev.retort.schema.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.schema.CheckConstraint;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteSqlTest {
  @Test
  void readsWhatThePragmasDoNotSay() {
    SqliteTableSql table =
        SqliteTableSql.parse(
            "CREATE TABLE \"my \"\"t\"\" \" ( -- a comment, with (parens\n"
                + "  [id] INTEGER CONSTRAINT pk PRIMARY KEY AUTOINCREMENT,\n"
                + "  `name` VARCHAR(10, 2) COLLATE \"NoCase\" CHECK (name <> 'a,b)'),\n"
                + "  total AS ((id + 1) * 2) STORED, /* block, comment */\n"
                + "  ref INTEGER CONSTRAINT fk_ref REFERENCES other(x) ON DELETE CASCADE,\n"
                + "  CONSTRAINT two UNIQUE (\"name\", ref),\n"
                + "  CHECK (id > 0)\n"
                + ") WITHOUT ROWID, STRICT");
    assertThat(table.primaryKeyName).isEqualTo("pk");
    assertThat(table.autoincrement).containsExactly("id");
    assertThat(table.collations).containsEntry("name", "NoCase");
    assertThat(table.generated).containsEntry("total", "(id + 1) * 2");
    assertThat(table.checks)
        .containsExactly(
            new CheckConstraint(null, "name <> 'a,b)'"), new CheckConstraint(null, "id > 0"));
    assertThat(table.uniqueNames).containsEntry(List.of("name", "ref"), "two");
    assertThat(table.foreignKeyNames)
        .containsEntry(new SqliteTableSql.FkKey(List.of("ref"), "other"), "fk_ref");
    assertThat(table.strict).isTrue();
    assertThat(table.withoutRowid).isTrue();
  }

  @Test
  void readsIndexKeysAndPredicate() {
    SqliteIndexSql index =
        SqliteIndexSql.parse(
            "CREATE UNIQUE INDEX i ON t (lower(a) COLLATE nocase DESC, \"b\", (c + d))"
                + " WHERE a IS NOT NULL AND c > 0");
    assertThat(index.keys).containsExactly("lower(a)", "\"b\"", "(c + d)");
    assertThat(index.where).isEqualTo("a IS NOT NULL AND c > 0");
  }

  @Test
  void viewQuery() {
    assertThat(
            SqliteIntrospector.viewQuery(
                "CREATE VIEW IF NOT EXISTS v (a) AS\n  SELECT x AS a FROM t"))
        .isEqualTo("SELECT x AS a FROM t");
  }

  @Test
  void mysqlDefaultsBecomeExpressions() {
    assertThat(MySqlIntrospector.defaultExpression("NULL", "", "int(11)", true)).isNull();
    assertThat(MySqlIntrospector.defaultExpression("'x'", "", "varchar(5)", true)).isEqualTo("'x'");
    assertThat(MySqlIntrospector.defaultExpression("it's", "", "varchar(5)", false))
        .isEqualTo("'it''s'");
    assertThat(MySqlIntrospector.defaultExpression("12", "", "int", false)).isEqualTo("12");
    assertThat(MySqlIntrospector.defaultExpression("12", "", "varchar(3)", false))
        .isEqualTo("'12'");
    assertThat(
            MySqlIntrospector.defaultExpression(
                "CURRENT_TIMESTAMP", "default_generated", "timestamp", false))
        .isEqualTo("CURRENT_TIMESTAMP");
    assertThat(MySqlIntrospector.defaultExpression("rand()", "default_generated", "double", false))
        .isEqualTo("(rand())");
    assertThat(MySqlIntrospector.unqualify("select `db`.`t`.`a` from `db`.`t`", "db"))
        .isEqualTo("select `t`.`a` from `t`");
  }
}
