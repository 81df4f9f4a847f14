package dev.retort.revision;

import java.util.List;

/**
 * A node of the revision graph.
 *
 * @param id the revision id
 * @param parents the parent ids; empty for a root, several for a merge
 * @param origin where the revision was declared (file, class, or the history table), for errors
 */
public record Revision(String id, List<String> parents, String origin) {
  public Revision {
    parents = List.copyOf(parents);
  }
}
