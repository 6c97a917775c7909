package io.fieldcast.roadnetwork.graph;

import com.graphhopper.GraphHopper;
import io.fieldcast.roadnetwork.city.CityOptions;
import io.fieldcast.roadnetwork.city.SyntheticCity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphCacheTest {

    @TempDir
    Path cache;

    @Test
    void unchangedSourceIsLoadedFromCacheNotReimported() throws IOException {
        Path osm = SyntheticCity.ensure(CityOptions.of(9, 3), cache.resolve("src"));
        GraphHopper first = GraphLoader.open(osm, cache);
        first.close();
        Path graphDir = onlyGraphDir();
        FileTime built = Files.getLastModifiedTime(graphDir.resolve(GraphCache.COMPLETE_MARKER));

        GraphHopper second = GraphLoader.open(osm, cache);
        int nodes = second.getBaseGraph().getNodes();
        second.close();

        assertEquals(graphDir, onlyGraphDir());
        assertEquals(built, Files.getLastModifiedTime(graphDir.resolve(GraphCache.COMPLETE_MARKER)));
        assertTrue(nodes > 100, "nodes " + nodes);
    }

    @Test
    void changedSourceIsReimportedAndTheOldGraphRemoved() throws IOException {
        Path osm = cache.resolve("src").resolve("town.osm");
        Files.createDirectories(osm.getParent());
        SyntheticCity.generate(CityOptions.of(9, 3), osm);
        GraphLoader.open(osm, cache).close();
        Path before = onlyGraphDir();

        SyntheticCity.generate(CityOptions.of(10, 3), osm);
        GraphLoader.open(osm, cache).close();
        Path after = onlyGraphDir();

        assertNotEquals(before, after);
        assertTrue(after.getFileName().toString().startsWith("town-"), after.toString());
    }

    @Test
    void cacheKeyDependsOnContentNotOnFileName() throws IOException {
        Path a = cache.resolve("a.osm");
        Path b = cache.resolve("b.osm");
        SyntheticCity.generate(CityOptions.of(9, 3), a);
        Files.copy(a, b);
        assertEquals(GraphCache.key(a, "x"), GraphCache.key(b, "x"));
        assertNotEquals(GraphCache.key(a, "x"), GraphCache.key(a, "y"));
    }

    private Path onlyGraphDir() throws IOException {
        try (Stream<Path> dirs = Files.list(cache)) {
            List<Path> graphs = dirs.filter(GraphCache::isComplete).toList();
            assertEquals(1, graphs.size(), "graph directories: " + graphs);
            return graphs.getFirst();
        }
    }
}
