package org.yonder.objspace.marshal;

import java.util.List;

/**
 * The keyword arguments of a call ({@code f(1, c=9)} in Python), travelling as the last argument of
 * {@code EXECUTE}, {@code INVOKE_MEMBER} or {@code INSTANTIATE} ({@code [KEYWORDS, name0, value0, ...]}). Interop has
 * no keyword arguments, so the owner calls its callee with them through its language (see LocalSpace.callWithKeywords);
 * anywhere else a Keywords is a bad request.
 */
public record Keywords(List<String> names, List<Object> values) implements com.oracle.truffle.api.interop.TruffleObject {
    public Keywords {
        if (names.size() != values.size()) {
            throw new IllegalArgumentException(names.size() + " keyword names for " + values.size() + " values");
        }
        names = List.copyOf(names);
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** Whether the last of a call's arguments is its keyword arguments. */
    public static boolean isLast(Object[] arguments) {
        return arguments.length > 0 && arguments[arguments.length - 1] instanceof Keywords;
    }
}
