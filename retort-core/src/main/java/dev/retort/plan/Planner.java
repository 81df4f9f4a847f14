package dev.retort.plan;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.history.HistoryRow;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.source.Migration;
import dev.retort.source.Script;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a target into the steps that reach it, from the revision graph of the source and the
 * revisions applied to the database. Pure: tested without a database.
 *
 * <p>Downgrades undo revisions in the reverse of the order they were applied, which is always a
 * valid order: a revision is only ever applied after its parents.
 */
public final class Planner {
  private final RevisionGraph graph;
  private final Map<String, Migration> migrations;
  private final List<HistoryRow> applied;
  private final Set<String> appliedIds;

  /**
   * @param graph the graph of the source's migrations
   * @param migrations the source's migrations by id
   * @param applied the applied history rows, in apply order
   */
  public Planner(RevisionGraph graph, Map<String, Migration> migrations, List<HistoryRow> applied) {
    this.graph = graph;
    this.migrations = migrations;
    this.applied = applied;
    this.appliedIds = new LinkedHashSet<>();
    for (HistoryRow row : applied) {
      appliedIds.add(row.revision());
    }
  }

  /** The pending revisions on the way to every head, in the order they would be applied. */
  public List<String> pending() {
    List<String> pending = new ArrayList<>();
    for (String id : graph.topologicalOrder()) {
      if (!appliedIds.contains(id)) {
        pending.add(id);
      }
    }
    return pending;
  }

  public Plan upgrade(Target target) {
    List<String> ids;
    if (target instanceof Target.Head) {
      List<String> heads = graph.heads();
      // With every branch already applied (after 'upgrade heads') there is nothing to choose
      // between, and a deploy's upgrade must stay a no-op.
      if (heads.size() > 1 && !pending().isEmpty()) {
        throw multipleHeads(heads);
      }
      if (heads.size() > 1) {
        return new Plan(Step.Direction.UP, List.of());
      }
      ids = heads.isEmpty() ? List.of() : pendingUpTo(heads.get(0));
    } else if (target instanceof Target.Heads) {
      ids = pending();
    } else if (target instanceof Target.Relative r) {
      if (r.steps() < 0) {
        throw new RetortException(
            ErrorCode.TARGET,
            "upgrade " + r.steps() + " goes backwards; use downgrade " + r.steps());
      }
      List<String> all = pending();
      if (r.steps() > all.size()) {
        throw new RetortException(
            ErrorCode.TARGET,
            "upgrade +"
                + r.steps()
                + " goes past the head: only "
                + all.size()
                + " revision(s) are pending");
      }
      ids = all.subList(0, r.steps());
    } else if (target instanceof Target.Rev rev) {
      ids = pendingUpTo(resolve(graph, rev));
    } else {
      throw new RetortException(
          ErrorCode.TARGET, "upgrade to base makes no sense; use downgrade base");
    }
    List<Step> steps = new ArrayList<>();
    for (String id : ids) {
      steps.add(new Step(Step.Direction.UP, id, migrations.get(id), null));
    }
    return new Plan(Step.Direction.UP, steps);
  }

  /**
   * Refuses a stamp target that moves backwards, which upgrade's messages ("use downgrade base")
   * would answer wrongly: a stamp only ever adds history rows.
   */
  public static void checkStampTarget(Target target) {
    String backwards =
        target instanceof Target.Base
            ? "base"
            : target instanceof Target.Relative r && r.steps() < 0 ? describe(target) : null;
    if (backwards != null) {
      throw new RetortException(
          ErrorCode.TARGET,
          "stamp "
              + backwards
              + " goes backwards: stamp records revisions as applied; to undo a stamp, use 'retort"
              + " downgrade "
              + backwards
              + "' (it runs the down scripts)");
    }
  }

