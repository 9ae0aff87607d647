package org.yonder.objspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.oracle.truffle.api.interop.TruffleObject;
import org.yonder.objspace.local.ExportTable;

/** The serving side's table: one id per object, reference counts, release, limits. */
class ExportTableTest {
    /** A fresh interop value with no interop identity: the table goes by Java identity. */
    private static TruffleObject object() {
        return new TruffleObject() {
        };
    }

    @Test
    void theSameObjectKeepsItsIdAndCountsEachSend() {
        ExportTable table = new ExportTable(100, v -> false, null);
        TruffleObject a = object();
        long id = table.export(a);
        assertEquals(id, table.export(a));
        assertSame(a, table.get(id));
        table.release(id, 1);
        assertSame(a, table.get(id), "one reference is still out");
        table.release(id, 1);
        assertNull(table.get(id), "all references released");
        assertEquals(0, table.size());
    }

    @Test
    void idsAreNeverReused() {
        ExportTable table = new ExportTable(100, v -> false, null);
        long first = table.export(object());
        table.release(first, 1);
        long second = table.export(object());
        assertNotEquals(first, second);
        assertTrue(second > first);
    }

    @Test
    void releasesOfUnknownIdsAreIgnoredAndClearFreesAll() {
        ExportTable table = new ExportTable(100, v -> false, null);
        table.export(object());
        table.export(object());
        table.release(999, 5);
        assertEquals(2, table.size());
        table.clear();
        assertEquals(0, table.size());
    }

    @Test
    void theExportLimitIsAClearError() {
        ExportTable table = new ExportTable(2, v -> false, null);
        table.export(object());
        table.export(object());
        YonderError e = assertThrows(YonderError.class, () -> table.export(object()));
        assertEquals("yonder: export limit of 2 objects per session reached (yonder.MaxExports)", e.getMessage());
    }
}
