package dev.retort.schema;

import java.util.Comparator;
import java.util.List;

/**
 * A PostgreSQL enum type.
 *
 * @param name the type name
 * @param labels the labels in their sort order (which is the enum's order, not alphabetical)
 */
public record EnumType(String name, List<String> labels) {
  static final Comparator<EnumType> ORDER = Comparator.comparing(EnumType::name);

  public EnumType {
    labels = Lists.copy(labels);
  }
}
