package org.yonder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yonder.tests.RawFrames.frame;
import static org.yonder.tests.RawFrames.readFrame;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/**
 * A Python client gets instances of a Python owner's classes as Python objects of their class's protocol (issue
 * item 5): the class's name, {@code repr}, {@code ==}, {@code <} (so {@code sorted}), {@code hash}, {@code bool} and
 * {@code +} are the owner's, a protocol the class lacks fails with the local message, attribute writes follow the
 * owner's rules, and the class is described once per session. The owner's classes are classes of the client's (bases,
 * {@code isinstance}, {@code super()}), its exception classes subclass the client's built-ins, and a hostile peer's
 * own GUEST_OPERATION frames reach only the fixed table.
 */
class PythonObjectsTest extends ReceiversServers {
    private static String py(Context client, String code) {
        return client.eval("python", "import polyglot\nconn = polyglot.eval(language='yonder', string='" + py.url() + "')\n"
                        + "points = conn.root('points')\norigin = conn.root('origin')\n" + code).asString();
    }

    @Test
    void instancesHaveTheirClassProtocol() {
        try (Context client = Yonder.client(py.url())) {
            assertEquals("Point Point(3, 1) [Point(1, 1), Point(1, 2), Point(3, 1)] True True False Point(4, 3)",
                            py(client, "' '.join([type(origin).__name__, repr(points[0]), str(sorted(points)), str(points[2] == conn.root('make_point')(1, 1)),"
                                            + " str(hash(points[0]) == hash((3, 1))), str(bool(origin)), repr(points[0] + points[1])])"));
            assertEquals("Point(5, 3)", py(client, "repr(points[0].moved(2, dy=2))"), "a method takes keyword arguments");
            assertEquals("True", py(client, "str(conn.root('make_point')(0, 0) in {origin})"), "equal points hash alike");
        }
    }

    @Test
    void instancesOfSameNamedClassesKeepTheirOwnClass() {
        // Before: the presented class was kept per shape, and two classes named Twin have one shape.
        try (Context client = Yonder.client(py.url())) {
            assertEquals("b a True False True False True 70",
                            py(client, """
                                            t = conn.root('twins')
                                            b, a = t['b'], t['a']
                                            many = t['many']
                                            ok = sum(1 for i, (c, x) in enumerate(many) if isinstance(x, c) and type(x) is c and x.who() == 't%d' % i and not isinstance(x, many[(i + 1) % 70][0]))
                                            ' '.join(map(str, [b.who(), a.who(), isinstance(a, t['A']), isinstance(a, t['B']), type(b) is t['B'], isinstance(b, t['A']), type(a) is t['A'], ok]))
                                            """));
        }
    }

    @Test
    void aPeerCannotReplaceOrRemoveAMethodThroughSetattr() {
        // Before: GUEST_OPERATION setattr and delattr skipped the integrity rule that WRITE_MEMBER keeps, so one client
        // could shadow the owner's method for every other client.
        try (Context client = Yonder.client(py.url())) {
            assertEquals("refused refused Rex fetches ball x1 Rex fetches ball x1 Rover",
                            py(client, """
                                            w = conn.root('walker')
                                            out = []
                                            for attempt in (lambda: setattr(w, 'fetch', lambda *a, **k: 'forged'), lambda: delattr(w, 'fetch')):
                                                try:
                                                    attempt()
                                                    out.append('changed')
                                                except Exception as e:
                                                    out.append('refused' if 'integrity rule' in str(e) else 'other: ' + str(e))
                                            out.append(w.fetch('ball'))
                                            out.append(conn.root('walker').fetch('ball'))
                                            w.name = 'Rover'
                                            out.append(w.name)
                                            w.name = 'Rex'
                                            ' '.join(out)
                                            """), "a data attribute stays writable");
        }
    }

    @Test
    void aStringGraalPyKeepsAsAnObjectArrivesAsAString() {
        // Before: the interned string went by reference (a ForeignStringList), and inside a tuple each one was read as
        // an array, so ('left', 'right') arrived as ([108, ...], [114, ...]).
        try (Context client = Yonder.client(py.url())) {
            assertEquals("str interned name tuple ('left', 'right') str", py(client, "s = conn.root('interned')\nf = conn.root('interned_fields')\n"
                            + "' '.join([type(s).__name__, s, type(f).__name__, repr(f), type(f[0]).__name__])"));
        }
        try (Context client = Yonder.client(py.url())) {
            assertEquals("string interned name string left,right", Yonder.js(client, "const conn = Polyglot.eval('yonder', '" + py.url() + "');\n"
                            + "const s = conn.root('interned'), f = conn.root('interned_fields');\n"
                            + "typeof s + ' ' + s + ' ' + typeof f[0] + ' ' + [...f].join(',')").asString(), "a JS receiver gets strings too");
        }
    }

