package io.ticketing.command.admission.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method that only an admitted user may reach (a seat or payment command). The gate is
 * decided from the handler the dispatcher chose, not from the request's path: whatever spelling of the URL
 * reaches the method (encoded letters, doubled or trailing slashes, matrix parameters) has passed the gate.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AdmissionRequired {
    /** The path variable that names the schedule the admission must be for; empty: any schedule's admission will do. */
    String scheduleVariable() default "";

    /**
     * True: the admission must be running and still hold its slot (asked of Redis). False: for commands that carry on
     * what an admission started (paying for a hold), an admission token issued to the caller is enough, even after its
     * admission ended, and Redis is not asked; the command's own rules decide the rest.
     */
    boolean activeSlot() default true;
}
