package org.yonder.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Napkin leaf's napkin as a live web page on 127.0.0.1 (docs/napkin.md). The leaf's script calls {@link #publish}
 * with each thing it renders, as a JSON string; the page (demo/napkin/page.html) gets every event so far and then each
 * new one as server-sent events from {@code /events}, and draws them in an SVG. The HTTP threads only read the event
 * list: they never call into the leaf's context, which is single-threaded.
 */
public final class NapkinPage implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final byte[] html;
    /** Every event published, in order; guarded by this. */
    private final List<String> events = new ArrayList<>();
    /** The open {@code /events} streams, each fed by its queue; guarded by this. */
    private final List<BlockingQueue<String>> subscribers = new ArrayList<>();

    /** Starts serving the page of leaf {@code who} on a free port of 127.0.0.1. */
    public NapkinPage(String who) throws IOException {
        try (InputStream in = NapkinPage.class.getResourceAsStream("/demo/napkin/page.html")) {
            if (in == null) {
                throw new IOException("demo/napkin/page.html is missing from the launcher");
            }
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{who}}", who.replaceAll("[^A-Za-z0-9 _-]", "?"))
                            .getBytes(StandardCharsets.UTF_8);
        }
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "napkin-page");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::page);
        server.createContext("/events", this::events);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Adds an event (a JSON object, on one line) for every open page and every page opened later. Thread-safe. */
    public synchronized void publish(String json) {
        String line = "id: " + events.size() + "\ndata: " + json.replace('\n', ' ').replace('\r', ' ') + "\n\n";
        events.add(line);
        for (BlockingQueue<String> q : subscribers) {
            q.add(line);
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
        }
    }

    /**
     * A server-sent event stream: the events so far (after the last one a reconnecting page got, by its
     * {@code Last-Event-ID}), then each new one, until the page goes away.
     */
    private void events(HttpExchange exchange) throws IOException {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        int from = 0;
        try {
            String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
            from = last == null ? 0 : Integer.parseInt(last.trim()) + 1;
        } catch (NumberFormatException e) {
            from = 0;
        }
        synchronized (this) {
            queue.addAll(events.subList(Math.min(Math.max(from, 0), events.size()), events.size()));
            subscribers.add(queue);
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            while (true) {
                String event = queue.poll(15, TimeUnit.SECONDS);
                out.write((event == null ? ": keep-alive\n\n" : event).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                subscribers.remove(queue);
            }
        }
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
