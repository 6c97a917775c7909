package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.fieldcast.deploy.ProductionOverlay.REPO;
import static io.fieldcast.deploy.ProductionOverlay.deploymentOf;
import static io.fieldcast.deploy.ProductionOverlay.deployments;
import static io.fieldcast.deploy.ProductionOverlay.rendered;
import static io.fieldcast.deploy.ProductionOverlay.services;

/** Each service gets, from its Deployment, every setting it cannot run without in a cluster. */
class ServiceSettingsTest {

    /**
     * What every service needs in a cluster although the platform's shared defaults name a local value: where the
     * database and Kafka are, who it logs in as, an address other pods can reach, the key that checks tokens, and
     * the address of this instance for the other instances. The private key is not among them: only the services
     * that issue tokens read it (dispatch-service, tech-mobile-api).
     */
    private static final List<String> PLATFORM_SETTINGS = List.of("FIELDCAST_PG_URL", "FIELDCAST_PG_USER",
            "FIELDCAST_PG_PASSWORD", "FIELDCAST_KAFKA_BOOTSTRAP", "FIELDCAST_HTTP_HOST", "FIELDCAST_JWT_PUBLIC_KEY",
            "FIELDCAST_INSTANCE_URL");

    @Test
    void everyServiceGetsTheSettingsItCannotDoWithout() {
        Problems problems = new Problems();
        for (ServiceModule service : services()) {
            Manifest deployment = deploymentOf(service);
            Map<String, EnvVar> env = EnvVar.of(new PodTemplate(deployment), rendered());
            for (String variable : required(service)) {
                EnvVar set = env.get(variable);
                boolean ok = set != null && set.source() != EnvVar.Source.MISSING_CONFIG_MAP
                        && !(set.source() == EnvVar.Source.LITERAL && set.value().isBlank());
                problems.unless(ok, deployment + ": does not set " + variable);
            }
        }
        problems.assertNone("each Deployment sets every FIELDCAST_* variable its application.properties reads without "
                + "a default, or with a default that only works on a developer's machine, and " + PLATFORM_SETTINGS);
    }

    @Test
    void everyConfigMapADeploymentReadsIsRendered() {
        Problems problems = new Problems();
        for (Manifest deployment : deployments()) {
            EnvVar.of(new PodTemplate(deployment), rendered()).values().stream()
                    .filter(v -> v.source() == EnvVar.Source.MISSING_CONFIG_MAP)
                    .forEach(v -> problems.add(deployment + ": " + v.name() + " reads " + v.from()
                            + ", which the overlay does not render"));
        }
        problems.assertNone("every ConfigMap and key a Deployment reads is part of the overlay");
    }

    @Test
    void instanceUrlIsThePodAddressOnTheHttpPort() {
        Problems problems = new Problems();
        for (Manifest deployment : deployments()) {
            PodTemplate pod = new PodTemplate(deployment);
            List<String> names = pod.container().path("env").findValuesAsText("name");
            JsonNode podIp = variable(pod, "POD_IP");
            problems.unless(podIp != null && podIp.at("/valueFrom/fieldRef/fieldPath").asText().equals("status.podIP"),
                    deployment + ": POD_IP is not the downward API's status.podIP");
            // Kubernetes expands $(POD_IP) only from variables defined before.
            problems.unless(names.indexOf("POD_IP") >= 0 && names.indexOf("POD_IP") < names.indexOf(
                    "FIELDCAST_INSTANCE_URL"), deployment + ": POD_IP must come before FIELDCAST_INSTANCE_URL");
            String expected = "http://$(POD_IP):" + pod.port("http").orElse(-1);
            JsonNode url = variable(pod, "FIELDCAST_INSTANCE_URL");
            problems.unless(url != null && url.path("value").asText().equals(expected),
                    deployment + ": FIELDCAST_INSTANCE_URL is not " + expected);
        }
        problems.assertNone("each pod tells the other instances of its service where it is");
    }

    @Test
    void servicesReachKafkaAndPostgresThroughTheOperatorsServices() {
        Manifest kafka = rendered().single("Kafka");
        Manifest cluster = rendered().single("Cluster");
        String bootstrap = kafka.name() + "-kafka-bootstrap:" + plainInternalPort(kafka);
        String database = cluster.at("/spec/bootstrap/initdb/database").asText();
        String postgres = "postgresql://" + cluster.name() + "-rw:5432/" + database;
        Problems problems = new Problems();
        for (Manifest deployment : deployments()) {
            Map<String, EnvVar> env = EnvVar.of(new PodTemplate(deployment), rendered());
            problems.unless(valueOf(env, "FIELDCAST_KAFKA_BOOTSTRAP").equals(bootstrap),
                    deployment + ": FIELDCAST_KAFKA_BOOTSTRAP is not " + bootstrap);
            problems.unless(valueOf(env, "FIELDCAST_PG_URL").equals(postgres),
                    deployment + ": FIELDCAST_PG_URL is not " + postgres);
        }
        problems.assertNone("the services connect to Strimzi's bootstrap service and CloudNativePG's primary");
    }

    /** The service's own settings without a usable default, the platform's own such settings, and the fixed list. */
    private static Set<String> required(ServiceModule service) {
        Set<String> required = new TreeSet<>(PLATFORM_SETTINGS);
        service.ownSettings().stream()
                .filter(r -> r.defaultValue().isEmpty() || r.defaultPointsAtThisMachine())
                .forEach(r -> required.add(r.variable()));
        ConfigReference.in(REPO.resolve(ServiceModule.PLATFORM_CONFIG)).stream()
                .filter(r -> r.defaultValue().isEmpty())
                .forEach(r -> required.add(r.variable()));
        return required;
    }

    private static int plainInternalPort(Manifest kafka) {
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            if (listener.path("type").asText().equals("internal") && !listener.path("tls").asBoolean()) {
                return listener.path("port").asInt();
            }
        }
        throw new AssertionError(kafka + ": no internal listener without TLS");
    }

    private static JsonNode variable(PodTemplate pod, String name) {
        for (JsonNode variable : pod.container().path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        return null;
    }

    private static String valueOf(Map<String, EnvVar> env, String name) {
        EnvVar variable = env.get(name);
        return variable == null || variable.value() == null ? "" : variable.value();
    }
}
