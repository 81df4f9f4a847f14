package dev.retort.schema.op;

import dev.retort.schema.Sequence;

/** Drops a sequence; carries its definition for the inverse. */
public record DropSequence(Sequence sequence) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new CreateSequence(sequence);
  }

  /** The sequence's current value is lost: a recreated one starts over and may repeat values. */
  @Override
  public boolean destructive() {
    return true;
  }
}
