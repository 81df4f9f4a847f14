package dev.retort.schema.diff;

import dev.retort.schema.op.SchemaOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations of a diff sorted into phases, so that whatever depends on something is removed
 * before it and created after it: triggers, views and constraints come off first, tables and
 * columns change in the middle, and everything is put back on in the opposite order.
 */
final class Plan {
  final List<SchemaOperation> dropTriggers = new ArrayList<>();
  final List<SchemaOperation> dropViews = new ArrayList<>();
  final List<SchemaOperation> dropIndexes = new ArrayList<>();
  final List<SchemaOperation> dropForeignKeys = new ArrayList<>();
  final List<SchemaOperation> dropConstraints = new ArrayList<>();
  final List<SchemaOperation> releaseSequences = new ArrayList<>();
  final List<SchemaOperation> dropTables = new ArrayList<>();
  final List<SchemaOperation> createTypes = new ArrayList<>();
  final List<SchemaOperation> createTables = new ArrayList<>();
  final List<SchemaOperation> columns = new ArrayList<>();
  final List<SchemaOperation> dropTypes = new ArrayList<>();
  final List<SchemaOperation> addConstraints = new ArrayList<>();
  final List<SchemaOperation> createIndexes = new ArrayList<>();
  final List<SchemaOperation> addForeignKeys = new ArrayList<>();
  final List<SchemaOperation> ownSequences = new ArrayList<>();
  final List<SchemaOperation> createViews = new ArrayList<>();
  final List<SchemaOperation> createTriggers = new ArrayList<>();

  List<SchemaOperation> operations() {
    List<SchemaOperation> all = new ArrayList<>();
    for (List<SchemaOperation> phase :
        List.of(
            dropTriggers,
            dropViews,
            dropIndexes,
            dropForeignKeys,
            dropConstraints,
            releaseSequences,
            dropTables,
            createTypes,
            createTables,
            columns,
            dropTypes,
            addConstraints,
            createIndexes,
            addForeignKeys,
            ownSequences,
            createViews,
            createTriggers)) {
      all.addAll(phase);
    }
    return List.copyOf(all);
  }
}
