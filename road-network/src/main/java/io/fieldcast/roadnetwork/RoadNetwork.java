package io.fieldcast.roadnetwork;

import com.graphhopper.GraphHopper;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.ev.VehicleAccess;
import com.graphhopper.routing.ev.VehicleSpeed;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.storage.index.Snap;
import io.fieldcast.roadnetwork.address.AddressBook;
import io.fieldcast.roadnetwork.city.SyntheticCity;
import io.fieldcast.roadnetwork.geojson.RoadsGeoJson;
import io.fieldcast.roadnetwork.graph.CarProfile;
import io.fieldcast.roadnetwork.graph.GraphLoader;
import io.fieldcast.roadnetwork.matrix.ManyToMany;
import io.fieldcast.roadnetwork.matrix.MatrixQuery;
import io.fieldcast.roadnetwork.matrix.OneToOneLoop;
import io.fieldcast.roadnetwork.matrix.Parallel;
import io.fieldcast.roadnetwork.matrix.SnapState;
import io.fieldcast.roadnetwork.routing.OneToOne;
import io.fieldcast.roadnetwork.routing.PointSampler;
import io.fieldcast.roadnetwork.routing.RoadClasses;
import io.fieldcast.roadnetwork.routing.Snapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Real road travel times for Fieldcast: snapping, routes and travel-time matrices on a GraphHopper graph with
 * contraction hierarchies, built from an OSM extract or from the synthetic city. Thread-safe for queries; close it
 * to release the graph and the matrix threads.
 */
public final class RoadNetwork implements AutoCloseable {

    private final RoadNetworkConfig config;
    private final GraphHopper hopper;
    private final BaseGraph graph;
    private final RoutingCHGraph ch;
    private final Snapper snapper;
    private final ManyToMany manyToMany;
    private final RoadsGeoJson geoJson;
    private final BoundingBox bounds;
    private final PointSampler anyRoad;
    private final PointSampler residential;
    private final ExecutorService pool;
    private final Path source;
    private final BooleanEncodedValue carAccess;
    private volatile AddressBook addresses;

