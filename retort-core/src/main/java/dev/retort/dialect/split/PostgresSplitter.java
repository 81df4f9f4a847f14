package dev.retort.dialect.split;

import java.util.List;

/**
 * Splits PostgreSQL scripts as psql does: nested block comments, '...' strings (no backslash
 * escapes: standard_conforming_strings), E'...' strings with backslash escapes, "..." identifiers,
 * $$ and $tag$ dollar-quoted bodies, and BEGIN ATOMIC bodies kept whole. Refuses psql meta-commands
 * and COPY FROM stdin, which only psql can run.
 */
public final class PostgresSplitter implements SqlSplitter {
  @Override
  public List<SqlStatement> split(String script) {
    return new PostgresScanner(script).split();
  }
}
