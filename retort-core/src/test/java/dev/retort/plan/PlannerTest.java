package dev.retort.plan;

import static dev.retort.MigrationFiles.migration;
import static dev.retort.MigrationFiles.migrationWithoutDown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import dev.retort.history.HistoryRow;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.source.Checksums;
import dev.retort.source.Migration;
import dev.retort.source.SqlMigrationParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PlannerTest {
  // a - b - c, and x from a: two heads (c, x).
  private static final Migration A = migration("a");
  private static final Migration B = migration("b", "a");
  private static final Migration C = migration("c", "b");
  private static final Migration X = migration("x", "a");

  private static Planner planner(List<Migration> source, Migration... applied) {
    List<HistoryRow> rows = new ArrayList<>();
    for (Migration m : applied) {
      rows.add(row(m, rows.size() + 1));
    }
    return planner(source, rows);
  }

  private static Planner planner(List<Migration> source, List<HistoryRow> rows) {
    Map<String, Migration> byId = new LinkedHashMap<>();
    List<Revision> revisions = new ArrayList<>();
    for (Migration m : source) {
      byId.put(m.id(), m);
      revisions.add(new Revision(m.id(), m.parents(), m.origin()));
    }
    return new Planner(RevisionGraph.of(revisions), byId, rows);
  }

  /** The history row an upgrade writes for {@code m}. */
  private static HistoryRow row(Migration m, long order) {
    return new HistoryRow(
        m.id(),
        m.parents(),
        m.description(),
        "sql",
        m.checksum(),
        Checksums.ALGORITHM,
        "2024-01-01T00:00:00Z",
        "me@host",
        1,
        "dev",
        m.down() == null ? null : m.down().sql(),
        order,
        HistoryRow.State.APPLIED,
        1,
        1,
        null,
        m.origin());
  }

  private static List<String> ids(Plan plan) {
    return plan.steps().stream().map(Step::revision).toList();
  }

  private static List<String> up(Planner p, String target) {
    Plan plan = p.upgrade(Target.parse(target));
    assertThat(plan.direction()).isEqualTo(Step.Direction.UP);
    assertThat(plan.steps())
        .allSatisfy(s -> assertThat(s.direction()).isEqualTo(Step.Direction.UP));
    return ids(plan);
  }

  private static List<String> down(Planner p, String target) {
    Plan plan = p.downgrade(Target.parse(target));
    assertThat(plan.direction()).isEqualTo(Step.Direction.DOWN);
    return ids(plan);
  }

  private static void assertError(ThrowingCallable call, ErrorCode code, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOf(RetortException.class)
        .satisfies(e -> assertThat(((RetortException) e).code()).isEqualTo(code))
        .hasMessageContainingAll(fragments);
  }

  @Test
  void headAppliesEverythingPendingOnTheWay() {
    List<Migration> linear = List.of(A, B, C);

    assertThat(up(planner(linear), "head")).containsExactly("a", "b", "c");
    assertThat(up(planner(linear, A), "head")).containsExactly("b", "c");
    assertThat(up(planner(linear, A, B, C), "head")).isEmpty();
    assertThat(planner(linear, A, B, C).upgrade(new Target.Head()).isEmpty()).isTrue();
  }

  @Test
  void upStepsCarryTheirMigration() {
    Plan plan = planner(List.of(A, B)).upgrade(new Target.Head());

    assertThat(plan.steps().get(1).migration()).isSameAs(B);
    assertThat(plan.steps().get(1).row()).isNull();
    assertThat(plan.steps().get(1).usesStoredDown()).isFalse();
  }

  @Test
  void headRefusesSeveralHeadsAndPointsAtMerge() {
    assertError(
        () -> planner(List.of(A, B, C, X)).upgrade(new Target.Head()),
        ErrorCode.GRAPH,
        "2 heads (c, x)",
        "retort merge",
        "retort upgrade heads");
  }

  @Test
  void headWithSeveralHeadsAllAppliedIsANoOp() {
    // After 'upgrade heads', a deploy's plain upgrade must stay idempotent.
    assertThat(up(planner(List.of(A, B, C, X), A, B, C, X), "head")).isEmpty();
    assertError(
        () -> planner(List.of(A, B, C, X), A, B, X).upgrade(new Target.Head()),
        ErrorCode.GRAPH,
        "2 heads");
  }

  @Test
  void headsAppliesEveryBranch() {
    assertThat(up(planner(List.of(A, B, C, X)), "heads")).containsExactly("a", "b", "c", "x");
    assertThat(up(planner(List.of(A, B, C, X), A, X), "heads")).containsExactly("b", "c");
  }

  @Test
  void plusNTakesTheNextPendingRevisions() {
    List<Migration> linear = List.of(A, B, C);

    assertThat(up(planner(linear), "+1")).containsExactly("a");
    assertThat(up(planner(linear, A), "+2")).containsExactly("b", "c");
    assertError(
        () -> planner(linear, A).upgrade(Target.parse("+3")),
        ErrorCode.TARGET,
        "goes past the head",
        "only 2 revision(s) are pending");
  }

  @Test
  void upgradeRefusesBackwardTargets() {
    assertError(
        () -> planner(List.of(A)).upgrade(Target.parse("-1")), ErrorCode.TARGET, "downgrade -1");
    assertError(
        () -> planner(List.of(A)).upgrade(Target.parse("base")),
        ErrorCode.TARGET,
        "use downgrade base");
  }

  @Test
  void aRevisionTargetAppliesItsPendingAncestorsOnly() {
    List<Migration> source = List.of(A, B, C, X);

    assertThat(up(planner(source), "b")).containsExactly("a", "b");
    assertThat(up(planner(source), "x")).containsExactly("a", "x");
    assertThat(up(planner(source, A), "c")).containsExactly("b", "c");
    assertThat(up(planner(source, A, B), "b")).isEmpty();
  }

  @Test
  void aMergeTargetAppliesBothBranches() {
    Migration m = migration("m", "c", "x");
    assertThat(up(planner(List.of(A, B, C, X, m)), "m")).containsExactly("a", "b", "c", "x", "m");
    assertThat(up(planner(List.of(A, B, C, X, m)), "head"))
        .containsExactly("a", "b", "c", "x", "m");
  }

  @Test
  void revisionOffsetsMoveAlongTheGraph() {
    List<Migration> linear = List.of(A, B, C);

    assertThat(up(planner(linear), "a+1")).containsExactly("a", "b");
    assertThat(up(planner(linear), "a+2")).containsExactly("a", "b", "c");
    assertThat(up(planner(linear), "c-1")).containsExactly("a", "b");
    assertThat(up(planner(linear), "c-2")).containsExactly("a");
  }

  @Test
  void revisionOffsetsStopAtTheEndsAndAtBranches() {
    assertError(
        () -> planner(List.of(A, B)).upgrade(Target.parse("b+1")),
        ErrorCode.TARGET,
        "b+1 goes past the head at revision b");
    assertError(
        () -> planner(List.of(A, B)).upgrade(Target.parse("b-2")),
        ErrorCode.TARGET,
        "b-2 goes past the base at revision a");
    assertError(
        () -> planner(List.of(A, B, X)).upgrade(Target.parse("a+1")),
        ErrorCode.TARGET,
        "a+1 is ambiguous",
        "several children (b, x)");
  }

  @Test
  void idsThatEndInDashDigitsResolveAsIds() {
    Migration rel = migration("rel");
    Migration rel1 = migration("rel-1", "rel");
    Migration rel2 = migration("rel-2", "rel-1");
    List<Migration> source = List.of(rel, rel1, rel2);

    assertThat(up(planner(source), "rel-1")).containsExactly("rel", "rel-1");
    assertThat(up(planner(source), "rel-2")).containsExactly("rel", "rel-1", "rel-2");
    // With an offset after the id, the offset still counts.
    assertThat(up(planner(source), "rel-2-1")).containsExactly("rel", "rel-1");
    assertThat(up(planner(source), "rel+1")).containsExactly("rel", "rel-1");
  }

  @Test
  void prefixesResolve() {
    Migration long1 = migration("3f9a1c2e7b10");
    Migration long2 = migration("3f9b00000000", "3f9a1c2e7b10");

    assertThat(up(planner(List.of(long1, long2)), "3f9a")).containsExactly("3f9a1c2e7b10");
    assertThat(up(planner(List.of(long1, long2)), "3f9a+1"))
        .containsExactly("3f9a1c2e7b10", "3f9b00000000");
    assertError(
        () -> planner(List.of(long1, long2)).upgrade(Target.parse("3f9")),
        ErrorCode.TARGET,
        "'3f9' is ambiguous");
    assertError(
        () -> planner(List.of(long1, long2)).upgrade(Target.parse("nope")),
        ErrorCode.TARGET,
        "no revision matches 'nope'");
  }

  @Test
  void anEmptySourceHasNothingToDo() {
    assertThat(up(planner(List.of()), "head")).isEmpty();
  }

  @Test
  void pendingListsUnappliedRevisionsInApplyOrder() {
    assertThat(planner(List.of(A, B, C, X), A, C).pending()).containsExactly("b", "x");
  }

  @Test
  void downgradeToBaseUndoesEverythingInReverseApplyOrder() {
    // Applied in an order other than the topological one: x went in before b.
    Plan plan = planner(List.of(A, B, C, X), A, X, B, C).downgrade(new Target.Base());

    assertThat(ids(plan)).containsExactly("c", "b", "x", "a");
    assertThat(plan.steps())
        .allSatisfy(
            s -> {
              assertThat(s.direction()).isEqualTo(Step.Direction.DOWN);
              assertThat(s.row().revision()).isEqualTo(s.revision());
              assertThat(s.usesStoredDown()).isFalse();
            });
    assertThat(plan.steps().get(0).migration()).isSameAs(C);
  }

  @Test
  void downgradeMinusNUndoesTheLastAppliedOnes() {
    Planner p = planner(List.of(A, B, C, X), A, X, B, C);

    assertThat(down(p, "-1")).containsExactly("c");
    assertThat(down(p, "-3")).containsExactly("c", "b", "x");
    assertError(
        () -> p.downgrade(Target.parse("-5")),
        ErrorCode.TARGET,
        "goes past base",
        "only 4 revision(s) are applied");
    assertError(() -> p.downgrade(Target.parse("+1")), ErrorCode.TARGET, "goes forwards");
  }

  @Test
  void downgradeToARevisionUndoesOnlyItsDescendants() {
    Planner p = planner(List.of(A, B, C, X), A, X, B, C);

    assertThat(down(p, "b")).containsExactly("c");
    assertThat(down(p, "c")).isEmpty();
    assertThat(down(p, "a")).containsExactly("c", "b", "x");
    assertThat(down(p, "c-1")).containsExactly("c");
  }

  @Test
  void downgradeLeavesAnIndependentBranchAlone() {
    // Two roots: a - b and p - q, applied interleaved.
    Migration p = migration("p");
    Migration q = migration("q", "p");
    Planner planner = planner(List.of(A, B, p, q), A, p, B, q);

    assertThat(down(planner, "a")).containsExactly("b");
    assertThat(down(planner, "p")).containsExactly("q");
  }

  @Test
  void downgradeToARevisionThatIsNotAppliedIsRefused() {
    assertError(
        () -> planner(List.of(A, B, C), A).downgrade(Target.parse("b")),
        ErrorCode.TARGET,
        "revision b is not applied");
  }

  @Test
  void downgradeRefusesForwardTargets() {
    assertError(
        () -> planner(List.of(A), A).downgrade(new Target.Head()), ErrorCode.TARGET, "'head'");
    assertError(
        () -> planner(List.of(A), A).downgrade(new Target.Heads()), ErrorCode.TARGET, "'heads'");
  }

  @Test
  void aStepWithoutAnyDownScriptFailsThePlanBeforeAnythingRuns() {
    Migration noDown = migrationWithoutDown("b", "a");
    Planner p = planner(List.of(A, noDown, C), A, noDown, C);

    assertError(
        () -> p.downgrade(new Target.Base()),
        ErrorCode.TARGET,
        "revision b (b.sql) has no down part",
        "none is stored in the history table");
    // Undoing only c does not touch b: that plan is fine.
    assertThat(down(p, "-1")).containsExactly("c");
  }

  @Test
  void aRevisionWhoseFileIsGoneIsUndoneFromItsStoredDownScript() {
    // c was applied, then its file was deleted; its row keeps the down script.
    Planner p = planner(List.of(A, B), A, B, C);

    Plan plan = p.downgrade(Target.parse("-1"));
    Step step = plan.steps().get(0);
    assertThat(step.revision()).isEqualTo("c");
    assertThat(step.migration()).isNull();
    assertThat(step.usesStoredDown()).isTrue();
    assertThat(step.row().downScript()).isEqualToIgnoringWhitespace("SELECT 2;");
    assertThat(step.origin()).isEqualTo("c.sql");
    assertThat(step.description()).isEqualTo("migration c");
  }

  @Test
  void aRevisionOnlyTheHistoryKnowsCanBeATargetOrADescendant() {
    Planner p = planner(List.of(A, B), A, B, C);

    // c is known from its history row, as a child of b.
    assertThat(down(p, "b")).containsExactly("c");
    assertThat(down(p, "a")).containsExactly("c", "b");
    assertThat(down(p, "c")).isEmpty();
  }

  @Test
  void aFileWhoseDownPartWasRemovedFallsBackToTheStoredOne() {
    Migration editedB = migrationWithoutDown("b", "a");
    // Applied with its down part; since then the file lost it.
    Planner p = planner(List.of(A, editedB), List.of(row(A, 1), row(B, 2)));

    Step step = p.downgrade(Target.parse("-1")).steps().get(0);
    assertThat(step.migration()).isSameAs(editedB);
    assertThat(step.usesStoredDown()).isTrue();
  }

  @Test
  void aGoneFileWithoutAStoredDownScriptIsRefused() {
    Migration cNoDown = migrationWithoutDown("c", "b");
    Planner p = planner(List.of(A, B), List.of(row(A, 1), row(B, 2), row(cNoDown, 3)));

    assertError(
        () -> p.downgrade(Target.parse("-1")), ErrorCode.TARGET, "revision c (c.sql) has no down");
  }

  @Test
  void aMergeRevisionThatRunsNothingIsUndoneWithoutADownPart() {
    Migration merge =
        SqlMigrationParser.parse(
            "m.sql",
            "-- retort:revision m\n-- retort:parents c x\n-- retort:up\n-- merges c, x\n"
                + "-- retort:down\n\n");
    Planner p = planner(List.of(A, B, C, X, merge), A, B, C, X, merge);

    Step step = p.downgrade(Target.parse("-1")).steps().get(0);

    assertThat(step.revision()).isEqualTo("m");
    assertThat(step.usesStoredDown()).isFalse();
  }

  @Test
  void aDownPartThatIsOnlyCommentsCountsAsNone() {
    Migration commented =
        SqlMigrationParser.parse(
            "b.sql",
            "-- retort:revision b\n-- retort:parents a\n-- retort:up\nSELECT 1;\n"
                + "-- retort:down\n-- DROP TABLE b;\n");
    Planner p = planner(List.of(A, commented), A, commented);

    assertError(() -> p.downgrade(Target.parse("-1")), ErrorCode.TARGET, "revision b (b.sql)");
  }
}