    @Test
    void aMemberOfAnEnumOfIntsIsAnIntOfItsPresentedClass() {
        // Before: an IntEnum member (an int's subclass) stayed a foreign number: type ForeignNumber, repr '10', and the
        // enum's own protocol (name, value, repr, its class) was lost.
        try (Context client = Yonder.client(py.url())) {
            assertEquals("Level <Level.HIGH: 10> 10 True 11 HIGH 10 True True [<Level.LOW: 1>, <Level.HIGH: 10>]",
                            py(client, "h = conn.root('high')\n' '.join(str(x) for x in [type(h).__name__, repr(h), str(h), isinstance(h, int), h + 1, h.name,"
                                            + " h.value, h == 10, type(h)(10) is h, list(type(h))])"));
            assertEquals("Perm <Perm.R|W: 6> True 4", py(client, "p = conn.root('read_write')\n' '.join(str(x) for x in [type(p).__name__, repr(p), 6 == p, p & 4])"));
            assertEquals("TypeError: object of type 'Level' has no len()",
                            py(client, "try:\n    len(conn.root('high'))\n    r = 'no error'\nexcept TypeError as e:\n    r = 'TypeError: ' + str(e)\nr"));
        }
    }

    @Test
    void aNamedTupleIsATupleOfItsPresentedClass() {
        // Before: an object of its presented class that was not a tuple (isinstance False, json.dumps refused it).
        try (Context client = Yonder.client(py.url())) {
            assertEquals("Pair Pair(left=1, right='two') True True two [1, \"two\"] Pair(left=1, right=3) 1-two {'left': 1, 'right': 'two'}",
                            py(client, "p = conn.root('pair')\nimport json\na, b = p\n' '.join(str(x) for x in [type(p).__name__, repr(p), isinstance(p, tuple), p == (1, 'two'),"
                                            + " p.right, json.dumps(p), p._replace(right=3), f'{a}-{b}', p._asdict()])"));
        }
    }

    @Test
    void aDefaultDictOrCounterReadsAMissingKeyByItsOwnersRules() {
        // Before: GraalPy's foreign dict (type ForeignDict, repr of a plain dict, KeyError for a missing key, the
        // defaultdict's factory a ForeignClassExecutable), since a read through interop must not run __missing__.
        try (Context client = Yonder.client(py.url())) {
            assertEquals("defaultdict True True [] ['a', 'new'] defaultdict(<class 'list'>, {'a': [1], 'new': []}) True "
                            + "{\"a\": [1], \"new\": []} unhashable type: 'collections.defaultdict'",
                            py(client, "import collections, json\nd = conn.root('tallies')\nnew = d['new']\ntry:\n    hash(d)\n    h = 'hashable'\n"
                                            + "except TypeError as e:\n    h = str(e)\n"
                                            + "' '.join(str(x) for x in [type(d).__name__, isinstance(d, dict), isinstance(d, collections.defaultdict), new,"
                                            + " conn.root('peek_tallies')(), repr(d), d.default_factory is list, json.dumps(d), h])"),
                            "the owner's __missing__ ran there: the new key is the owner's too");
            assertEquals("Counter 0 [('a', 5), ('b', 2)] 11 True False {'a': 5, 'b': 2, 'r': 2, 'c': 1, 'd': 1}",
                            py(client, "import collections\nc = conn.root('letters')\n' '.join(str(x) for x in [type(c).__name__, c['z'], c.most_common(2),"
                                            + " sum(c.values()), isinstance(c, collections.Counter), 'z' in c, dict(c)])"));
        }
    }

