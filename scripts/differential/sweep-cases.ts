/**
 * The calls of the method sweep, per class and method (overloads as different argument counts
 * and types). A call is a reference printed in brackets, or a whole template when it starts with
 * `#` or `[`.
 */
export interface Group {
  category: string;
  prefix: string;
  /** The payload as JSON text (numbers typed from the text: 0.0 stays a Double). */
  json: string;
  calls: Record<string, string[]>;
}

const STR_JSON = JSON.stringify({
  s: 'Hello, World', e: '', b: 'banana', em: 'a\u{1F600}b', sp: '  pad  ', nb: '\u00a0', ml: 'l1\nl2\n  l3',
  n: null, i: 5, l: ['a', 'b', 'c'], u: 'straße', t: 'title', num: '42', esc: 'a\\tb\\u0041', ws: ' \t x \n',
  big: 100000000000000000000, d: 2.5, lg: 5000000000, il: [1, 2], m: { a: 1 },
});

const string: Group = {
  category: 'methods', prefix: 'string', json: STR_JSON,
  calls: {
    charAt: ['$s.charAt(0)', '$em.charAt(1)', '$s.charAt(-1)', '$s.charAt("3")'],
    codePointAt: ['$em.codePointAt(1)', '$em.codePointAt(2)', '$s.codePointAt(12)'],
    codePointBefore: ['$em.codePointBefore(3)', '$em.codePointBefore(2)', '$s.codePointBefore(0)'],
    codePointCount: ['$em.codePointCount(0, 4)', '$s.codePointCount(0, 5)', '$s.codePointCount(3, 1)'],
    offsetByCodePoints: ['$em.offsetByCodePoints(0, 2)', '$s.offsetByCodePoints(1, 3)', '$s.offsetByCodePoints(0, 99)'],
    compareTo: ['$s.compareTo("Hello")', '$s.compareTo($b)', '$s.compareTo($n)', '$s.compareTo(5)'],
    compareToIgnoreCase: ['$u.compareToIgnoreCase("STRASSE")', '$s.compareToIgnoreCase("hello, world")', '$b.compareToIgnoreCase("BANANAS")'],
    concat: ['$s.concat("!")', '$s.concat(5)', '$s.concat($n)'],
    contains: ['$s.contains("World")', '$s.contains($s.charAt(0))', '$s.contains($n)', '$s.contains(5)'],
    contentEquals: ['$s.contentEquals("Hello, World")', '$s.contentEquals($b)', '$s.contentEquals($n)'],
    copyValueOf: ['$s.copyValueOf($b.toCharArray())', '$s.copyValueOf($b.toCharArray(), 1, 3)'],
    endsWith: ['$s.endsWith("World")', '$s.endsWith("")', '$s.endsWith($n)'],
    equals: ['$s.equals("Hello, World")', '$s.equals($n)', '$num.equals(42)'],
    equalsIgnoreCase: ['$s.equalsIgnoreCase("HELLO, WORLD")', '$u.equalsIgnoreCase("STRASSE")', '$s.equalsIgnoreCase($n)'],
    format: ["$s.format('%g|%g|%.3G', 0.0001, 123456789.0, 0.5)", "$s.format('%a', 1.0)", "$s.format('%h|%h', 'hi', 5)", "$s.format('%s %<s', 'x')", "$s.format('%x', $big)", "$s.format('%05d|%-5s|%+.2f', 42, 'ab', 3.14159)", "$s.format('%,d', 1234567)", "$s.format('%e', 12345.678)", "$s.format('%o|%X', 8, 255)", "$s.format('%b|%c|%%|%n', $n, 65)", "$s.format('%2$s %1$s', 'a', 'b')", "$s.format('%10.3s|', 'abcdef')"],
    formatted: ["$s.concat(' %s').formatted('x')", "$t.formatted()"],
    getBytes: ['$s.getBytes()', '$em.getBytes("UTF-8")', '$u.getBytes("ISO-8859-1")', '$s.getBytes("nope")', '$s.bytes'],
    hashCode: ['$s.hashCode()', '$e.hashCode()', '$em.hashCode()'],
    indent: ['$ml.indent(2)', '$ml.indent(-1)', '$e.indent(3)'],
    indexOf: ["$s.indexOf('o')", "$s.indexOf('o', 5)", '$s.indexOf(111)', '$s.indexOf(111, 5)', '$em.indexOf(128512)', "$s.indexOf('o', -3)", '$s.indexOf($n)'],
    intern: ['$s.intern()'],
    isBlank: ['$sp.isBlank()', '$nb.isBlank()', '$e.isBlank()', '$ws.blank'],
    isEmpty: ['$e.isEmpty()', '$s.isEmpty()', '$e.empty'],
    join: ["$s.join('-', 'a', 'b')", "$s.join('-', $l)", "$s.join('-')", "$s.join(',', [1, 2])", "$s.join(',', $m.keySet())"],
    lastIndexOf: ["$s.lastIndexOf('o')", "$s.lastIndexOf('o', 7)", "$b.lastIndexOf('a', 2)", '$b.lastIndexOf(97, 2)', '$b.lastIndexOf("a", -1)', '$em.lastIndexOf(128512)', "$b.lastIndexOf('a', 99)"],
    length: ['$s.length()', '$em.length()', '$e.length()'],
    lines: ['$ml.lines().count()', '$ml.lines().toList()', '$e.lines().count()'],
    matches: ["$s.matches('(?i)hello, world')", "$s.matches('\\p{Lu}.*')", "$s.matches('a*+a')", "$b.matches('[a-z&&[^aeiou]]*')", "$s.matches('Hello.*')", "$s.matches('(')"],
    regionMatches: ["$s.regionMatches(7, 'World', 0, 5)", "$s.regionMatches(true, 0, 'HELLO', 0, 5)", "$s.regionMatches(-1, 'World', 0, 5)", "$s.regionMatches(false, 0, 'HELLO', 0, 5)"],
    repeat: ["$b.repeat(2)", "$b.repeat(0)", "$b.repeat(-1)"],
    replace: ["$s.replace('l', 'L')", "$s.replace('', '-')", "$s.replace($s.charAt(0), $s.charAt(1))", '$s.replace($n, "x")'],
    replaceAll: ["$s.replaceAll('(?<w>o)', '[${w}]')", "$s.replaceAll('(o)', '<$1>')", "$s.replaceAll('\\p{L}', '.')", "$s.replaceAll('(?i)h', 'J')", "$s.replaceAll('o', '\\$')"],
    replaceFirst: ["$s.replaceFirst('l+', 'L')", "$s.replaceFirst('(?<x>W)o', '${x}0')", "$s.replaceFirst('(', '')"],
    split: ["$s.split(', ')", "$em.split('')", "$b.split('a', 2)", "$b.split('a', -1)", "$b.split('a')", "$s.split('(?i)O')"],
    startsWith: ["$s.startsWith('Hello')", "$s.startsWith('World', 7)", "$s.startsWith('', 13)", "$s.startsWith('', 12)", "$s.startsWith('H', -1)"],
    strip: ['$sp.strip()', '$nb.strip().length()', '$ws.strip()'],
    stripIndent: ['$ml.stripIndent()', '$sp.stripIndent()'],
    stripLeading: ['$sp.stripLeading()'],
    stripTrailing: ['$sp.stripTrailing()'],
    subSequence: ['$s.subSequence(0, 5)', '$s.subSequence(3, 1)'],
    substring: ['$s.substring(7)', '$s.substring(0, 5)', '$em.substring(2)', '$s.substring(5, 3)', '$s.substring("2")'],
    toCharArray: ['$b.toCharArray()', '$s.valueOf($b.toCharArray())', '$s.valueOf($b.toCharArray(), 1, 2)', '$b.toCharArray().size()'],
    toLowerCase: ["$s.toLowerCase()", "'TITLE'.toLowerCase('tr')", "$s.toLowerCase('en')"],
    toUpperCase: ["$s.toUpperCase()", "$t.toUpperCase('tr')", "$u.toUpperCase()", "$t.toUpperCase('en-US')"],
    toString: ['$s.toString()'],
    translateEscapes: ['$esc.translateEscapes()', '$s.translateEscapes()'],
    trim: ['$ws.trim()', '$nb.trim().length()'],
    valueOf: ['$s.valueOf(5)', '$s.valueOf($n)', '$s.valueOf(true)', '$s.valueOf(2.5)', '$s.valueOf($l)', '$s.valueOf($lg)'],
    chars: ['$s.chars().count()', '$s.codePoints().count()'],
    describeConstable: ['$s.describeConstable()'],
    getClass: ['$s.getClass()', '$s.class', '$s.class.simpleName', '$s.getClass().getSimpleName()', '$s.class.name'],
  },
};

