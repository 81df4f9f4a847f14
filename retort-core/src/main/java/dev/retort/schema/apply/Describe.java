package dev.retort.schema.apply;

import dev.retort.schema.op.AddCheck;
import dev.retort.schema.op.AddColumn;
import dev.retort.schema.op.AddForeignKey;
import dev.retort.schema.op.AddPrimaryKey;
import dev.retort.schema.op.AddUnique;
import dev.retort.schema.op.AlterColumnComment;
import dev.retort.schema.op.AlterColumnDefault;
import dev.retort.schema.op.AlterColumnNullability;
import dev.retort.schema.op.AlterColumnType;
import dev.retort.schema.op.CreateIndex;
import dev.retort.schema.op.CreateTable;
import dev.retort.schema.op.CreateTrigger;
import dev.retort.schema.op.DropCheck;
import dev.retort.schema.op.DropColumn;
import dev.retort.schema.op.DropForeignKey;
import dev.retort.schema.op.DropIndex;
import dev.retort.schema.op.DropPrimaryKey;
import dev.retort.schema.op.DropTable;
import dev.retort.schema.op.DropTrigger;
import dev.retort.schema.op.DropUnique;
import dev.retort.schema.op.RenameColumn;
import dev.retort.schema.op.RenameTable;
import dev.retort.schema.op.SchemaOperation;
import dev.retort.schema.op.SetTableComment;
import java.util.Locale;

/** Names of operations for messages, and the table each one changes. */
final class Describe {
  private Describe() {}

  /** The table an operation changes, or null when it changes no table (views, types...). */
  static String table(SchemaOperation op) {
    if (op instanceof CreateTable o) {
      return o.table().name();
    } else if (op instanceof DropTable o) {
      return o.table().name();
    } else if (op instanceof RenameTable o) {
      return o.from();
    } else if (op instanceof AddColumn o) {
      return o.table();
    } else if (op instanceof DropColumn o) {
      return o.table();
    } else if (op instanceof RenameColumn o) {
      return o.table();
    } else if (op instanceof AlterColumnType o) {
      return o.table();
    } else if (op instanceof AlterColumnNullability o) {
      return o.table();
    } else if (op instanceof AlterColumnDefault o) {
      return o.table();
    } else if (op instanceof AlterColumnComment o) {
      return o.table();
    } else if (op instanceof SetTableComment o) {
      return o.table();
    } else if (op instanceof AddPrimaryKey o) {
      return o.table();
    } else if (op instanceof DropPrimaryKey o) {
      return o.table();
    } else if (op instanceof CreateIndex o) {
      return o.table();
    } else if (op instanceof DropIndex o) {
      return o.table();
    } else if (op instanceof AddForeignKey o) {
      return o.table();
    } else if (op instanceof DropForeignKey o) {
      return o.table();
    } else if (op instanceof AddUnique o) {
      return o.table();
    } else if (op instanceof DropUnique o) {
      return o.table();
    } else if (op instanceof AddCheck o) {
      return o.table();
    } else if (op instanceof DropCheck o) {
      return o.table();
    } else if (op instanceof CreateTrigger o) {
      return o.trigger().table();
    } else if (op instanceof DropTrigger o) {
      return o.trigger().table();
    }
    return null;
  }

  /** E.g. {@code alter column type (table track, column milliseconds)}. */
  static String what(SchemaOperation op) {
    String words =
        op.getClass()
            .getSimpleName()
            .replaceAll("([a-z])([A-Z])", "$1 $2")
            .toLowerCase(Locale.ROOT);
    String table = table(op);
    String column = column(op);
    if (table == null) {
      return words;
    }
    return words + " (table " + table + (column == null ? "" : ", column " + column) + ")";
  }

  private static String column(SchemaOperation op) {
    if (op instanceof AddColumn o) {
      return o.column().name();
    } else if (op instanceof DropColumn o) {
      return o.column().name();
    } else if (op instanceof RenameColumn o) {
      return o.from();
    } else if (op instanceof AlterColumnType o) {
      return o.to().name();
    } else if (op instanceof AlterColumnNullability o) {
      return o.to().name();
    } else if (op instanceof AlterColumnDefault o) {
      return o.to().name();
    } else if (op instanceof AlterColumnComment o) {
      return o.to().name();
    }
    return null;
  }
}
