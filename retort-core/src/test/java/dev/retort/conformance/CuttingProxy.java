package dev.retort.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A TCP proxy in front of a database server that cuts the connection, without a word to either
 * side, as soon as the client sends {@code trigger}: what a network failure or a server host that
 * vanishes looks like to the client. The bytes that carry the trigger are never forwarded, so the
 * server does not receive them.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final String host;
  private final int port;
  private final byte[] trigger;

  /** A proxy for the server of {@code jdbcUrl} ("jdbc:postgresql://host:port/db?..."). */
  CuttingProxy(String jdbcUrl, String trigger) throws IOException {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    this.host = uri.getHost();
    this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
    this.trigger = trigger.getBytes(StandardCharsets.UTF_8);
    this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread accept = new Thread(this::accept, "cutting-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * {@code jdbcUrl} pointed at the proxy instead of the server: unencrypted, so that the proxy can
   * see the trigger go by, and with bounded waits, so that a proxy that stops forwarding fails the
   * test instead of hanging it.
   */
  String url(String jdbcUrl) {
    String url = jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + listener.getLocalPort() + "/");
    return url
        + (url.contains("?") ? "&" : "?")
        + "sslmode=disable&connectTimeout=10&socketTimeout=60";
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        Socket server = new Socket(host, port);
        pump(client, server, true);
        pump(server, client, false);
      } catch (IOException e) {
        closeQuietly(client); // the client sees the failure at once instead of waiting
      }
    }
  }

  private void pump(Socket from, Socket to, boolean watch) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[65536];
              // The last bytes seen, so that a trigger split across two reads is still found.
              String tail = "";
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  if (watch) {
                    String seen = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    if (seen.contains(new String(trigger, StandardCharsets.ISO_8859_1))) {
                      break;
                    }
                    tail = seen.substring(Math.max(0, seen.length() - trigger.length));
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side went away: close the other below
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
