import java.io.File;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * Renders a folder of cases (NAME.vm, optional NAME.json and NAME.opts) with Apache Velocity
 * 2.4.1 in its default configuration and writes NAME.out (UTF-8 bytes of the output) or NAME.err
 * (failure class, position, message) next to them in OUT_DIR, keeping the relative paths.
 *
 *   java -cp JARS:. Render CASES_DIR OUT_DIR
 *
 * The context is the one of the conformance corpus: every top-level key of the JSON object, the
 * whole object as $data (unless the JSON has its own "data" key), and with the word "tools" in
 * NAME.opts the VelocityTools 2.0 MathTool and NumberTool as $mathTool and $numberTool.
 */
public final class Render {
  private static final Pattern POS = Pattern.compile("\\[line (\\d+), column (\\d+)\\]");

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    List<Path> cases;
    try (Stream<Path> s = Files.walk(in)) {
      cases = s.filter(p -> p.toString().endsWith(".vm")).sorted().toList();
    }
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    });
    int n = 0;
    for (Path vm : cases) {
      Path rel = in.relativize(vm);
      String base = rel.toString().substring(0, rel.toString().length() - 3);
      Path target = out.resolve(base);
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(Path.of(target + ".out"));
      Files.deleteIfExists(Path.of(target + ".err"));
      Future<byte[][]> f = pool.submit(() -> renderCase(vm));
      byte[][] r;
      try {
        r = f.get(20, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        f.cancel(true);
        System.err.println("TIMEOUT " + rel);
        continue;
      }
      Files.write(Path.of(target + (r[0] != null ? ".out" : ".err")), r[0] != null ? r[0] : r[1]);
      n++;
    }
    System.err.println("rendered " + n + " of " + cases.size());
    System.exit(0);
  }

  private static byte[][] renderCase(Path vm) throws Exception {
    String file = vm.getFileName().toString();
    String stem = vm.toString().substring(0, vm.toString().length() - 3);
    String src = Files.readString(vm, StandardCharsets.UTF_8);
    File json = new File(stem + ".json");
    File opts = new File(stem + ".opts");
    Object payload = json.exists() ? new Json(Files.readString(json.toPath(), StandardCharsets.UTF_8)).value() : new LinkedHashMap<String, Object>();
    boolean tools = opts.exists() && Files.readString(opts.toPath()).contains("tools");

    RuntimeInstance ri = new RuntimeInstance();
    ri.init();
    Template t = new Template();
    t.setRuntimeServices(ri);
    t.setName(file);
    try {
      SimpleNode node;
      try {
        node = ri.parse(new StringReader(src), t);
      } catch (ParseException pe) {
        throw new ParseErrorException(pe, file);
      }
      t.setData(node);
      t.initDocument();
    } catch (Throwable e) {
      return new byte[][] { null, failure("parse-error", e) };
    }
    VelocityContext ctx = new VelocityContext();
    if (tools) {
      ctx.put("mathTool", new org.apache.velocity.tools.generic.MathTool());
      ctx.put("numberTool", new org.apache.velocity.tools.generic.NumberTool());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) payload;
    ctx.put("data", data);
    for (Map.Entry<String, Object> e : data.entrySet()) ctx.put(e.getKey(), e.getValue());
    StringWriter w = new StringWriter();
    try {
      t.merge(ctx, w);
    } catch (Throwable e) {
      return new byte[][] { null, failure("render-error", e) };
    }
    // the corpus's engine writes UTF-8: a lone surrogate becomes '?'
    return new byte[][] { w.toString().getBytes(StandardCharsets.UTF_8), null };
  }

  private static byte[] failure(String kind, Throwable e) {
    StringBuilder b = new StringBuilder(kind).append('\n');
    // the position Velocity's message gives (as the corpus was classed): the first [line L, column C]
    int line = -1;
    int col = -1;
    Matcher m = POS.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      line = Integer.parseInt(m.group(1));
      col = Integer.parseInt(m.group(2));
    }
    if (line > 0) b.append("line ").append(line).append(" column ").append(col).append('\n');
    String msg = String.valueOf(e.getMessage());
    int cut = msg.indexOf("\nWas expecting");
    if (cut < 0) cut = msg.indexOf("Was expecting");
    if (cut >= 0) msg = msg.substring(0, cut).stripTrailing();
    b.append(e.getClass().getSimpleName()).append(": ").append(msg).append('\n');
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      b.append("  caused by ").append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON reader with the corpus's typing: Integer, Long, BigInteger, Double, LinkedHashMap, ArrayList. */
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
          String k = str();
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
      if (c == '"') return str();
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
      int st = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
      String num = s.substring(st, i);
      if (num.contains(".") || num.contains("e") || num.contains("E")) return Double.valueOf(num);
      BigInteger b = new BigInteger(num);
      if (b.bitLength() < 32) return b.intValue();
      if (b.bitLength() < 64) return b.longValue();
      return b;
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private String str() {
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
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> b.append(e);
        }
      }
    }
  }
}
