package io.ticketing.command.overload.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks handlers (a method, or every handler of a controller) whose work reaches the write model and so is bounded
 * by the in-flight limit and shed under overload. Like the admission gate it follows the handler the dispatcher chose,
 * not a path pattern. Health, the waiting room, admin, the payment provider's callbacks and releases (which free
 * capacity) are not marked: they stay served however full the command side is.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CommandWork {
}
