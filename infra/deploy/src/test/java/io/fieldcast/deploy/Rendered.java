package io.fieldcast.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A rendered overlay and the look-ups the checks share. */
final class Rendered {

    private final List<Manifest> objects;

    private Rendered(List<Manifest> objects) {
        this.objects = List.copyOf(objects);
    }

    static Rendered of(Path kustomizationDir) {
        return new Rendered(KustomizeRenderer.render(kustomizationDir));
    }

    List<Manifest> ofKind(String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind)).toList();
    }

    Optional<Manifest> find(String kind, String name) {
        return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst();
    }

    /** The only object of a kind (the Kafka cluster, the PostgreSQL cluster); fails when there are none or more. */
    Manifest single(String kind) {
        List<Manifest> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found);
        }
        return found.getFirst();
    }

    /** A key of a rendered ConfigMap; empty when the ConfigMap or the key is missing. */
    Optional<String> configMapValue(String configMap, String key) {
        return find("ConfigMap", configMap)
                .map(m -> m.at("/data/" + key))
                .filter(v -> !v.isMissingNode() && !v.isNull())
                .map(v -> v.asText());
    }
}
