package io.github.soundstream.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Field-by-field differences between two records of one type, as "name old → new" (for what a resume changed). */
public final class Records {
    private Records() {
    }

    public static List<String> differences(Record before, Record after) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : before.getClass().getRecordComponents()) {
            Object a = read(c, before);
            Object b = read(c, after);
            if (!Objects.equals(a, b)) {
                out.add(c.getName() + " " + a + " → " + b);
            }
        }
        return out;
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
