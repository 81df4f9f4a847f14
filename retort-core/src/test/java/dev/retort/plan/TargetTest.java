package dev.retort.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {
  @Test
  void keywords() {
    assertThat(Target.parse("head")).isEqualTo(new Target.Head());
    assertThat(Target.parse(" heads ")).isEqualTo(new Target.Heads());
    assertThat(Target.parse("base")).isEqualTo(new Target.Base());
  }

  @Test
  void relativeSteps() {
    assertThat(Target.parse("+3")).isEqualTo(new Target.Relative(3));
    assertThat(Target.parse("-1")).isEqualTo(new Target.Relative(-1));
    assertThat(Target.parse("-12")).isEqualTo(new Target.Relative(-12));
  }

  @Test
  void revisionsWithAndWithoutOffset() {
    assertThat(Target.parse("3f9a")).isEqualTo(new Target.Rev("3f9a", "3f9a", 0));
    assertThat(Target.parse("3f9a+2")).isEqualTo(new Target.Rev("3f9a+2", "3f9a", 2));
    assertThat(Target.parse("3f9a-1")).isEqualTo(new Target.Rev("3f9a-1", "3f9a", -1));
  }

  @Test
  void theOffsetIsTheLastSignedNumberAndTheTextIsKeptForIdsThatEndInOne() {
    // Whether "rel-2" is an id or rel minus two is decided against the graph (PlannerTest); the
    // parse keeps what was typed so that the id reading stays possible.
    assertThat(Target.parse("rel-2")).isEqualTo(new Target.Rev("rel-2", "rel", -2));
    assertThat(Target.parse("rel-2-1")).isEqualTo(new Target.Rev("rel-2-1", "rel-2", -1));
    assertThat(Target.parse("2024-01-01")).isEqualTo(new Target.Rev("2024-01-01", "2024-01", -1));
  }

  @Test
  void keywordsAreExactWords() {
    assertThat(Target.parse("headline")).isEqualTo(new Target.Rev("headline", "headline", 0));
    assertThat(Target.parse("base1")).isEqualTo(new Target.Rev("base1", "base1", 0));
  }
}
