package dev.retort.schema;

import java.util.Comparator;
import java.util.List;

/**
 * A UNIQUE constraint (as opposed to a unique index; MySQL has only the latter and reports them as
 * {@link Index}).
 *
 * @param name the constraint name, or null where the database keeps none
 * @param columns the columns, in order
 */
public record UniqueConstraint(String name, List<String> columns) {
  static final Comparator<UniqueConstraint> ORDER =
      Comparator.comparing(UniqueConstraint::name, Lists.NULLABLE_NAME)
          .thenComparing(UniqueConstraint::columns, Lists::compare);

  public UniqueConstraint {
    columns = Lists.copy(columns);
  }
}
