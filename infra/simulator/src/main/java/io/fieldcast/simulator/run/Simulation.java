package io.fieldcast.simulator.run;

import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.RoadNetworkConfig;
import io.fieldcast.simulator.api.DispatchClient;
import io.fieldcast.simulator.api.HttpApi;
import io.fieldcast.simulator.day.DayEngine;
import io.fieldcast.simulator.day.RoadRouter;
import io.fieldcast.simulator.world.HabitsFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What every mode shares: the road network, the API clients, the engine, the truth file, the counters. */
public final class Simulation implements AutoCloseable {

    final Settings settings;
    final RoadNetwork roads;
    final HttpClient http;
    final HttpApi dispatchApi;
    final HttpApi mobileApi;
    final DayEngine engine;
    final HabitsFactory habits;
    final TruthWriter truth;
    final Stats stats = new Stats();
    final ExecutorService pool;

    public Simulation(Settings settings) {
        this.settings = settings;
        long t0 = System.nanoTime();
        RoadNetworkConfig config = RoadNetworkConfig.syntheticCity().withCacheDir(settings.graphCache())
                .withMatrixThreads(1);
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
        truth.close();
        roads.close();
    }
}
