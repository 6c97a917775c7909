package io.fieldcast.mobile.visit;

import io.fieldcast.mobile.route.RouteStore;
import io.fieldcast.platform.rest.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A tap of the phone on a visit of the technician's route, applied once (a status, a word of the time left): in one
 * transaction, the answer already stored for the tap's client id if there is one; else, for a visit on the route,
 * the visit's row locked, the stored answer looked up again (a concurrent retry may have committed while we waited for
 * the lock) and the tap applied to the visit's status.
 */
final class OnceOnRoute {

    private OnceOnRoute() {
    }

    /**
     * {@code stored}: the answer stored for the tap's client id, null when none; {@code lock}: locks the visit's row
     * and gives its status; {@code apply}: applies the tap to that status.
     */
    static <A> Uni<A> apply(RouteStore routes, String technicianId, UUID appointmentId, Supplier<Uni<A>> stored,
                            Supplier<Uni<String>> lock, Function<String, Uni<A>> apply) {
        return Panache.withTransaction(() -> stored.get().chain(known -> {
            if (known != null) {
                return Uni.createFrom().item(known);
            }
            return routes.isOnRoute(technicianId, appointmentId).chain(onRoute -> {
                if (!onRoute) {
                    // 404, not 403: the answer must not reveal whether the appointment is on someone else's route.
                    throw new ApiException(404, "not_found", "appointment " + appointmentId
                            + " is not on your route");
                }
                return lock.get().chain(current -> stored.get().chain(again ->
                        again != null ? Uni.createFrom().item(again) : apply.apply(current)));
            });
        }));
    }
}
