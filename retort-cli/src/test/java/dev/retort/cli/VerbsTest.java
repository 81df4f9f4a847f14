package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The verbs registered lazily by Main: their names, and which ones a command line gets. */
class VerbsTest {
  @Test
  void eachVerbIsRegisteredUnderItsCommandsOwnName() {
    for (Map.Entry<String, Class<?>> verb : RetortCli.VERBS) {
      Command command = verb.getValue().getAnnotation(Command.class);
      assertThat(command).as(verb.getValue().getName()).isNotNull();
      assertThat(command.name()).isEqualTo(verb.getKey());
    }
    assertThat(RetortCli.VERBS).extracting(Map.Entry::getKey).doesNotHaveDuplicates();
  }

  private static List<String> names(String... args) {
    return Main.verbsFor(args).stream().map(Map.Entry::getKey).toList();
  }

  @Test
  void aLineGetsTheVerbsItNamesOrAllWhenItNamesNoneOrAsksForHelp() {
    List<String> all = RetortCli.VERBS.stream().map(Map.Entry::getKey).toList();
    assertThat(names("-c", "x.toml", "status", "--check")).containsExactly("status");
    assertThat(names("--profile", "new", "upgrade")).containsExactly("new", "upgrade");
    assertThat(names()).isEqualTo(all);
    assertThat(names("upgrad")).isEqualTo(all);
    assertThat(names("status", "--help")).isEqualTo(all);
    assertThat(names("-h")).isEqualTo(all);
  }
}
