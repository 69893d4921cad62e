package io.mailflow.app.run;

/**
 * State of one component at one moment.
 *
 * @param name the component name, such as {@code streams}
 * @param state the life-cycle state
 * @param detail a short explanation for the operator, such as the cause of a failure; may be null
 */
public record ComponentStatus(String name, ComponentState state, String detail) {
}