    @Test
    void aGeneratorIsAGeneratorOfTheClientsThatDelegatesToTheOwners() {
        // Before: GraalPy's ForeignIteratorIterable, with no send, throw or close.
        try (Context client = Yonder.client(py.url())) {
            assertEquals("generator 3 1 [] None | 3 [2, 1] | 3 ValueError stop [] | 3 None [] | 1 done",
                            py(client, "cd = conn.root('countdown')\ng = cd(3)\nout = [type(g).__name__, next(g), g.send(True), list(g)]\n"
                                            + "try:\n    next(g)\nexcept StopIteration as e:\n    out.append(e.args[0] if e.args else None)\n"
                                            + "h = cd(3)\nout += ['|', next(h), list(h)]\n"
                                            + "t = cd(3)\nout += ['|', next(t)]\ntry:\n    t.throw(ValueError('stop'))\nexcept ValueError as e:\n    out += ['ValueError', str(e)]\nout.append(list(t))\n"
                                            + "c = cd(3)\nout += ['|', next(c), c.close(), list(c)]\n"
                                            + "k = cd(1)\nout += ['|', next(k)]\ntry:\n    next(k)\nexcept StopIteration as e:\n    out.append(e.value)\n"
                                            + "' '.join(str(x) for x in out)"));
        }
    }

    @Test
    void anExceptionValueSaysAMissingAttributeIsMissingAsALocalOneDoes() {
        // Before: "foreign object has no attribute 'keys'" (GraalPy's message for the remote object behind it).
        try (Context client = Yonder.client(py.url())) {
            assertEquals("ValueError ('bad value', 42) 'ValueError' object has no attribute 'keys' keys",
                            py(client, "v = conn.root('value_error')\ntry:\n    v.keys\n    r = 'no error'\nexcept AttributeError as e:\n    r = str(e) + ' ' + e.name\n"
                                            + "' '.join([type(v).__name__, repr(v.args), r])"));
        }
    }

    @Test
    void classesArePresentedWithTheirBases() {
        try (Context client = Yonder.client(py.url())) {
            String out = py(client, "Point = conn.root('Point')\nPoint3 = conn.root('Point3')\np = Point3(1, 2, z=3)\n"
                            + "' '.join(str(x) for x in [repr(Point), type(Point).__name__, type(p) is Point3, isinstance(p, Point), issubclass(Point3, Point),"
                            + " repr(p), Point.__repr__(p), super(Point3, p).__repr__(), repr(Point3.unit()), Point3 is conn.root('Point3'), type(origin) is Point])");
            assertEquals("<class '__main__.Point'> type True True True Point3(1, 2, 3) Point(1, 2) Point(1, 2) Point3(1, 1, 1) True True", out,
                            "a base's method runs the base's code on the owner, past the override");
        }
    }

    @Test
    void exceptionsAreInstancesOfTheOwnersClassUnderTheClientsBuiltins() {
        try (Context client = Yonder.client(py.url())) {
            String out = py(client, "Invalid = conn.root('Invalid')\nout = []\n"
                            + "try:\n    conn.root('fail_invalid')()\nexcept ValueError as e:\n"
                            + "    out += [type(e) is Invalid, repr(e), e.code, e.args]\n"
                            + "try:\n    conn.root('fail_invalid')()\nexcept Invalid as e:\n    out.append('caught as Invalid')\n"
                            + "v = conn.root('make_invalid')()\nout += [isinstance(v, ValueError), type(v).__name__, v.code, v is v]\n"
                            + "' '.join(str(x) for x in out)");
            assertEquals("True Invalid('bad input', 7) 7 ('bad input', 7) caught as Invalid True Invalid 3 True", out);
        }
    }

    @Test
    void aMissingProtocolFailsWithTheLocalMessage() {
        try (Context client = Yonder.client(py.url())) {
            assertEquals("object of type 'Point' has no len()", py(client, "try:\n    len(origin)\n    r = 'no error'\nexcept TypeError as e:\n    r = str(e)\nr"));
            assertEquals("'Point' object has no attribute 'nope'", py(client, "try:\n    origin.nope\n    r = 'no error'\nexcept AttributeError as e:\n    r = str(e)\nr"));
            assertEquals("False False", py(client, "str(hasattr(origin, '__iter__')) + ' ' + str(callable(origin))"));
        }
    }

    @Test
    void attributeWritesFollowTheOwnersRules() {
        try (Context client = Yonder.client(py.url())) {
            assertEquals("7 AttributeError FrozenInstanceError",
                            py(client, "p = conn.root('make_point')(1, 1)\np.x = 7\nout = [str(conn.root('make_point')(0, 0).x + p.x)]\n"
                                            + "for name in ('slotted', 'frozen'):\n    try:\n        setattr(conn.root(name), 'b', 2)\n        out.append('written')\n"
                                            + "    except Exception as e:\n        out.append(type(e).__name__)\n' '.join(out)"));
            assertEquals("AttributeError", py(client, "try:\n    origin.__class__ = int\n    r = 'written'\nexcept (AttributeError, TypeError) as e:\n    r = type(e).__name__\nr"),
                            "the class of the owner's object is not the peer's to change");
        }
    }

