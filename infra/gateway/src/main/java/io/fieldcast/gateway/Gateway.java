package io.fieldcast.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One origin in front of the four services ({@link Routes} says which answers what): a Vert.x reverse proxy that
 * streams bodies both ways (server-sent events pass as they come), tells each service who really asked
 * ({@code X-Forwarded-For}, {@code -Proto}, {@code -Host}, so sign-in throttling per address still sees the browser)
 * and keeps the browser's {@code Host} (a service's redirects name the front door),
 * and answers 502 saying which service is down rather than hanging. The services stay separately deployable: each
 * keeps its own port and paths.
 */
public final class Gateway implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    private Gateway(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Listens on {@code port} (0: any free one) and forwards to {@code services} (name → base URL, e.g.
     * {@code dispatch → http://localhost:8081}); every one of {@link Routes#SERVICES} must be given.
     */
    public static Gateway start(int port, Map<String, URI> services) {
        for (String name : Routes.SERVICES) {
            if (!services.containsKey(name)) {
                throw new IllegalArgumentException("no address for " + name + " (have " + services.keySet() + ")");
            }
        }
        Map<String, URI> fixed = new TreeMap<>(services);
        return start(port, fixed::get);
    }

    /**
     * Listens on {@code port} and asks {@code services} for a service's base URL at each request: a launcher can open
     * the front door first (its address goes into the services' links) and start the services behind it after.
     */
    public static Gateway start(int port, Function<String, URI> services) {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000)
                .setMaxPoolSize(64).setKeepAlive(true));
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .originSelector(request -> {
                    URI url = services.apply(Routes.route(request.uri()).service());
                    return url == null ? Future.failedFuture("not started")
                            : Future.succeededFuture(SocketAddress.inetSocketAddress(
                                    url.getPort() > 0 ? url.getPort() : 80, url.getHost()));
                })
                .addInterceptor(new ForwardedFor());
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("0.0.0.0")
                .setCompressionSupported(false));
        server.requestHandler(proxy);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("gateway could not listen on port " + port + ": " + e.getMessage(), e);
        }
        return new Gateway(vertx, server);
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }

    /** Rewrites the path a service is asked, and says who asked; a service that does not answer is a 502. */
    private static final class ForwardedFor implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            var incoming = request.proxiedRequest();
            request.setURI(Routes.route(incoming.uri()).uri());
            String client = incoming.remoteAddress() == null ? "unknown" : incoming.remoteAddress().hostAddress();
            String earlier = incoming.getHeader("X-Forwarded-For");
            request.putHeader("X-Forwarded-For", earlier == null ? client : earlier + ", " + client);
            request.putHeader("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme());
            if (incoming.authority() != null) {
                // The browser's host stays the Host: a service's redirects and links name the front door, not itself.
                request.setAuthority(incoming.authority());
                request.putHeader("X-Forwarded-Host", incoming.authority().toString());
            }
            return context.sendRequest().recover(failure -> {
                ProxyResponse response = request.response().setStatusCode(502).setStatusMessage("Bad Gateway");
                response.headers().set("Content-Type", "application/json");
                String service = Routes.route(incoming.uri()).service();
                response.setBody(io.vertx.httpproxy.Body.body(io.vertx.core.buffer.Buffer.buffer(
                        "{\"status\":502,\"error\":\"service_unavailable\",\"message\":\"" + service
                                + " is not answering; try again in a moment\"}")));
                return Future.succeededFuture(response);
            });
        }
    }
}
