package dev.retort.schema.diff;

import dev.retort.schema.DependencyOrder;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.Trigger;
import dev.retort.schema.View;
import dev.retort.schema.op.AddEnumValue;
import dev.retort.schema.op.AddForeignKey;
import dev.retort.schema.op.AlterSequence;
import dev.retort.schema.op.CreateEnum;
import dev.retort.schema.op.CreateSequence;
import dev.retort.schema.op.CreateTable;
import dev.retort.schema.op.CreateTrigger;
import dev.retort.schema.op.CreateView;
import dev.retort.schema.op.DropEnum;
import dev.retort.schema.op.DropForeignKey;
import dev.retort.schema.op.DropSequence;
import dev.retort.schema.op.DropTable;
import dev.retort.schema.op.DropTrigger;
import dev.retort.schema.op.DropView;
import dev.retort.schema.op.SchemaOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operations that turn one schema into another. Both models should come from the same engine
 * (types, defaults and expressions are compared as that engine normalises them). Renames are not
 * detected: a renamed table or column shows as a drop and an add. Added columns go at the end of
 * their table.
 */
public final class SchemaDiff {
  private SchemaDiff() {}

  /** The ordered operations that turn {@code from} into {@code to}. */
  public static List<SchemaOperation> between(SchemaModel from, SchemaModel to) {
    Plan plan = new Plan();
    Set<String> changedTables = tables(from, to, plan);
    views(from, to, changedTables, plan);
    enums(from, to, plan);
    sequences(from, to, plan);
    return plan.operations();
  }

  /** Table differences; returns the tables whose columns change in ways views may notice. */
  private static Set<String> tables(SchemaModel from, SchemaModel to, Plan plan) {
    Set<String> changed = new HashSet<>();
    List<Table> dropped = new ArrayList<>();
    List<Table> created = new ArrayList<>();
    for (Table table : from.tables()) {
      Optional<Table> target = to.table(table.name());
      if (target.isEmpty() || !target.get().options().equals(table.options())) {
        dropped.add(table); // storage options cannot be altered: recreate
        changed.add(table.name());
      }
    }
    for (Table table : to.tables()) {
      Optional<Table> source = from.table(table.name());
      if (source.isEmpty() || !source.get().options().equals(table.options())) {
        created.add(table);
      } else if (!source.get().equals(table)) {
        TableDiff.diff(source.get(), table, plan);
        if (!TableDiff.changedColumns(source.get(), table).isEmpty()) {
          changed.add(table.name());
        }
      }
    }
    // Drop referencing tables first; a foreign key that points to a table dropped earlier (a
    // cycle) comes off before any table goes.
    List<Table> dropOrder = DependencyOrder.tables(dropped, true);
    Map<String, Integer> dropPosition = positions(dropOrder);
    for (int i = dropOrder.size() - 1; i >= 0; i--) {
      Table table = dropOrder.get(i);
      List<ForeignKey> kept = new ArrayList<>();
      for (ForeignKey fk : table.foreignKeys()) {
        Integer target = dropPosition.get(fk.referencedTable());
        if (target != null && target > i) {
          plan.dropForeignKeys.add(new DropForeignKey(table.name(), fk));
        } else {
          kept.add(fk);
        }
      }
      plan.dropTables.add(new DropTable(table.withForeignKeys(kept)));
    }
    // Create referenced tables first; a foreign key to a table created later is added after.
    List<Table> createOrder = DependencyOrder.tables(created, true);
    Map<String, Integer> createPosition = positions(createOrder);
    for (int i = 0; i < createOrder.size(); i++) {
      Table table = createOrder.get(i);
      List<ForeignKey> inline = new ArrayList<>();
      for (ForeignKey fk : table.foreignKeys()) {
        Integer target = createPosition.get(fk.referencedTable());
        if (target != null && target > i) {
          plan.addForeignKeys.add(new AddForeignKey(table.name(), fk));
        } else {
          inline.add(fk);
        }
      }
      plan.createTables.add(new CreateTable(table.withForeignKeys(inline)));
    }
    return changed;
  }

