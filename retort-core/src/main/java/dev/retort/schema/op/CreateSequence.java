package dev.retort.schema.op;

import dev.retort.schema.Sequence;

/** Creates a sequence; OWNED BY is set with {@link AlterSequence} once the table exists. */
public record CreateSequence(Sequence sequence) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new DropSequence(sequence);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}