    @Test
    void copyAndDeepcopyOfARemoteDictAreLocalAsForALocalOne() {
        try (Context client = Yonder.client(py.url())) {
            assertEquals("dict ForeignList list dict True [1, 2] True", py(client, "import copy\ninv = conn.root('inventory')\n"
                            + "c = copy.copy(inv)\nd = copy.deepcopy(inv)\ninv['apples'].append(9)\n"
                            + "out = [type(c).__name__, type(c['apples']).__name__, type(d['apples']).__name__, type(d['pears']).__name__,"
                            + " str(c['apples'] == [1, 2, 9]), str(d['apples']), str(isinstance(inv['apples'], list))]\n"
                            + "inv['apples'].pop()\n' '.join(out)"),
                            "a shallow copy is a local dict of the owner's values (its lists still the owner's, live); a deep copy is local all the way down");
        }
    }

    @Test
    void aRemoteSetIsASetOfTheOwnersWithTheLocalProtocol() {
        try (Context client = Yonder.client(py.url())) {
            String out = py(client, """
                            import collections.abc
                            t = conn.root('tags')
                            now = conn.root('tags_now')
                            out = [type(t).__name__, str(len(t)), str('a' in t), str(t == {'a', 'b'}), ''.join(sorted(t | {'c'})), ''.join(sorted({'z'} | t)),
                                   str(isinstance(t, collections.abc.MutableSet)), str(t is conn.root('tags')), str(isinstance(t, set))]
                            try:
                                hash(t)
                            except TypeError as e:
                                out.append(str(e))
                            t.add('c')
                            t |= {'d'}
                            t -= {'a'}
                            out.append(now())
                            t.update(['a'])
                            t.discard('c'); t.discard('d')
                            ops = lambda: getattr(conn.stats(), 'GUEST_OPERATION', 0)
                            before = ops()
                            s = sorted(t)
                            out.append(str(ops() - before))
                            ' '.join(out)
                            """);
            assertEquals("set 2 True True abc abz True True True unhashable type: 'set' b,c,d 1", out,
                            "size, membership and changes are the owner's; |, == and iteration use its elements, fetched in one operation");
        }
    }

    @Test
    void dataclassHelpersAndStandardExceptionsWorkOnRemoteValues() {
        try (Context client = Yonder.client(py.url())) {
            String out = py(client, """
                            import dataclasses, json
                            v = conn.root('version')
                            out = [','.join(f.name for f in dataclasses.fields(v)), str(dataclasses.is_dataclass(v)), repr(dataclasses.replace(v, minor=5)),
                                   str(dataclasses.astuple(v))]
                            try:
                                v.major = 3
                            except dataclasses.FrozenInstanceError as e:
                                out.append('FrozenInstanceError')
                            try:
                                conn.root('load_json')('{"a": ')
                            except json.JSONDecodeError as e:
                                out.append('%s %d %d' % (type(e) is json.JSONDecodeError, e.pos, e.lineno))
                            ' '.join(out)
                            """);
            assertEquals("major,minor True Version(major=1, minor=5) (1, 2) FrozenInstanceError True 6 1", out,
                            "fields from the owner's facts (replace makes the new one on the owner); a standard library's exception is the receiver's own class,"
                                            + " with the attributes its __init__ set");
        }
    }

    @Test
    void aRemoteRangeIsARange() {
        try (Context client = Yonder.client(py.url())) {
            assertEquals("range range(2, 10, 3) True True 5", py(client, "r = conn.root('steps')\n"
                            + "' '.join([type(r).__name__, repr(r), str(r == range(2, 10, 3)), str(hash(r) == hash(range(2, 10, 3))), str(r[1])])"),
                            "a range is immutable: it is copied with its start, stop and step");
            assertEquals("2,5,8", Yonder.js(client, "Array.from(Polyglot.eval('yonder', '" + py.url() + "').root('steps')).join()").asString(),
                            "other languages get its elements");
        }
    }

    @Test
    void jsonDumpsARemoteDictOrListAsALocalOne() {
        try (Context client = Yonder.client(py.url())) {
            assertEquals("{\"apples\": [1, 2], \"pears\": {\"ripe\": 3}}|True|True|[1, 2, 3]|Object of type Point is not JSON serializable",
                            py(client, """
                                            import json
                                            inv = conn.root('inventory')
                                            local = {'apples': [1, 2], 'pears': {'ripe': 3}}
                                            out = [json.dumps(inv), str(json.dumps(inv, indent=1) == json.dumps(local, indent=1)),
                                                   str(json.dumps(inv, sort_keys=True, separators=(',', ':')) == json.dumps(local, sort_keys=True, separators=(',', ':'))),
                                                   json.dumps(conn.root('triple'))]
                                            try:
                                                json.dumps(points)
                                            except TypeError as e:
                                                out.append(str(e))
                                            '|'.join(out)"""),
                            "the C encoder and the pure-Python one (indent); an object of a class is still refused, by its own class name");
        }
    }

