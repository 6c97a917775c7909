package io.fieldcast.deploy;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KustomizeRendererTest {

    @Test
    void resourcesAreFollowedIntoDirectoriesRecursively() {
        List<String> ids = overlay().stream().map(Manifest::id).toList();

        assertEquals(List.of("Deployment/app", "ConfigMap/settings", "Widget/widget", "Namespace/demo"), ids);
    }

    @Test
    void namespaceIsSetOnNamespacedObjectsOnly() {
        for (Manifest object : overlay()) {
            assertEquals(object.kind().equals("Namespace") ? null : "demo", object.namespace(), object.toString());
        }
    }

    @Test
    void imagesReplaceTagAndNameOfMatchingContainersOnly() {
        Manifest app = find(overlay(), "Deployment/app");

        assertEquals("example.org/app:2", app.at("/spec/template/spec/containers/0/image").asText());
        assertEquals("registry.example.org:5000/helper:3", app.at("/spec/template/spec/containers/1/image").asText());
    }

    @Test
    void patchMergesMapsAndTheNamedListsOfKubernetesKinds() {
        List<Manifest> objects = overlay();
        Manifest app = find(objects, "Deployment/app");

        assertEquals(3, app.at("/spec/replicas").asInt());
        assertEquals(List.of("A", "B"), app.at("/spec/template/spec/containers/0/env").findValuesAsText("name"));
        assertEquals(2, app.at("/spec/template/spec/containers").size(), "the sidecar stays");
        Manifest settings = find(objects, "ConfigMap/settings");
        assertTrue(settings.at("/data/a").isMissingNode(), "null removes a key");
        assertEquals("2", settings.at("/data/b").asText());
    }

    @Test
    void patchReplacesListsOfCustomResourcesWhole() {
        Manifest widget = find(overlay(), "Widget/widget");

        // Kustomize knows no merge key for a custom resource's list: the patch's list replaces it.
        assertEquals(List.of("y"), widget.at("/spec/parts").findValuesAsText("name"));
    }

    @Test
    void fieldsTheRendererDoesNotApplyAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> KustomizeRenderer.render(fixture("unsupported")));

        assertTrue(e.getMessage().contains("commonLabels"), e.getMessage());
    }

    @Test
    void anObjectDeclaredTwiceIsRefused() {
        var e = assertThrows(IllegalStateException.class, () -> KustomizeRenderer.render(fixture("duplicate")));

        assertTrue(e.getMessage().contains("Deployment/app"), e.getMessage());
    }

    @Test
    void aPatchWithoutItsObjectIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> KustomizeRenderer.render(fixture("orphan-patch")));

        assertTrue(e.getMessage().contains("no object to patch"), e.getMessage());
    }

    @Test
    void imageNameKeepsARegistryPortAndDropsTagAndDigest() {
        assertEquals("host:5000/app", Images.nameOf("host:5000/app:1.2"));
        assertEquals("host:5000/app", Images.nameOf("host:5000/app"));
        assertEquals("ghcr.io/x/app", Images.nameOf("ghcr.io/x/app@sha256:abc"));
    }

    private static List<Manifest> overlay() {
        return KustomizeRenderer.render(fixture("overlay"));
    }

    private static Manifest find(List<Manifest> objects, String id) {
        return objects.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(KustomizeRendererTest.class.getResource("/kustomize/" + name))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