  private static Map<String, Integer> positions(List<Table> tables) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      positions.put(tables.get(i).name(), i);
    }
    return positions;
  }

  /**
   * A view whose definition, kind or comment changes is dropped and created again, and so is every
   * view over it or over a table whose columns change (databases refuse to drop or retype what a
   * view uses). Other views only get their index and trigger changes.
   */
  private static void views(SchemaModel from, SchemaModel to, Set<String> changed, Plan plan) {
    Set<String> recreate = new HashSet<>();
    for (View view : from.views()) {
      Optional<View> target = to.view(view.name());
      if (target.isEmpty() || !sameShape(view, target.get())) {
        recreate.add(view.name());
      }
    }
    Set<String> affected = new HashSet<>(changed);
    affected.addAll(recreate);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (View view : from.views()) {
        if (!recreate.contains(view.name()) && mentionsAny(view.definition(), affected)) {
          recreate.add(view.name());
          affected.add(view.name());
          grew = true;
        }
      }
    }
    List<View> fromOrder = DependencyOrder.views(from.views());
    for (int i = fromOrder.size() - 1; i >= 0; i--) {
      View view = fromOrder.get(i);
      if (recreate.contains(view.name())) {
        plan.dropViews.add(new DropView(view));
      }
    }
    for (View view : DependencyOrder.views(to.views())) {
      Optional<View> source = from.view(view.name());
      if (source.isEmpty() || recreate.contains(view.name())) {
        plan.createViews.add(new CreateView(view));
        continue;
      }
      TableDiff.indexes(view.name(), source.get().indexes(), view.indexes(), plan);
      for (Trigger trigger : source.get().triggers()) {
        if (!view.triggers().contains(trigger)) {
          plan.dropTriggers.add(new DropTrigger(trigger));
        }
      }
      for (Trigger trigger : view.triggers()) {
        if (!source.get().triggers().contains(trigger)) {
          plan.createTriggers.add(new CreateTrigger(trigger));
        }
      }
    }
  }

  private static boolean sameShape(View a, View b) {
    return a.definition().equals(b.definition())
        && a.materialized() == b.materialized()
        && Objects.equals(a.comment(), b.comment());
  }

  private static boolean mentionsAny(String definition, Set<String> names) {
    String text = definition.toLowerCase(Locale.ROOT);
    for (String name : names) {
      String word = Pattern.quote(name.toLowerCase(Locale.ROOT));
      if (Pattern.compile("(?<![\\w$])" + word + "(?![\\w$])").matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * New labels are added in place when the old labels keep their order; any other change drops and
   * recreates the type (PostgreSQL cannot remove or reorder enum labels).
   */
  private static void enums(SchemaModel from, SchemaModel to, Plan plan) {
    for (EnumType type : from.enums()) {
      Optional<EnumType> target = to.enumType(type.name());
      if (target.isEmpty() || !extends_(type, target.get())) {
        plan.dropTypes.add(new DropEnum(type));
      }
    }
    for (EnumType type : to.enums()) {
      Optional<EnumType> source = from.enumType(type.name());
      if (source.isEmpty() || !extends_(source.get(), type)) {
        plan.createTypes.add(new CreateEnum(type));
        continue;
      }
      List<String> labels = type.labels();
      List<SchemaOperation> additions = new ArrayList<>();
      // Last first, so that the label each new one goes before already exists.
      for (int i = labels.size() - 1; i >= 0; i--) {
        if (!source.get().labels().contains(labels.get(i))) {
          String before = i + 1 < labels.size() ? labels.get(i + 1) : null;
          additions.add(new AddEnumValue(type.name(), labels.get(i), before));
        }
      }
      plan.createTypes.addAll(additions);
    }
  }

  /** Whether {@code to} is {@code from} with labels inserted, old labels in the same order. */
  private static boolean extends_(EnumType from, EnumType to) {
    List<String> kept = new ArrayList<>(to.labels());
    kept.retainAll(from.labels());
    return kept.equals(from.labels());
  }

  /**
   * A sequence that loses or changes its owning column is released first (PostgreSQL drops an owned
   * sequence with its table or column); a new owner is set once tables exist.
   */
  private static void sequences(SchemaModel from, SchemaModel to, Plan plan) {
    for (Sequence sequence : from.sequences()) {
      Optional<Sequence> target = to.sequence(sequence.name());
      Sequence current = sequence;
      if (current.ownedByTable() != null
          && (target.isEmpty() || !sameOwner(current, target.get()))) {
        Sequence released = current.withOwner(null, null);
        plan.releaseSequences.add(new AlterSequence(current, released));
        current = released;
      }
      if (target.isEmpty()) {
        plan.dropTypes.add(new DropSequence(current));
        continue;
      }
      Sequence wanted = target.get();
      if (!current.withOwner(null, null).equals(wanted.withOwner(null, null))) {
        Sequence next = wanted.withOwner(current.ownedByTable(), current.ownedByColumn());
        plan.createTypes.add(new AlterSequence(current, next));
        current = next;
      }
      if (!sameOwner(current, wanted)) {
        plan.ownSequences.add(new AlterSequence(current, wanted));
      }
    }
    for (Sequence sequence : to.sequences()) {
      if (from.sequence(sequence.name()).isEmpty()) {
        Sequence bare = sequence.withOwner(null, null);
        plan.createTypes.add(new CreateSequence(bare));
        if (sequence.ownedByTable() != null) {
          plan.ownSequences.add(new AlterSequence(bare, sequence));
        }
      }
    }
  }

  private static boolean sameOwner(Sequence a, Sequence b) {
    return Objects.equals(a.ownedByTable(), b.ownedByTable())
        && Objects.equals(a.ownedByColumn(), b.ownedByColumn());
  }
}
