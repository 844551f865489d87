package windlass.kubectl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions this kubectl reports: the Kubernetes API level it speaks and the windlass build. */
public final class Version {
  /** The upstream kubectl release whose behaviour and wording this CLI follows. */
  public static final String KUBERNETES = "v1.32.0";

  private Version() {}

  /** The windlass version this jar was built as (from the Maven build), or "dev" when run from classes. */
  public static String windlass() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
