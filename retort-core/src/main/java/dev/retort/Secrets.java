package dev.retort;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials in JDBC URLs and in any text that may contain one: drivers put the URL in their
 * messages ("No suitable driver found for jdbc:mysql://h/db?user=u&amp;password=..."), and Retort
 * prints and logs those messages.
 */
public final class Secrets {
  private Secrets() {}

  /** {@code //user:password@host}: everything between {@code //} and the last {@code @}. */
  private static final Pattern USERINFO = Pattern.compile("(//)[^/?#\\s]*@");

  /** A URL parameter whose name contains "password" or "pwd", with the separator before it. */
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)[?&;][^=&;?#\\s]*(?:password|pwd)[^=&;?#\\s]*=[^&;#\\s]*");

  /** MySQL Connector/J's address form: {@code address=(host=h)(password=p)}. */
  private static final Pattern MYSQL_ADDRESS_PASSWORD =
      Pattern.compile("(?i)\\([^()=]*password[^()=]*=[^()]*\\)");

  /**
   * Any other {@code name=value} whose name contains "password" or "pwd" (key-value lists such as
   * {@code (host=h,password=p)}, or a driver quoting a property): the value is masked.
   */
  private static final Pattern SECRET_ASSIGNMENT =
      Pattern.compile("(?i)(?<![\\w.\\-])([\\w.\\-]*(?:password|pwd)[\\w.\\-]*=)[^\\s&;,)'\"]+");

  /**
   * The text without {@code user:password@} userinfo, without password-like URL parameters ({@code
   * password}, {@code sslpassword}, {@code trustStorePassword}, {@code pwd}, ...) and with the
   * value of any other password-like {@code name=value} replaced by {@code ***}. Null stays null.
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = USERINFO.matcher(text).replaceAll("$1");
    out = MYSQL_ADDRESS_PASSWORD.matcher(out).replaceAll("");
    out = withoutSecretParameters(out);
    return SECRET_ASSIGNMENT.matcher(out).replaceAll("$1***");
  }

  /**
   * Drops each secret parameter. After {@code ?} the separator that follows goes with it ({@code
   * ?password=p&ssl=true} becomes {@code ?ssl=true}), and a {@code ?} left with nothing after it
   * goes too; elsewhere the separator before it goes.
   */
  private static String withoutSecretParameters(String text) {
    StringBuilder out = new StringBuilder(text);
    Matcher m = SECRET_PARAM.matcher(out);
    int from = 0;
    while (m.find(from)) {
      int start = m.start();
      int end = m.end();
      if (out.charAt(start) == '?') {
        boolean more = end < out.length() && (out.charAt(end) == '&' || out.charAt(end) == ';');
        if (more) {
          out.delete(start + 1, end + 1);
        } else {
          out.delete(start, end);
        }
      } else {
        out.delete(start, end);
      }
      from = start;
      m = SECRET_PARAM.matcher(out);
    }
    return out.toString();
  }
}