const LIST_JSON = JSON.stringify({ l: ['a', 'b', 'c', 'b'], il: [1, 2, 3], e: [], n: null, m: { a: 1 }, s: 'x', o: ['b', 'z'] });

const list: Group = {
  category: 'methods', prefix: 'list', json: LIST_JSON,
  calls: {
    add: ["#set($r = $l.add('d'))[$r][$l]", "#set($r = $l.add(0, 'z'))[$r][$l]", "[$l.add(9, 'z')]", '#set($r = [1..3])[$r.add(4)]'],
    addAll: ['#set($r = $l.addAll($o))[$r][$l]', '#set($r = $l.addAll(1, $o))[$r][$l]', '[$l.addAll($n)]', '#set($r = $l.addAll($e))[$r][$l]', '[$l.addAll($m.keySet())][$l]'],
    clear: ['#set($r = $l.clear())[$r][$l]', '[$l.clear()][$l]'],
    clone: ['#set($c = $l.clone())#set($r = $c.add(1))[$c][$l]'],
    contains: ["$l.contains('b')", '$il.contains(1)', '$il.contains(1.0)', '$l.contains($n)'],
    containsAll: ['$l.containsAll($o)', "$l.containsAll(['a', 'c'])", '$l.containsAll($e)', '$l.containsAll($n)'],
    ensureCapacity: ['$l.ensureCapacity(100)', '$l.trimToSize()'],
    equals: ["$l.equals(['a', 'b', 'c', 'b'])", '$il.equals([1, 2, 3])', '$l.equals($n)', '$e.equals($m.keySet())'],
    forEach: ['$l.forEach($n)', '$l.stream().count()', '$l.iterator().next()', '$l.listIterator(1).next()'],
    get: ['$l.get(1)', '$l.get(-1)', '$l.get("2")', '$l.get(1.7)'],
    hashCode: ['$l.hashCode()', '$il.hashCode()', '$e.hashCode()'],
    indexOf: ["$l.indexOf('b')", "$l.indexOf('q')", '$il.indexOf(2)', '$l.indexOf($n)'],
    isEmpty: ['$l.isEmpty()', '$e.isEmpty()', '$e.empty', '$l.empty'],
    lastIndexOf: ["$l.lastIndexOf('b')", "$l.lastIndexOf('q')", '$il.lastIndexOf(3)'],
    remove: ['#set($r = $l.remove(1))[$r][$l]', "#set($r = $l.remove('c'))[$r][$l]", '[$l.remove(9)]', '#set($r = $il.remove(1))[$r][$il]'],
    removeAll: ['#set($r = $l.removeAll($o))[$r][$l]', "#set($r = $l.removeAll(['q']))[$r][$l]", '[$l.removeAll($n)]'],
    retainAll: ['#set($r = $l.retainAll($o))[$r][$l]', '#set($r = $l.retainAll($l))[$r][$l]', '[$l.retainAll($n)]'],
    removeIf: ['$l.removeIf($n)', '$l.sort($n)[$l]', '$l.replaceAll($n)'],
    set: ["#set($r = $l.set(0, 'Z'))[$r][$l]", "[$l.set(9, 'Z')]"],
    size: ['$l.size()', '$l.size', '$e.size()'],
    subList: ["#set($s = $l.subList(0, 2))#set($r = $s.set(0, 'Z'))[$l][$s]", "#set($s = $l.subList(1, 3))[$s][$s.size()]", "#set($s = $l.subList(0, 2))#set($r = $l.add('q'))[$s]", "[$l.subList(2, 1)]", "#set($s = $l.subList(1, 3))#set($r = $s.add('y'))[$l]", "#set($s = $l.subList(0, 2))#set($r = $s.clear())[$l]"],
    toArray: ['$l.toArray().size()', '$l.toArray().get(0)', '#foreach($x in $l.toArray())$x#end'],
    toString: ['$l.toString()', '$e.toString()', '$il.toString()'],
    getClass: ['$l.class', '$l.class.simpleName', '$l.getClass().getSimpleName()', '#set($r = [1..3])$r.class.simpleName'],
    range: ['#set($r = [1..3])[$r.get(0)][$r.size()][$r]', '#set($r = [1..3])[$r.set(0, 5)]', '#set($r = [1..3])[$r.remove(0)]', '#set($r = [1..3])[$r.clear()]', "#set($r = [1..3])[$r.contains(2)][$r.indexOf(3)]"],
  },
};

