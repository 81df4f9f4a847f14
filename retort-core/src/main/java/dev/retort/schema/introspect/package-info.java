/**
 * Reading a live schema into a {@link dev.retort.schema.SchemaModel}: one {@link
 * dev.retort.schema.introspect.SchemaIntrospector} per database, picked by {@link
 * dev.retort.schema.introspect.SchemaIntrospectors#forDialect}, restricted by a {@link
 * dev.retort.schema.introspect.SchemaFilter}.
 */
package dev.retort.schema.introspect;
