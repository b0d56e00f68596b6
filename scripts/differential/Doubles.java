import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints Java's Double.toString / Float.toString of bit patterns, one per line ("d HEX" or
 * "f HEX" in, the text out): the reference for velvet's double printing (doubles.ts).
 *
 *   java Doubles IN OUT
 */
public final class Doubles {
  public static void main(String[] a) throws Exception {
    StringBuilder b = new StringBuilder();
    for (String l : Files.readAllLines(Path.of(a[0]))) {
      String[] p = l.split(" ");
      if (p[0].equals("d")) b.append(Double.toString(Double.longBitsToDouble(Long.parseUnsignedLong(p[1], 16))));
      else b.append(Float.toString(Float.intBitsToFloat((int) Long.parseLong(p[1], 16))));
      b.append('\n');
    }
    Files.writeString(Path.of(a[1]), b.toString());
  }
}
