package dev.retort.schema.render;

import dev.retort.dialect.Dialect;
import dev.retort.schema.DependencyOrder;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.Trigger;
import dev.retort.schema.View;
import dev.retort.schema.op.AddForeignKey;
import dev.retort.schema.op.AlterSequence;
import dev.retort.schema.op.CreateEnum;
import dev.retort.schema.op.CreateIndex;
import dev.retort.schema.op.CreateSequence;
import dev.retort.schema.op.CreateTable;
import dev.retort.schema.op.CreateTrigger;
import dev.retort.schema.op.CreateView;
import dev.retort.schema.op.SchemaOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * The DDL that creates a whole schema in an empty database, in dependency order: enum types and
 * sequences, tables (partition parents before partitions), indexes, foreign keys, sequence
 * ownership, views, triggers.
 *
 * <p>On PostgreSQL and MySQL foreign keys are added by ALTER TABLE after all tables exist, which
 * also covers tables that reference each other in a cycle; indexes come before them so that MySQL
 * does not create an implicit index for a foreign key that an index of the model already serves.
 * SQLite cannot add a foreign key later and does not check references at CREATE time, so its
 * foreign keys stay inside CREATE TABLE.
 */
public final class SchemaSql {
  private SchemaSql() {}

  /** The statements that create the model, without trailing semicolons. */
  public static List<String> render(SchemaModel model, Dialect dialect) {
    return DdlRenderers.forDialect(dialect).render(operations(model, dialect));
  }

  /** The statements as one script, each ending with a semicolon. */
  public static String script(SchemaModel model, Dialect dialect) {
    StringBuilder script = new StringBuilder();
    for (String statement : render(model, dialect)) {
      script.append(statement).append(";\n\n");
    }
    return script.toString();
  }

  /** The operations that create the model, in the order described above. */
  public static List<SchemaOperation> operations(SchemaModel model, Dialect dialect) {
    boolean inlineForeignKeys = dialect.name().equals("sqlite");
    List<SchemaOperation> ops = new ArrayList<>();
    for (EnumType type : model.enums()) {
      ops.add(new CreateEnum(type));
    }
    for (Sequence sequence : model.sequences()) {
      ops.add(new CreateSequence(withoutOwner(sequence)));
    }
    List<Table> tables = DependencyOrder.tables(model.tables(), false);
    for (Table table : tables) {
      Table bare = table.withIndexes(List.of()).withTriggers(List.of());
      ops.add(new CreateTable(inlineForeignKeys ? bare : bare.withForeignKeys(List.of())));
    }
    for (Table table : tables) {
      for (Index index : table.indexes()) {
        ops.add(new CreateIndex(table.name(), index));
      }
    }
    if (!inlineForeignKeys) {
      for (Table table : tables) {
        for (ForeignKey fk : table.foreignKeys()) {
          ops.add(new AddForeignKey(table.name(), fk));
        }
      }
    }
    for (Sequence sequence : model.sequences()) {
      if (sequence.ownedByTable() != null) {
        ops.add(new AlterSequence(withoutOwner(sequence), sequence));
      }
    }
    List<View> views = DependencyOrder.views(model.views());
    for (View view : views) {
      ops.add(new CreateView(view.withTriggers(List.of())));
    }
    for (Table table : tables) {
      for (Trigger trigger : table.triggers()) {
        ops.add(new CreateTrigger(trigger));
      }
    }
    for (View view : views) {
      for (Trigger trigger : view.triggers()) {
        ops.add(new CreateTrigger(trigger));
      }
    }
    return ops;
  }

  private static Sequence withoutOwner(Sequence s) {
    return s.withOwner(null, null);
  }
}
