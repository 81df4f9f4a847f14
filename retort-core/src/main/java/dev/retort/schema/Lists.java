package dev.retort.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Defensive, unmodifiable copies of the lists the model records hold. */
final class Lists {
  private Lists() {}

  /** An unmodifiable copy that keeps the given order (columns, enum labels, key columns). */
  static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** An unmodifiable copy sorted with the comparator, so that equal schemas compare equal. */
  static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    List<T> copy = new ArrayList<>(list);
    copy.sort(order);
    return Collections.unmodifiableList(copy);
  }

  /** Orders nullable names: unnamed first, then by name. */
  static final Comparator<String> NULLABLE_NAME = Comparator.nullsFirst(Comparator.naturalOrder());

  /** Orders lists of strings element by element, shorter first on a common prefix. */
  static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
