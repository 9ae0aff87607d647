package org.yonder.objspace.remote;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yonder.objspace.marshal.Absent;

/**
 * What one scan downloaded. It is used only while the context's message epoch stands still (see
 * {@code Inbox.epoch()}): no request was sent or served since, so nothing could have told this side about a change.
 * Each downloaded value is served once, to the scan's next read; a re-read, an out-of-order read, or any other
 * message goes to the owner again, so random access never sees stale data.
 */
final class Snapshot {
    private Snapshot() {
    }

    /**
     * Elements {@code start .. start + values.length - 1} of an array of {@code size} elements; {@code cursor} is the
     * index the scan reads next. A window with no values is only the size, which tells the next read it starts a scan.
     */
    static final class ArrayWindow {
        static final Object[] NONE = new Object[0];

        final long epoch;
        final long size;
        final long start;
        final Object[] values;
        long cursor;
        boolean endChecked;
        /** The last thing asked of this window was the size: a read now starts a scan. */
        boolean sizeJustAsked;

        ArrayWindow(long epoch, long size, long start, Object[] values) {
            this.epoch = epoch;
            this.size = size;
            this.start = start;
            this.values = values;
            this.cursor = start;
            this.sizeJustAsked = values.length == 0;
        }

        long end() {
            return start + values.length;
        }

        /** The next element of the scan, or null when {@code index} is not it. */
        Object next(long index) {
            if (index != cursor || index >= end()) {
                return null;
            }
            sizeJustAsked = false;
            cursor++;
            return values[(int) (index - start)];
        }

        /**
         * The size, while a scan is inside the downloaded elements, and once more at their end (the loop's last
         * check); -1 otherwise.
         */
        long sizeDuringScan() {
            if (values.length == 0) {
                return -1;
            }
            if (cursor < end()) {
                sizeJustAsked = true;
                return size;
            }
            if (cursor == size && !endChecked) {
                endChecked = true;
                sizeJustAsked = true;
                return size;
            }
            return -1;
        }
    }

    /**
     * Bytes {@code start .. start + bytes.length - 1} of a buffer; {@code cursor} is the offset the scan reads next.
     * An empty window only marks where the last ranged read ended: a read there continues a scan, which downloads.
     * The size is kept too: GraalJS asks it several times to make a view, and a scan needs it.
     */
    static final class BufferWindow {
        static final byte[] NONE = new byte[0];

        final long epoch;
        final long start;
        final byte[] bytes;
        long cursor;
        /** The buffer's size as the owner last answered it in this epoch, or -1. */
        long size;

        BufferWindow(long epoch, long start, byte[] bytes, long cursor, long size) {
            this.epoch = epoch;
            this.start = start;
            this.bytes = bytes;
            this.cursor = cursor;
            this.size = size;
        }

        /** The scan's next {@code length} bytes when they start at the cursor and were downloaded; else null. */
        java.nio.ByteBuffer next(long offset, int length) {
            if (offset != cursor || offset + length > start + bytes.length) {
                return null;
            }
            cursor += length;
            return java.nio.ByteBuffer.wrap(bytes, (int) (offset - start), length).slice();
        }
    }

    /** The member names of the last getMembers; once a scan asked, their info bits and values. */
    static final class MemberWindow {
        long epoch;
        final List<String> names;
        private final Map<String, Integer> index = new HashMap<>();
        int[] infos;
        Map<String, Object> values;

        MemberWindow(long epoch, List<String> names) {
            this.epoch = epoch;
            this.names = names;
            for (int i = 0; i < names.size(); i++) {
                index.put(names.get(i), i);
            }
        }

        boolean lists(String member) {
            return index.containsKey(member);
        }

        int info(String member) {
            return infos[index.get(member)];
        }

        /** Takes a READ_MEMBERS answer: n info bits, then n values. */
        void fill(Object[] answer) {
            int n = names.size();
            infos = new int[n];
            values = new HashMap<>();
            for (int i = 0; i < n; i++) {
                infos[i] = i < answer.length && answer[i] instanceof Integer b ? b : 0;
                Object value = n + i < answer.length ? answer[n + i] : Absent.INSTANCE;
                if (!(value instanceof Absent)) {
                    values.put(names.get(i), value);
                }
            }
        }

        boolean isFilled() {
            return values != null;
        }

        /** The member's downloaded value, served once; null when there is none. */
        Object take(String member) {
            return values == null ? null : values.remove(member);
        }
    }
}
