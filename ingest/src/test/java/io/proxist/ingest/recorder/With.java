package io.proxist.ingest.recorder;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/** Test support: a copy of a record with one component replaced. */
final class With {
    private With() {}

    @SuppressWarnings("unchecked")
    static <R extends Record> R with(R record, String component, Object value) {
        try {
            RecordComponent[] rc = record.getClass().getRecordComponents();
            Class<?>[] types = new Class<?>[rc.length];
            Object[] args = new Object[rc.length];
            boolean found = false;
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
                if (rc[i].getName().equals(component)) {
                    args[i] = value;
                    found = true;
                } else {
                    args[i] = rc[i].getAccessor().invoke(record);
                }
            }
            if (!found) throw new IllegalArgumentException("no component " + component + " in " + record.getClass());
            Constructor<?> c = record.getClass().getDeclaredConstructor(types);
            return (R) c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
