package io.fieldcast.simulator.run;

import com.sun.net.httpserver.HttpServer;
import io.fieldcast.simulator.api.HttpApi;
import io.fieldcast.simulator.api.MobileClient;
import io.fieldcast.simulator.day.PhoneOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live replay goes on after every phone has sent everything, so a re-plan after the last tap is still lived. */
class ReplayTest {

    private HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        pool.shutdownNow();
    }

    @Test
    void outputsGivenAfterEveryLaneWasSentAreSentWithinTheSettlingTime() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        Replay.Lane lane = new Replay.Lane(phone(posts), new Stats(), true, new ArrayList<>());
        // Hours in the past, so the replay's own clock never meets the cap ahead of the wall clock.
        Instant start = Instant.now().minus(Duration.ofHours(6));
        List<Instant> ticks = new ArrayList<>();
        new Replay(start, 1200, pool).settleWall(Duration.ZERO).run(List.of(lane), start.plus(Duration.ofHours(4)), now -> { }, now -> {
            ticks.add(now);
            // Twenty simulated minutes after the lane ran dry, a re-plan gives its phone one more fix to send.
            if (lane.outputs.isEmpty() && !now.isBefore(start.plus(Duration.ofMinutes(20)))) {
                lane.outputs = new ArrayList<>(List.of(new PhoneOutput.Fix("late", now, 45.0, -30.0, 10, 0.0, null,
                        now)));
            }
        }, Duration.ofMinutes(30));

        assertEquals(1, lane.next, "the late fix was sent");
        assertEquals(1, posts.get());
        Instant last = ticks.getLast();
        // It ended about 30 simulated minutes after the late fix, not at the first tick with nothing to send.
        long minutes = Duration.between(start, last).toMinutes();
        assertTrue(minutes >= 50 && minutes < 90, "ended at +" + minutes + " min");
    }

    @Test
    void withoutSettlingTheReplayEndsOnceEverythingIsSent() throws Exception {
        Replay.Lane lane = new Replay.Lane(phone(new AtomicInteger()), new Stats(), true, new ArrayList<>());
        Instant start = Instant.now().minus(Duration.ofHours(6));
        List<Instant> ticks = new ArrayList<>();
        new Replay(start, 1200, pool).run(List.of(lane), start.plus(Duration.ofHours(4)), now -> { }, ticks::add,
                Duration.ZERO);
        assertEquals(1, ticks.size());
    }

    /** A tap is sent when it is due, not up to a tick later: at 600x a 250 ms tick is 2.5 minutes of the day. */
    @Test
    void theReplaySleepsUntilTheNextOutputIsDueWithinItsBounds() throws Exception {
        Instant start = Instant.parse("2026-12-11T15:00:00Z");
        Replay replay = new Replay(start, 600, pool);
        MobileClient phone = phone(new AtomicInteger());
        Replay.Lane lane = new Replay.Lane(phone, new Stats(), true, new ArrayList<>());
        assertEquals(Replay.TICK, replay.pause(List.of(lane), start), "nothing left to send: a tick");

        lane.outputs = new ArrayList<>(List.of(fix(start.plusSeconds(30))));
        assertEquals(Duration.ofMillis(50), replay.pause(List.of(lane), start), "30 s of the day at 600x");
        lane.outputs = new ArrayList<>(List.of(fix(start.plusSeconds(600))));
        assertEquals(Replay.TICK, replay.pause(List.of(lane), start), "far ahead: no longer than a tick");
        lane.outputs = new ArrayList<>(List.of(fix(start.minusSeconds(5))));
        assertEquals(Replay.MIN_PAUSE, replay.pause(List.of(lane), start), "already due: the shortest pause");
        Replay.Lane sent = new Replay.Lane(phone, new Stats(), true,
                new ArrayList<>(List.of(fix(start.plusSeconds(3)))));
        sent.next = 1;
        assertEquals(Duration.ofMillis(50), replay.pause(List.of(sent, lane), start.minusSeconds(35)),
                "the earliest output still to send decides; one already sent does not");
    }

    private static PhoneOutput fix(Instant at) {
        return new PhoneOutput.Fix("f-" + at.toEpochMilli(), at, 45.0, -30.0, 10, 0.0, null, at);
    }

    private MobileClient phone(AtomicInteger posts) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/me/locations", exchange -> {
            posts.incrementAndGet();
            byte[] body = "{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new MobileClient(new HttpApi(HttpClient.newHttpClient(),
                "http://127.0.0.1:" + server.getAddress().getPort()), "tech-01");
    }
}