const MAP_JSON = JSON.stringify({ m: { a: 1, b: 2, c: 3 }, e: {}, n: null, o: { b: 20, d: 4 }, item: { class: 'vip', empty: 'E' }, l: ['a'] });

const map: Group = {
  category: 'methods', prefix: 'map', json: MAP_JSON,
  calls: {
    clear: ['#set($r = $m.clear())[$r][$m]'],
    clone: ["#set($c = $m.clone())#set($r = $c.put('z', 9))[$c][$m]"],
    containsKey: ["$m.containsKey('a')", "$m.containsKey('q')", '$m.containsKey($n)'],
    containsValue: ['$m.containsValue(2)', "$m.containsValue('2')", '$m.containsValue(2.0)'],
    entrySet: ['$m.entrySet()', '$m.entrySet().size()', '$e.entrySet()'],
    equals: ['$m.equals($o)', "$m.equals({'a': 1, 'b': 2, 'c': 3})", '$m.equals($n)'],
    get: ["$m.get('a')", "$m.get('q')", '$m.get($n)', '$m.a'],
    getOrDefault: ["$m.getOrDefault('a', 0)", "$m.getOrDefault('q', 0)"],
    hashCode: ['$m.hashCode()', '$e.hashCode()', '$o.hashCode()'],
    isEmpty: ['$m.isEmpty()', '$e.isEmpty()', '$e.empty', '$item.empty'],
    keySet: ['$m.keySet()', '$m.keySet().size()', '$e.keySet()'],
    put: ["#set($r = $m.put('a', 9))[$r][$m]", "#set($r = $m.put('z', 9))[$r][$m]"],
    putAll: ['#set($r = $m.putAll($o))[$r][$m]', '[$m.putAll($n)]', '[$m.putAll($l)]'],
    putIfAbsent: ["#set($r = $m.putIfAbsent('a', 9))[$r][$m]", "#set($r = $m.putIfAbsent('z', 9))[$r][$m]"],
    remove: ["#set($r = $m.remove('a'))[$r][$m]", "#set($r = $m.remove('a', 1))[$r][$m]", "#set($r = $m.remove('a', 2))[$r][$m]", "#set($r = $m.remove('q'))[$r][$m]"],
    replace: ["#set($r = $m.replace('a', 9))[$r][$m]", "#set($r = $m.replace('a', 1, 9))[$r][$m]", "#set($r = $m.replace('a', 2, 9))[$r][$m]", "#set($r = $m.replace('q', 9))[$r][$m]"],
    size: ['$m.size()', '$m.size', '$e.size()'],
    toString: ['$m.toString()', '$e.toString()'],
    values: ['$m.values()', '$m.values().size()', '$e.values()'],
    computeIfAbsent: ["$m.computeIfAbsent('q', $n)", "$m.merge('a', 1, $n)", '$m.forEach($n)'],
    getClass: ['$m.class', '$item.class', '$m.class.simpleName', '$m.getClass().getSimpleName()', '$item.getClass()', "$m.class.getName()", "$m.class.forName('java.lang.String')"],
  },
};

const VIEW_JSON = JSON.stringify({ m: { a: 1, b: 2, c: 3 }, n: null, o: ['a', 'q'] });

