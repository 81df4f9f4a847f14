package dev.retort.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one schema contains, as far as Retort understands it: tables (with their constraints,
 * indexes and triggers), views, sequences and enum types. Immutable; every list is sorted by name,
 * so two models of the same schema are {@code equals}.
 *
 * <p>Not modelled: functions and procedures, domains, extensions, grants, exclusion constraints,
 * index INCLUDE columns, MySQL {@code ON UPDATE} column clauses. Objects that depend on those need
 * them to exist already when a model is applied.
 */
public record SchemaModel(
    List<Table> tables, List<View> views, List<Sequence> sequences, List<EnumType> enums) {

  public SchemaModel {
    tables = Lists.sorted(tables, Comparator.comparing(Table::name));
    views = Lists.sorted(views, View.ORDER);
    sequences = Lists.sorted(sequences, Sequence.ORDER);
    enums = Lists.sorted(enums, EnumType.ORDER);
  }

  /** A schema with nothing in it. */
  public static SchemaModel empty() {
    return new SchemaModel(List.of(), List.of(), List.of(), List.of());
  }

  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<View> view(String name) {
    return views.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public Optional<Sequence> sequence(String name) {
    return sequences.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public Optional<EnumType> enumType(String name) {
    return enums.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
