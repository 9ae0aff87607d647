package org.yonder.tests.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yonder.tests.differential.Differential.Difference;

/**
 * The expected differences of docs/transparency.md: the table rows between {@code <!-- differences:begin -->} and
 * {@code <!-- differences:end -->}, each {@code | `glob` | reason |} (several globs may share a row, each in its own
 * backticks), grouped under {@code ###} headings that name the category. A glob's {@code *} matches any characters.
 */
final class Expectations {
    static final String BEGIN = "<!-- differences:begin -->";
    static final String END = "<!-- differences:end -->";

    /** One glob of a row, with its row's reason and its section's category. */
    record Entry(String glob, Pattern pattern, String reason, String category) {
        boolean matches(String id) {
            return pattern.matcher(id).matches();
        }
    }

    final List<Entry> entries = new ArrayList<>();

    static Path doc() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path doc = p.resolve("docs/transparency.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new IllegalStateException("no docs/transparency.md above " + here);
    }

    static Path target() {
        Path here = Path.of("").toAbsolutePath();
        Path tests = Files.isDirectory(here.resolve("tests/src")) ? here.resolve("tests") : here;
        return tests.resolve("target");
    }

    private static final Pattern GLOB = Pattern.compile("`([^`]+)`");

    static Expectations load() {
        Expectations ex = new Expectations();
        List<String> lines;
        try {
            lines = Files.readAllLines(doc(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean in = false;
        String category = "(none)";
        for (String line : lines) {
            if (line.trim().equals(BEGIN)) {
                in = true;
            } else if (line.trim().equals(END)) {
                in = false;
            } else if (in && line.startsWith("###")) {
                category = line.replaceFirst("^#+\\s*", "").trim();
            } else if (in && line.startsWith("|") && !line.startsWith("|--") && !line.startsWith("| Probe")) {
                String[] cells = line.split("(?<!\\\\)\\|");
                if (cells.length < 3) {
                    continue;
                }
                String reason = cells[2].trim();
                Matcher m = GLOB.matcher(cells[1]);
                while (m.find()) {
                    ex.entries.add(new Entry(m.group(1), toRegex(m.group(1)), reason, category));
                }
            }
        }
        return ex;
    }

    private static Pattern toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                sb.append(".*");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }

    Entry match(String id) {
        for (Entry e : entries) {
            if (e.matches(id)) {
                return e;
            }
        }
        return null;
    }

    /** The outcome for one language: its differences, which are not listed, and which listed entries are stale. */
    record Outcome(String language, int probes, List<Difference> differences, List<Difference> unlisted, List<Entry> stale,
                    Map<String, Integer> byCategory) {
        boolean ok() {
            return unlisted.isEmpty() && stale.isEmpty();
        }
    }

    Outcome check(String language, String prefix, int probes, List<Difference> differences) {
        List<Difference> unlisted = new ArrayList<>();
        Map<Entry, Integer> used = new LinkedHashMap<>();
        Map<String, Integer> byCategory = new TreeMap<>();
        for (Difference d : differences) {
            Entry e = match(d.id());
            if (e == null) {
                unlisted.add(d);
                byCategory.merge("(unlisted)", 1, Integer::sum);
            } else {
                used.merge(e, 1, Integer::sum);
                byCategory.merge(e.category(), 1, Integer::sum);
            }
        }
        List<Entry> stale = new ArrayList<>();
        for (Entry e : entries) {
            if (e.glob().startsWith(prefix) && !used.containsKey(e)) {
                stale.add(e);
            }
        }
        return new Outcome(language, probes, differences, unlisted, stale, byCategory);
    }

    private static String cell(String s) {
        if (s == null) {
            return "(missing)";
        }
        String t = s.length() > 160 ? s.substring(0, 160) + "…" : s;
        return t.replace("|", "\\|").replace("`", "'");
    }

    /** Writes this language's part of tests/target/differential-report.md and rebuilds the whole report. */
    void report(Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(o.language()).append("\n\n");
        sb.append(o.probes()).append(" probes, ").append(o.differences().size()).append(" differences, ")
                        .append(o.unlisted().size()).append(" not listed, ").append(o.stale().size()).append(" stale entries.\n\n");
        sb.append("By category:\n\n");
        o.byCategory().forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        if (!o.unlisted().isEmpty()) {
            sb.append("\n### Not listed in docs/transparency.md\n\n| Probe ids | Reason |\n|---|---|\n");
            for (Difference d : o.unlisted()) {
                sb.append("| `").append(d.id()).append("` | TODO: L `").append(cell(d.local())).append("`, R `").append(cell(d.remote())).append("` |\n");
            }
        }
        if (!o.stale().isEmpty()) {
            sb.append("\n### Stale entries (no longer differ)\n\n");
            for (Entry e : o.stale()) {
                sb.append("- `").append(e.glob()).append("` (").append(e.category()).append(")\n");
            }
        }
        sb.append("\n### All current differences\n\n| Probe | L (local) | R (remote) | Listed as |\n|---|---|---|---|\n");
        for (Difference d : o.differences()) {
            Entry e = match(d.id());
            sb.append("| `").append(d.id()).append("` | ").append(cell(d.local())).append(" | ").append(cell(d.remote())).append(" | ")
                            .append(e == null ? "NOT LISTED" : "`" + e.glob() + "`").append(" |\n");
        }
        try {
            Path dir = target().resolve("differential");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(o.language().toLowerCase() + ".md"), sb.toString(), StandardCharsets.UTF_8);
            StringBuilder all = new StringBuilder("# Differential transparency report\n\nWritten by the Differential* tests; each section is the last run of its language.\n\n");
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                    all.append(Files.readString(p, StandardCharsets.UTF_8)).append('\n');
                }
            }
            Files.writeString(target().resolve("differential-report.md"), all.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A compact failure message: the unlisted differences (id, L, R) and the stale entries. */
    static String failure(Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(o.language()).append(": ").append(o.unlisted().size()).append(" differences not listed in docs/transparency.md, ")
                        .append(o.stale().size()).append(" stale entries (full list: tests/target/differential-report.md)\n");
        int n = 0;
        for (Difference d : o.unlisted()) {
            if (n++ == 60) {
                sb.append("  ... ").append(o.unlisted().size() - 60).append(" more\n");
                break;
            }
            sb.append("  ").append(d.id()).append("\n    L: ").append(d.local()).append("\n    R: ").append(d.remote()).append('\n');
        }
        for (Entry e : o.stale()) {
            sb.append("  stale: ").append(e.glob()).append('\n');
        }
        return sb.toString();
    }
}
