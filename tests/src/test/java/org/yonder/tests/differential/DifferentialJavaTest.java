package org.yonder.tests.differential;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Java client uses the fixtures of fixtures.js through the polyglot {@link Value} API: in a local JS context (L)
 * and through {@code yonder serve fixtures.js} (R). Each probe renders its result or exception as one line.
 */
class DifferentialJavaTest {
    @RegisterExtension
    static final Differential.FixtureServer SERVER = new Differential.FixtureServer("fixtures.js", "java");

    /** A deterministic rendering of a Java or polyglot value. */
    static String show(Object o, int depth) {
        if (o == null) {
            return "java null";
        }
        if (o instanceof String s) {
            return '"' + s + '"';
        }
        if (o instanceof Value v) {
            return showValue(v, depth);
        }
        if (o instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object x : l) {
                parts.add(show(x, depth + 1));
            }
            return "List" + parts;
        }
        if (o instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(show(k, depth + 1) + "=" + show(x, depth + 1)));
            return "Map" + parts;
        }
        if (o instanceof Class<?> c) {
            return "class " + c.getSimpleName();
        }
        return o.getClass().getSimpleName() + " " + o;
    }

    static String showValue(Value v, int depth) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isBoolean()) {
            return String.valueOf(v.asBoolean());
        }
        if (v.isString()) {
            return '"' + v.asString() + '"';
        }
        if (v.isNumber() && !v.hasMembers()) {
            return v.fitsInLong() ? "long " + v.asLong() : v.fitsInDouble() ? "double " + v.asDouble() : "number " + v;
        }
        if (depth > 2) {
            return "…";
        }
        if (v.hasArrayElements()) {
            List<String> parts = new ArrayList<>();
            for (long i = 0; i < Math.min(v.getArraySize(), 10); i++) {
                parts.add(showValue(v.getArrayElement(i), depth + 1));
            }
            return "array" + parts;
        }
        if (v.canExecute()) {
            return "executable";
        }
        if (v.hasMembers()) {
            List<String> parts = new ArrayList<>();
            for (String k : v.getMemberKeys()) {
                if (parts.size() == 10) {
                    break;
                }
                Value m = v.getMember(k);
                parts.add(k + ":" + (m == null ? "?" : showValue(m, depth + 1)));
            }
            return "object{" + String.join(",", parts) + "}";
        }
        return "value " + v;
    }

    static String thrown(Throwable t) {
        if (t instanceof PolyglotException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            return "throws guest=" + e.isGuestException() + " host=" + e.isHostException() + " internal=" + e.isInternalError() + ": " + m;
        }
        String m = t.getMessage() == null ? "" : t.getMessage().split("\n")[0];
        return "throws " + t.getClass().getSimpleName() + ": " + m;
    }

    record Probe(String id, Function<Map<String, Value>, Object> f) {
    }

    static final List<String> NAMES = List.of("num", "str", "plain", "nested", "empty", "emptyArr", "arr", "mixedArr", "objArr", "frozenArr", "frozenObj",
                    "sealedObj", "sparse", "holes", "int32", "float64", "uint8", "nestedArr", "animal", "dog", "Animal", "Dog", "counter", "point",
                    "withSymbol", "nonEnumerable", "nullProto", "protoChild", "accessors", "map", "set", "weakMap", "date", "invalidDate", "regex",
                    "errors", "error", "rangeError", "customError", "fns", "add", "greet", "thrower", "big", "specials", "numbers", "strings", "gen",
                    "iterable", "promise", "toJSONObj", "toStringObj", "valueOfObj", "cyclicHolder", "dates", "people");

    static final Map<String, Function<Value, Object>> OPS = new LinkedHashMap<>();
    static {
        OPS.put("isNull", Value::isNull);
        OPS.put("hasMembers", Value::hasMembers);
        OPS.put("memberKeys", v -> new ArrayList<>(v.getMemberKeys()));
        OPS.put("hasArrayElements", Value::hasArrayElements);
        OPS.put("arraySize", Value::getArraySize);
        OPS.put("isString", Value::isString);
        OPS.put("isNumber", Value::isNumber);
        OPS.put("fitsInLong", Value::fitsInLong);
        OPS.put("fitsInDouble", Value::fitsInDouble);
        OPS.put("fitsInBigInteger", Value::fitsInBigInteger);
        OPS.put("isBoolean", Value::isBoolean);
        OPS.put("isDate", Value::isDate);
        OPS.put("isTime", Value::isTime);
        OPS.put("isInstant", Value::isInstant);
        OPS.put("canExecute", Value::canExecute);
        OPS.put("canInstantiate", Value::canInstantiate);
        OPS.put("isException", Value::isException);
        OPS.put("isMetaObject", Value::isMetaObject);
        OPS.put("metaSimpleName", v -> v.getMetaObject() == null ? null : v.getMetaObject().getMetaSimpleName());
        OPS.put("metaQualifiedName", v -> v.getMetaObject() == null ? null : v.getMetaObject().getMetaQualifiedName());
        OPS.put("hasIterator", Value::hasIterator);
        OPS.put("isIterator", Value::isIterator);
        OPS.put("hasHashEntries", Value::hasHashEntries);
        OPS.put("hasBuffer", Value::hasBufferElements);
        OPS.put("isHostObject", Value::isHostObject);
        OPS.put("asObjectClass", v -> v.as(Object.class) == null ? null : v.as(Object.class).getClass().getSimpleName().replaceAll("\\$.*", ""));
        OPS.put("show", v -> v);
        OPS.put("asString", Value::asString);
        OPS.put("toString", Value::toString);
    }

    static List<Probe> probes() {
        List<Probe> ps = new ArrayList<>();
        for (Map.Entry<String, Function<Value, Object>> op : OPS.entrySet()) {
            for (String n : NAMES) {
                if (n.equals("gen") && !op.getKey().startsWith("is") && !op.getKey().startsWith("has") && !op.getKey().startsWith("can")) {
                    continue;
                }
                ps.add(new Probe("java/op." + op.getKey() + "." + n, fx -> op.getValue().apply(fx.get(n))));
            }
        }
        // Methods read off two instances and executed.
        ps.add(new Probe("java/this.speakExecute", fx -> List.of(fx.get("dog").getMember("speak").execute(), fx.get("dog2").getMember("speak").execute())));
        ps.add(new Probe("java/this.speakExecuteReversed", fx -> List.of(fx.get("dog2").getMember("speak").execute(), fx.get("dog").getMember("speak").execute())));
        ps.add(new Probe("java/this.speakInvoke", fx -> List.of(fx.get("dog").invokeMember("speak"), fx.get("dog2").invokeMember("speak"))));
        ps.add(new Probe("java/this.speakKeptThenExecuted", fx -> {
            Value s1 = fx.get("dog").getMember("speak");
            Value s2 = fx.get("dog2").getMember("speak");
            return List.of(s2.execute(), s1.execute());
        }));
        ps.add(new Probe("java/this.fetchDefault", fx -> fx.get("dog").invokeMember("fetch")));
        ps.add(new Probe("java/this.fetchArg", fx -> fx.get("dog").invokeMember("fetch", "stick")));
        ps.add(new Probe("java/this.toISOStringExecute", fx -> List.of(fx.get("date").getMember("toISOString").execute(), fx.get("date2").getMember("toISOString").execute())));
        ps.add(new Probe("java/this.upper", fx -> List.of(fx.get("dog").getMember("upper"), fx.get("dog2").getMember("upper"))));
        // Dates and times.
        ps.add(new Probe("java/date.asInstant", fx -> fx.get("date").asInstant()));
        ps.add(new Probe("java/date.asInstant2", fx -> fx.get("date2").asInstant()));
        ps.add(new Probe("java/date.asDate", fx -> fx.get("date").asDate()));
        ps.add(new Probe("java/date.asTime", fx -> fx.get("date").asTime()));
        ps.add(new Probe("java/date.asZone", fx -> fx.get("date").asTimeZone()));
        ps.add(new Probe("java/date.getTime", fx -> fx.get("date").invokeMember("getTime")));
        ps.add(new Probe("java/date.invalidIsDate", fx -> fx.get("invalidDate").isDate()));
        ps.add(new Probe("java/date.invalidAsInstant", fx -> fx.get("invalidDate").asInstant()));
        ps.add(new Probe("java/date.bothInstants", fx -> List.of(fx.get("dates").getMember("d1").asInstant(), fx.get("dates").getMember("d2").asInstant())));
        // Functions, exceptions.
        ps.add(new Probe("java/fn.add", fx -> fx.get("add").execute(2, 3)));
        ps.add(new Probe("java/fn.addStrings", fx -> fx.get("add").execute("a", "b")));
        ps.add(new Probe("java/fn.addAsInt", fx -> fx.get("add").execute(2, 3).asInt()));
        ps.add(new Probe("java/fn.greetDefault", fx -> fx.get("greet").execute()));
        ps.add(new Probe("java/fn.greetArg", fx -> fx.get("greet").execute("java")));
        ps.add(new Probe("java/fn.variadic", fx -> fx.get("fns").invokeMember("variadic", 1, "b", true)));
        ps.add(new Probe("java/fn.typeOfJavaList", fx -> fx.get("fns").invokeMember("typeOfArg", List.of(1, 2))));
        ps.add(new Probe("java/fn.isArrayJavaArray", fx -> fx.get("fns").invokeMember("isArrayArg", (Object) new int[] {1, 2})));
        ps.add(new Probe("java/fn.typeOfJavaNull", fx -> fx.get("fns").invokeMember("typeOfArg", (Object) null)));
        ps.add(new Probe("java/fn.typeOfBigInteger", fx -> fx.get("fns").invokeMember("typeOfArg", BigInteger.TEN.pow(30))));
        ps.add(new Probe("java/fn.callbackJavaLambda", fx -> fx.get("fns").invokeMember("apply", (Function<Object, Object>) x -> "java saw " + x, 5)));
        ps.add(new Probe("java/fn.returnsUndefined", fx -> fx.get("fns").invokeMember("returnsUndefined")));
        ps.add(new Probe("java/fn.returnsUndefinedToString", fx -> fx.get("fns").invokeMember("returnsUndefined").toString()));
        ps.add(new Probe("java/fn.returnsBig", fx -> fx.get("fns").invokeMember("returnsBig").asBigInteger()));
        ps.add(new Probe("java/fn.returnsBigFitsLong", fx -> fx.get("fns").invokeMember("returnsBig").fitsInLong()));
        ps.add(new Probe("java/fn.returnsObjectAsMap", fx -> fx.get("fns").invokeMember("returnsObject").as(Map.class).keySet().toString()));
        ps.add(new Probe("java/fn.returnsArrayAsList", fx -> fx.get("fns").invokeMember("returnsArray").as(List.class)));
        ps.add(new Probe("java/fn.returnsFunction", fx -> fx.get("fns").invokeMember("returnsFunction").execute(7)));
        ps.add(new Probe("java/fn.asFunction", fx -> {
            @SuppressWarnings("unchecked")
            Function<Object, Object> f = fx.get("fns").getMember("identity").as(Function.class);
            return String.valueOf(f.apply("through"));
        }));
        ps.add(new Probe("java/throw.thrower", fx -> fx.get("thrower").execute()));
        ps.add(new Probe("java/throw.callMissing", fx -> fx.get("plain").invokeMember("nothing")));
        ps.add(new Probe("java/throw.executeNonFunction", fx -> fx.get("plain").execute()));
        ps.add(new Probe("java/errval.isException", fx -> List.of(fx.get("error").isException(), fx.get("rangeError").isException(), fx.get("customError").isException())));
        ps.add(new Probe("java/errval.throwException", fx -> {
            throw fx.get("rangeError").throwException();
        }));
        ps.add(new Probe("java/errval.message", fx -> fx.get("customError").getMember("message")));
        ps.add(new Probe("java/errval.field", fx -> fx.get("customError").getMember("field")));
        // Members, elements, hashes, iterators.
        ps.add(new Probe("java/member.has", fx -> List.of(fx.get("plain").hasMember("a"), fx.get("plain").hasMember("zz"))));
        ps.add(new Probe("java/member.missing", fx -> fx.get("plain").getMember("zz")));
        ps.add(new Probe("java/member.undefined", fx -> fx.get("specials").getMember("u")));
        ps.add(new Probe("java/member.undefinedIsNull", fx -> fx.get("specials").getMember("u").isNull()));
        ps.add(new Probe("java/member.undefinedToString", fx -> fx.get("specials").getMember("u").toString()));
        ps.add(new Probe("java/member.nullToString", fx -> fx.get("specials").getMember("n").toString()));
        ps.add(new Probe("java/member.negZero", fx -> fx.get("specials").getMember("negZero").asDouble()));
        ps.add(new Probe("java/member.nan", fx -> fx.get("specials").getMember("nan").asDouble()));
        ps.add(new Probe("java/member.bigLarge", fx -> fx.get("big").getMember("large").asBigInteger()));
        ps.add(new Probe("java/member.bigLargeFitsLong", fx -> fx.get("big").getMember("large").fitsInLong()));
        ps.add(new Probe("java/member.bigSmallAsLong", fx -> fx.get("big").getMember("small").asLong()));
        ps.add(new Probe("java/member.bigMeta", fx -> fx.get("big").getMember("small").getMetaObject().getMetaSimpleName()));
        ps.add(new Probe("java/member.maxSafe", fx -> fx.get("numbers").getMember("max").asLong()));
        ps.add(new Probe("java/member.dblFitsInt", fx -> fx.get("numbers").getMember("dbl").fitsInInt()));
        ps.add(new Probe("java/member.put", fx -> {
            fx.get("plain").putMember("added", 5);
            return fx.get("plain").getMember("added");
        }));
        ps.add(new Probe("java/member.putJavaObject", fx -> {
            fx.get("plain").putMember("list", List.of(1, 2));
            return fx.get("plain").getMember("list").getArraySize();
        }));
        ps.add(new Probe("java/member.remove", fx -> List.of(fx.get("plain").removeMember("added"), fx.get("plain").hasMember("added"))));
        ps.add(new Probe("java/member.putFrozen", fx -> {
            fx.get("frozenObj").putMember("x", 9);
            return fx.get("frozenObj").getMember("x");
        }));
        ps.add(new Probe("java/member.nonEnumerableKeys", fx -> new ArrayList<>(fx.get("nonEnumerable").getMemberKeys())));
        ps.add(new Probe("java/member.nonEnumerableRead", fx -> fx.get("nonEnumerable").getMember("hidden")));
        ps.add(new Probe("java/member.getter", fx -> fx.get("accessors").getMember("v")));
        ps.add(new Probe("java/member.protoMethodKeys", fx -> fx.get("dog").getMemberKeys().contains("speak")));
        ps.add(new Probe("java/member.hasMemberSpeak", fx -> fx.get("dog").hasMember("speak")));
        ps.add(new Probe("java/member.canInvokeSpeak", fx -> fx.get("dog").canInvokeMember("speak")));
        ps.add(new Probe("java/member.asMapPlain", fx -> fx.get("plain").as(Map.class).toString()));
        ps.add(new Probe("java/member.nestedLeaf", fx -> fx.get("nested").getMember("level1").getMember("level2").getMember("level3").getMember("leaf")));
        ps.add(new Probe("java/elem.get", fx -> fx.get("arr").getArrayElement(2)));
        ps.add(new Probe("java/elem.outOfBounds", fx -> fx.get("arr").getArrayElement(99)));
        ps.add(new Probe("java/elem.set", fx -> {
            fx.get("mutArr").setArrayElement(0, 100);
            return fx.get("mutArr").getArrayElement(0);
        }));
        ps.add(new Probe("java/elem.setFrozen", fx -> {
            fx.get("frozenArr").setArrayElement(0, 100);
            return fx.get("frozenArr").getArrayElement(0);
        }));
        ps.add(new Probe("java/elem.remove", fx -> List.of(fx.get("mutArr").removeArrayElement(0), fx.get("mutArr").getArraySize())));
        ps.add(new Probe("java/elem.hole", fx -> fx.get("holes").getArrayElement(0)));
        ps.add(new Probe("java/elem.asIntArray", fx -> java.util.Arrays.toString(fx.get("arr").as(int[].class))));
        ps.add(new Probe("java/elem.asListOfString", fx -> fx.get("strArr") == null ? null : fx.get("people").getArrayElement(0).getMember("name")));
        ps.add(new Probe("java/elem.typedElement", fx -> fx.get("int32").getArrayElement(3)));
        ps.add(new Probe("java/elem.uint8Buffer", fx -> List.of(fx.get("uint8").hasBufferElements(), fx.get("uint8").hasArrayElements())));
        ps.add(new Probe("java/hash.size", fx -> fx.get("map").getHashSize()));
        ps.add(new Probe("java/hash.get", fx -> fx.get("map").getHashValue("a")));
        ps.add(new Probe("java/hash.getNumberKey", fx -> fx.get("map").getHashValue(3)));
        ps.add(new Probe("java/hash.contains", fx -> List.of(fx.get("map").hasHashEntry("b"), fx.get("map").hasHashEntry("zz"))));
        ps.add(new Probe("java/hash.keys", fx -> {
            List<String> ks = new ArrayList<>();
            Value it = fx.get("map").getHashKeysIterator();
            while (it.hasIteratorNextElement()) {
                ks.add(show(it.getIteratorNextElement(), 1));
            }
            return ks;
        }));
        ps.add(new Probe("java/hash.put", fx -> {
            fx.get("map").putHashEntry("j", 1);
            return fx.get("map").getHashSize();
        }));
        ps.add(new Probe("java/hash.setAsMap", fx -> fx.get("set").hasHashEntries()));
        ps.add(new Probe("java/iter.gen", fx -> {
            List<String> xs = new ArrayList<>();
            Value it = fx.get("gen").getIterator();
            while (it.hasIteratorNextElement()) {
                xs.add(show(it.getIteratorNextElement(), 1));
            }
            return xs;
        }));
        ps.add(new Probe("java/iter.callGen", fx -> {
            List<String> xs = new ArrayList<>();
            Value it = fx.get("fns").invokeMember("range", 3);
            while (it.hasIteratorNextElement()) {
                xs.add(show(it.getIteratorNextElement(), 1));
            }
            return xs;
        }));
        ps.add(new Probe("java/iter.iterable", fx -> fx.get("iterable").hasIterator()));
        ps.add(new Probe("java/iter.set", fx -> {
            List<String> xs = new ArrayList<>();
            Value it = fx.get("set").getIterator();
            while (it.hasIteratorNextElement()) {
                xs.add(show(it.getIteratorNextElement(), 1));
            }
            return xs;
        }));
        // Classes and identity.
        ps.add(new Probe("java/class.newInstance", fx -> fx.get("Dog").newInstance("Java", "x").invokeMember("speak")));
        ps.add(new Probe("java/class.isMetaInstance", fx -> fx.get("Dog").isMetaInstance(fx.get("dog"))));
        ps.add(new Probe("java/class.animalIsMetaInstance", fx -> fx.get("Animal").isMetaInstance(fx.get("dog"))));
        ps.add(new Probe("java/class.metaName", fx -> fx.get("Dog").getMetaSimpleName()));
        ps.add(new Probe("java/class.metaParents", fx -> fx.get("Dog").hasMetaParents() ? fx.get("Dog").getMetaParents().getArraySize() : -1));
        ps.add(new Probe("java/class.static", fx -> fx.get("Animal").invokeMember("create", "st").invokeMember("speak")));
        ps.add(new Probe("java/ident.equals", fx -> fx.get("dog").equals(fx.get("dog"))));
        ps.add(new Probe("java/ident.cyclic", fx -> fx.get("cyclicHolder").getMember("self").equals(fx.get("cyclicHolder"))));
        ps.add(new Probe("java/ident.twoPoints", fx -> fx.get("point").equals(fx.get("point2"))));
        ps.add(new Probe("java/ident.hashCode", fx -> fx.get("dog").hashCode() == fx.get("dog").hashCode()));
        ps.add(new Probe("java/ident.sourceLocation", fx -> fx.get("add").getSourceLocation() == null ? null : fx.get("add").getSourceLocation().getSource().getName()));
        ps.add(new Probe("java/promise.then", fx -> fx.get("promise").hasMember("then")));
        // Last, since today a thrown string brings the server down (see docs/transparency.md): thrown values and their guest objects.
        for (String t : List.of("throwsType", "throwsRange", "throwsCustom", "throwsObject", "throwsNumber", "throwsString")) {
            ps.add(new Probe("java/throw." + t, fx -> fx.get("fns").invokeMember(t)));
            ps.add(new Probe("java/throw." + t + ".stackHasFixtures", fx -> {
                try {
                    fx.get("fns").invokeMember(t);
                    return "no throw";
                } catch (PolyglotException e) {
                    int n = 0;
                    for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
                        if (f.isGuestFrame() && f.getSourceLocation() != null && f.getSourceLocation().getSource().getName().equals("fixtures.js")) {
                            n++;
                        }
                    }
                    return n;
                }
            }));
        }
        for (String t : List.of("throwsType", "throwsRange", "throwsCustom", "throwsObject", "throwsNumber", "throwsString")) {
            ps.add(new Probe("java/throw." + t + ".guestObject", fx -> {
                try {
                    fx.get("fns").invokeMember(t);
                    return "no throw";
                } catch (PolyglotException e) {
                    Value g = e.getGuestObject();
                    return g == null ? "no guest object" : List.of(g.isException(), show(g.getMetaObject() == null ? null : g.getMetaObject().getMetaSimpleName(), 1), show(g, 1));
                }
            }));
        }
        ps.add(new Probe("java/zz.serverAlive", fx -> fx.get("add").execute(1, 1)));
        return ps;
    }

    static LinkedHashMap<String, String> run(Context context) {
        Map<String, Value> fx = new LinkedHashMap<>();
        Value bindings = context.getPolyglotBindings();
        for (String n : NAMES) {
            fx.put(n, bindings.getMember("java." + n));
        }
        for (String n : List.of("dog2", "date2", "point2", "mutArr", "strArr")) {
            fx.put(n, bindings.getMember("java." + n));
        }
        StringBuilder out = new StringBuilder();
        for (Probe p : probes()) {
            String r;
            try {
                r = show(p.f().apply(fx), 0);
            } catch (Throwable t) {
                r = thrown(t);
            }
            out.append(p.id()).append('\t').append(r.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        return Differential.parse(out.toString());
    }

    static LinkedHashMap<String, String> local() {
        try (Context context = Differential.local()) {
            context.eval(Source.newBuilder("js", Differential.resource("fixtures.js"), "fixtures.js").buildLiteral());
            return run(context);
        }
    }

    @Test
    void javaProbes() {
        long t0 = System.nanoTime();
        LinkedHashMap<String, String> l1 = local();
        LinkedHashMap<String, String> l2 = local();
        Differential.assertStable("Java", l1, l2);
        long t1 = System.nanoTime();
        LinkedHashMap<String, String> r;
        try (Context context = Differential.client(SERVER.url(), null)) {
            r = run(context);
        }
        long t2 = System.nanoTime();
        System.out.printf("[differential] Java: local twice %d ms, remote %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        Differential.verify("Java", "java/", l1, r);
    }
}
