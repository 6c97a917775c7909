package io.fieldcast.notify.messaging;

import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.notify.persistence.PersonalData;
import io.fieldcast.platform.privacy.Forgetting;
import io.fieldcast.platform.privacy.ForgettingHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Applies {@link CustomerForgotten} once (the platform's processed-event marks): the customer's appointment views,
 * messages and inbound texts lose their names, phones, e-mails and bodies ({@link PersonalData#forget}), messages not
 * yet sent are never sent, the published outbox rows go, and {@code FORGOTTEN} is audited. STOP/START history is
 * kept: it proves consent, which the law asks for.
 */
@ApplicationScoped
public class CustomerForgottenHandler implements ForgettingHandler {

    private final PersonalData personal;
    private final Forgetting forgetting;

    public CustomerForgottenHandler(PersonalData personal, Forgetting forgetting) {
        this.personal = personal;
        this.forgetting = forgetting;
    }

    @Override
    public String consumerGroup() {
        return "notify.privacy";
    }

    @Override
    public Forgetting forgetting() {
        return forgetting;
    }

    @Override
    public Uni<Map<String, Integer>> erase(CustomerForgotten forgotten) {
        return personal.forget(forgotten.customerId(), Forgetting.mentions(forgotten));
    }
}
