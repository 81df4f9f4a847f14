package dev.retort.schema.op;

import dev.retort.schema.Sequence;

/** Changes the options or the owning column of a sequence. */
public record AlterSequence(Sequence from, Sequence to) implements SchemaOperation {
  @Override
  public SchemaOperation inverse() {
    return new AlterSequence(to, from);
  }

  @Override
  public boolean destructive() {
    return false;
  }
}
