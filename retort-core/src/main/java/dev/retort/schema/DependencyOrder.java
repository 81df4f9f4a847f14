package dev.retort.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Orders tables and views so that what an object depends on comes first: a partition's parent, a
 * foreign key's referenced table, a view's underlying views. Deterministic: among objects that are
 * ready, the alphabetically first goes next; a cycle is broken at its alphabetically first member.
 */
public final class DependencyOrder {
  private DependencyOrder() {}

  /**
   * Tables with partition parents first and, when {@code byForeignKeys}, referenced tables before
   * the tables that reference them (self-references do not count).
   */
  public static List<Table> tables(List<Table> tables, boolean byForeignKeys) {
    return sort(
        tables,
        Table::name,
        table -> {
          Set<String> needs = new HashSet<>();
          if (table.options().partitionOf() != null) {
            needs.add(table.options().partitionOf());
          }
          if (byForeignKeys) {
            for (ForeignKey fk : table.foreignKeys()) {
              needs.add(fk.referencedTable());
            }
          }
          needs.remove(table.name());
          return needs;
        });
  }

  /** Views after the views their definitions mention. */
  public static List<View> views(List<View> views) {
    return sort(
        views,
        View::name,
        view -> {
          Set<String> needs = new HashSet<>();
          String text = view.definition().toLowerCase(Locale.ROOT);
          for (View other : views) {
            if (!other.name().equals(view.name()) && mentions(text, other.name())) {
              needs.add(other.name());
            }
          }
          return needs;
        });
  }

  private static boolean mentions(String lowerText, String name) {
    return Pattern.compile(
            "(?<![\\w$])" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "(?![\\w$])")
        .matcher(lowerText)
        .find();
  }

  private static <T> List<T> sort(
      List<T> items, Function<T, String> name, Function<T, Set<String>> dependencies) {
    Map<String, T> byName = new LinkedHashMap<>();
    for (T item : items) {
      byName.put(name.apply(item), item);
    }
    Map<String, Set<String>> waiting = new HashMap<>();
    for (T item : items) {
      Set<String> needs = new HashSet<>(dependencies.apply(item));
      needs.retainAll(byName.keySet()); // only what is being ordered here
      waiting.put(name.apply(item), needs);
    }
    List<T> ordered = new ArrayList<>(items.size());
    TreeSet<String> remaining = new TreeSet<>(byName.keySet());
    while (!remaining.isEmpty()) {
      String next = null;
      for (String candidate : remaining) {
        if (waiting.get(candidate).isEmpty()) {
          next = candidate;
          break;
        }
      }
      if (next == null) {
        next = remaining.first(); // a cycle: break it here
      }
      remaining.remove(next);
      ordered.add(byName.get(next));
      for (Set<String> needs : waiting.values()) {
        needs.remove(next);
      }
    }
    return ordered;
  }
}
