package io.github.soundstream.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reading records field by field: their components, and the differences between two of one type. */
public final class Records {
    private Records() {
    }

    public static List<String> differences(Record before, Record after) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : before.getClass().getRecordComponents()) {
            Object a = component(c, before);
            Object b = component(c, after);
            if (!Objects.equals(a, b)) {
                out.add(c.getName() + " " + a + " → " + b);
            }
        }
        return out;
    }

    /** The value of record component {@code c} of {@code r}. */
    public static Object component(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
