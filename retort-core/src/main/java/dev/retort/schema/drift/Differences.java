package dev.retort.schema.drift;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.diff.SchemaDiff;
import dev.retort.schema.op.AddCheck;
import dev.retort.schema.op.AddColumn;
import dev.retort.schema.op.AddForeignKey;
import dev.retort.schema.op.AddUnique;
import dev.retort.schema.op.AlterColumnDefault;
import dev.retort.schema.op.AlterColumnNullability;
import dev.retort.schema.op.AlterColumnType;
import dev.retort.schema.op.CreateIndex;
import dev.retort.schema.op.CreateTable;
import dev.retort.schema.op.CreateTrigger;
import dev.retort.schema.op.CreateView;
import dev.retort.schema.op.DropCheck;
import dev.retort.schema.op.DropColumn;
import dev.retort.schema.op.DropForeignKey;
import dev.retort.schema.op.DropIndex;
import dev.retort.schema.op.DropTable;
import dev.retort.schema.op.DropTrigger;
import dev.retort.schema.op.DropUnique;
import dev.retort.schema.op.DropView;
import dev.retort.schema.op.SchemaOperation;
import dev.retort.schema.render.DdlRenderer;
import dev.retort.schema.render.DdlRenderers;
import java.util.ArrayList;
import java.util.List;

/** Turns a schema diff into differences a person can read. */
public final class Differences {
  private Differences() {}

  /**
   * The differences that make {@code live} differ from {@code expected}, each described from the
   * live database's point of view and rendered as the SQL that would reproduce it.
   */
  public static List<Difference> between(SchemaModel expected, SchemaModel live, Dialect dialect) {
    return list(expected, live, dialect, true);
  }

  /**
   * The changes that turn {@code from} into {@code to}, each described as an action ("add column
   * users.email") and rendered for the dialect.
   */
  public static List<Difference> changes(SchemaModel from, SchemaModel to, Dialect dialect) {
    return list(from, to, dialect, false);
  }

  private static List<Difference> list(
      SchemaModel expected, SchemaModel live, Dialect dialect, boolean drift) {
    DdlRenderer renderer = DdlRenderers.forDialect(dialect);
    List<Difference> out = new ArrayList<>();
    for (SchemaOperation op : SchemaDiff.between(expected, live)) {
      List<String> sql;
      try {
        sql = renderer.render(op);
      } catch (RetortException e) {
        sql = List.of(); // needs a table rebuild on SQLite; the description says enough
      }
      out.add(new Difference(drift ? describe(op) : action(op), op, sql));
    }
    return out;
  }

  /** One line about an operation that turns the expected schema into the live one. */
  static String describe(SchemaOperation op) {
    if (op instanceof AddColumn o) {
      return "table "
          + o.table()
          + " has a column "
          + o.column().name()
          + " that the migrations"
          + " do not create";
    }
    if (op instanceof DropColumn o) {
      return "table " + o.table() + " lacks column " + o.column().name();
    }
    if (op instanceof AlterColumnDefault o) {
      return "column "
          + o.table()
          + "."
          + o.to().name()
          + " has default "
          + text(o.to().defaultExpression())
          + ", the migrations give "
          + text(o.from().defaultExpression());
    }
    if (op instanceof AlterColumnType o) {
      return "column "
          + o.table()
          + "."
          + o.to().name()
          + " has type "
          + o.to().type()
          + ", the migrations give "
          + o.from().type();
    }
    if (op instanceof AlterColumnNullability o) {
      return "column "
          + o.table()
          + "."
          + o.to().name()
          + " is "
          + (o.to().nullable() ? "nullable" : "NOT NULL")
          + ", the migrations make it "
          + (o.from().nullable() ? "nullable" : "NOT NULL");
    }
    if (op instanceof CreateIndex o) {
      return "table "
          + o.table()
          + " has an index "
          + o.index().name()
          + " that the migrations"
          + " do not create";
    }
    if (op instanceof DropIndex o) {
      return "table " + o.table() + " lacks index " + o.index().name();
    }
    if (op instanceof CreateTable o) {
      return "table " + o.table().name() + " exists but no migration creates it";
    }
    if (op instanceof DropTable o) {
      return "table " + o.table().name() + " is missing";
    }
    if (op instanceof AddForeignKey o) {
      return "table "
          + o.table()
          + " has a foreign key the migrations do not create: "
          + o.foreignKey().columns()
          + " -> "
          + o.foreignKey().referencedTable();
    }
    if (op instanceof DropForeignKey o) {
      return "table "
          + o.table()
          + " lacks the foreign key "
          + o.foreignKey().columns()
          + " -> "
          + o.foreignKey().referencedTable();
    }
    if (op instanceof AddUnique o) {
      return "table " + o.table() + " has an extra unique constraint";
    }
    if (op instanceof DropUnique o) {
      return "table " + o.table() + " lacks a unique constraint";
    }
    if (op instanceof AddCheck o) {
      return "table " + o.table() + " has an extra check constraint";
    }
    if (op instanceof DropCheck o) {
      return "table " + o.table() + " lacks a check constraint";
    }
    if (op instanceof CreateView o) {
      return "view " + o.view().name() + " exists but no migration creates it";
    }
    if (op instanceof DropView o) {
      return "view " + o.view().name() + " is missing";
    }
    if (op instanceof CreateTrigger o) {
      return "trigger " + o.trigger().name() + " exists but no migration creates it";
    }
    if (op instanceof DropTrigger o) {
      return "trigger " + o.trigger().name() + " is missing";
    }
    return op.getClass().getSimpleName() + " " + op;
  }

  /** One line naming an operation as an action. */
  static String action(SchemaOperation op) {
    if (op instanceof AddColumn o) {
      return "add column " + o.table() + "." + o.column().name();
    }
    if (op instanceof DropColumn o) {
      return "drop column " + o.table() + "." + o.column().name();
    }
    if (op instanceof AlterColumnDefault o) {
      return "set default of "
          + o.table()
          + "."
          + o.to().name()
          + " to "
          + text(o.to().defaultExpression());
    }
    if (op instanceof AlterColumnType o) {
      return "change type of " + o.table() + "." + o.to().name() + " to " + o.to().type();
    }
    if (op instanceof AlterColumnNullability o) {
      return "make "
          + o.table()
          + "."
          + o.to().name()
          + (o.to().nullable() ? " nullable" : " NOT NULL");
    }
    if (op instanceof CreateIndex o) {
      return "create index " + o.index().name() + " on " + o.table();
    }
    if (op instanceof DropIndex o) {
      return "drop index " + o.index().name() + " on " + o.table();
    }
    if (op instanceof CreateTable o) {
      return "create table " + o.table().name();
    }
    if (op instanceof DropTable o) {
      return "drop table " + o.table().name();
    }
    if (op instanceof CreateView o) {
      return "create view " + o.view().name();
    }
    if (op instanceof DropView o) {
      return "drop view " + o.view().name();
    }
    String name = op.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2");
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  private static String text(String s) {
    return s == null ? "none" : s;
  }
}
