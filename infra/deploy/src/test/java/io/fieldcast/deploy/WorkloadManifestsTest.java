package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.fieldcast.deploy.ProductionOverlay.deployments;
import static io.fieldcast.deploy.ProductionOverlay.rendered;
import static io.fieldcast.deploy.ProductionOverlay.services;

/** How the services run: enough pods, health probes, sized memory, spread over nodes, budgets and autoscalers. */
class WorkloadManifestsTest {

    private static final int MIN_REPLICAS = 2;
    private static final int GRACE_SECONDS = 40;
    /** The heaps the local demo measured and runs with (infra/simulator's Demo, ./fieldcast), in MiB. */
    private static final Map<String, Integer> MEASURED_HEAP_MIB = Map.of("dispatch-service", 2048,
            "eta-service", 2048, "tech-mobile-api", 1024, "customer-notify", 1024);
    /** The services whose load follows the working day, scaled on CPU. */
    private static final List<String> AUTOSCALED = List.of("eta-service", "tech-mobile-api");
    private static final String PREFERRED_ANTI_AFFINITY =
            "/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution";
    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");

    @Test
    void everyServiceModuleHasADeploymentAndAService() {
        Problems problems = new Problems();
        for (ServiceModule service : services()) {
            problems.unless(rendered().find("Deployment", service.name()).isPresent(),
                    "no Deployment/" + service.name() + " for the module " + service.dir());
            problems.unless(rendered().find("Service", service.name()).isPresent(),
                    "no Service/" + service.name() + " for the module " + service.dir());
        }
        problems.assertNone("every service module runs in the cluster");
    }

    @Test
    void everyDeploymentRunsAtLeastTwoReplicas() {
        Problems problems = new Problems();
        for (Manifest deployment : deployments()) {
            int replicas = deployment.at("/spec/replicas").asInt(1);
            problems.unless(replicas >= MIN_REPLICAS, deployment + ": replicas " + replicas);
        }
        problems.assertNone("every Deployment runs at least " + MIN_REPLICAS + " pods, so one can go while the other "
                + "serves");
    }

    @Test
    void everyDeploymentProbesHealthOnItsOwnPort() {
        Problems problems = new Problems();
        for (Manifest deployment : deployments()) {
            PodTemplate pod = new PodTemplate(deployment);
            probe(problems, deployment, pod, "readinessProbe", "/q/health/ready");
            probe(problems, deployment, pod, "livenessProbe", "/q/health/live");
            probe(problems, deployment, pod, "startupProbe", "/q/health/");
        }
        problems.assertNone("every Deployment has readiness (/q/health/ready), liveness (/q/health/live) and startup "
                + "probes on a port the container declares");
    }

    @Test
    void everyDeploymentRequestsCpuAndMemoryAndLimitsMemory() {
        Problems problems = new Problems();
        for (Manifest deployment : deployments()) {
            JsonNode resources = new PodTemplate(deployment).container().path("resources");
            for (String field : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
                problems.unless(!resources.at(field).asText("").isBlank(), deployment + ": no resources" + field);
            }
        }
        problems.assertNone("every Deployment requests CPU and memory and limits memory");
    }

    @Test
    void heapFromTheMemoryLimitIsTheMeasuredHeap() {
        Problems problems = new Problems();
        for (var measured : MEASURED_HEAP_MIB.entrySet()) {
            Optional<Manifest> deployment = rendered().find("Deployment", measured.getKey());
            if (deployment.isEmpty()) {
                problems.add("no Deployment/" + measured.getKey());
                continue;
            }
            PodTemplate pod = new PodTemplate(deployment.get());
            JsonNode resources = pod.container().path("resources");
            String limit = resources.at("/limits/memory").asText("");
            String request = resources.at("/requests/memory").asText("");
            problems.unless(limit.equals(request), deployment.get() + ": memory request " + request + " is not the "
                    + "limit " + limit + "; the heap is sized from the limit, so the pod must be given all of it");
            Matcher percentage = MAX_RAM_PERCENTAGE.matcher(javaOptions(pod));
            if (!percentage.find() || limit.isBlank()) {
                problems.add(deployment.get() + ": JAVA_OPTS has no -XX:MaxRAMPercentage or no memory limit");
                continue;
            }
            double heap = Quantity.mebibytes(limit) * Double.parseDouble(percentage.group(1)) / 100;
            // Within 5 %: the limits are rounded to 64 MiB or 16 MiB steps.
            problems.unless(Math.abs(heap - measured.getValue()) <= measured.getValue() * 0.05,
                    deployment.get() + ": heap " + Math.round(heap) + " MiB from limit " + limit + ", measured "
                            + measured.getValue() + " MiB");
        }
        problems.assertNone("each service's heap (memory limit x MaxRAMPercentage) is the heap it was measured with");
    }

