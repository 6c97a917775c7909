package io.fieldcast.platform.security;

import io.fieldcast.platform.rest.ApiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the caller of a console or integration endpoint may see and change, read from their token: the territories
 * (enforced in the queries themselves, not just in the pages) and whether they may change anything (a supervisor
 * reads only). A token without the territories claim sees no territory, unless it is an admin's.
 *
 * @param principal   the user or integration name
 * @param territories the territory ids the caller sees; null means every territory
 * @param canChange   whether the caller's roles allow changes (dispatcher or admin)
 */
public record Access(String principal, Set<String> territories, boolean canChange) {

    /** Every territory, every change: for work the platform does on its own (consumers, schedulers). */
    public static final Access SYSTEM = new Access("system", null, true);

    public Access {
        territories = territories == null ? null : Set.copyOf(territories);
    }

    public static Access of(JsonWebToken jwt) {
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        Set<String> territories = claimed(jwt.getClaim(Roles.TERRITORIES_CLAIM));
        if (groups.contains(Roles.ADMIN) || territories != null && territories.contains(Roles.ALL_TERRITORIES)) {
            territories = null;
        } else if (territories == null) {
            territories = Set.of();
        }
        boolean canChange = groups.contains(Roles.ADMIN) || groups.contains(Roles.DISPATCHER);
        return new Access(jwt.getName(), territories, canChange);
    }

    private static Set<String> claimed(Object claim) {
        if (claim == null) {
            return null;
        }
        Set<String> ids = new TreeSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString s) {
                    ids.add(s.getString());
                }
            }
        } else if (claim instanceof Collection<?> values) {
            values.forEach(v -> ids.add(String.valueOf(v)));
        } else if (claim instanceof JsonString s) {
            ids.add(s.getString());
        } else {
            ids.add(String.valueOf(claim));
        }
        return ids;
    }

    public boolean everyTerritory() {
        return territories == null;
    }

    /** Whether the caller sees this territory. */
    public boolean sees(String territoryId) {
        return territories == null || territoryId != null && territories.contains(territoryId);
    }

    /** 403 unless the caller sees this territory (a territory named in the request). */
    public void requireTerritory(String territoryId) {
        if (!sees(territoryId)) {
            throw new ApiException(403, "territory_forbidden", "territory " + territoryId
                    + " is not one of yours (" + String.join(", ", new TreeSet<>(territories)) + ")");
        }
    }

    /**
     * 404 unless the caller sees the territory of a thing looked up by id: to someone outside the territory it does
     * not exist, so ids cannot be probed.
     */
    public void requireVisible(String territoryId, String what) {
        if (!sees(territoryId)) {
            throw ApiException.notFound(what);
        }
    }

    /** 403 unless the caller's roles allow changes. */
    public void requireChange() {
        if (!canChange) {
            throw ApiException.forbidden(principal + " may read but not change (supervisor)");
        }
    }

    /**
     * The territories to bind in a query's {@code territory in (:territories)}; null when every territory is seen
     * (leave the condition out). Never empty: a caller with no territory gets a value no territory has.
     */
    public Collection<String> territoryFilter() {
        if (territories == null) {
            return null;
        }
        return territories.isEmpty() ? Set.of("\u0000none") : territories;
    }
}
