package io.fieldcast.notify.policy;

/** How a customer is reached; config maps each medium to a channel implementation. */
public enum Medium {
    SMS, EMAIL
}
