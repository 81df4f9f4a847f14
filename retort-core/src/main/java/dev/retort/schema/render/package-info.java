/**
 * SQL and JSON out of the model: {@link dev.retort.schema.render.DdlRenderer} per database for
 * operations, {@link dev.retort.schema.render.SchemaSql} for a whole schema, {@link
 * dev.retort.schema.render.SchemaJson} for a stable JSON dump.
 */
package dev.retort.schema.render;
