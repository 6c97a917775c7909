package io.fieldcast.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP paths a service serves: its JAX-RS resources' {@code @Path}s (a class's path joined with each of its
 * methods'), the platform's resources it runs with, and its static web content. Path templates stay as written
 * ({@code /t/{token}}): an ingress routes by prefix, so the fixed part is what matters.
 */
final class ServiceRoutes {

    private static final Pattern PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^\\s*(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|record)\\s+\\w+");

    private final Set<String> routes;

    private ServiceRoutes(Set<String> routes) {
        this.routes = routes;
    }

    static ServiceRoutes of(ServiceModule service, Path repo) {
        Set<String> routes = new TreeSet<>(service.staticRoots());
        for (Path source : service.sources(repo)) {
            routes.addAll(inSource(read(source)));
        }
        return new ServiceRoutes(routes);
    }

    Set<String> all() {
        return routes;
    }

    /**
     * Whether a request the ingress sends here can reach something: an {@code Exact} path must be a route; a
     * {@code Prefix} path must be a route or lie above one (Prefix matches whole path segments).
     */
    boolean serves(String path, String pathType) {
        String p = normalize(path);
        if ("Exact".equals(pathType)) {
            return routes.contains(p);
        }
        return p.equals("/") || routes.stream().anyMatch(r -> r.equals(p) || r.startsWith(p + "/"));
    }

    static List<String> inSource(String source) {
        Matcher type = TYPE.matcher(source);
        int typeStart = type.find() ? type.start() : Integer.MAX_VALUE;
        String base = null;
        List<String> methods = new ArrayList<>();
        Matcher path = PATH.matcher(source);
        while (path.find()) {
            if (path.start() < typeStart) {
                base = path.group(1);
            } else {
                methods.add(path.group(1));
            }
        }
        if (base == null) {
            return List.of();
        }
        List<String> routes = new ArrayList<>();
        routes.add(normalize(base));
        for (String method : methods) {
            routes.add(normalize(base + "/" + method));
        }
        return routes;
    }

    /** One leading slash, no trailing or doubled ones: {@code /} + {@code outbox} is {@code /outbox}. */
    static String normalize(String path) {
        String joined = ("/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