    @Test
    void theClassIsDescribedOncePerSession() {
        try (Context client = Yonder.client(py.url())) {
            String counts = client.eval("python", "import polyglot\nconn = polyglot.eval(language='yonder', string='" + py.url() + "')\n"
                            + "make = conn.root('make_point')\nops = lambda: getattr(conn.stats(), 'GUEST_OPERATION', 0)\n"
                            + "before = ops()\np = make(1, 2)\nfirst = ops() - before\n"
                            + "before = ops()\nps = [make(i, i) for i in range(5)]\nlater = ops() - before\n"
                            + "before = ops()\nr = repr(p)\nrepr_ops = ops() - before\n"
                            + "'%d %d %d' % (first, later, repr_ops)").asString();
            assertEquals("2 0 1", counts, "type and describe for the first Point, none for the next five, one GUEST_OPERATION per repr");
        }
    }

    /**
     * A hostile peer that sends GUEST_OPERATION frames itself reaches only the fixed table: another name is refused,
     * and setattr of a {@code __*} name (the object's class) too; the object keeps its class for everyone else.
     */
    @Test
    void aPeerReachesOnlyTheTableOfOperations() throws IOException {
        URI uri = URI.create(py.url());
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(frame(1, 1, 1));
            assertEquals(3, readFrame(in)[0], "REPLY to HELLO");
            out.write(frame(2, 2, 0, "origin"));
            Object[] root = readFrame(in);
            Matcher ref = Pattern.compile("^\\[1,(\\d+),").matcher((String) ((Object[]) root[3])[0]);
            assertTrue(ref.find(), "a REF: " + ((Object[]) root[3])[0]);
            long id = Long.parseLong(ref.group(1));
            out.write(frame(105, 3, id, "repr"));
            Object[] repr = readFrame(in);
            assertEquals("Point(0, 0)", ((Object[]) repr[3])[0], "a table operation is answered");
            // target of a THROW is its error kind: 1 UNSUPPORTED_MESSAGE (no such operation), 2 UNKNOWN_IDENTIFIER (a refused name).
            Object[][] attacks = {{1L, "eval", "1+1"}, {1L, "__import__", "os"}, {2L, "getattr", "__globals__"}, {2L, "setattr", "__class__", 1},
                            {2L, "setattr", "__yonder_mark__", 1}, {2L, "delattr", "__dict__"}, {2L, "call_as", "__init__", 1}, {2L, "call_as", "__subclasses__", 1}};
            out.write(frame(2, 5, 0, "make_point"));
            Matcher fn = Pattern.compile("^\\[1,(\\d+),").matcher((String) ((Object[]) readFrame(in)[3])[0]);
            assertTrue(fn.find());
            out.write(frame(105, 6, Long.parseLong(fn.group(1)), "type"));
            Object[] type = readFrame(in);
            assertEquals(3, type[0]);
            assertEquals("null", ((Object[]) type[3])[0], "the class of a function is machinery (FunctionType), not given out");
            for (Object[] attack : attacks) {
                out.write(frame(105, 4, id, java.util.Arrays.copyOfRange(attack, 1, attack.length)));
                Object[] answer = readFrame(in);
                assertEquals(4, answer[0], "THROW for " + attack[1]);
                assertEquals(attack[0], answer[2], "error kind for " + attack[1] + ": " + java.util.Arrays.toString((Object[]) answer[3]));
            }
            out.write(frame(105, 7, id, "elements"));
            Object[] notSet = readFrame(in);
            assertEquals(4, notSet[0], "elements is only a set's: it does not iterate (and so run) anything else");
            assertTrue(java.util.Arrays.toString((Object[]) notSet[3]).contains("is not a set"), java.util.Arrays.toString((Object[]) notSet[3]));
        }
        try (Context client = Yonder.client(py.url())) {
            assertEquals("Point Point(0, 0) False", py(client, "type(origin).__name__ + ' ' + repr(origin) + ' ' + str('__yonder_mark__' in vars(origin))"));
        }
    }
}
