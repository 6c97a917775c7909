package io.fieldcast.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.fieldcast.deploy.ProductionOverlay.DEPLOY;
import static io.fieldcast.deploy.ProductionOverlay.deployments;
import static io.fieldcast.deploy.ProductionOverlay.rendered;

/**
 * No credential is written in a manifest: the manifests name Secrets, and the Secrets are created in the cluster
 * (README). A password, token or key reaches a service from a Secret's key or as a file of a mounted Secret.
 */
class SecretManifestsTest {

    /** Names of settings that carry credentials; the seeds carry passwords and device secrets. */
    private static final Pattern SENSITIVE = Pattern.compile("PASSWORD|TOKEN|SECRET|KEY|SEED_USERS|SEED_DEVICES");
    /** Built here so that this file does not contain what it looks for. */
    private static final String PEM_MARKER = "-----" + "BEGIN";

    @Test
    void credentialsComeFromSecrets() {
        Problems problems = new Problems();
        for (Manifest deployment : deployments()) {
            PodTemplate pod = new PodTemplate(deployment);
            List<String> secretMounts = pod.secretMountPaths();
            for (Map.Entry<String, EnvVar> entry : EnvVar.of(pod, rendered()).entrySet()) {
                EnvVar variable = entry.getValue();
                if (!SENSITIVE.matcher(variable.name()).find() || variable.source() == EnvVar.Source.SECRET) {
                    continue;
                }
                boolean mountedFile = variable.source() == EnvVar.Source.LITERAL && variable.value() != null
                        && secretMounts.stream().anyMatch(m -> variable.value().startsWith(m + "/"));
                problems.unless(mountedFile, deployment + ": " + variable.name() + " comes from " + variable.from()
                        + "; take it from a Secret (secretKeyRef) or make it the path of a mounted Secret's file");
            }
        }
        problems.assertNone("no password, token, secret or key is a literal value");
    }

    @Test
    void noSecretNorConfigMapHoldsACredential() {
        Problems problems = new Problems();
        for (Manifest secret : rendered().ofKind("Secret")) {
            problems.unless(!secret.node().has("data") && !secret.node().has("stringData"),
                    secret + ": a Secret with data; create it in the cluster instead (README)");
        }
        for (Manifest configMap : rendered().ofKind("ConfigMap")) {
            configMap.at("/data").properties().forEach(entry -> {
                String key = entry.getKey().toUpperCase(Locale.ROOT).replace('-', '_');
                problems.unless(!SENSITIVE.matcher(key).find() || entry.getValue().asText().startsWith("/"),
                        configMap + ": key " + entry.getKey() + " looks like a credential; put it in a Secret");
            });
        }
        problems.assertNone("no Secret or ConfigMap in the manifests holds a credential");
    }

    @Test
    void noPemBlockUnderInfraDeploy() throws IOException {
        Problems problems = new Problems();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !inBuildOutput(f)).toList()) {
                // ISO-8859-1 reads any bytes; the marker is ASCII.
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                problems.unless(!text.contains(PEM_MARKER), file + ": contains a PEM block");
            }
        }
        problems.assertNone("no key or certificate is stored under " + DEPLOY);
    }

    private static boolean inBuildOutput(Path file) {
        return DEPLOY.relativize(file).startsWith("target");
    }
}
