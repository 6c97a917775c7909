package io.fieldcast.platform.cluster;

import io.fieldcast.platform.rest.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Hands a request to the sibling instance that holds what it is about (a solve kept in that instance's memory) and
 * answers with the sibling's answer: same method, path, query and credentials. A forwarded request carries
 * {@value #HEADER}, and a request that carries it is never forwarded again, so two instances that disagree about who
 * holds something cannot bounce a request between them. Only requests without a body are forwarded.
 */
@ApplicationScoped
public class Forwarder {

    public static final String HEADER = "X-Fieldcast-Forwarded-By";
    private static final Logger LOG = Logger.getLogger(Forwarder.class);
    private static final List<String> PASSED_ON = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE,
            HttpHeaders.ACCEPT, "Idempotency-Key");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Instance instance;

    public Forwarder(Instance instance) {
        this.instance = instance;
    }

    /** True when a sibling forwarded this request here: answer it, whatever this instance holds. */
    public static boolean wasForwarded(ContainerRequestContext request) {
        return request.getHeaderString(HEADER) != null;
    }

    /** The sibling at {@code baseUrl}'s answer to this request; 503 with a message when it does not answer. */
    public Uni<Response> forward(String baseUrl, ContainerRequestContext request, Duration timeout) {
        var uri = request.getUriInfo().getRequestUri();
        String target = baseUrl + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(target)).timeout(timeout)
                .method(request.getMethod(), HttpRequest.BodyPublishers.noBody())
                .header(HEADER, instance.id());
        for (String name : PASSED_ON) {
            String value = request.getHeaderString(name);
            if (value != null) {
                out.header(name, value);
            }
        }
        return Uni.createFrom().completionStage(() -> http.sendAsync(out.build(),
                        HttpResponse.BodyHandlers.ofByteArray()))
                .map(Forwarder::relay)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("%s %s: the instance at %s did not answer: %s", request.getMethod(), uri.getRawPath(),
                            baseUrl, e.toString());
                    return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                            .entity(ApiError.of(503, "unavailable", "the instance of this service that holds it did "
                                    + "not answer; try again in a moment")).build();
                });
    }

    private static Response relay(HttpResponse<byte[]> answer) {
        Response.ResponseBuilder in = Response.status(answer.statusCode()).entity(answer.body());
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> in.header(HttpHeaders.CONTENT_TYPE,
                type));
        return in.build();
    }
}
