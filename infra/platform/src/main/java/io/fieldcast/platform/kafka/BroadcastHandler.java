package io.fieldcast.platform.kafka;

import java.util.Set;

/**
 * An in-memory read model every instance of a service keeps from some topics: no transaction, no rows, every
 * partition read by every instance and the recent past replayed at start ({@link EventHandler#broadcast()}).
 */
public abstract class BroadcastHandler implements EventHandler {

    private final String consumerGroup;
    private final Set<String> topics;

    protected BroadcastHandler(String consumerGroup, Set<String> topics) {
        this.consumerGroup = consumerGroup;
        this.topics = Set.copyOf(topics);
    }

    @Override
    public String consumerGroup() {
        return consumerGroup;
    }

    @Override
    public Set<String> topics() {
        return topics;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public boolean broadcast() {
        return true;
    }
}
