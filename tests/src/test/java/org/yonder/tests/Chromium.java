package org.yonder.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Headless Chromium (Debian's {@code chromium}) on one page, driven through the DevTools protocol over a WebSocket: the
 * page tests ask it for what the page shows now, as often as they need, while other processes change it. A missing
 * chromium is a failure, not a skip: {@code .ci/run} installs it. JSON is read by a JS context of this JVM.
 */
final class Chromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private final Process process;
    private final Path profile;
    private final Context json = Context.create("js");
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<String>> answers;
    private final AtomicInteger ids = new AtomicInteger();

    private Chromium(Process process, Path profile, WebSocket socket, Map<Integer, CompletableFuture<String>> answers) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        this.answers = answers;
    }

    /**
     * Starts headless Chromium on {@code url}; fails when there is no {@code chromium} command (or the one that the
     * system property {@code yonder.chromium} names).
     */
    static Chromium open(String url) throws Exception {
        Path profile = Files.createTempDirectory("yonder-chromium");
        List<String> command = List.of(System.getProperty("yonder.chromium", "chromium"), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile, url);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("the page test needs headless Chromium: no '" + command.get(0) + "' command (" + e.getMessage()
                            + "); install Debian's chromium package, as .ci/run does", e);
        }
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // Chromium went away.
            }
            endpoint.completeExceptionally(new AssertionError("chromium exited before it listened"));
        }, "chromium-stderr");
        pump.setDaemon(true);
        pump.start();
        try {
            URI browser = URI.create(endpoint.get(60, TimeUnit.SECONDS));
            Map<Integer, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
            return new Chromium(process, profile, connect(browser, new Answers(answers)), answers);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The page's own DevTools socket (from /json/list, the first target of type page). */
    private static WebSocket connect(URI browser, WebSocket.Listener listener) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
        String targets = http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).body();
        try (Context js = Context.create("js")) {
            Value page = js.eval("js", "(t) => JSON.parse(t).find((x) => x.type === 'page').webSocketDebuggerUrl").execute(targets);
            return http.newWebSocketBuilder().buildAsync(URI.create(page.asString()), listener).join();
        } catch (Exception e) {
            throw new AssertionError("no page among Chromium's targets: " + targets, e);
        }
    }

    /**
     * What the page's {@code expression} (JS that gives a string) is now: {@code Runtime.evaluate} in the page.
     */
    String eval(String expression) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.put(id, answer);
        Value message = json.eval("js", "(id, e) => JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression: e, returnByValue: true } })")
                        .execute(id, expression);
        socket.sendText(message.asString(), true).get(10, TimeUnit.SECONDS);
        String text = answer.get(30, TimeUnit.SECONDS);
        Value result = json.eval("js", "(t) => { const r = JSON.parse(t).result; return r && r.result && r.result.type === 'string' ? r.result.value : 'not a string: ' + t; }")
                        .execute(text);
        return result.asString();
    }

    /** Asks the page for {@code expression} until {@code done} holds for its value; fails after 60 s with the last value. */
    String until(String expression, java.util.function.Predicate<String> done, String what) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String value = eval(expression);
        while (!done.test(value)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the page never showed " + what + "; it shows: " + value);
            }
            Thread.sleep(50);
            value = eval(expression);
        }
        return value;
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        java.util.List<ProcessHandle> children = process.descendants().toList();   // renderer, network service: they write the profile too
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        json.close();
        // A temporary profile: a file that a dying child process renames away while it is walked is no failure.
        for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                Thread.sleep(200);
            }
        }
    }

    /** Completes each answer by its id; frames may come in parts. */
    private record Answers(Map<Integer, CompletableFuture<String>> answers, StringBuilder text) implements WebSocket.Listener {
        private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");

        Answers(Map<Integer, CompletableFuture<String>> answers) {
            this(answers, new StringBuilder());
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                Matcher m = ID.matcher(message);
                if (m.find()) {
                    CompletableFuture<String> answer = answers.remove(Integer.parseInt(m.group(1)));
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }
}
