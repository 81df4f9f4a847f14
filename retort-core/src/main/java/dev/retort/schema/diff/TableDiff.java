package dev.retort.schema.diff;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import dev.retort.schema.Trigger;
import dev.retort.schema.UniqueConstraint;
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
import dev.retort.schema.op.CreateTrigger;
import dev.retort.schema.op.DropCheck;
import dev.retort.schema.op.DropColumn;
import dev.retort.schema.op.DropForeignKey;
import dev.retort.schema.op.DropIndex;
import dev.retort.schema.op.DropPrimaryKey;
import dev.retort.schema.op.DropTrigger;
import dev.retort.schema.op.DropUnique;
import dev.retort.schema.op.SetTableComment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The differences of one table present on both sides. Constraints are matched by content, not name:
 * PostgreSQL and MySQL name unnamed constraints themselves, so names say nothing about whether two
 * constraints are the same. Indexes and triggers are matched by name, and an index whose keys
 * differ in any way, order included, is dropped and created again.
 */
final class TableDiff {
  private TableDiff() {}

  static void diff(Table from, Table to, Plan plan) {
    String name = to.name();
    for (Trigger trigger : from.triggers()) {
      if (!to.triggers().contains(trigger)) {
        plan.dropTriggers.add(new DropTrigger(trigger));
      }
    }
    for (Trigger trigger : to.triggers()) {
      if (!from.triggers().contains(trigger)) {
        plan.createTriggers.add(new CreateTrigger(trigger));
      }
    }
    indexes(name, from.indexes(), to.indexes(), plan);
    for (ForeignKey fk : from.foreignKeys()) {
      if (to.foreignKeys().stream().noneMatch(fk::sameContent)) {
        plan.dropForeignKeys.add(new DropForeignKey(name, fk));
      }
    }
    for (ForeignKey fk : to.foreignKeys()) {
      if (from.foreignKeys().stream().noneMatch(fk::sameContent)) {
        plan.addForeignKeys.add(new AddForeignKey(name, fk));
      }
    }
    boolean samePrimaryKey =
        Objects.equals(
            from.primaryKey() == null ? null : from.primaryKey().columns(),
            to.primaryKey() == null ? null : to.primaryKey().columns());
    if (!samePrimaryKey && from.primaryKey() != null) {
      plan.dropConstraints.add(new DropPrimaryKey(name, from.primaryKey()));
    }
    if (!samePrimaryKey && to.primaryKey() != null) {
      plan.addConstraints.add(new AddPrimaryKey(name, to.primaryKey()));
    }
    for (UniqueConstraint unique : from.uniques()) {
      if (to.uniques().stream().noneMatch(u -> u.columns().equals(unique.columns()))) {
        plan.dropConstraints.add(new DropUnique(name, unique));
      }
    }
    for (UniqueConstraint unique : to.uniques()) {
      if (from.uniques().stream().noneMatch(u -> u.columns().equals(unique.columns()))) {
        plan.addConstraints.add(new AddUnique(name, unique));
      }
    }
    for (CheckConstraint check : from.checks()) {
      if (to.checks().stream().noneMatch(c -> c.expression().equals(check.expression()))) {
        plan.dropConstraints.add(new DropCheck(name, check));
      }
    }
    for (CheckConstraint check : to.checks()) {
      if (from.checks().stream().noneMatch(c -> c.expression().equals(check.expression()))) {
        plan.addConstraints.add(new AddCheck(name, check));
      }
    }
    columns(from, to, plan);
    if (!Objects.equals(from.comment(), to.comment())) {
      plan.columns.add(new SetTableComment(name, from.comment(), to.comment()));
    }
  }

  /** Index changes of a table or materialized view. */
  static void indexes(String owner, List<Index> from, List<Index> to, Plan plan) {
    for (Index index : from) {
      if (!to.contains(index)) {
        plan.dropIndexes.add(new DropIndex(owner, index));
      }
    }
    for (Index index : to) {
      if (!from.contains(index)) {
        plan.createIndexes.add(new CreateIndex(owner, index));
      }
    }
  }

  private static void columns(Table from, Table to, Plan plan) {
    String name = to.name();
    for (Column column : from.columns()) {
      Optional<Column> target = to.column(column.name());
      if (target.isEmpty() || needsRecreate(column, target.get())) {
        plan.columns.add(new DropColumn(name, column));
      }
    }
    for (Column column : to.columns()) {
      Optional<Column> source = from.column(column.name());
      if (source.isEmpty() || needsRecreate(source.get(), column)) {
        plan.columns.add(new AddColumn(name, column));
        continue;
      }
      // One step per aspect; each step's column is the previous one with that aspect changed,
      // so MySQL's MODIFY COLUMN (which restates everything) is right at every step.
      Column current = source.get();
      if (!current.type().equals(column.type())
          || !Objects.equals(current.collation(), column.collation())) {
        Column next = current.withType(column.type()).withCollation(column.collation());
        plan.columns.add(new AlterColumnType(name, current, next));
        current = next;
      }
      if (current.nullable() != column.nullable()) {
        Column next = current.withNullable(column.nullable());
        plan.columns.add(new AlterColumnNullability(name, current, next));
        current = next;
      }
      if (!Objects.equals(current.defaultExpression(), column.defaultExpression())) {
        Column next = current.withDefault(column.defaultExpression());
        plan.columns.add(new AlterColumnDefault(name, current, next));
        current = next;
      }
      if (!Objects.equals(current.comment(), column.comment())) {
        plan.columns.add(new AlterColumnComment(name, current, column));
      }
    }
  }

  /** Identity and generation cannot be altered portably: the column is dropped and re-added. */
  private static boolean needsRecreate(Column from, Column to) {
    return from.identity() != to.identity()
        || !Objects.equals(from.generatedExpression(), to.generatedExpression())
        || from.generatedStored() != to.generatedStored();
  }

  /** Column names whose definition changes in a way views over the table may depend on. */
  static List<String> changedColumns(Table from, Table to) {
    List<String> changed = new ArrayList<>();
    for (Column column : from.columns()) {
      Optional<Column> target = to.column(column.name());
      if (target.isEmpty()
          || !target.get().type().equals(column.type())
          || needsRecreate(column, target.get())) {
        changed.add(column.name());
      }
    }
    return changed;
  }
}
