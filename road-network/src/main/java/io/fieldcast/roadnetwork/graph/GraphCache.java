package io.fieldcast.roadnetwork.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Names the cache directory of an imported graph after a checksum of its source file and of everything that shapes
 * the graph (profile, GraphHopper version), so a changed source or profile is re-imported and an unchanged one reused.
 */
public final class GraphCache {

    /** Present only in a graph directory whose import finished; a crashed import leaves none and is redone. */
    public static final String COMPLETE_MARKER = "fieldcast-graph.properties";

    private GraphCache() {
    }

    public static String key(Path source, String fingerprint) {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(source)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        sha.update(fingerprint.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    public static Path graphDir(Path cacheDir, Path source, String key) {
        return cacheDir.resolve(stem(source) + "-" + key);
    }

    public static boolean isComplete(Path graphDir) {
        return Files.isRegularFile(graphDir.resolve(COMPLETE_MARKER));
    }

    /** File name without the OSM extensions: {@code andorra.osm.pbf} gives {@code andorra}. */
    public static String stem(Path source) {
        String name = source.getFileName().toString();
        for (String ext : new String[]{".osm.pbf", ".osm.gz", ".osm.bz2", ".pbf", ".osm"}) {
            if (name.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    /** Deletes graphs built from an older version of the same source, so the cache does not grow without bound. */
    public static void deleteStaleSiblings(Path cacheDir, Path source, Path keep) {
        String prefix = stem(source) + "-";
        try (Stream<Path> dirs = Files.list(cacheDir)) {
            dirs.filter(d -> d.getFileName().toString().startsWith(prefix) && !d.equals(keep))
                    .filter(d -> d.getFileName().toString().length() == prefix.length() + 16)
                    .filter(GraphCache::isComplete)
                    .forEach(GraphCache::deleteRecursively);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
