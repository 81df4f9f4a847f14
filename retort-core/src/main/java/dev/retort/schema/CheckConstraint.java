package dev.retort.schema;

import java.util.Comparator;

/**
 * A CHECK constraint.
 *
 * @param name the constraint name, or null where the database keeps none
 * @param expression the condition as the database reports it, without the surrounding CHECK ( )
 */
public record CheckConstraint(String name, String expression) {
  static final Comparator<CheckConstraint> ORDER =
      Comparator.comparing(CheckConstraint::name, Lists.NULLABLE_NAME)
          .thenComparing(CheckConstraint::expression);
}
