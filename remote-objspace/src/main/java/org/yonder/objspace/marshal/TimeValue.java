package org.yonder.objspace.marshal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A date, time, time zone (or any combination of them, such as an instant) or a duration that crossed by value. It
 * answers the same interop date/time messages the original answered.
 */
@ExportLibrary(InteropLibrary.class)
public final class TimeValue implements TruffleObject {
    final LocalDate date;
    final LocalTime time;
    final ZoneId zone;
    final Duration duration;

    public TimeValue(LocalDate date, LocalTime time, ZoneId zone, Duration duration) {
        this.date = date;
        this.time = time;
        this.zone = zone;
        this.duration = duration;
    }

    @ExportMessage
    boolean isDate() {
        return date != null;
    }

    @ExportMessage
    LocalDate asDate() throws UnsupportedMessageException {
        if (date == null) {
            throw UnsupportedMessageException.create();
        }
        return date;
    }

    @ExportMessage
    boolean isTime() {
        return time != null;
    }

    @ExportMessage
    LocalTime asTime() throws UnsupportedMessageException {
        if (time == null) {
            throw UnsupportedMessageException.create();
        }
        return time;
    }

    @ExportMessage
    boolean isTimeZone() {
        return zone != null;
    }

    @ExportMessage
    ZoneId asTimeZone() throws UnsupportedMessageException {
        if (zone == null) {
            throw UnsupportedMessageException.create();
        }
        return zone;
    }

    @ExportMessage
    boolean isDuration() {
        return duration != null;
    }

    @ExportMessage
    Duration asDuration() throws UnsupportedMessageException {
        if (duration == null) {
            throw UnsupportedMessageException.create();
        }
        return duration;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        if (duration != null) {
            return duration.toString();
        }
        StringBuilder sb = new StringBuilder();
        for (Object part : new Object[]{date, time, zone}) {
            if (part != null) {
                sb.append(sb.isEmpty() ? "" : " ").append(part);
            }
        }
        return sb.toString();
    }
}