    private RoadNetwork(RoadNetworkConfig config, GraphHopper hopper, Path source) {
        this.config = config;
        this.source = source;
        this.hopper = hopper;
        this.graph = hopper.getBaseGraph();
        this.ch = hopper.getCHGraphs().get(CarProfile.NAME);
        var em = hopper.getEncodingManager();
        var box = graph.getBounds();
        this.bounds = new BoundingBox(box.minLat, box.minLon, box.maxLat, box.maxLon);
        Weighting weighting = ch.getWeighting();
        BooleanEncodedValue subnetwork = em.getBooleanEncodedValue(Subnetwork.key(CarProfile.NAME));
        EnumEncodedValue<RoadClass> roadClass = em.getEnumEncodedValue(RoadClass.KEY, RoadClass.class);
        this.snapper = new Snapper(hopper.getLocationIndex(), weighting, subnetwork, bounds,
                config.maxSnapDistanceMeters());
        this.manyToMany = new ManyToMany(graph, ch);
        this.carAccess = em.getBooleanEncodedValue(VehicleAccess.key("car"));
        this.geoJson = new RoadsGeoJson(graph, roadClass, carAccess,
                em.getDecimalEncodedValue(VehicleSpeed.key("car")));
        this.anyRoad = PointSampler.create(graph, weighting, subnetwork, roadClass, rc -> true);
        this.residential = PointSampler.create(graph, weighting, subnetwork, roadClass, RoadClasses::residential);
        this.pool = config.matrixThreads() > 1 ? Executors.newFixedThreadPool(config.matrixThreads() - 1, r -> {
            Thread t = new Thread(r, "road-network-matrix");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Opens (importing on first use, then from the cache) the network the config names. Works the same inside a host
     * with class loaders of its own (Quarkus): GraphHopper is loaded with this library's class loader, whatever the
     * calling thread's context class loader is.
     */
    public static RoadNetwork open(RoadNetworkConfig config) {
        return withOwnClassLoader(() -> {
            Path source = config.usesSyntheticCity()
                    ? SyntheticCity.ensure(config.city(), config.cacheDir().resolve("cities"))
                    : config.osmFile();
            return new RoadNetwork(config, GraphLoader.open(source, config.cacheDir()), source);
        });
    }

    /**
     * GraphHopper resolves classes through the thread's context class loader (Jackson for encoded values, Janino for
     * custom weightings). Inside Quarkus that loader may hold another copy of them (after a restart for a test
     * profile), and loading fails with "not a subtype" or a ClassCastException; so it runs with this library's own
     * loader. On a plain class path both are the same loader.
     */
    private static <T> T withOwnClassLoader(Supplier<T> loading) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RoadNetwork.class.getClassLoader());
        try {
            return loading.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The nearest routable point, or a {@link SnapException} when there is none within the configured distance. */
    public Snapped snap(GeoPoint point) {
        Snap snap = snapper.snap(point);
        return new Snapped(point, Snapper.snappedPoint(snap), snap.getQueryDistance());
    }

    /** The fastest drive between the snapped positions of two points; +Infinity seconds if there is none. */
    public Route route(GeoPoint from, GeoPoint to) {
        return OneToOne.route(graph, ch, snapper.snap(from), snapper.snap(to));
    }

    /**
     * The roads a van drives through {@code via} in order, as one line for a map: each leg's fastest route, points
     * closer than {@code minMetres} to the last kept one left out (a screen needs no more). A leg with no route, or
     * with an end off the map, is drawn straight; the line always ends at the last place.
     */
    public List<GeoPoint> path(List<GeoPoint> via, double minMetres) {
        List<GeoPoint> line = new ArrayList<>();
        for (int i = 0; i + 1 < via.size(); i++) {
            List<GeoPoint> leg;
            try {
                Route drive = route(via.get(i), via.get(i + 1));
                leg = Double.isFinite(drive.seconds()) ? drive.geometry() : List.of(via.get(i), via.get(i + 1));
            } catch (SnapException e) {
                leg = List.of(via.get(i), via.get(i + 1));
            }
            for (GeoPoint p : leg) {
                if (line.isEmpty() || line.getLast().metresTo(p) >= minMetres) {
                    line.add(p);
                }
            }
        }
        if (!via.isEmpty() && (line.isEmpty() || !line.getLast().equals(via.getLast()))) {
            line.add(via.getLast());
        }
        return line;
    }

    /** Travel times and distances from every source to every target, computed with the many-to-many. */
    public TravelMatrix matrix(List<GeoPoint> sources, List<GeoPoint> targets) {
        return manyToMany.compute(prepare(sources, targets), pool, config.matrixThreads());
    }

    /** Snaps and anchors all points; public for the benchmark and for tests that compare algorithms. */
    public MatrixQuery prepare(List<GeoPoint> sources, List<GeoPoint> targets) {
        return MatrixQuery.of(graph, ch.getWeighting(), snapAll(sources), snapAll(targets), pool,
                config.matrixThreads());
    }

    private SnapState[] snapAll(List<GeoPoint> points) {
        SnapState[] snaps = new SnapState[points.size()];
        Parallel.forEachChunk(snaps.length, pool, config.matrixThreads(), () -> null,
                (unused, i) -> snaps[i] = SnapState.of(snapper.snap(points.get(i))));
        return snaps;
    }

    /** GraphHopper's one-to-one query for every pair of a prepared matrix: the baseline and the reference. */
    public TravelMatrix oneToOneLoop(MatrixQuery query, int rows) {
        return OneToOneLoop.compute(graph, ch, query, rows, pool, config.matrixThreads());
    }

    /** The many-to-many on an already prepared query (the benchmark times it without the snapping). */
    public TravelMatrix matrix(MatrixQuery query) {
        return manyToMany.compute(query, pool, config.matrixThreads());
    }

    /** Roads inside {@code bbox} down to {@code minLevel}, as GeoJSON, for drawing without tile servers. */
    public String roadsGeoJson(BoundingBox bbox, RoadClassLevel minLevel) {
        return geoJson.write(bbox, minLevel);
    }

    /**
     * The addresses customers can search for on this map (the OSM file's own, or numbered along its named streets),
     * read on first use: a second or two for a city.
     */
    public AddressBook addresses() {
        AddressBook book = addresses;
        if (book == null) {
            synchronized (this) {
                book = addresses;
                if (book == null) {
                    book = withOwnClassLoader(() -> AddressBook.of(source, graph, carAccess));
                    addresses = book;
                }
            }
        }
        return book;
    }

    public BoundingBox bounds() {
        return bounds;
    }

    /** {@code n} points on any drivable road, uniform per metre of road, the same for the same seed. */
    public List<GeoPoint> randomRoutablePoints(int n, long seed) {
        return anyRoad.sample(n, seed);
    }

    /** {@code n} points on residential streets, where customers live; the same for the same seed. */
    public List<GeoPoint> randomResidentialPoints(int n, long seed) {
        return residential.sample(n, seed);
    }

    public int nodeCount() {
        return graph.getNodes();
    }

    public int edgeCount() {
        return graph.getEdges();
    }

    public RoadNetworkConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        hopper.close();
    }
}
