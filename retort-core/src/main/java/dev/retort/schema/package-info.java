/**
 * An immutable model of a database schema: {@link dev.retort.schema.SchemaModel} and the records it
 * is made of. Models are read from live databases by {@code dev.retort.schema.introspect}, compared
 * by {@code dev.retort.schema.diff}, changed by the operations of {@code dev.retort.schema.op} and
 * written out as SQL or JSON by {@code dev.retort.schema.render}.
 */
package dev.retort.schema;
