package org.yonder.objspace.session;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.nodes.ControlFlowException;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RootNode;

/**
 * The hot serving paths (READ_MEMBER, INVOKE_MEMBER, EXECUTE and the element scan of READ_ARRAY_ELEMENTS) as Truffle
 * call targets with cached interop libraries, one set per context, so they are compiled with the guest code they call
 * instead of going through uncached interop every time.
 */
final class CompiledCalls {
    private final CallTarget readMember = new Root(Root.READ_MEMBER).getCallTarget();
    private final CallTarget invokeMember = new Root(Root.INVOKE_MEMBER).getCallTarget();
    private final CallTarget execute = new Root(Root.EXECUTE).getCallTarget();
    private final CallTarget readElements = new Root(Root.READ_ELEMENTS).getCallTarget();

    /** The member's value, wrapped in a {@link FixedMember} when it can never change. */
    Object readMember(Object target, String name) throws InteropException {
        return call(readMember, target, name, null);
    }

    /** A member value that can never change: read-only, not removable, and read without side effects. */
    record FixedMember(Object value) {
    }

    Object invokeMember(Object target, String name, Object[] args) throws InteropException {
        return call(invokeMember, target, name, args);
    }

    Object execute(Object target, Object[] args) throws InteropException {
        return call(execute, target, null, args);
    }

    /** Fills {@code out[0..]} with elements {@code start..} of {@code array}; returns how many were read. */
    int readElements(Object array, long start, Object[] out) throws InteropException {
        return (Integer) call(readElements, array, start, out);
    }

    @TruffleBoundary
    private static Object call(CallTarget target, Object a, Object b, Object c) throws InteropException {
        try {
            return target.call(a, b, c);
        } catch (Failed f) {
            throw f.cause;
        }
    }

    /** Carries an interop exception out of a call target, where checked exceptions cannot go. */
    private static final class Failed extends ControlFlowException {
        private static final long serialVersionUID = 1L;
        final InteropException cause;

        Failed(InteropException cause) {
            this.cause = cause;
        }
    }

    private static final class Root extends RootNode {
        static final int READ_MEMBER = 0;
        static final int INVOKE_MEMBER = 1;
        static final int EXECUTE = 2;
        static final int READ_ELEMENTS = 3;

        private final int kind;
        @Child private InteropLibrary interop = InteropLibrary.getFactory().createDispatched(4);

        Root(int kind) {
            super(null);
            this.kind = kind;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object[] a = frame.getArguments();
            try {
                switch (kind) {
                    case READ_MEMBER: {
                        String name = (String) a[1];
                        Object value = interop.readMember(a[0], name);
                        // A member that can be neither written nor removed, and whose read has no side effects,
                        // keeps this value for ever: the reader may keep it too.
                        if (!interop.isMemberModifiable(a[0], name) && !interop.isMemberRemovable(a[0], name) && !interop.hasMemberReadSideEffects(a[0], name)) {
                            return new FixedMember(value);
                        }
                        return value;
                    }
                    case INVOKE_MEMBER:
                        return interop.invokeMember(a[0], (String) a[1], (Object[]) a[2]);
                    case EXECUTE:
                        return interop.execute(a[0], (Object[]) a[2]);
                    default:
                        return readElements(a[0], (Long) a[1], (Object[]) a[2]);
                }
            } catch (InteropException e) {
                throw new Failed(e);
            }
        }

        private int readElements(Object array, long start, Object[] out) throws InteropException {
            int n = 0;
            try {
                for (; n < out.length; n++) {
                    out[n] = interop.readArrayElement(array, start + n);
                }
            } catch (InvalidArrayIndexException | AbstractTruffleException e) {
                // A hole or a failing element ends the batch; the client reads that one on its own.
                if (n == 0) {
                    throw e;
                }
            } finally {
                LoopNode.reportLoopCount(this, n);
            }
            return n;
        }

        @Override
        public String getName() {
            return "yonder-dispatch-" + kind;
        }

        @Override
        public boolean isInternal() {
            return true;
        }
    }
}
