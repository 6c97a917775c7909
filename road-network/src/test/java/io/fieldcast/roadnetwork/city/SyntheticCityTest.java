package io.fieldcast.roadnetwork.city;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticCityTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesByteIdenticalFile() throws IOException {
        Path a = dir.resolve("a.osm");
        Path b = dir.resolve("b.osm");
        SyntheticCity.generate(CityOptions.of(3, 6), a);
        SyntheticCity.generate(CityOptions.of(3, 6), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void differentSeedGivesDifferentCity() throws IOException {
        Path a = dir.resolve("a.osm");
        Path b = dir.resolve("b.osm");
        SyntheticCity.generate(CityOptions.of(3, 6), a);
        SyntheticCity.generate(CityOptions.of(4, 6), b);
        assertFalse(Files.readString(a).equals(Files.readString(b)));
    }

    @Test
    void defaultCityHasFiftyToHundredThousandRoadNodes() throws IOException {
        int nodes = SyntheticCity.generate(CityOptions.defaults(), dir.resolve("default.osm"));
        assertTrue(nodes >= 50_000 && nodes <= 100_000, "road nodes: " + nodes);
    }

    @Test
    void cityHasTheRoadsOfARealMetroArea() {
        CityModel city = SyntheticCity.build(CityOptions.of(5, 25));
        Map<String, Integer> highways = new TreeMap<>();
        int oneways = 0;
        int roundabouts = 0;
        for (CityModel.Way way : city.ways) {
            highways.merge(way.tags.getOrDefault("highway", "none"), 1, Integer::sum);
            oneways += "yes".equals(way.tags.get("oneway")) ? 1 : 0;
            roundabouts += "roundabout".equals(way.tags.get("junction")) ? 1 : 0;
        }
        assertEquals(1, highways.get("motorway"), "one orbital motorway");
        assertTrue(highways.get("primary") >= Arterials.RADIALS + 1, "radials and the ring road: " + highways);
        assertTrue(highways.get("secondary") > 5 && highways.get("tertiary") > 5,
                "avenues and collectors: " + highways);
        assertTrue(highways.get("residential") > 1000, "a residential grid and suburbs: " + highways);
        assertTrue(oneways > 50, "one-way streets: " + oneways);
        assertEquals(1, roundabouts, "a central roundabout");
        assertTrue(countTurningCircles(city) > 300, "suburban cul-de-sacs");
        assertEquals(1, city.ways.stream().filter(w -> w.kind == CityModel.Kind.RIVER).count());
        assertTrue(city.restrictions.size() > 20, "banned turns: " + city.restrictions.size());
    }

    @Test
    void onlyAFewRoadsCrossTheRiver() {
        CityModel city = SyntheticCity.build(CityOptions.of(5, 25));
        River river = city.river;
        int bridges = 0;
        for (CityModel.Way way : city.ways) {
            if (way.kind == CityModel.Kind.RIVER) {
                continue;
            }
            for (int s = 0; s + 1 < way.nodes.length; s++) {
                int a = way.nodes[s];
                int b = way.nodes[s + 1];
                if (river.crosses(city.x(a), city.y(a), city.x(b), city.y(b))
                        && Math.abs(city.x(a)) < 12_000 && Math.abs(city.x(b)) < 12_000) {
                    bridges++;
                }
            }
        }
        // eight radials, the ring road twice, the motorway twice, two grid bridges: at most ~16 crossings
        assertTrue(bridges >= 6 && bridges <= 20, "bridges: " + bridges);
    }

    private static int countTurningCircles(CityModel city) {
        int count = 0;
        for (int n = 0; n < city.nodeCount(); n++) {
            count += "turning_circle".equals(city.nodeTags(n).get("highway")) ? 1 : 0;
        }
        return count;
    }
}