const views: Group = {
  category: 'methods', prefix: 'view', json: VIEW_JSON,
  calls: {
    keySetRemove: ["[$m.keySet().remove('a')][$m]", "[$m.keySet().remove('q')][$m]"],
    keySetRemoveAll: ['[$m.keySet().removeAll($o)][$m]', '[$m.keySet().removeAll($n)]'],
    keySetRetainAll: ['[$m.keySet().retainAll($o)][$m]'],
    keySetClear: ['[$m.keySet().clear()][$m]', '[$m.values().clear()][$m]', '[$m.entrySet().clear()][$m]'],
    keySetContains: ["$m.keySet().contains('a')", "$m.keySet().containsAll(['a', 'b'])", '$m.keySet().containsAll($o)'],
    keySetToArray: ['$m.keySet().toArray().size()', '#foreach($k in $m.keySet().toArray())$k#end'],
    keySetHashCode: ['$m.keySet().hashCode()', '$m.entrySet().hashCode()', '$m.values().hashCode()'],
    keySetEquals: ["$m.keySet().equals(['a', 'b', 'c'])", '$m.keySet().equals($m.keySet())', '$m.entrySet().equals($m.entrySet())'],
    keySetAdd: ["[$m.keySet().add('z')]", "[$m.values().add(5)]"],
    keySetMisc: ['$m.keySet().isEmpty()', '$m.keySet().size()', '$m.keySet().toString()', '$m.keySet().iterator().next()'],
    valuesRemove: ['[$m.values().remove(2)][$m]', '[$m.values().removeAll([1, 3])][$m]', '[$m.values().retainAll([1])][$m]', '$m.values().contains(2)'],
    valuesMisc: ['$m.values().containsAll([1, 2])', '$m.values().toArray().size()', '$m.values().equals($m.values())', '$m.values().isEmpty()'],
    entrySetRemove: ['#foreach($e in $m.entrySet())#if($foreach.first)#set($f = $e)#end#end[$m.entrySet().remove($f)][$m]', '[$m.entrySet().contains($n)]'],
    entry: ['#foreach($e in $m.entrySet())[$e.key=$e.value $e.getKey() $e.getValue()]#end', '#foreach($e in $m.entrySet())#set($r = $e.setValue(0))[$r]#end[$m]', '#foreach($e in $m.entrySet())[$e.hashCode()]#end', '#foreach($e in $m.entrySet())[$e.equals($e)]#end', '#foreach($e in $m.entrySet())[$e.toString()]#end'],
    classes: ['$m.keySet().class.simpleName', '$m.entrySet().class.simpleName', '$m.values().class.simpleName'],
  },
};

const NUM_JSON =
  '{"i":5,"h":300,"neg":-7,"lg":5000000000,"d":2.5,"z":0.0,"nz":-0.0,"x":0.1,"big":100000000000000000000,' +
  '"n":null,"mx":2147483647,"s":"42","nan":"NaN","hx":"0x1F","dd":1e23,"t":true,"f":false}';

const integer: Group = {
  category: 'methods', prefix: 'int', json: NUM_JSON,
  calls: {
    byteValue: ['$h.byteValue()', '$neg.byteValue()', '$lg.byteValue()', '$d.byteValue()'],
    shortValue: ['$mx.shortValue()', '$lg.shortValue()', '$big.shortValue()'],
    intValue: ['$lg.intValue()', '$d.intValue()', '$big.intValue()'],
    longValue: ['$i.longValue()', '$d.longValue()', '$big.longValue()'],
    doubleValue: ['$i.doubleValue()', '$lg.doubleValue()', '$big.doubleValue()'],
    floatValue: ['#set($x = 0.1)[$x.floatValue()]', '$mx.floatValue()', '$i.floatValue()', '$lg.floatValue()', '$d.floatValue()'],
    compareTo: ['$i.compareTo(7)', '$i.compareTo($n)', '$i.compareTo(5.0)', '$lg.compareTo($lg)'],
    compare: ['$i.compare(3, 7)', '$i.compareUnsigned(-1, 1)', '$lg.compare(3, 7)'],
    equals: ['$i.equals(5)', '$i.equals(5.0)', '$i.equals($lg)', '$lg.equals($lg)'],
    hashCode: ['$i.hashCode()', '$lg.hashCode()', '$neg.hashCode()', '$i.hashCode(9)'],
    parseInt: ['$i.parseInt("42")', '$i.parseInt("-12")', '$i.parseInt("ff", 16)', '$i.parseInt("x")', '$i.parseInt($n)'],
    parseLong: ['$lg.parseLong("123456789012")', '$i.parseLong("7")', '$lg.parseLong("z", 36)'],
    valueOf: ['$i.valueOf("42")', '$i.valueOf(7)', '$i.valueOf("11", 2)', '$lg.valueOf("9")', '$lg.valueOf(3)'],
    decode: ['$i.decode("0x1F")', '$i.decode("-010")', '$lg.decode("#ff")'],
    toStringStatic: ['$i.toString()', '$i.toString(255)', '$i.toString(255, 16)', '$lg.toString(7, 2)'],
    toHexString: ['$i.toHexString(255)', '$i.toHexString(-1)', '$i.toOctalString(8)', '$i.toBinaryString(5)', '$lg.toHexString(-1)'],
    max: ['$i.max(3, 9)', '$i.min(3, 9)', '$i.sum(3, 9)', '$lg.max(3, 9)', '$i.max(3, 9.5)'],
    bits: ['$i.bitCount(255)', '$i.signum(-9)', '$i.reverse(1)', '$i.highestOneBit(100)', '$i.numberOfLeadingZeros(1)', '$i.numberOfTrailingZeros(8)', '$i.rotateLeft(1, 3)', '$i.reverseBytes(1)', '$lg.signum(-9)', '$lg.bitCount(255)'],
    unsigned: ['$i.toUnsignedString(-1)', '$i.toUnsignedLong(-1)', '$i.divideUnsigned(-1, 2)', '$i.remainderUnsigned(-1, 3)', '$i.parseUnsignedInt("4294967295")'],
    getInteger: ['$i.getInteger("x")', '$i.MAX_VALUE', '$i.class.simpleName', '$lg.class.simpleName'],
  },
};

