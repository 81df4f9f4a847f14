package dev.retort.revision;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The graph of revisions: a directed acyclic graph where each revision points at its parents.
 * Several roots, several heads (parallel branches) and merges are allowed; duplicates, missing
 * parents and cycles are not. Pure: no database, no files, so it is tested on its own.
 *
 * <p>Order is deterministic: wherever the graph leaves a choice, revisions come in the order they
 * were given (the loader gives files sorted by name, and names sort by creation time).
 */
public final class RevisionGraph {
  private final Map<String, Revision> byId;
  private final Map<String, Integer> rank;
  private final Map<String, List<String>> children;
  private final List<String> topological;
  private final List<String> heads;

  /**
   * Ancestor sets already computed. The graph never changes, and an application that upgrades on
   * every start (or a test suite) asks for the head's ancestors each time.
   */
  private final Map<String, Set<String>> ancestorsCache = new ConcurrentHashMap<>();

  private RevisionGraph(
      Map<String, Revision> byId, Map<String, Integer> rank, Map<String, List<String>> children) {
    this.byId = byId;
    this.rank = rank;
    this.children = children;
    this.topological = sortTopologically();
    List<String> h = new ArrayList<>();
    for (String id : topological) {
      if (children.get(id).isEmpty()) {
        h.add(id);
      }
    }
    this.heads = List.copyOf(h);
  }

  /**
   * Builds and checks the graph.
   *
   * @throws RetortException {@link ErrorCode#GRAPH} for a duplicate id, a missing parent or a
   *     cycle, naming the files involved
   */
  public static RevisionGraph of(Collection<Revision> revisions) {
    Map<String, Revision> byId = new LinkedHashMap<>();
    Map<String, Integer> rank = new HashMap<>();
    for (Revision r : revisions) {
      Revision previous = byId.putIfAbsent(r.id(), r);
      if (previous != null) {
        throw new RetortException(
            ErrorCode.GRAPH,
            "duplicate revision id "
                + r.id()
                + " in "
                + previous.origin()
                + " and "
                + r.origin()
                + "; give one of them a new id (retort new makes unique ids)");
      }
      rank.put(r.id(), rank.size());
    }
    Map<String, List<String>> children = new HashMap<>();
    for (Revision r : byId.values()) {
      children.computeIfAbsent(r.id(), k -> new ArrayList<>());
      for (String p : r.parents()) {
        if (!byId.containsKey(p)) {
          throw new RetortException(
              ErrorCode.GRAPH,
              r.origin()
                  + ": parent revision "
                  + p
                  + " of "
                  + r.id()
                  + " does not exist; fix 'retort:parents' (retort heads lists the heads)");
        }
        children.computeIfAbsent(p, k -> new ArrayList<>()).add(r.id());
      }
    }
    return new RevisionGraph(byId, rank, children);
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  public Revision get(String id) {
    Revision r = byId.get(id);
    if (r == null) {
      throw new RetortException(ErrorCode.TARGET, "no revision " + id);
    }
    return r;
  }

  public int size() {
    return byId.size();
  }

  /** All revisions, parents before children. */
  public List<String> topologicalOrder() {
    return topological;
  }

  /** Revisions that no other revision names as a parent, in topological order. */
  public List<String> heads() {
    return heads;
  }

  /** Revisions with no parent. */
  public List<String> bases() {
    List<String> bases = new ArrayList<>();
    for (String id : topological) {
      if (byId.get(id).parents().isEmpty()) {
        bases.add(id);
      }
    }
    return bases;
  }

  public List<String> children(String id) {
    List<String> list = new ArrayList<>(children.getOrDefault(id, List.of()));
    list.sort((a, b) -> Integer.compare(rank.get(a), rank.get(b)));
    return list;
  }

  /** Every revision reachable through parents, not including {@code id} itself; unmodifiable. */
  public Set<String> ancestors(String id) {
    Set<String> known = ancestorsCache.get(id);
    if (known == null) {
      known = Collections.unmodifiableSet(walk(id, r -> byId.get(r).parents()));
      ancestorsCache.put(id, known);
    }
    return known;
  }

  /** Every revision reachable through children, not including {@code id} itself. */
  public Set<String> descendants(String id) {
    return walk(id, r -> children.getOrDefault(r, List.of()));
  }

  /**
   * Resolves a full id or a unique prefix of one.
   *
   * @throws RetortException {@link ErrorCode#TARGET} when nothing or several revisions match
   */
  public String resolve(String idOrPrefix) {
    if (byId.containsKey(idOrPrefix)) {
      return idOrPrefix;
    }
    List<String> matches = new ArrayList<>();
    for (String id : topological) {
      if (id.startsWith(idOrPrefix)) {
        matches.add(id);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new RetortException(
          ErrorCode.TARGET,
          "no revision matches '" + idOrPrefix + "'; retort history lists the revisions");
    }
    throw new RetortException(
        ErrorCode.TARGET,
        "'"
            + idOrPrefix
            + "' is ambiguous: it matches "
            + String.join(", ", matches)
            + "; give more characters");
  }

  private Set<String> walk(String start, java.util.function.Function<String, List<String>> next) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(next.apply(start));
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (seen.add(id)) {
        todo.addAll(next.apply(id));
      }
    }
    return seen;
  }

  /** Kahn's algorithm, taking the earliest-given ready revision first; reports any cycle. */
  private List<String> sortTopologically() {
    Map<String, Integer> waiting = new HashMap<>();
    PriorityQueue<String> ready =
        new PriorityQueue<>((a, b) -> Integer.compare(rank.get(a), rank.get(b)));
    for (Revision r : byId.values()) {
      waiting.put(r.id(), r.parents().size());
      if (r.parents().isEmpty()) {
        ready.add(r.id());
      }
    }
    List<String> order = new ArrayList<>(byId.size());
    while (!ready.isEmpty()) {
      String id = ready.poll();
      order.add(id);
      for (String child : children.get(id)) {
        if (waiting.merge(child, -1, Integer::sum) == 0) {
          ready.add(child);
        }
      }
    }
    if (order.size() < byId.size()) {
      throw new RetortException(ErrorCode.GRAPH, describeCycle(new HashSet<>(order)));
    }
    return List.copyOf(order);
  }

  private String describeCycle(Set<String> sorted) {
    // Follow parents from any unsorted revision until one repeats: that loop is a cycle.
    String start = byId.keySet().stream().filter(id -> !sorted.contains(id)).findFirst().get();
    List<String> path = new ArrayList<>();
    String current = start;
    while (!path.contains(current)) {
      path.add(current);
      current =
          byId.get(current).parents().stream()
              .filter(p -> !sorted.contains(p))
              .findFirst()
              .orElseThrow();
    }
    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
    cycle.add(current);
    StringBuilder where = new StringBuilder();
    for (String id : cycle.subList(0, cycle.size() - 1)) {
      where.append(where.length() == 0 ? "" : ", ").append(byId.get(id).origin());
    }
    return "revision cycle "
        + String.join(" -> ", cycle)
        + " (in "
        + where
        + "); a revision cannot be its own ancestor: fix 'retort:parents'";
  }
}
