package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ErrorCode;
import dev.retort.RetortException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RevisionGraphTest {
  /** A revision declared in {@code <id>.sql}. */
  private static Revision rev(String id, String... parents) {
    return new Revision(id, Arrays.asList(parents), id + ".sql");
  }

  private static RevisionGraph graph(Revision... revisions) {
    return RevisionGraph.of(List.of(revisions));
  }

  private static void assertGraphError(ThrowingCallable call, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOf(RetortException.class)
        .satisfies(e -> assertThat(((RetortException) e).code()).isEqualTo(ErrorCode.GRAPH))
        .hasMessageContainingAll(fragments);
  }

  @Test
  void linearChain() {
    RevisionGraph g = graph(rev("a"), rev("b", "a"), rev("c", "b"));

    assertThat(g.size()).isEqualTo(3);
    assertThat(g.topologicalOrder()).containsExactly("a", "b", "c");
    assertThat(g.heads()).containsExactly("c");
    assertThat(g.bases()).containsExactly("a");
    assertThat(g.children("a")).containsExactly("b");
    assertThat(g.children("c")).isEmpty();
    assertThat(g.get("b").parents()).containsExactly("a");
    assertThat(g.contains("b")).isTrue();
    assertThat(g.contains("z")).isFalse();
  }

  @Test
  void theOrderOfTheInputDoesNotHaveToBeTopological() {
    RevisionGraph g = graph(rev("c", "b"), rev("b", "a"), rev("a"));

    assertThat(g.topologicalOrder()).containsExactly("a", "b", "c");
  }

  @Test
  void branchesGiveSeveralHeads() {
    RevisionGraph g = graph(rev("a"), rev("b1", "a"), rev("c1", "a"), rev("b2", "b1"));

    assertThat(g.heads()).containsExactly("c1", "b2");
    assertThat(g.children("a")).containsExactly("b1", "c1");
    assertThat(g.bases()).containsExactly("a");
  }

  @Test
  void aMergeJoinsBranchesIntoOneHead() {
    RevisionGraph g = graph(rev("a"), rev("b", "a"), rev("c", "a"), rev("m", "b", "c"));

    assertThat(g.heads()).containsExactly("m");
    assertThat(g.topologicalOrder()).containsExactly("a", "b", "c", "m");
    assertThat(g.ancestors("m")).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(g.children("b")).containsExactly("m");
    assertThat(g.children("c")).containsExactly("m");
  }

  @Test
  void severalRootsAreAllowed() {
    RevisionGraph g = graph(rev("a"), rev("x"), rev("b", "a"), rev("m", "b", "x"));

    assertThat(g.bases()).containsExactly("a", "x");
    assertThat(g.heads()).containsExactly("m");
    assertThat(g.topologicalOrder()).containsExactly("a", "x", "b", "m");
  }

  @Test
  void topologicalOrderFollowsTheInputWhereverTheGraphLeavesAChoice() {
    // Two branches from a: given interleaved, they come out interleaved in the given order.
    Revision[] given = {
      rev("a"), rev("x1", "a"), rev("y1", "a"), rev("x2", "x1"), rev("y2", "y1"), rev("x3", "x2")
    };
    RevisionGraph g = graph(given);
    assertThat(g.topologicalOrder()).containsExactly("a", "x1", "y1", "x2", "y2", "x3");

    // Same graph, branches given in the other order: the order follows.
    RevisionGraph h =
        graph(
            rev("a"),
            rev("y1", "a"),
            rev("y2", "y1"),
            rev("x1", "a"),
            rev("x2", "x1"),
            rev("x3", "x2"));
    assertThat(h.topologicalOrder()).containsExactly("a", "y1", "y2", "x1", "x2", "x3");

    // And it is stable: building again gives the same answer.
    assertThat(graph(given).topologicalOrder()).isEqualTo(g.topologicalOrder());
  }

  @Test
  void ancestorsAndDescendantsExcludeTheRevisionItself() {
    RevisionGraph g =
        graph(rev("a"), rev("b", "a"), rev("c", "b"), rev("x", "a"), rev("m", "c", "x"), rev("z"));

    assertThat(g.ancestors("c")).containsExactlyInAnyOrder("a", "b");
    assertThat(g.ancestors("a")).isEmpty();
    assertThat(g.descendants("b")).containsExactlyInAnyOrder("c", "m");
    assertThat(g.descendants("a")).containsExactlyInAnyOrder("b", "c", "x", "m");
    assertThat(g.descendants("m")).isEmpty();
    assertThat(g.descendants("z")).isEmpty();
    assertThat(g.ancestors("m")).doesNotContain("z", "m");
  }

  @Test
  void duplicateIdsNameBothFiles() {
    List<Revision> revisions = new ArrayList<>();
    revisions.add(new Revision("a", List.of(), "db/001_first.sql"));
    revisions.add(new Revision("b", List.of("a"), "db/002.sql"));
    revisions.add(new Revision("a", List.of(), "db/003_copy.sql"));

    assertGraphError(
        () -> RevisionGraph.of(revisions),
        "duplicate revision id a",
        "db/001_first.sql",
        "db/003_copy.sql");
  }

  @Test
  void aMissingParentNamesTheFileAndTheParent() {
    assertGraphError(
        () -> graph(rev("a"), rev("b", "gone")), "b.sql: parent revision gone of b does not exist");
  }

  @Test
  void aCycleIsShownWithItsFiles() {
    assertGraphError(
        () -> graph(rev("root"), rev("a", "root", "c"), rev("b", "a"), rev("c", "b")),
        "revision cycle a -> c -> b -> a",
        "a.sql",
        "b.sql",
        "c.sql");
  }

  @Test
  void aCycleBehindItsDescendantsIsStillFound() {
    // d depends on the cycle but is not part of it; the message shows only the loop.
    assertThatThrownBy(() -> graph(rev("d", "b"), rev("a", "b"), rev("b", "a")))
        .hasMessageContaining("revision cycle ")
        .hasMessageNotContaining("d ->")
        .hasMessageMatching(".*cycle (a -> b -> a|b -> a -> b) .*");
  }

  @Test
  void aRevisionThatIsItsOwnParentIsACycle() {
    assertGraphError(() -> graph(rev("a", "a")), "revision cycle a -> a");
  }

  @Test
  void resolvesFullIdsAndUniquePrefixes() {
    RevisionGraph g = graph(rev("ab12"), rev("ab34", "ab12"), rev("cd", "ab34"), rev("ab", "cd"));

    assertThat(g.resolve("cd")).isEqualTo("cd");
    assertThat(g.resolve("c")).isEqualTo("cd");
    assertThat(g.resolve("ab3")).isEqualTo("ab34");
    // An exact id wins over being a prefix of others.
    assertThat(g.resolve("ab")).isEqualTo("ab");
  }

  @Test
  void anAmbiguousPrefixListsTheMatches() {
    RevisionGraph g = graph(rev("ab12"), rev("ab34", "ab12"));

    assertThatThrownBy(() -> g.resolve("a"))
        .isInstanceOf(RetortException.class)
        .satisfies(e -> assertThat(((RetortException) e).code()).isEqualTo(ErrorCode.TARGET))
        .hasMessageContaining("'a' is ambiguous: it matches ab12, ab34");
  }

  @Test
  void aPrefixThatMatchesNothingIsATargetError() {
    RevisionGraph g = graph(rev("ab12"));

    assertThatThrownBy(() -> g.resolve("zz"))
        .isInstanceOf(RetortException.class)
        .satisfies(e -> assertThat(((RetortException) e).code()).isEqualTo(ErrorCode.TARGET))
        .hasMessageContaining("no revision matches 'zz'");
    assertThatThrownBy(() -> g.get("zz")).hasMessageContaining("no revision zz");
  }

  @Test
  void anEmptyGraphHasNoHeads() {
    RevisionGraph g = RevisionGraph.of(List.of());

    assertThat(g.heads()).isEmpty();
    assertThat(g.topologicalOrder()).isEmpty();
  }
}