const double: Group = {
  category: 'methods', prefix: 'double', json: NUM_JSON,
  calls: {
    print: ['#set($a = 2.0E23)[$a]', '#set($a = 1.0E23)[$a]', '$dd', '#set($a = 0.1 + 0.2)[$a]', '#set($a = 1.0E-5)[$a][$d]', '#set($a = 123456789.0 * 1000)[$a]', '#set($a = 4.35 * 100)[$a]', '#set($a = 5.0E-324)[$a]', '#set($a = 1.7976931348623157E308)[$a]', '#set($a = 2.0E-3)[$a]', '#set($a = 9007199254740993.0)[$a]', '#set($a = 1.0E7)[$a][$a.floatValue()]'],
    isNaN: ['$d.isNaN()', '$d.naN', '$d.NaN', '$d.isInfinite()', '$d.infinite', '$d.isNaN($d)', '$d.isFinite(1.0)', '$d.isInfinite($d)'],
    compareTo: ['$z.compareTo($nz)', '$z.equals($nz)', '$d.compareTo(2.5)', '$d.compareTo(3)', '$nz.compareTo($z)'],
    compare: ['$d.compare(1.0, 2.0)', '$d.compare($z, $nz)', '$d.compare(1, 2)'],
    parseDouble: ['$d.parseDouble("17")', '$d.parseDouble("1e3")', '$d.parseDouble("x")', '$d.parseDouble(" 2.5 ")', '#set($dd = 0.0)[$dd.valueOf("17")]'],
    valueOf: ['$d.valueOf("17")', '$d.valueOf(3)', '$d.valueOf($n)', '#set($D = 0.0)#if($D.valueOf("9.5") > 8)big#end'],
    hashCode: ['$d.hashCode()', '$z.hashCode()', '$nz.hashCode()', '$d.hashCode(1.5)'],
    sum: ['$d.sum(1.5, 2)', '$d.max(1.5, 2.5)', '$d.min($z, $nz)', '$d.max($z, $nz)'],
    toHexString: ['$d.toHexString(1.0)', '$d.toHexString(-0.5)', '$d.toString(2.0)', '$d.toString()'],
    bits: ['$d.doubleToLongBits(1.0)', '$d.doubleToRawLongBits(-0.0)', '$d.longBitsToDouble(4607182418800017408)'],
    values: ['$d.intValue()', '$d.longValue()', '$d.shortValue()', '$d.byteValue()', '$nz.floatValue()', '$nz'],
    equals: ['$d.equals(2.5)', '$d.equals($n)', '$d.equals(2)'],
    misc: ['$d.MAX_VALUE', '$d.class.simpleName', '$nz.doubleValue()'],
  },
};

const boolean: Group = {
  category: 'methods', prefix: 'bool', json: NUM_JSON,
  calls: {
    parseBoolean: ['$t.parseBoolean("TRUE")', '$t.parseBoolean("yes")', '$t.parseBoolean($n)'],
    valueOf: ['$t.valueOf("true")', '$t.valueOf(false)', '$f.valueOf("x")'],
    logical: ['$t.logicalAnd(true, false)', '$t.logicalOr(false, false)', '$t.logicalXor(true, false)'],
    compare: ['$t.compare(true, false)', '$t.compareTo(false)', '$t.compareTo($n)'],
    hashCode: ['$t.hashCode()', '$f.hashCode()', '$t.hashCode(false)'],
    toString: ['$t.toString()', '$t.toString(false)', '$t.booleanValue()'],
    equals: ['$t.equals(true)', "$t.equals('true')", '$t.getBoolean("x")'],
    misc: ['$t.class.simpleName', '$t.TRUE'],
  },
};

const BIG_JSON = '{"big":100000000000000000000,"b2":12345678901234567890123,"n":null,"i":3}';

