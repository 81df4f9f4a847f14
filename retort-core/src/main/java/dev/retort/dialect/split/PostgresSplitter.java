package dev.retort.dialect.split;

import java.util.List;

/** Placeholder until the splitter lands; replaced in the splitter work. */
public final class PostgresSplitter implements SqlSplitter {
  @Override
  public List<SqlStatement> split(String script) {
    throw new UnsupportedOperationException("not yet");
  }
}
