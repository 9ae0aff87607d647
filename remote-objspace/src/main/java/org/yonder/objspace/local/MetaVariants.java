package org.yonder.objspace.local;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;

import org.yonder.objspace.marshal.Shape;

/**
 * One session's numbering of the meta-objects that share a shape ({@link Shape#variant()}). Two classes of the owner's
 * may have the same names and traits (a class made by a factory, two fixtures' {@code Dog}s), and a receiver keeps what
 * it learns of an instance's class per shape (its presented prototype chain or Python class), so instances of the
 * second would be presented with the first's. Each meta-object gets the next number of its shape, kept while the
 * session lives (weakly: a class that dies keeps its number, which is never given again); past
 * {@link Shape#MAX_VARIANTS} the shape is {@link Shape#UNSHARED} and receivers ask per object.
 */
final class MetaVariants {
    private final HashMap<Shape, List<WeakReference<Object>>> seen = new HashMap<>();

    /** {@code shape} with the number of {@code value}'s meta-object among those this session sent with it. */
    synchronized Shape of(Shape shape, Object value, InteropLibrary interop) {
        Object meta;
        try {
            meta = interop.getMetaObject(value);
        } catch (UnsupportedMessageException e) {
            return shape;
        }
        List<WeakReference<Object>> metas = seen.computeIfAbsent(shape, s -> new ArrayList<>(1));
        InteropLibrary metaInterop = InteropLibrary.getUncached(meta);
        for (int i = 0; i < metas.size(); i++) {
            Object known = metas.get(i).get();
            if (known == meta || known != null && metaInterop.isIdentical(meta, known, InteropLibrary.getUncached(known))) {
                return shape.withVariant(i);
            }
        }
        if (metas.size() >= Shape.MAX_VARIANTS) {
            return shape.withVariant(Shape.UNSHARED);
        }
        metas.add(new WeakReference<>(meta));
        return shape.withVariant(metas.size() - 1);
    }

    /**
     * Whether values of {@code shape} get a variant: objects of the owner's JS or Python code whose meta-object is a
     * class of theirs (not records, functions, classes themselves, or JS's {@code Object}), the kinds a receiver
     * presents from facts kept per shape.
     */
    static boolean applies(Shape shape) {
        if (!shape.has(Shape.HAS_META_OBJECT) || shape.has(Shape.META_OBJECT | Shape.DATA)) {
            return false;
        }
        return shape.has(Shape.PYTHON) || shape.has(Shape.JS) && !shape.has(Shape.EXECUTABLE) && !"Object".equals(shape.metaSimpleName());
    }
}