const bigdecimal: Group = {
  category: 'methods', prefix: 'bigdec', json: BIG_JSON,
  calls: {
    setScale: ['#set($z = $big - $big)#set($p = $z + 19.995)[$p.setScale(2, 4)]', '#set($p = $big * 1.5)[$p.setScale(1)]', '#set($p = $big / 7.0)[$p]', '#set($z = $big - $big)#set($p = $z + 1.25)[$p.setScale(1, 6)][$p.setScale(0, 0)]'],
    scale: ['#set($z = $big - $big)#set($p = $z + 19.995)[$p.scale()][$p.precision()][$p.unscaledValue()][$p.signum()]'],
    strip: ['#set($z = $big - $big)#set($p = $z + 1.500)[$p][$p.stripTrailingZeros()][$p.toPlainString()]', '#set($p = $big + 0.5)[$p.toPlainString()][$p.toEngineeringString()]', '#set($z = $big - $big)#set($p = $z + 1.0E-10)[$p][$p.toPlainString()]'],
    arith: ['#set($z = $big - $big)#set($p = $z + 1.5)#set($q = $z + 2.25)[$p.add($q)][$p.subtract($q)][$p.multiply($q)]', '#set($z = $big - $big)#set($p = $z + 1.5)[$p.negate()][$p.abs()][$p.pow(2)][$p.plus()]', '#set($z = $big - $big)#set($p = $z + 7.5)#set($q = $z + 2.0)[$p.divide($q)][$p.remainder($q)][$p.divideToIntegralValue($q)]', '#set($z = $big - $big)#set($p = $z + 1.0)#set($q = $z + 3.0)[$p.divide($q)]', '#set($z = $big - $big)#set($p = $z + 1.0)#set($q = $z + 3.0)[$p.divide($q, 4)][$p.divide($q, 2, 0)]'],
    exact: ['#set($z = $big - $big)#set($p = $z + 7.0)[$p.intValueExact()][$p.longValueExact()][$p.toBigIntegerExact()]', '#set($z = $big - $big)#set($p = $z + 7.5)[$p.intValueExact()]', '#set($z = $big - $big)#set($p = $z + 7.5)[$p.toBigInteger()][$p.intValue()][$p.doubleValue()][$p.floatValue()]'],
    compare: ['#set($z = $big - $big)#set($p = $z + 2.0)#set($q = $z + 2.00)[$p.compareTo($q)][$p.equals($q)][$p.max($q)][$p.min($q)]', '#set($z = $big - $big)#set($p = $z + 2.5)[$p.hashCode()][$p.ulp()][$p.movePointLeft(1)][$p.movePointRight(2)][$p.scaleByPowerOfTen(3)]'],
    valueOf: ['#set($z = $big - $big)#set($p = $z + 2.5)[$p.valueOf(5)][$p.valueOf(5, 2)][$p.valueOf(2.5)]', '#set($z = $big - $big)#set($p = $z + 2.5)[$p.class.simpleName][$p.toString()][$p.byteValue()][$p.shortValue()]'],
  },
};

const biginteger: Group = {
  category: 'methods', prefix: 'bigint', json: BIG_JSON,
  calls: {
    arith: ['$big.add($b2)', '$big.subtract($b2)', '$big.multiply($big)', '$b2.divide($big)', '$b2.mod($big)', '$b2.remainder($big)', '$big.negate()', '$big.abs()', '$big.pow(2)', '$big.divide($i)'],
    compare: ['$big.compareTo($b2)', '$big.equals($big)', '$big.max($b2)', '$big.min($b2)', '$big.signum()', '$big.compareTo($n)'],
    values: ['$big.intValue()', '$big.longValue()', '$big.doubleValue()', '$big.floatValue()', '$big.byteValue()', '$big.shortValue()', '$big.longValueExact()', '$big.hashCode()', '$b2.hashCode()'],
    bits: ['$big.bitLength()', '$big.bitCount()', '$big.testBit(3)', '$big.shiftLeft(2)', '$big.shiftRight(2)', '$big.getLowestSetBit()', '$big.and($b2)', '$big.or($b2)', '$big.xor($b2)', '$big.not()'],
    misc: ['$big.toString(16)', '$big.gcd($b2)', '$big.sqrt()', '$big.modPow($i, $b2)', '$big.valueOf(5)', '$big.isProbablePrime(5)', '$big.class.simpleName', '$big.toByteArray().size()', '$big.divideAndRemainder($b2).size()'],
  },
};

const MACRO_JSON = JSON.stringify({ bodyContent: 'B', l: ['a', 'b'], velocityCount: 'V', foreach: 'F' });

const macros: Group = {
  category: 'context', prefix: 'ctx', json: MACRO_JSON,
  calls: {
    bodyContent: ['#macro(m)x#end#m()[$bodyContent]', '#set($bodyContent = "S")#macro(m)x[$bodyContent]#end#m()[$bodyContent]', '#macro(m)[$bodyContent]#end#@m()in#end[$bodyContent]', '#macro(m)[$!bodyContent]#end#m()#@m()z#end', '#macro(m)#set($bodyContent = "I")#end#m()[$bodyContent]', '#macro(outer)<#@inner()$bodyContent#end>#end#macro(inner)($bodyContent)#end#@outer()X#end'],
    foreachInMacro: ['#macro(m)[$foreach.count]#end#foreach($x in $l)#m()#end', '#macro(m)#foreach($y in $l)[$foreach.index $velocityCount]#end#end#m()', '#macro(m $a)[$a]#end#foreach($x in $l)#m($foreach.count)#end[$foreach]', '#macro(m)[$foreach.parent.count]#end#foreach($x in $l)#foreach($y in [1])#m()#end#end'],
    velocityCount: ['#foreach($x in $l)[$velocityCount]#end', '[$velocityCount][$foreach]', '#foreach($x in $l)#end[$foreach][$x]'],
    macroVars: ['#macro(m $a)#set($a = "in")[$a]#end#set($a = "out")#m($a)[$a]', '#macro(m $a)[$a]#end#set($q = "Q")#m($q)[$a]', '#macro(m)#set($g = "G")#end#m()[$g]', '#macro(m $a)[$macro.name]#end#m(1)', '#macro(m $a=1)[$a]#end#m()#m(2)'],
    define: ['#define($a)A[$b]#end#define($b)B#end[$a]', '#define($outer)<#define($inner)I#end$inner>#end[$outer][$inner]', '#define($a)x#end#define($a)[$a]#end[$a]', '#define($a)$define#end[$a]', '#define($a)[$foreach.count]#end#foreach($x in $l)$a#end', '#define($b)1#end#set($b = "2")[$b]'],
  },
};

