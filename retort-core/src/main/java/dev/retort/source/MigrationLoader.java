package dev.retort.source;

import dev.retort.ErrorCode;
import dev.retort.JavaMigration;
import dev.retort.RetortException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads migrations from their locations: folders on disk, and {@code classpath:} folders that an
 * application ships inside its jar. Only the named folders are listed; the classpath is never
 * scanned. Every {@code .sql} file must parse: a file that does not is an error, never skipped.
 *
 * <p>A loader remembers the files of folders it parsed and parses a file again only when it changed
 * ({@link ParsedFiles}): an application that calls {@code upgrade()} repeatedly on one {@code
 * Retort} lists its folders each time but reads no unchanged file twice.
 */
public final class MigrationLoader {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationLoader.class);
  private static final String CLASSPATH = "classpath:";
  private static final String FILESYSTEM = "filesystem:";

  private final ClassLoader classLoader;

  /** Per folder, the files parsed by earlier loads of this loader, reused while unchanged. */
  private final ConcurrentHashMap<Path, ParsedFiles> parsedByFolder = new ConcurrentHashMap<>();

  public MigrationLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** SQL migrations from the locations, then the Java migrations, in a stable order. */
  public List<Migration> load(List<String> locations, List<JavaMigration> javaMigrations) {
    return load(locations, javaMigrations, null);
  }

  /**
   * The same, recording each folder's summaries in {@code cache} (a {@link SummaryCache} folder, or
   * null for none) for {@link #loadSummaries}.
   */
  public List<Migration> load(
      List<String> locations, List<JavaMigration> javaMigrations, Path cache) {
    SummaryCache summaries = cache == null ? null : new SummaryCache(cache);
    List<Migration> out = new ArrayList<>();
    for (String location : locations) {
      if (location.startsWith(CLASSPATH)) {
        out.addAll(loadClasspath(location.substring(CLASSPATH.length())));
      } else {
        out.addAll(loadFolder(folderOf(location), summaries));
      }
    }
    for (JavaMigration java : javaMigrations) {
      out.add(fromJava(java));
    }
    return out;
  }

  /**
   * The migrations as summaries from {@code cache} (revision, parents, checksum and origin; no
   * SQL), when every location is a folder whose {@code .sql} files are all recorded there
   * unchanged; null otherwise. Only for deciding that an upgrade has nothing to do: see {@link
   * SummaryCache}.
   */
  public List<Migration> loadSummaries(
      List<String> locations, List<JavaMigration> javaMigrations, Path cache) {
    SummaryCache summaries = new SummaryCache(cache);
    List<Migration> out = new ArrayList<>();
    for (String location : locations) {
      if (location.startsWith(CLASSPATH)) {
        return null;
      }
      Path folder = folderOf(location);
      if (!Files.isDirectory(folder)) {
        return null; // the full load says what is wrong
      }
      Path base = folder.toAbsolutePath().normalize();
      List<FolderFiles.Entry> files;
      try {
        files = FolderFiles.list(base);
      } catch (IOException e) {
        return null;
      }
      for (FolderFiles.Entry file : files) {
        if (!file.relative().endsWith(".sql")) {
          return null; // the full load warns about it, every time
        }
      }
      List<Migration> found = summaries.read(base, prefixOf(base), files);
      if (found == null) {
        return null;
      }
      out.addAll(found);
    }
    for (JavaMigration java : javaMigrations) {
      out.add(fromJava(java));
    }
    return out;
  }

  private static Path folderOf(String location) {
    return Path.of(
        location.startsWith(FILESYSTEM) ? location.substring(FILESYSTEM.length()) : location);
  }

  private static String prefixOf(Path base) {
    return base.getFileName() == null ? "" : base.getFileName() + "/";
  }

  /** The migration a Java class describes, with its ids checked like a file's. */
  static Migration fromJava(JavaMigration java) {
    String origin = "java:" + java.getClass().getName();
    if (java.id() == null || !SqlMigrationParser.isValidId(java.id())) {
      throw new RetortException(
          ErrorCode.MIGRATION_SOURCE,
          origin + ": id() returned '" + java.id() + "'; use letters, digits, '_', '.' or '-'");
    }
    List<String> parents = java.parents() == null ? List.of() : java.parents();
    return new Migration(
        java.id(),
        parents,
        java.description(),
        java.transactional(),
        origin,
        Checksums.of(java.checksumSource()),
        null,
        null,
        java);
  }

  private List<Migration> loadFolder(Path folder, SummaryCache summaries) {
    if (!Files.isDirectory(folder)) {
      throw new RetortException(
          ErrorCode.CONFIG,
          "migrations folder "
              + folder.toAbsolutePath()
              + " does not exist; create it (retort init) or fix 'migrations' in retort.toml");
    }
    Path base = folder.toAbsolutePath().normalize();
    String prefix = prefixOf(base);
    long listedAt = System.currentTimeMillis();
    List<FolderFiles.Entry> files;
    try {
      files = FolderFiles.list(base);
    } catch (IOException e) {
      throw new RetortException(
          ErrorCode.CONFIG, "cannot list migrations folder " + folder + ": " + e.getMessage(), e);
    }
    ParsedFiles parsed = parsedByFolder.computeIfAbsent(base, b -> new ParsedFiles());
    List<Migration> out = new ArrayList<>();
    List<FolderFiles.Entry> sqlFiles = new ArrayList<>(files.size());
    for (FolderFiles.Entry file : files) {
      if (!file.relative().endsWith(".sql")) {
        LOG.warn("ignoring {}: not a .sql file", folder.resolve(file.relative()));
        continue;
      }
      sqlFiles.add(file);
      // The origin names the folder and the file within it, not the absolute path: it is stored
      // in the history table and must read the same on every machine.
      String origin = prefix + file.relative();
      Migration known = parsed.reuse(file, origin);
      if (known != null) {
        out.add(known);
        continue;
      }
      long readAt = System.currentTimeMillis();
      try {
        Migration m = SqlMigrationParser.parse(origin, decode(readAll(file.path())));
        parsed.remember(file, origin, m, readAt);
        out.add(m);
      } catch (CharacterCodingException e) {
        throw notUtf8(origin, e);
      } catch (IOException e) {
        throw new RetortException(
            ErrorCode.MIGRATION_SOURCE, origin + ": cannot read: " + e.getMessage(), e);
      }
    }
    if (summaries != null) {
      summaries.write(base, sqlFiles, out, listedAt);
    }
    return out;
  }

  private List<Migration> loadClasspath(String rawPath) {
    String path = rawPath.replaceAll("^/+", "").replaceAll("/+$", "");
    List<String> resources = new ArrayList<>();
    try {
      Enumeration<URL> roots = classLoader.getResources(path);
      if (!roots.hasMoreElements()) {
        throw new RetortException(
            ErrorCode.CONFIG,
            "classpath folder '"
                + path
                + "' not found; check the location or that the migrations are packaged");
      }
      while (roots.hasMoreElements()) {
        listResources(roots.nextElement(), path, resources);
      }
    } catch (IOException e) {
      throw new RetortException(
          ErrorCode.CONFIG, "cannot list classpath:" + path + ": " + e.getMessage(), e);
    }
    resources.sort(Comparator.naturalOrder());
    List<Migration> out = new ArrayList<>();
    for (String resource : resources) {
      try (InputStream in = classLoader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new RetortException(ErrorCode.MIGRATION_SOURCE, resource + ": cannot read");
        }
        out.add(SqlMigrationParser.parse("classpath:" + resource, decode(in.readAllBytes())));
      } catch (CharacterCodingException e) {
        throw notUtf8("classpath:" + resource, e);
      } catch (IOException e) {
        // A damaged jar entry, for one: the user's file to fix, not a bug in Retort.
        throw new RetortException(
            ErrorCode.MIGRATION_SOURCE,
            "classpath:" + resource + ": cannot read: " + e.getMessage(),
            e);
      }
    }
    return out;
  }

  /** Lists the .sql resources under one root, which is a folder on disk or a folder in a jar. */
  private static void listResources(URL root, String path, List<String> into) throws IOException {
    if (root.getProtocol().equals("file")) {
      Path dir;
      try {
        dir = Path.of(root.toURI());
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().endsWith(".sql"))
            .forEach(p -> into.add(path + "/" + dir.relativize(p).toString().replace('\\', '/')));
      }
    } else if (root.getProtocol().equals("jar")) {
      JarURLConnection connection = (JarURLConnection) root.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        String prefix = path + "/";
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          if (!entry.isDirectory()
              && entry.getName().startsWith(prefix)
              && entry.getName().endsWith(".sql")) {
            into.add(entry.getName());
          }
        }
      }
    } else {
      throw new IOException("unsupported classpath URL " + root);
    }
  }

  /** The whole file. */
  private static byte[] readAll(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readAllBytes();
    }
  }

  /**
   * The text of a migration, which must be UTF-8. Most migrations are ASCII, and checking that is
   * much cheaper than a strict decoder when the JVM has just started.
   */
  private static String decode(byte[] bytes) throws CharacterCodingException {
    for (byte b : bytes) {
      if (b < 0) {
        return decodeUtf8(bytes);
      }
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(java.nio.ByteBuffer.wrap(bytes))
        .toString();
  }

  private static RetortException notUtf8(String origin, CharacterCodingException e) {
    return new RetortException(
        ErrorCode.MIGRATION_SOURCE, origin + ": not valid UTF-8; save the file as UTF-8", e);
  }
}
