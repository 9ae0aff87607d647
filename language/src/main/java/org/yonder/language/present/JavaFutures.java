package org.yonder.language.present;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;

import org.yonder.objspace.YonderError;

/**
 * What an async call gives a Java caller (through {@code Value}): a {@link CompletableFuture} of {@code Value}
 * ({@link Answer}), completed with the answer or, exceptionally, with the remote error as a {@code PolyglotException}.
 * It completes when the context serves after the answer came: a thread that waits on it with {@code get} or
 * {@code join} serves the context itself meanwhile (as a synchronous call does). Composition ({@code thenApply},
 * {@code allOf}) runs once it completes; in a context with {@code yonder.HostConcurrency} a worker completes it as
 * soon as the answer is in, with no thread serving.
 */
final class JavaFutures {
    private final Env env;

    JavaFutures(Env env) {
        this.env = env;
    }

    /** The host's future of a remote future (RemoteFuture). */
    @TruffleBoundary
    Object of(Object remoteFuture) {
        Answer future = new Answer();
        Object completion = env.asGuestValue(new Completion(future));
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            interop.invokeMember(completion, "attach", remoteFuture);
            ((org.yonder.objspace.remote.RemoteFuture) remoteFuture).thenOnAnyThread(interop.readMember(completion, "resolve"), interop.readMember(completion, "reject"));
        } catch (InteropException e) {
            throw YonderError.create("could not make a CompletableFuture of an async call: " + e.getMessage());
        }
        return env.asGuestValue(future);
    }

    /** The future a Java caller gets: waiting on it serves the context until the answer is in. */
    public static final class Answer extends CompletableFuture<Value> {
        private volatile Value remote;

        @Override
        public Value get() throws InterruptedException, ExecutionException {
            serve(-1);
            return super.get();
        }

        @Override
        public Value get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            serve(unit.toMillis(timeout));
            return super.get(timeout, unit);
        }

        @Override
        public Value join() {
            serve(-1);
            return super.join();
        }

        /** Also gives the remote call up and tells its owner (as an async call's {@code cancel()}). */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            Value r = remote;
            if (r != null && !isDone()) {
                try {
                    r.invokeMember("cancel");
                } catch (RuntimeException e) {
                    // The context is busy on another thread or closed: the future is cancelled here all the same.
                }
            }
            return super.cancel(mayInterruptIfRunning);
        }

        /** Serves the context on this thread until the answer is in (or millis passed), then completes this future. */
        private void serve(long millis) {
            Value r = remote;
            if (isDone() || r == null) {
                return;
            }
            try {
                if (r.invokeMember("awaitDone", millis).asBoolean()) {
                    complete(r.invokeMember("get"));
                }
            } catch (PolyglotException e) {
                completeExceptionally(e);
            } catch (IllegalStateException e) {
                // The context is entered by another thread now (a single-threaded language): wait for the completion.
            }
        }
    }

    /** Completes a host future; its methods take {@code Value}s, so host interop hands them over as such. */
    public static final class Completion {
        private final Answer future;

        Completion(Answer future) {
            this.future = future;
        }

        @HostAccess.Export
        public void attach(Value remoteFuture) {
            future.remote = remoteFuture;
        }

        @HostAccess.Export
        public void resolve(Value value) {
            org.yonder.objspace.session.Inbox.afterLeaving(() -> future.complete(value));
        }

        @HostAccess.Export
        public void reject(Value error) {
            Throwable failure;
            try {
                error.throwException();
                failure = new IllegalStateException("the remote call failed with " + error);
            } catch (RuntimeException e) {
                failure = e;
            }
            Throwable f = failure;
            org.yonder.objspace.session.Inbox.afterLeaving(() -> future.completeExceptionally(f));
        }
    }
}