const args: Group = {
  category: 'methods', prefix: 'args', json: STR_JSON,
  calls: {
    string: ['$s.charAt(1.9)', '$s.charAt(true)', '$s.substring($lg)', '$s.indexOf($s.charAt(1))', '$s.repeat("2")', '$s.concat(true)', '$s.equals($s.charAt(0))', '$s.startsWith(5)', "$s.split(',', '2')", "$s.replace('o', 5)", '$s.matches(5)', '$s.lastIndexOf($n)', '$s.codePointAt("1")', "$s.join('-', 'a', 5)", '$s.substring($d)', '$s.charAt($n)'],
    format: ["$s.format('%d', '5')", "$s.format('%s')", "$s.format('%.2f', 1)", "$s.format('%d', 2.5)", "$s.format('%08.3f|%(d|% d', 3.14159, -5, 7)", "$s.format('%S|%-6b|', 'abc', true)", "$s.format('%x|%x', -1, $lg)", "$s.format('%c', 'x')", "$s.format('%e|%.0e', 0.0, 15.5)", "$s.format('%g|%.3g|%.1g', 0.0, 99.95, 0.00012)", "$s.format('%a|%h', 0.0, $n)", "$s.format('%10.4f|', $big)", "$s.format('%,.2f', 1234567.891)", "$s.format('%-8s|%8s|', $n, 'r')", "$s.format('%3$s %1$s %<s', 'a', 'b', 'c')", "$s.format('%#x|%#o', 255, 8)"],
    regex: ["$ws.replaceAll('\\s+', ' ')", "$s.split('\\|')", "$s.matches('\\p{L}+, \\p{L}+')", "$s.matches('\\p{IsAlphabetic}.*')", "$s.replaceAll('(?<first>\\w+), (?<second>\\w+)', '${second} ${first}')", "$s.replaceAll('[aeiou&&[^o]]', '*')", "$s.matches('(?s)Hello.*')", "$ml.matches('(?s)l1.*')", "$ml.replaceAll('(?m)^', '> ')", "$s.replaceAll('o', '$0$0')", "$s.split('l++')", "$s.replaceAll('l++o', 'X')", "$s.replaceAll('(l)++', '[$1]')", "$s.matches('\\QHello\\E.*')", "$s.replaceAll('\\p{Upper}', '_')", "$s.replaceAll('\\P{L}', '')", "$s.matches('[\\p{L}, ]+')", "$u.matches('\\p{L}+')", "$em.replaceAll('\\p{So}', 'E')", "$s.replaceAll('(?i)[h-l]', '#')", "$s.replaceAll('(\\w)(\\w*)', '$2$1')", "$s.replaceFirst('(?<x>o)', '${y}')"],
    chars: ['#set($c = $s.charAt(0))[$c.compareTo($s.charAt(1))][$c.hashCode()][$c.charValue()][$c.equals("H")]', '#set($c = $s.charAt(0))[$c.isLetter($c)][$c.isDigit($c)][$c.isUpperCase($c)][$c.toLowerCase($c)]', '#set($c = $s.charAt(5))[$c.isWhitespace($c)][$c.isLetterOrDigit($c)][$c.toString()][$c.getNumericValue($c)]', '#set($c = $s.charAt(0))[$c.valueOf($c)][$c.toString($c)][$c.class.simpleName][$c.isLetter(72)]'],
  },
};

const NUM_JSON2 =
  '{"i":5,"lg":5000000000,"d":2.5,"nz":-0.0,"dd":1e23,"t":true,"n":null,"big":100000000000000000000,"x":0.1}';

