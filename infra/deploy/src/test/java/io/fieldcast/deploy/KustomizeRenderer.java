package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a Kustomize directory into its objects as {@code kubectl kustomize} would, for the features these
 * manifests use: {@code resources} (files, and directories with their own kustomization, recursively), strategic-merge
 * {@code patches} by file, {@code namespace} and {@code images}, applied in Kustomize's order. The build has no
 * kubectl, so the checks run on this rendering; any other field of a kustomization.yaml fails the rendering instead
 * of being silently ignored.
 */
final class KustomizeRenderer {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "namespace",
            "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass");
    private static final YAMLMapper YAML = new YAMLMapper();

    private KustomizeRenderer() {
    }

    /** The objects of the kustomization in {@code dir}. */
    static List<Manifest> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        JsonNode kustomization = readDocuments(file).getFirst().node();
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(file + ": '" + field + "' is not supported by this renderer; "
                        + "keep the overlay to " + SUPPORTED + " or teach KustomizeRenderer the new field");
            }
        });
        List<Manifest> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : readDocuments(path));
        }
        requireUnique(objects, file);
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(objects, dir, patch, file);
        }
        if (kustomization.hasNonNull("namespace")) {
            setNamespace(objects, kustomization.get("namespace").asText());
        }
        for (JsonNode image : kustomization.path("images")) {
            Images.apply(objects, image);
        }
        return objects;
    }

    /** Every YAML document of a file that is not empty (a file may start with a comment-only document). */
    static List<Manifest> readDocuments(Path file) {
        List<Manifest> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node instanceof ObjectNode object && !object.isEmpty()) {
                    documents.add(new Manifest(object, file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException(file + " has no objects");
        }
        return documents;
    }

    private static void applyPatch(List<Manifest> objects, Path dir, JsonNode entry, Path file) {
        if (!entry.hasNonNull("path") || entry.size() != 1) {
            throw new IllegalArgumentException(file + ": only patches given as {path: file} are supported, not "
                    + entry);
        }
        for (Manifest patch : readDocuments(dir.resolve(entry.get("path").asText()))) {
            Manifest target = objects.stream()
                    .filter(o -> o.kind().equals(patch.kind()) && o.name().equals(patch.name())
                            && o.apiVersion().equals(patch.apiVersion()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(patch + ": no object to patch"));
            StrategicMerge.merge(target.node(), patch.node(), StrategicMerge.builtIn(target.apiVersion()));
        }
    }

    private static void setNamespace(List<Manifest> objects, String namespace) {
        for (Manifest object : objects) {
            if (!CLUSTER_SCOPED.contains(object.kind())) {
                object.node().withObjectProperty("metadata").put("namespace", namespace);
            }
        }
    }

    /** Kustomize refuses two objects with the same kind and name; so does this. */
    private static void requireUnique(List<Manifest> objects, Path file) {
        Set<String> seen = new HashSet<>();
        for (Manifest object : objects) {
            String key = object.apiVersion() + " " + object.id() + " " + object.namespace();
            if (!seen.add(key)) {
                throw new IllegalStateException(file + ": " + object + " is declared twice");
            }
        }
    }
}
