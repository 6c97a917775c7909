package io.fieldcast.simulator.run;

import io.fieldcast.platform.time.SharedClock;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.RoadNetworkConfig;
import io.fieldcast.roadnetwork.city.CityOptions;
import io.fieldcast.simulator.api.DayPlanning;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.HttpApi;
import io.fieldcast.simulator.api.PortalClient;
import io.fieldcast.simulator.api.PortalTexts;
import io.fieldcast.simulator.day.DayEngine;
import io.fieldcast.simulator.day.RoadRouter;
import io.fieldcast.simulator.world.HabitsFactory;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What every mode shares: the road network, the API clients, the engine, the truth file, the counters. */
public final class Simulation implements AutoCloseable {

    final Settings settings;
    final RoadNetwork roads;
    final HttpClient http;
    volatile HttpApi dispatchApi;
    volatile HttpApi mobileApi;
    final DayEngine engine;
    final HabitsFactory habits;
    final TruthWriter truth;
    final Stats stats = new Stats();
    final ExecutorService pool;
    /** Domain time: the wall clock, or the shared clock of FIELDCAST_CLOCK_FILE that the services run on. */
    final Clock clock;
    /** Whether live mode sets the shared clock to the day's start and speed (the demo), or only reads it. */
    final boolean drivesClock;
    /** The share of customers who book on the portal (0: all call in), and the phones' texts when it is above 0. */
    private volatile double onlineShare;
    private volatile PortalTexts texts;

    /** Domain time from FIELDCAST_CLOCK_FILE when it is set (the demo's services), else the wall clock. */
    public Simulation(Settings settings) {
        this(settings, defaultClock(), false);
    }

    public Simulation(Settings settings, Clock clock, boolean drivesClock) {
        if (drivesClock && !(clock instanceof SharedClock)) {
            throw new IllegalArgumentException("only a shared clock can be driven");
        }
        this.settings = settings;
        this.clock = clock;
        this.drivesClock = drivesClock;
        long t0 = System.nanoTime();
        RoadNetworkConfig config = servicesCity(settings.graphCache());
        this.roads = RoadNetwork.open(settings.osmFile() == null ? config : config.withOsmFile(settings.osmFile()));
        Log.info("road network: " + roads.nodeCount() + " nodes (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.dispatchApi = new HttpApi(http, settings.dispatchUrl());
        this.mobileApi = new HttpApi(http, settings.mobileUrl());
        this.engine = new DayEngine(settings.seed(), new RoadRouter(roads));
        this.habits = new HabitsFactory(settings.seed());
        this.truth = new TruthWriter(settings.truthFile());
        this.pool = Executors.newFixedThreadPool(Math.max(1, settings.threads()));
    }

    /**
     * The services' city (fieldcast.road.city-seed / city-size-km, 7 and 25 km by default, read from the same
     * environment variables): the simulated people must drive on the streets the platform plans and map-matches on.
     */
    public static RoadNetworkConfig servicesCity(Path graphCache) {
        return RoadNetworkConfig.syntheticCity()
                .withCity(CityOptions.of(Long.parseLong(env("FIELDCAST_ROAD_CITY_SEED", "7")),
                        Double.parseDouble(env("FIELDCAST_ROAD_CITY_SIZE_KM", "25"))))
                .withCacheDir(graphCache).withMatrixThreads(1);
    }

    /** Points the API clients at other addresses (the demo opens the road network before its services listen). */
    public void retarget(String dispatchUrl, String mobileUrl) {
        this.dispatchApi = new HttpApi(http, dispatchUrl);
        this.mobileApi = new HttpApi(http, mobileUrl);
    }

    /**
     * From now on {@code share} (0–1) of the customers book on dispatch's portal instead of calling in; their codes are
     * read from Kafka at {@code kafkaBootstrap}.
     */
    public void bookOnline(double share, String kafkaBootstrap) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("the share of customers booking online is between 0 and 1, was " + share);
        }
        if (share > 0 && texts == null) {
            texts = new PortalTexts(kafkaBootstrap);
        }
        onlineShare = share;
    }

    /** Days booked (by phone and, with {@link #bookOnline}, on the portal), planned and lived through these APIs. */
    DayRunner dayRunner(DispatchClient dispatch, DayPlanning planning) {
        return new DayRunner(settings, dispatch, planning, new Booker(dispatch, roads, settings.seed(), stats, online()),
                new Phones(mobileApi, settings.deviceSecret()), engine, truth, stats, pool);
    }

    /** The portal channel for a {@link Booker}, null when every customer calls in. */
    Booker.Online online() {
        PortalTexts t = texts;
        return onlineShare <= 0 || t == null ? null
                : new Booker.Online(new PortalClient(http, dispatchApi.baseUrl(), t, Duration.ofSeconds(30)),
                onlineShare, clock);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static Clock defaultClock() {
        String file = System.getenv("FIELDCAST_CLOCK_FILE");
        return file == null || file.isBlank() ? Clock.systemUTC() : SharedClock.of(Path.of(file));
    }

    DispatchClient dispatch() {
        DispatchClient dispatch = new DispatchClient(dispatchApi);
        dispatch.login(settings.user(), settings.password());
        return dispatch;
    }

    public Stats stats() {
        return stats;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        if (texts != null) {
            texts.close();
        }
        truth.close();
        roads.close();
    }
}
