package org.yonder.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rows of results.csv: {@code system,workload,metric,value,unit}, the peers' format. */
final class Csv {
    record Row(String system, String workload, String metric, String value, String unit) {
        double number() {
            return Double.parseDouble(value);
        }
    }

    private final Path file;

    Csv(Path file) throws IOException {
        this.file = file;
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "system,workload,metric,value,unit\n");
        }
    }

    void row(String system, String workload, String metric, double value, String unit) throws IOException {
        append(system + "," + workload + "," + metric + "," + String.format(Locale.ROOT, "%.3f", value) + "," + unit);
    }

    void text(String system, String workload, String metric, String value) throws IOException {
        append(system + "," + workload + "," + metric + ",\"" + value.replace("\"", "'") + "\",text");
    }

    private void append(String line) throws IOException {
        Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        for (String line : Files.readAllLines(file)) {
            List<String> f = split(line);
            if (f.size() == 5 && !f.get(0).equals("system")) {
                rows.add(new Row(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4)));
            }
        }
        return rows;
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }
}
