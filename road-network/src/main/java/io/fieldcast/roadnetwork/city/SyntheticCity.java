package io.fieldcast.roadnetwork.city;

import io.fieldcast.roadnetwork.graph.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/**
 * Generates a made-up metro area as an OSM XML file: an old-town grid (gaps, one-ways, avenues) cut by a river with
 * few bridges, a central roundabout, radial arterials, a ring road, an orbital motorway, and suburbs of curving
 * drives with cul-de-sacs and crescents, and a few banned left turns. Deterministic: the same options always give
 * a byte-identical file.
 */
public final class SyntheticCity {

    /** Bump when the generator changes its output, so cached files and graphs are rebuilt. */
    static final int GENERATOR_VERSION = 3;

    private SyntheticCity() {
    }

    /** The city's OSM file inside {@code dir}, generated on first use. */
    public static Path ensure(CityOptions options, Path dir) {
        Path file = dir.resolve(options.fileStem() + "-g" + GENERATOR_VERSION + ".osm");
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            generate(options, tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic city to " + dir, e);
        }
        return file;
    }

    /** Writes the city to {@code file} and returns how many OSM nodes it has. */
    public static int generate(CityOptions options, Path file) throws IOException {
        long start = System.nanoTime();
        CityModel city = build(options);
        new OsmXmlWriter(city, options.centerLat(), options.centerLon()).write(file);
        int roadNodes = countRoadNodes(city);
        Progress.log("road-network: generated synthetic city %s: %,d road nodes, %,d ways, %,d turn restrictions, "
                + "%,d KiB in %d ms", options.fileStem(), roadNodes, city.ways.size(), city.restrictions.size(),
                Files.size(file) / 1024,
                (System.nanoTime() - start) / 1_000_000);
        return roadNodes;
    }

    static CityModel build(CityOptions options) {
        Random random = new Random(options.seed());
        double half = options.sizeKm() * 1000 / 2;
        double coreRadius = 0.6 * half;
        CityModel city = new CityModel();
        River river = new River(half, random.nextDouble() * 2 * Math.PI);
        city.river = river;
        new CoreGrid(city, river, random, coreRadius).draw();
        Arterials arterials = new Arterials(city, random, half, coreRadius);
        arterials.draw();
        new Suburbs(city, river, random, arterials, half, coreRadius).draw();
        new Planarizer(city).run();
        TurnRestrictions.add(city, random);
        river.draw(city);
        return city;
    }

    private static int countRoadNodes(CityModel city) {
        boolean[] used = new boolean[city.nodeCount()];
        int count = 0;
        for (CityModel.Way way : city.ways) {
            if (way.kind == CityModel.Kind.RIVER) {
                continue;
            }
            for (int n : way.nodes) {
                if (!used[n]) {
                    used[n] = true;
                    count++;
                }
            }
        }
        return count;
    }
}
