package dev.retort.schema.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edits of a table's text: only the clause concerned changes, everything else stays as written. */
class DefinitionEditsTest {
  static final SqliteTableDefinition T =
      SqliteTableDefinition.parse(
          "CREATE TABLE t (\n"
              + "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
              + "  a int CONSTRAINT pos CHECK (a > 0) REFERENCES p (id) ON DELETE CASCADE,\n"
              + "  \"B\" text /* b */ NOT NULL DEFAULT 'x' COLLATE nocase,\n"
              + "  c,\n"
              + "  d varchar(10) UNIQUE CHECK (length(d) > 1),\n"
              + "  UNIQUE (b, c),\n"
              + "  CHECK (length(\"b\") < 10),\n"
              + "  CONSTRAINT fk_c FOREIGN KEY (c) REFERENCES p (id)\n"
              + ")");

  private static String column(SqliteTableDefinition d, String name) {
    return d.column(name).orElseThrow().definition();
  }

  @Test
  void aNewTypeKeepsTheColumnsConstraintsAndComments() {
    assertThat(column(DefinitionEdits.setType(T, "A", "bigint"), "a"))
        .isEqualTo("a bigint CONSTRAINT pos CHECK (a > 0) REFERENCES p (id) ON DELETE CASCADE");
    assertThat(column(DefinitionEdits.setType(T, "b", "varchar(20)"), "b"))
        .isEqualTo("\"B\" varchar(20) /* b */ NOT NULL DEFAULT 'x' COLLATE nocase");
    assertThat(column(DefinitionEdits.setType(T, "c", "text"), "c")).isEqualTo("c text");
    assertThat(column(DefinitionEdits.setType(T, "d", ""), "d"))
        .isEqualTo("d UNIQUE CHECK (length(d) > 1)");
  }

  @Test
  void notNullDefaultAndCollationGoRightAfterTheType() {
    assertThat(column(DefinitionEdits.setNotNull(T, "a", true), "a"))
        .isEqualTo(
            "a int NOT NULL CONSTRAINT pos CHECK (a > 0) REFERENCES p (id) ON DELETE CASCADE");
    assertThat(column(DefinitionEdits.setNotNull(T, "b", false), "b"))
        .isEqualTo("\"B\" text /* b */ DEFAULT 'x' COLLATE nocase");
    assertThat(column(DefinitionEdits.setNotNull(T, "c", true), "c")).isEqualTo("c NOT NULL");
    assertThat(column(DefinitionEdits.setDefault(T, "b", "(lower('Y'))"), "b"))
        .isEqualTo("\"B\" text DEFAULT (lower('Y')) /* b */ NOT NULL COLLATE nocase");
    assertThat(column(DefinitionEdits.setDefault(T, "b", null), "b"))
        .isEqualTo("\"B\" text /* b */ NOT NULL COLLATE nocase");
    assertThat(column(DefinitionEdits.setCollation(T, "b", null), "b"))
        .isEqualTo("\"B\" text /* b */ NOT NULL DEFAULT 'x'");
    assertThat(column(DefinitionEdits.setCollation(T, "c", "rtrim"), "c"))
        .isEqualTo("c COLLATE \"rtrim\"");
  }

  @Test
  void foreignKeysAreFoundByNameOrByColumnsAndTable() {
    SqliteTableDefinition inline = DefinitionEdits.dropForeignKey(T, null, List.of("A"), "P");
    assertThat(column(inline, "a")).isEqualTo("a int CONSTRAINT pos CHECK (a > 0)");

    SqliteTableDefinition named = DefinitionEdits.dropForeignKey(T, "fk_c", List.of("c"), "p");
    SqliteTableDefinition byColumns = DefinitionEdits.dropForeignKey(T, null, List.of("c"), "p");
    assertThat(named.constraints()).hasSize(2).isEqualTo(byColumns.constraints());
    assertThat(named.toString()).doesNotContain("fk_c").endsWith("CHECK (length(\"b\") < 10)\n)");

    assertThatThrownBy(() -> DefinitionEdits.dropForeignKey(T, null, List.of("c"), "q"))
        .isInstanceOf(RetortException.class)
        .hasMessage(
            "table t has no foreign key (c) REFERENCES q; its table constraints are:"
                + " UNIQUE (b, c), CHECK (length(\"b\") < 10), fk_c")
        .extracting(e -> ((RetortException) e).code())
        .isEqualTo(ErrorCode.MIGRATION_FAILED);
  }

  @Test
  void uniqueAndCheckConstraintsAreFoundByWhatTheySay() {
    assertThat(DefinitionEdits.dropUnique(T, null, List.of("B", "c")).constraints())
        .extracting(SqliteTableDefinition.Constraint::definition)
        .containsExactly(
            "CHECK (length(\"b\") < 10)", "CONSTRAINT fk_c FOREIGN KEY (c) REFERENCES p (id)");
    assertThat(column(DefinitionEdits.dropUnique(T, null, List.of("d")), "d"))
        .isEqualTo("d varchar(10) CHECK (length(d) > 1)");
    assertThat(DefinitionEdits.dropCheck(T, null, "LENGTH(b)<10").constraints()).hasSize(2);
    assertThat(column(DefinitionEdits.dropCheck(T, "POS", "whatever"), "a"))
        .isEqualTo("a int REFERENCES p (id) ON DELETE CASCADE");
    assertThat(column(DefinitionEdits.dropCheck(T, null, "length(d) > 1"), "d"))
        .isEqualTo("d varchar(10) UNIQUE");
    assertThatThrownBy(() -> DefinitionEdits.dropUnique(T, null, List.of("a")))
        .hasMessageStartingWith("table t has no UNIQUE constraint (a); its table constraints are");
    assertThatThrownBy(() -> DefinitionEdits.dropCheck(T, null, "a < 0"))
        .hasMessageStartingWith("table t has no CHECK (a < 0)");
  }

  @Test
  void thePrimaryKeyGoesFromItsColumnOrItsConstraint() {
    assertThat(column(DefinitionEdits.dropPrimaryKey(T), "id")).isEqualTo("id INTEGER");
    SqliteTableDefinition composite =
        SqliteTableDefinition.parse("CREATE TABLE pt (a INT, b INT, PRIMARY KEY (a, b))");
    assertThat(DefinitionEdits.dropPrimaryKey(composite).toString())
        .isEqualTo("CREATE TABLE \"pt\" (a INT, b INT)");
    SqliteTableDefinition none = DefinitionEdits.dropPrimaryKey(composite);
    assertThatThrownBy(() -> DefinitionEdits.dropPrimaryKey(none))
        .hasMessage("table pt has no PRIMARY KEY to drop");
  }

  @Test
  void anUnknownColumnIsNamedWithTheColumnsThereAre() {
    assertThatThrownBy(() -> DefinitionEdits.setType(T, "zz", "int"))
        .hasMessage("table t has no column zz; its columns are id, a, B, c, d");
  }
}