const numbers2: Group = {
  category: 'methods', prefix: 'num2', json: NUM_JSON2,
  calls: {
    integer: ['$i.parseInt(" 5")', '$i.parseInt("+5")', '$i.valueOf($n)', '$i.max($lg, 1)', '$i.toString(-255, 16)', '$i.toString(5, 99)', '$lg.parseLong("9223372036854775808")', '$i.decode("")', '$i.decode("0x")', '$i.parseInt("2147483648")', '$i.signum($d)', '$i.compareTo($lg)'],
    double: ['$d.parseDouble("0x1p3")', '$d.parseDouble("1_000")', '$d.parseDouble("Infinity")', '$d.valueOf(" NaN ")', '$d.toString($d)', '$d.compareTo($nz)', '$dd.floatValue()', '#set($f = $d.floatValue())[$f][$f + 1][$f.class.simpleName]', '#set($f = $x.floatValue())[$f.doubleValue()][$f.equals($x)]', '$i.doubleValue() / 3', '$d.parseDouble("2.5f")', '$d.isInfinite($n)'],
    bool: ['$t.compareTo(true)', "$t.logicalAnd('true', false)", "$t.parseBoolean('True')", '$t.equals($n)', '$t.valueOf($n)'],
    big: ['$big.add(2.5)', '$big.add("5")', '$big.add($n)', '$big.compareTo(5)', '$big.equals(100000000000000000000)', '$big.pow(-1)', '$big.divide(0)', '$big.mod(-3)', '$big.toString(2).length()', '$big.min(5)'],
    decimal: ['#set($z = $big - $big)#set($p = $z + 2.5)[$p.add(1)][$p.add(0.1)][$p.add("1.5")]', '#set($z = $big - $big)#set($p = $z + 2.5)[$p.setScale(2, 8)]', '#set($z = $big - $big)#set($p = $z + 125.5)[$p.setScale(-1, 4)]', '#set($z = $big - $big)#set($p = $z + 2.5)[$p.divide(0)]', '#set($z = $big - $big)#set($p = $z + 2.5)[$p.pow(-1)]', '#set($z = $big - $big)#set($p = $z + 2.5)[$p.compareTo(2)][$p.equals(2.5)]', '#set($z = $big - $big)#set($p = $z + 100)[$p][$p.stripTrailingZeros()][$p.stripTrailingZeros().toPlainString()]', '#set($z = $big - $big)#set($p = $z + 100000.0)#set($q = $p * $p)[$q.toEngineeringString()][$q.stripTrailingZeros().toEngineeringString()]', '#set($z = $big - $big)#set($p = $z + 1.5E-8)[$p][$p.toEngineeringString()][$p.toPlainString()]', '#set($z = $big - $big)#set($p = $z + 2.5)#set($q = $z + 0.4)[$p.divide($q)][$p.remainder($q)][$p.divideToIntegralValue($q)]', '#set($z = $big - $big)#set($p = $z - 2.5)[$p.setScale(0, 0)][$p.setScale(0, 1)][$p.setScale(0, 2)][$p.setScale(0, 3)][$p.setScale(0, 4)][$p.setScale(0, 5)][$p.setScale(0, 6)]', '#set($z = $big - $big)#set($p = $z + 7)#set($q = $z + 3)[$p.divide($q, 5, 6)][$p.divide($q, 6)]'],
  },
};

const collections2: Group = {
  category: 'methods', prefix: 'coll2', json: JSON.stringify({ l: ['a', 'b', 'c', 'd'], il: [1, 2, 3], e: [], n: null, m: { a: 1, b: 2 } }),
  calls: {
    list: ["$l.add(-1, 'z')", '$l.get($n)', '$l.indexOf(2)', '#set($r = $il.remove(1.0))[$r][$il]', '#set($r = $il.remove("1"))[$r][$il]', '$l.subList("0", "2")', '$l.containsAll($m.keySet())', '$l.equals($l.subList(0, 4))', '$l.addAll($m)', '$l.toArray().class.simpleName', '$l.iterator().hasNext()', '$e.iterator().next()', '$il.stream().count()', '#foreach($x in $l.subList(1, 3))$x#end', '$il.hashCode()', '$l.lastIndexOf($n)'],
    subList: ["#set($v = $l.subList(0, 2))#set($r = $l.set(0, 'Z'))[$v][$l]", "#set($v = $l.subList(1, 4))#set($w = $v.subList(1, 3))#set($r = $w.set(0, 'Q'))[$l][$v][$w]", "#set($v = $l.subList(1, 4))#set($w = $v.subList(1, 3))#set($r = $l.set(2, 'Q'))[$l][$v][$w]", '#set($v = $l.subList(1, 3))#set($r = $v.remove(0))[$l][$v]', '#set($v = $l.subList(1, 3))#set($r = $l.remove(0))[$v.size()]', '#set($v = $l.subList(1, 3))#set($r = $v.addAll([1, 2]))[$l][$v]', '#set($v = $l.subList(0, 3))#set($r = $v.removeAll(["b"]))[$l][$v]', '#set($v = $l.subList(1, 3))[$v.indexOf("c")][$v.contains("a")][$v.hashCode()][$v.equals(["b", "c"])]'],
    map: ['$m.get(1)', '#set($r = $m.put($n, 1))[$m][$m.get($n)]', '$m.containsKey(1)', "$m.getOrDefault($n, 'd')", '#set($r = $m.putAll($m))[$m]', '$m.entrySet().iterator().next().key', '$m.values().iterator().next()', '$m.remove($n)', "#set($r = $m.replace('a', $n))[$r][$m]", '$m.equals($m.clone())', '$m.keySet().toArray().size()', "#set($k = $m.keySet())#set($r = $m.put('z', 0))[$k][$k.size()]", '#foreach($e in $m.entrySet())$e.getKey()=$e.value;#end', "$m.entrySet().contains($m.entrySet().iterator().next())"],
  },
};

/** Doubles from arithmetic, printed: Java 17's Double.toString end to end (deterministic values). */
function doublePrints(): Group {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const num = () => {
    const mant = (rnd() * 1000).toFixed(Math.floor(rnd() * 4));
    const exp = Math.floor(rnd() * 50 - 25);
    return rnd() < 0.5 ? `${mant}.0`.replace(/\.(\d+)\.0$/, '.$1') : `${mant.includes('.') ? mant : mant + '.0'}E${exp}`;
  };
  const calls: string[] = [];
  for (let i = 0; i < 60; i++) {
    const a = num();
    const b = num();
    calls.push(`#set($a = ${a})#set($b = ${b})#set($p = $a * $b)#set($q = $a / $b)#set($r = $a + $b)#set($t = $a - $b)[$a][$b][$p][$q][$r][$t][$a.floatValue()][$q.floatValue()]`);
  }
  return { category: 'methods', prefix: 'dprint', json: '{}', calls: { arith: calls } };
}

export const GROUPS: Group[] = [string, list, map, views, integer, double, boolean, bigdecimal, biginteger, macros, args, numbers2, collections2, doublePrints()];
