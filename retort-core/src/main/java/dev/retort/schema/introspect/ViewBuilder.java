package dev.retort.schema.introspect;

import dev.retort.schema.Index;
import dev.retort.schema.Trigger;
import dev.retort.schema.View;
import java.util.ArrayList;
import java.util.List;

/** Collects a view while its indexes and triggers stream in. */
final class ViewBuilder {
  final String name;
  final String definition;
  final boolean materialized;
  final List<Index> indexes = new ArrayList<>();
  final List<Trigger> triggers = new ArrayList<>();
  String comment;

  ViewBuilder(String name, String definition, boolean materialized) {
    this.name = name;
    this.definition = definition;
    this.materialized = materialized;
  }

  View build() {
    return new View(name, definition, materialized, indexes, triggers, comment);
  }
}
