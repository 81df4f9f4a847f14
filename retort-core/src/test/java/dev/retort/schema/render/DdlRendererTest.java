package dev.retort.schema.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.dialect.MySqlDialect;
import dev.retort.dialect.PostgresDialect;
import dev.retort.dialect.SqliteDialect;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.op.AddColumn;
import dev.retort.schema.op.AddForeignKey;
import dev.retort.schema.op.AlterColumnDefault;
import dev.retort.schema.op.AlterColumnNullability;
import dev.retort.schema.op.AlterColumnType;
import dev.retort.schema.op.CreateEnum;
import dev.retort.schema.op.CreateIndex;
import dev.retort.schema.op.DropCheck;
import dev.retort.schema.op.DropColumn;
import dev.retort.schema.op.DropForeignKey;
import dev.retort.schema.op.RenameColumn;
import dev.retort.schema.op.RenameTable;
import dev.retort.schema.op.SchemaOperation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlRendererTest {
  private static final DdlRenderer PG = DdlRenderers.forDialect(new PostgresDialect());
  private static final DdlRenderer MYSQL = DdlRenderers.forDialect(new MySqlDialect(true));
  private static final SqliteDdlRenderer SQLITE = new SqliteDdlRenderer(new SqliteDialect());

  private static final Column NAME = Column.of("na\"me", "varchar(50)");

  @Test
  void identifiersAreQuoted() {
    assertThat(PG.render(new RenameColumn("t", "na\"me", "x")))
        .containsExactly("ALTER TABLE \"t\" RENAME COLUMN \"na\"\"me\" TO \"x\"");
    assertThat(MYSQL.render(new RenameTable("a`b", "c")))
        .containsExactly("ALTER TABLE `a``b` RENAME TO `c`");
  }

  @Test
  void postgresAltersNatively() {
    assertThat(
            PG.render(
                new AlterColumnType("t", NAME, NAME.withType("integer"), "\"na\"\"me\"::integer")))
        .containsExactly(
            "ALTER TABLE \"t\" ALTER COLUMN \"na\"\"me\" TYPE integer USING \"na\"\"me\"::integer");
    assertThat(PG.render(new AlterColumnNullability("t", NAME, NAME.notNull())))
        .containsExactly("ALTER TABLE \"t\" ALTER COLUMN \"na\"\"me\" SET NOT NULL");
    assertThat(PG.render(new AlterColumnDefault("t", NAME.withDefault("'x'"), NAME)))
        .containsExactly("ALTER TABLE \"t\" ALTER COLUMN \"na\"\"me\" DROP DEFAULT");
    assertThat(PG.render(new CreateEnum(new dev.retort.schema.EnumType("e", List.of("a", "it's")))))
        .containsExactly("CREATE TYPE \"e\" AS ENUM ('a', 'it''s')");
  }

  @Test
  void mysqlRestatesTheWholeColumn() {
    Column column = NAME.notNull().withDefault("'a'").withCollation("utf8mb4_bin");
    assertThat(MYSQL.render(new AlterColumnType("t", column, column.withType("varchar(80)"))))
        .containsExactly(
            "ALTER TABLE `t` MODIFY COLUMN `na\"me` varchar(80) COLLATE utf8mb4_bin NOT NULL"
                + " DEFAULT 'a'");
    ForeignKey fk = ForeignKey.of(List.of("a"), "p", List.of("id")).withName("fk");
    assertThat(MYSQL.render(new DropForeignKey("t", fk)))
        .containsExactly("ALTER TABLE `t` DROP FOREIGN KEY `fk`");
    assertThat(
            MYSQL.render(
                new CreateIndex(
                    "t",
                    new Index("ft", false, Index.on("x", "a", "b").columns(), null, "FULLTEXT"))))
        .containsExactly("CREATE FULLTEXT INDEX `ft` ON `t` (`a`, `b`)");
  }

  @Test
  void unnamedConstraintsCannotBeDroppedByName() {
    assertThatThrownBy(() -> PG.render(new DropCheck("t", new CheckConstraint(null, "a > 0"))))
        .isInstanceOf(RetortException.class)
        .hasMessageContaining("unnamed CHECK constraint on table t");
  }

  @Test
  void enumsExistOnlyOnPostgres() {
    assertThatThrownBy(
            () -> MYSQL.render(new CreateEnum(new dev.retort.schema.EnumType("e", List.of("a")))))
        .isInstanceOf(RetortException.class)
        .hasMessageContaining("no enum types");
  }

  @Test
  void sqliteRefusesWhatNeedsARebuild() {
    List<SchemaOperation> rebuild =
        List.of(
            new AlterColumnType("t", NAME, NAME.withType("TEXT")),
            new AlterColumnNullability("t", NAME, NAME.notNull()),
            new AlterColumnDefault("t", NAME, NAME.withDefault("1")),
            new AddForeignKey("t", ForeignKey.of(List.of("a"), "p", List.of("id"))),
            new AddColumn("t", Column.of("c", "TEXT").notNull()),
            new AddColumn("t", Column.of("c", "TEXT").withDefault("CURRENT_TIMESTAMP")),
            new AddColumn("t", Column.of("c", "TEXT").withDefault("lower('A')")));
    for (SchemaOperation op : rebuild) {
      assertThat(SQLITE.needsRebuild(op)).as(op.toString()).isTrue();
      assertThatThrownBy(() -> SQLITE.render(op))
          .isInstanceOf(RetortException.class)
          .hasMessageContaining("table must be rebuilt")
          .satisfies(e -> assertThat(((RetortException) e).code()).isEqualTo(ErrorCode.USAGE));
    }
    assertThat(
            SQLITE.needsRebuild(
                new AddColumn("t", Column.of("c", "TEXT").notNull().withDefault("'x'"))))
        .isFalse();
    assertThat(SQLITE.needsRebuild(new RenameColumn("t", "a", "b"))).isFalse();
  }

  @Test
  void sqliteDropColumnNeedsARebuildWhenTheColumnIsUsed() {
    Table table =
        Table.of(
                "t",
                List.of(
                    Column.of("id", "INTEGER"),
                    Column.of("a", "INTEGER"),
                    Column.of("b", "INTEGER"),
                    Column.of("c", "INTEGER")))
            .withPrimaryKey(new PrimaryKey(null, List.of("id")))
            .withIndexes(List.of(Index.on("t_a", "a")))
            .withChecks(List.of(new CheckConstraint(null, "b > 0")));
    assertThat(SQLITE.needsRebuild(new DropColumn("t", Column.of("id", "INTEGER")), table))
        .isTrue();
    assertThat(SQLITE.needsRebuild(new DropColumn("t", Column.of("a", "INTEGER")), table)).isTrue();
    assertThat(SQLITE.needsRebuild(new DropColumn("t", Column.of("b", "INTEGER")), table)).isTrue();
    assertThat(SQLITE.needsRebuild(new DropColumn("t", Column.of("c", "INTEGER")), table))
        .isFalse();
    assertThat(SQLITE.render(new DropColumn("t", Column.of("c", "INTEGER"))))
        .containsExactly("ALTER TABLE \"t\" DROP COLUMN \"c\"");
  }
}
