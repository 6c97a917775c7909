package io.fieldcast.events;

/** What a customer's text reply means. */
public enum ReplyKind {
    CONFIRM, RESCHEDULE, CANCEL, STOP, START, HELP
}