    @Test
    void podsPreferDifferentNodesAndHaveFortySecondsToStop() {
        Problems problems = new Problems();
        for (Manifest deployment : deployments()) {
            PodTemplate pod = new PodTemplate(deployment);
            problems.unless(pod.spec().path("terminationGracePeriodSeconds").asInt(30) == GRACE_SECONDS,
                    deployment + ": terminationGracePeriodSeconds is not " + GRACE_SECONDS);
            boolean spread = false;
            for (JsonNode term : pod.spec().at(PREFERRED_ANTI_AFFINITY)) {
                JsonNode affinity = term.path("podAffinityTerm");
                spread |= affinity.path("topologyKey").asText().equals("kubernetes.io/hostname")
                        && selects(affinity.at("/labelSelector/matchLabels"), pod.labels());
            }
            problems.unless(spread, deployment + ": no preferred anti-affinity by kubernetes.io/hostname on its own "
                    + "pods");
        }
        problems.assertNone("every Deployment spreads its pods over nodes and lets them finish their work");
    }

    @Test
    void everyDeploymentHasADisruptionBudgetSelectingIt() {
        Problems problems = new Problems();
        for (Manifest deployment : deployments()) {
            Map<String, String> labels = new PodTemplate(deployment).labels();
            boolean covered = rendered().ofKind("PodDisruptionBudget").stream()
                    .anyMatch(pdb -> selects(pdb.at("/spec/selector/matchLabels"), labels)
                            && pdb.at("/spec/minAvailable").asInt(0) >= 1);
            problems.unless(covered, deployment + ": no PodDisruptionBudget with minAvailable >= 1 selects its pods");
        }
        problems.assertNone("a node drain never takes every pod of a service");
    }

    @Test
    void etaAndMobileScaleOnCpu() {
        Problems problems = new Problems();
        for (String name : AUTOSCALED) {
            Optional<Manifest> hpa = rendered().ofKind("HorizontalPodAutoscaler").stream()
                    .filter(h -> h.at("/spec/scaleTargetRef/kind").asText().equals("Deployment")
                            && h.at("/spec/scaleTargetRef/name").asText().equals(name))
                    .findFirst();
            if (hpa.isEmpty()) {
                problems.add("Deployment/" + name + ": no HorizontalPodAutoscaler targets it");
                continue;
            }
            Manifest h = hpa.get();
            problems.unless(h.apiVersion().equals("autoscaling/v2"), h + ": not autoscaling/v2");
            problems.unless(h.at("/spec/minReplicas").asInt(1) >= MIN_REPLICAS, h + ": minReplicas below "
                    + MIN_REPLICAS);
            problems.unless(h.at("/spec/maxReplicas").asInt() > h.at("/spec/minReplicas").asInt(1),
                    h + ": maxReplicas leaves nothing to scale");
            boolean cpu = false;
            for (JsonNode metric : h.at("/spec/metrics")) {
                cpu |= metric.path("type").asText().equals("Resource")
                        && metric.at("/resource/name").asText().equals("cpu")
                        && metric.at("/resource/target/type").asText().equals("Utilization");
            }
            problems.unless(cpu, h + ": no CPU utilisation metric");
        }
        problems.assertNone("eta-service and tech-mobile-api scale on CPU utilisation");
    }

    @Test
    void theOverlayPinsEveryServiceImage() {
        Problems problems = new Problems();
        for (Manifest deployment : deployments()) {
            String image = new PodTemplate(deployment).container().path("image").asText();
            problems.unless(Images.nameOf(image).equals("ghcr.io/fieldcast/" + deployment.name()),
                    deployment + ": image " + image + " is not ghcr.io/fieldcast/" + deployment.name());
            problems.unless(!image.endsWith(":latest") && !image.equals(Images.nameOf(image)),
                    deployment + ": image " + image + " is not a release; set it in the overlay's images:");
        }
        problems.assertNone("the overlay runs a named release of every service");
    }

    private static void probe(Problems problems, Manifest deployment, PodTemplate pod, String kind, String path) {
        JsonNode get = pod.container().path(kind).path("httpGet");
        if (get.isMissingNode()) {
            problems.add(deployment + ": no " + kind + " with httpGet");
            return;
        }
        problems.unless(get.path("path").asText().startsWith(path),
                deployment + ": " + kind + " on " + get.path("path").asText() + ", not " + path);
        JsonNode port = get.path("port");
        boolean declared = port.isInt() ? pod.container().findValues("containerPort").contains(port)
                : pod.port(port.asText()).isPresent();
        problems.unless(declared, deployment + ": " + kind + " on port " + port + ", which the container does not "
                + "declare");
    }

    private static String javaOptions(PodTemplate pod) {
        EnvVar options = EnvVar.of(pod, rendered()).get("JAVA_OPTS");
        return options == null || options.value() == null ? "" : options.value();
    }

    /** Whether a matchLabels selector selects pods with these labels. */
    static boolean selects(JsonNode matchLabels, Map<String, String> labels) {
        if (matchLabels.isEmpty()) {
            return false;
        }
        for (var entry : matchLabels.properties()) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