  public Plan downgrade(Target target) {
    List<HistoryRow> undo = new ArrayList<>();
    if (target instanceof Target.Base) {
      undo.addAll(applied);
    } else if (target instanceof Target.Relative r) {
      int n = -r.steps();
      if (n <= 0) {
        throw new RetortException(
            ErrorCode.TARGET,
            "downgrade "
                + (r.steps() > 0 ? "+" : "")
                + r.steps()
                + " goes forwards; use -N, a revision or base");
      }
      if (n > applied.size()) {
        throw new RetortException(
            ErrorCode.TARGET,
            "downgrade -"
                + n
                + " goes past base: only "
                + applied.size()
                + " revision(s) are applied");
      }
      undo.addAll(applied.subList(applied.size() - n, applied.size()));
    } else if (target instanceof Target.Rev rev) {
      RevisionGraph known = knownGraph();
      String id = resolve(known, rev);
      if (!appliedIds.contains(id)) {
        throw new RetortException(
            ErrorCode.TARGET,
            "revision "
                + id
                + " is not applied; downgrade goes back to an applied revision (retort current)");
      }
      Set<String> descendants = known.descendants(id);
      for (HistoryRow row : applied) {
        if (descendants.contains(row.revision())) {
          undo.add(row);
        }
      }
    } else {
      throw new RetortException(
          ErrorCode.TARGET,
          "downgrade needs base, -N or a revision; '" + describe(target) + "' moves forwards");
    }
    Collections.reverse(undo);
    List<Step> steps = new ArrayList<>();
    for (HistoryRow row : undo) {
      Migration m = migrations.get(row.revision());
      Step step = new Step(Step.Direction.DOWN, row.revision(), m, row);
      if (step.usesStoredDown()
          && (row.downScript() == null || new Script(row.downScript(), 1).isBlank())) {
        throw new RetortException(
            ErrorCode.TARGET,
            "revision "
                + row.revision()
                + " ("
                + step.origin()
                + ") has no down part and none is stored in the history table; write a"
                + " '-- retort:down' part or downgrade to a later revision");
      }
      steps.add(step);
    }
    return new Plan(Step.Direction.DOWN, steps);
  }

  /** Pending ancestors of {@code id} and {@code id} itself, in topological order. */
  private List<String> pendingUpTo(String id) {
    Set<String> wanted = graph.ancestors(id);
    List<String> ids = new ArrayList<>();
    for (String r : graph.topologicalOrder()) {
      if ((wanted.contains(r) || r.equals(id)) && !appliedIds.contains(r)) {
        ids.add(r);
      }
    }
    return ids;
  }

  /**
   * The source's graph plus applied revisions whose files are gone, so that a downgrade can name
   * and undo revisions that only the history table still knows.
   */
  private RevisionGraph knownGraph() {
    List<Revision> all = new ArrayList<>();
    for (String id : graph.topologicalOrder()) {
      all.add(graph.get(id));
    }
    Set<String> known = new LinkedHashSet<>(graph.topologicalOrder());
    for (HistoryRow row : applied) {
      if (known.add(row.revision())) {
        all.add(new Revision(row.revision(), List.of(), "history table"));
      }
    }
    // Second pass: parents of history-only revisions, where they are known at all.
    for (int i = 0; i < all.size(); i++) {
      Revision r = all.get(i);
      if (r.origin().equals("history table")) {
        HistoryRow row =
            applied.stream().filter(h -> h.revision().equals(r.id())).findFirst().get();
        List<String> parents = row.parents().stream().filter(known::contains).toList();
        all.set(i, new Revision(r.id(), parents, r.origin()));
      }
    }
    return RevisionGraph.of(all);
  }

  /** Resolves {@code <id>}, {@code <id>+N} or {@code <id>-N} against a graph. */
  static String resolve(RevisionGraph g, Target.Rev rev) {
    // An id that itself ends in "-2" must resolve as that id, not as two steps back.
    if (rev.offset() != 0 && matchesExactly(g, rev.text())) {
      return g.resolve(rev.text());
    }
    String id = g.resolve(rev.ref());
    for (int i = 0; i < Math.abs(rev.offset()); i++) {
      List<String> next = rev.offset() > 0 ? g.children(id) : g.get(id).parents();
      if (next.isEmpty()) {
        throw new RetortException(
            ErrorCode.TARGET,
            rev.text()
                + " goes past "
                + (rev.offset() > 0 ? "the head" : "the base")
                + " at revision "
                + id);
      }
      if (next.size() > 1) {
        throw new RetortException(
            ErrorCode.TARGET,
            rev.text()
                + " is ambiguous: revision "
                + id
                + " has several "
                + (rev.offset() > 0 ? "children" : "parents")
                + " ("
                + String.join(", ", next)
                + "); name the revision instead");
      }
      id = next.get(0);
    }
    return id;
  }

  /** Whether the whole text names one revision, as an id or a unique prefix of one. */
  private static boolean matchesExactly(RevisionGraph g, String text) {
    return g.contains(text)
        || g.topologicalOrder().stream().filter(id -> id.startsWith(text)).count() == 1;
  }

  static RetortException multipleHeads(List<String> heads) {
    return new RetortException(
        ErrorCode.GRAPH,
        "the migrations have "
            + heads.size()
            + " heads ("
            + String.join(", ", heads)
            + "): parallel branches; run 'retort merge -m \"merge\"' to join them, or"
            + " 'retort upgrade heads' to apply every branch");
  }

  private static String describe(Target target) {
    if (target instanceof Target.Head) {
      return "head";
    }
    if (target instanceof Target.Heads) {
      return "heads";
    }
    if (target instanceof Target.Relative r) {
      return (r.steps() >= 0 ? "+" : "") + r.steps();
    }
    return target.toString();
  }
}
