package io.ticketing.projections.readmodel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The tables a projection owns and writes: a rebuild builds shadow copies of exactly these and swaps them in. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadModelTables {
    String[] value();
}
