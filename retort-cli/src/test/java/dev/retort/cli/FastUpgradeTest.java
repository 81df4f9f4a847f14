package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@link FastUpgrade} against picocli: the same option table, the same result on every command line
 * it accepts, and no opinion on any other.
 */
class FastUpgradeTest {
  private final PrintWriter out = new PrintWriter(new StringWriter(), true);

  @Test
  void knowsExactlyRetortClisOptionsByAllTheirNames() {
    CommandLine cli = new CommandLine(new RetortCli(out));
    Set<List<String>> picocli = new HashSet<>();
    List<String> flags = new ArrayList<>();
    for (OptionSpec o : cli.getCommandSpec().options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      assertThat(o.scopeType()).as(o.longestName()).isEqualTo(CommandLine.ScopeType.INHERIT);
      if (o.arity().max() == 0) {
        flags.addAll(List.of(o.names()));
        continue;
      }
      assertThat(o.arity().min()).as(o.longestName()).isEqualTo(1);
      List<String> entry = new ArrayList<>(List.of(o.names()));
      entry.add(((Field) o.userObject()).getName());
      picocli.add(entry);
    }
    assertThat(new HashSet<>(FastUpgrade.VALUE_OPTIONS)).isEqualTo(picocli);
    assertThat(flags).containsExactlyInAnyOrderElementsOf(FastUpgrade.QUIET);
  }

  @Test
  void knowsUpgradesOwnOptionAndTarget() {
    CommandLine cli = picocli();
    CommandLine.Model.CommandSpec upgrade = cli.getSubcommands().get("upgrade").getCommandSpec();
    List<String> own = new ArrayList<>();
    for (OptionSpec o : upgrade.options()) {
      if (!o.inherited() && !o.usageHelp() && !o.versionHelp()) {
        own.addAll(List.of(o.names()));
        assertThat(o.arity().max()).isZero();
      }
    }
    assertThat(own).containsExactly(FastUpgrade.DRY_RUN);
    List<PositionalParamSpec> positionals = upgrade.positionalParameters();
    assertThat(positionals).hasSize(1);
    assertThat(positionals.get(0).arity().toString()).isEqualTo("0..1");
    assertThat(positionals.get(0).defaultValue()).isEqualTo("head");
  }

  @Test
  void parsesWhatItAcceptsExactlyAsPicocliDoes() throws Exception {
    List<String[]> lines =
        List.of(
            new String[] {"upgrade"},
            new String[] {"-c", "x.toml", "upgrade"},
            new String[] {"upgrade", "-c", "x.toml"},
            new String[] {"--config=x.toml", "upgrade", "abc123"},
            new String[] {
              "--url",
              "jdbc:sqlite:a.db",
              "--migrations",
              "m1,m2",
              "upgrade",
              "+2",
              "--dry-run",
              "-q"
            },
            new String[] {
              "-p",
              "prod",
              "--user",
              "u",
              "--password-file",
              "pw",
              "--history-table",
              "h",
              "--schema",
              "s",
              "--lock-timeout",
              "2s",
              "--ddl-lock-timeout",
              "3s",
              "--statement-timeout",
              "4s",
              "upgrade",
              "heads"
            },
            new String[] {"upgrade", "--quiet", "--profile=x", "a1b2-1"},
            new String[] {"upgrade", "upgrade"},
            new String[] {"--url", "jdbc:postgresql://h/db?a=b&c=d", "upgrade", "--dry-run"});
    for (String[] line : lines) {
      UpgradeCommand fast = FastUpgrade.parse(line, out);
      assertThat(fast).as(String.join(" ", line)).isNotNull();
      CommandLine cli = picocli();
      CommandLine.ParseResult parsed = cli.parseArgs(line);
      UpgradeCommand slow = parsed.subcommand().commandSpec().commandLine().getCommand();
      assertThat(describe(fast)).as(String.join(" ", line)).isEqualTo(describe(slow));
    }
  }

  @Test
  void leavesEveryOtherLineToPicocli() {
    List<String[]> lines =
        List.of(
            new String[] {},
            new String[] {"--help"},
            new String[] {"upgrade", "--help"},
            new String[] {"upgrade", "-h"},
            new String[] {"-V"},
            new String[] {"--version"},
            new String[] {"status"},
            new String[] {"upgrade", "-1"},
            new String[] {"upgrade", "a", "b"},
            new String[] {"--url"},
            new String[] {"upgrade", "--url"},
            new String[] {"--url", "-x", "upgrade"},
            new String[] {"--url=", "upgrade"},
            new String[] {"-c", "a", "-c", "b", "upgrade"},
            new String[] {"-c", "a", "upgrade", "--config", "b"},
            new String[] {"-q", "upgrade", "-q"},
            new String[] {"-qc", "x", "upgrade"},
            new String[] {"-cx.toml", "upgrade"},
            new String[] {"@args.txt"},
            new String[] {"upgrade", "@args.txt"},
            new String[] {"--dry-run", "upgrade"},
            new String[] {"upgrade", "--dry-run", "--dry-run"},
            new String[] {"x", "upgrade"},
            new String[] {"upgrade", "--", "head"},
            new String[] {"upgrade", ""},
            new String[] {"Upgrade"},
            new String[] {"upgrade", "--dry-run=true"},
            new String[] {"--unknown", "upgrade"});
    for (String[] line : lines) {
      assertThat(FastUpgrade.parse(line, out)).as(String.join(" ", line)).isNull();
    }
  }

  private CommandLine picocli() {
    CommandLine cli = new CommandLine(new RetortCli(out));
    cli.addSubcommand("upgrade", UpgradeCommand.class);
    return cli;
  }

  /** Every value the two parsers set. */
  private static List<Object> describe(UpgradeCommand u) {
    RetortCli r = u.root;
    return List.of(
        String.valueOf(r.config),
        String.valueOf(r.profile),
        String.valueOf(r.url),
        String.valueOf(r.user),
        String.valueOf(r.passwordFile),
        String.valueOf(r.migrations),
        String.valueOf(r.historyTable),
        String.valueOf(r.schema),
        String.valueOf(r.lockTimeout),
        String.valueOf(r.ddlLockTimeout),
        String.valueOf(r.statementTimeout),
        r.quiet,
        u.target,
        u.dryRun);
  }
}
