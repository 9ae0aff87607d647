package org.yonder.language.present;

import java.util.concurrent.CompletableFuture;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;

import org.yonder.objspace.YonderError;

/**
 * What an async call gives a Java caller (through {@code Value}): a {@code CompletableFuture<Value>}, completed with
 * the answer or, exceptionally, with the remote error as a {@code PolyglotException}. Its completion runs as the remote
 * future's {@code then}: on a worker beside the caller in a context without single-threaded languages (a Java
 * program's own), so {@code join()} from any thread works; else the next time the context serves.
 */
final class JavaFutures {
    private final Env env;

    JavaFutures(Env env) {
        this.env = env;
    }

    /** The host's future of a remote future (RemoteFuture): completed by its {@code then}. */
    @TruffleBoundary
    Object of(Object remoteFuture) {
        CompletableFuture<Value> future = new CompletableFuture<>();
        Object completion = env.asGuestValue(new Completion(future));
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            ((org.yonder.objspace.remote.RemoteFuture) remoteFuture).thenOnAnyThread(interop.readMember(completion, "resolve"), interop.readMember(completion, "reject"));
        } catch (InteropException e) {
            throw YonderError.create("could not make a CompletableFuture of an async call: " + e.getMessage());
        }
        return env.asGuestValue(future);
    }

    /** Completes a host future; its methods take {@code Value}s, so host interop hands them over as such. */
    public static final class Completion {
        private final CompletableFuture<Value> future;

        Completion(CompletableFuture<Value> future) {
            this.future = future;
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
            } catch (PolyglotException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = e;
            }
            Throwable f = failure;
            org.yonder.objspace.session.Inbox.afterLeaving(() -> future.completeExceptionally(f));
        }
    }
}
