import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * The Apache Velocity 2.4.1 baseline of bench/render.bench.ts: renders the bench's email, parsed
 * once, with its default configuration, from Java objects and from JSON text (read by the small
 * reader below into the types a Java JSON reader gives), and prints the best mean time per render
 * in ms of short batches as JSON: {"render": ms, "json": ms, "length": output length}.
 *
 *   java -cp velocity-engine-core.jar:commons-lang3.jar:slf4j-api.jar:. VelocityBench email.vm payload.json seconds
 */
public final class VelocityBench {
  public static void main(String[] args) throws Exception {
    String source = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    String json = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
    double seconds = Double.parseDouble(args[2]);
    RuntimeInstance rs = new RuntimeInstance();
    rs.init();
    SimpleNode node = rs.parse(new StringReader(source), new Template());
    Template template = new Template();
    template.setRuntimeServices(rs);
    template.setData(node);
    template.initDocument();
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) new Json(json).value();
    int length = render(template, payload).length();
    Step fromObjects = () -> render(template, payload);
    Step fromJson = () -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> p = (Map<String, Object>) new Json(json).value();
      render(template, p);
    };
    double[] best = best(new Step[] {fromObjects, fromJson}, seconds);
    System.out.println("{\"render\":" + best[0] + ",\"json\":" + best[1] + ",\"length\":" + length + "}");
  }

  /** Yespo's context: every top-level key, and the whole payload as $data. */
  static String render(Template template, Map<String, Object> payload) {
    VelocityContext ctx = new VelocityContext(new HashMap<>(payload));
    ctx.put("data", payload);
    StringWriter out = new StringWriter();
    template.merge(ctx, out);
    return out.toString();
  }

  interface Step {
    void run() throws Exception;
  }

  /**
   * Warms each step up (3,000 runs, so the JIT has compiled it even on a busy machine), then
   * gives the best mean (ms) of batches of 20, the steps taking turns for `seconds`.
   */
  static double[] best(Step[] steps, double seconds) throws Exception {
    for (Step step : steps) for (int i = 0; i < 3000; i++) step.run();
    double[] best = new double[steps.length];
    java.util.Arrays.fill(best, Double.MAX_VALUE);
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      for (int k = 0; k < steps.length; k++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) steps[k].run();
        best[k] = Math.min(best[k], (System.nanoTime() - t0) / 20 / 1e6);
      }
    }
    return best;
  }

  /** A small JSON reader: objects as LinkedHashMap, arrays as ArrayList, Integer/Long/BigInteger/Double. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      ws();
      char c = s.charAt(i);
      if (c == '{') {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (s.charAt(i) == '}') {
          i++;
          return m;
        }
        while (true) {
          ws();
          String k = string();
          ws();
          i++; // ':'
          m.put(k, value());
          ws();
          if (s.charAt(i++) == '}') return m;
        }
      }
      if (c == '[') {
        i++;
        List<Object> l = new ArrayList<>();
        ws();
        if (s.charAt(i) == ']') {
          i++;
          return l;
        }
        while (true) {
          l.add(value());
          ws();
          if (s.charAt(i++) == ']') return l;
        }
      }
      if (c == '"') return string();
      if (s.startsWith("true", i)) {
        i += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", i)) {
        i += 5;
        return Boolean.FALSE;
      }
      if (s.startsWith("null", i)) {
        i += 4;
        return null;
      }
      int start = i;
      boolean integral = true;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        if (".eE".indexOf(s.charAt(i)) >= 0) integral = false;
        i++;
      }
      String t = s.substring(start, i);
      if (!integral) return Double.valueOf(t);
      if (t.length() <= 9) return Integer.valueOf(Integer.parseInt(t));
      BigInteger b = new BigInteger(t);
      if (b.bitLength() < 32) return b.intValue();
      if (b.bitLength() < 64) return b.longValue();
      return b;
    }

    private String string() {
      StringBuilder b = new StringBuilder();
      i++;
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') return b.toString();
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n': b.append('\n'); break;
          case 't': b.append('\t'); break;
          case 'r': b.append('\r'); break;
          case 'b': b.append('\b'); break;
          case 'f': b.append('\f'); break;
          case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
          default: b.append(e);
        }
      }
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }
  }
}
