package dev.retort.schema.op;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexColumn;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.TestDb;
import dev.retort.schema.UniqueConstraint;
import dev.retort.schema.render.DdlRenderers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fluent API's operations applied to live databases, then undone by their inverses down to an
 * empty schema.
 */
class OperationsTest {
  @TempDir Path dir;

  @Test
  void postgres() throws Exception {
    try (TestDb db = TestDb.postgres()) {
      Column summary = Column.of("summary", "varchar(50)");
      Operations ops =
          new Operations()
              .createEnum("status", "new", "done")
              .createSequence(Sequence.of("ticket_no"))
              .createTable(
                  "project",
                  List.of(
                      Column.of("id", "integer").notNull(), Column.of("name", "text").notNull()),
                  "id")
              .createTable(
                  "task",
                  List.of(
                      Column.of("id", "integer").notNull(),
                      Column.of("project_id", "integer"),
                      Column.of("title", "varchar(50)")),
                  "id")
              .addColumn("task", Column.of("state", "status").notNull().withDefault("'new'"))
              .addColumn("task", Column.of("no", "bigint").withDefault("nextval('ticket_no')"))
              .renameColumn("task", "title", "summary")
              .alterColumnType("task", summary, "varchar(200)")
              .alterColumnNullability("task", summary.withType("varchar(200)"), false)
              .alterColumnDefault("task", summary.withType("varchar(200)").notNull(), "'untitled'")
              .createIndex("task", "task_summary", "summary")
              .createExpressionIndex("task", "task_lower_summary", "lower(summary)")
              .addForeignKey(
                  "task", "task_project", List.of("project_id"), "project", List.of("id"))
              .addUnique("project", "project_name", "name")
              .addCheck("task", "task_no_positive", "no > 0")
              .createView("open_tasks", "SELECT id, summary FROM task WHERE state = 'new'")
              .renameTable("project", "projects");
      apply(db, ops.build());
      SchemaModel model = db.introspect();
      Table task = model.table("task").orElseThrow();
      assertThat(task.columns())
          .extracting(Column::name)
          .containsExactly("id", "project_id", "summary", "state", "no");
      Column changed = task.column("summary").orElseThrow();
      assertThat(changed.type()).isEqualTo("character varying(200)");
      assertThat(changed.nullable()).isFalse();
      assertThat(changed.defaultExpression()).isEqualTo("'untitled'::character varying");
      assertThat(task.foreignKeys())
          .containsExactly(
              new ForeignKey(
                  "task_project", List.of("project_id"), "projects", List.of("id"), null, null));
      assertThat(task.indexes())
          .extracting(Index::name)
          .containsExactly("task_lower_summary", "task_summary");
      assertThat(model.table("projects").orElseThrow().uniques())
          .containsExactly(new UniqueConstraint("project_name", List.of("name")));
      assertThat(model.enums()).hasSize(1);
      assertThat(model.sequences()).hasSize(1);
      assertThat(model.views()).hasSize(1);

      apply(db, ops.inverse());
      assertThat(db.introspect()).isEqualTo(SchemaModel.empty());
    }
  }

  @Test
  void mariadb() throws Exception {
    try (TestDb db = TestDb.mariadb()) {
      Column summary = Column.of("summary", "varchar(50)");
      Operations ops =
          new Operations()
              .createTable(
                  "project",
                  List.of(Column.of("id", "int").notNull(), Column.of("name", "varchar(50)")),
                  "id")
              .createTable(
                  "task",
                  List.of(
                      Column.of("id", "int").notNull(),
                      Column.of("project_id", "int"),
                      Column.of("title", "varchar(50)")),
                  "id")
              .addColumn("task", Column.of("no", "bigint").notNull().withDefault("1"))
              .renameColumn("task", "title", "summary")
              .alterColumnType("task", summary, "varchar(200)")
              .alterColumnNullability("task", summary.withType("varchar(200)"), false)
              .alterColumnDefault("task", summary.withType("varchar(200)").notNull(), "'untitled'")
              .createIndex(
                  "task",
                  new Index(
                      "task_summary",
                      false,
                      List.of(new IndexColumn("summary", null, true, null, 10)),
                      null,
                      null))
              .addForeignKey(
                  "task", "task_project", List.of("project_id"), "project", List.of("id"))
              .addUnique("project", "project_name", "name")
              .addCheck("task", "task_no_positive", "`no` > 0")
              .createView("task_summaries", "SELECT id, summary FROM task")
              .renameTable("project", "projects");
      apply(db, ops.build());
      SchemaModel model = db.introspect();
      Table task = model.table("task").orElseThrow();
      Column changed = task.column("summary").orElseThrow();
      assertThat(changed.type()).isEqualTo("varchar(200)");
      assertThat(changed.nullable()).isFalse();
      assertThat(changed.defaultExpression()).isEqualTo("'untitled'");
      assertThat(task.foreignKeys())
          .extracting(ForeignKey::referencedTable)
          .containsExactly("projects");
      assertThat(task.indexes())
          .extracting(Index::name)
          .containsExactly("task_project", "task_summary");
      assertThat(model.table("projects").orElseThrow().indexes())
          .extracting(Index::name)
          .containsExactly("project_name");

      apply(db, ops.inverse());
      assertThat(db.introspect()).isEqualTo(SchemaModel.empty());
    }
  }

  @Test
  void sqlite() throws Exception {
    try (TestDb db = TestDb.sqlite(dir)) {
      Operations ops =
          new Operations()
              .createTable(
                  "project",
                  List.of(Column.of("id", "INTEGER").notNull(), Column.of("name", "TEXT")),
                  "id")
              .addColumn("project", Column.of("note", "TEXT").withDefault("'none'"))
              .addColumn("project", Column.of("extra", "TEXT"))
              .renameColumn("project", "name", "title")
              .createIndex("project", "project_title", "title")
              .createExpressionIndex("project", "project_lower_title", "lower(title)")
              .createView("titles", "SELECT title FROM project")
              .createTrigger(
                  "project",
                  "project_ai",
                  "CREATE TRIGGER project_ai AFTER INSERT ON project BEGIN SELECT 1; END")
              .dropColumn("project", Column.of("extra", "TEXT"))
              .renameTable("project", "projects");
      apply(db, ops.build());
      SchemaModel model = db.introspect();
      Table projects = model.table("projects").orElseThrow();
      assertThat(projects.columns())
          .extracting(Column::name)
          .containsExactly("id", "title", "note");
      assertThat(projects.indexes())
          .extracting(Index::name)
          .containsExactly("project_lower_title", "project_title");
      assertThat(projects.triggers()).hasSize(1);

      apply(db, ops.inverse());
      assertThat(db.introspect()).isEqualTo(SchemaModel.empty());
    }
  }

  private static void apply(TestDb db, List<SchemaOperation> ops) throws Exception {
    db.execute(DdlRenderers.forDialect(db.dialect).render(ops));
  }
}
