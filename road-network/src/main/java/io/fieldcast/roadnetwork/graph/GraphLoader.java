package io.fieldcast.roadnetwork.graph;

import com.graphhopper.GraphHopper;
import com.graphhopper.util.Constants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;

/**
 * Imports an OSM file into a GraphHopper graph with contraction hierarchies, or loads the cached result.
 * An import runs in a temporary directory that is renamed into place when complete, so two processes opening the
 * same source never read a half-written graph.
 */
public final class GraphLoader {

    /** Ways a car can never use; skipping them at import saves time and memory. */
    private static final List<String> IGNORED_HIGHWAYS = List.of("footway", "cycleway", "path", "pedestrian", "steps",
            "bridleway", "corridor", "elevator", "platform", "proposed", "construction", "abandoned");

    private static final String FINGERPRINT = CarProfile.FINGERPRINT + "|gh" + Constants.VERSION
            + "|ignored=" + IGNORED_HIGHWAYS;

    private GraphLoader() {
    }

    public static GraphHopper open(Path osmFile, Path cacheDir) {
        // GraphHopper's bundled PBF classes predate protobuf 3.22; the runtime warns once per class on every import.
        // The input is a map file the operator chose, not untrusted network input, so the warning is only noise.
        System.setProperty("com.google.protobuf.use_unsafe_pre22_gencode", "true");
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create cache directory " + cacheDir, e);
        }
        if (!Files.isRegularFile(osmFile)) {
            throw new IllegalArgumentException("OSM file not found: " + osmFile.toAbsolutePath());
        }
        String key = GraphCache.key(osmFile, FINGERPRINT);
        Path graphDir = GraphCache.graphDir(cacheDir, osmFile, key);
        if (!GraphCache.isComplete(graphDir)) {
            importInto(osmFile, graphDir, key);
            GraphCache.deleteStaleSiblings(cacheDir, osmFile, graphDir);
        }
        return load(osmFile, graphDir);
    }

    private static GraphHopper load(Path osmFile, Path graphDir) {
        long start = System.nanoTime();
        GraphHopper hopper = configure(osmFile, graphDir);
        if (!hopper.load()) {
            throw new IllegalStateException(
                    "cached graph in " + graphDir + " could not be loaded; delete it to re-import");
        }
        Progress.log("road-network: loaded %s (%,d nodes, %,d edges) in %d ms", graphDir.getFileName(),
                hopper.getBaseGraph().getNodes(), hopper.getBaseGraph().getEdges(),
                (System.nanoTime() - start) / 1_000_000);
        return hopper;
    }

    private static void importInto(Path osmFile, Path graphDir, String key) {
        Path tmp = graphDir.resolveSibling(graphDir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        GraphCache.deleteRecursively(tmp);
        long start = System.nanoTime();
        Progress.log("road-network: importing %s (%,d KiB) into %s, this takes a while the first time",
                osmFile.getFileName(), sizeKiB(osmFile), graphDir);
        GraphHopper hopper = configure(osmFile, tmp);
        try {
            hopper.importOrLoad();
            long ms = (System.nanoTime() - start) / 1_000_000;
            writeMarker(tmp, osmFile, key, hopper, ms);
            Progress.log("road-network: imported %s: %,d nodes, %,d edges, %,d CH shortcuts in %.1f s",
                    osmFile.getFileName(), hopper.getBaseGraph().getNodes(), hopper.getBaseGraph().getEdges(),
                    hopper.getCHGraphs().get(CarProfile.NAME).getShortcuts(), ms / 1000.0);
        } finally {
            hopper.close();
        }
        moveIntoPlace(tmp, graphDir);
    }

    private static GraphHopper configure(Path osmFile, Path graphDir) {
        GraphHopper hopper = new GraphHopper();
        hopper.setOSMFile(osmFile.toString());
        hopper.setGraphHopperLocation(graphDir.toString());
        hopper.setEncodedValuesString(CarProfile.ENCODED_VALUES);
        hopper.setProfiles(CarProfile.profile());
        hopper.getCHPreparationHandler().setCHProfiles(CarProfile.chProfile());
        hopper.getReaderConfig().setIgnoredHighways(IGNORED_HIGHWAYS);
        // spatially sorted nodes keep a search's memory accesses close together: faster queries
        hopper.setSortGraph(true);
        return hopper;
    }

    private static void writeMarker(Path dir, Path osmFile, String key, GraphHopper hopper, long importMs) {
        Properties p = new Properties();
        p.setProperty("source", osmFile.toAbsolutePath().toString());
        p.setProperty("key", key);
        p.setProperty("fingerprint", FINGERPRINT);
        p.setProperty("nodes", Integer.toString(hopper.getBaseGraph().getNodes()));
        p.setProperty("edges", Integer.toString(hopper.getBaseGraph().getEdges()));
        p.setProperty("importMillis", Long.toString(importMs));
        try (var out = Files.newBufferedWriter(dir.resolve(GraphCache.COMPLETE_MARKER))) {
            p.store(out, "Fieldcast road graph; delete this directory to force a re-import");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void moveIntoPlace(Path tmp, Path graphDir) {
        try {
            Files.move(tmp, graphDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another process finished the same import first; its result is identical
            GraphCache.deleteRecursively(tmp);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IllegalStateException("cache directory must allow atomic renames: " + graphDir.getParent(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeKiB(Path file) {
        try {
            return Files.size(file) / 1024;
        } catch (IOException e) {
            return -1;
        }
    }

}
