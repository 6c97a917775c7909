package io.fieldcast.bench.fuzz;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the seeded company is made of, and whose each identifier is: territory A is the one the A tokens see, B the
 * other; each appointment, customer and technician belongs to one territory and (appointments, their customers) to
 * the technician the plan gave them. The generator draws path values from here; the leak detectors are built from it.
 */
final class World {

    /** Whose an identifier is: its territory and, when it is one technician's, that technician. */
    record Owner(Kind kind, String territory, String technician) {
    }

    enum Kind { TERRITORY, TECHNICIAN, TECHNICIAN_NAME, TECHNICIAN_PHONE, APPOINTMENT, CUSTOMER, CUSTOMER_NAME,
        CUSTOMER_PHONE }

    final String territoryA;
    final String territoryB;
    /** The technicians whose phones hold a token: never deactivated, revoked or logged out by the fuzzer. */
    final String deviceTechA;
    final String deviceTechB;
    final LocalDate day;
    private final Map<String, Owner> owners = new LinkedHashMap<>();
    /** Console users the fuzzer may change (the token holders are left alone). */
    final List<String> victimUsers = new ArrayList<>();
    /** Console users holding a token. */
    final List<String> protectedUsers = new ArrayList<>();

    World(String territoryA, String territoryB, String deviceTechA, String deviceTechB, LocalDate day) {
        this.territoryA = territoryA;
        this.territoryB = territoryB;
        this.deviceTechA = deviceTechA;
        this.deviceTechB = deviceTechB;
        this.day = day;
        add(Kind.TERRITORY, territoryA, territoryA, null);
        add(Kind.TERRITORY, territoryB, territoryB, null);
    }

    void add(Kind kind, String identifier, String territory, String technician) {
        owners.put(Objects.requireNonNull(identifier), new Owner(kind, territory, technician));
    }

    /** The identifiers of a kind in a territory (every territory when null), in the order they were added. */
    List<String> ids(Kind kind, String territory) {
        List<String> out = new ArrayList<>();
        owners.forEach((id, o) -> {
            if (o.kind() == kind && (territory == null || territory.equals(o.territory()))) {
                out.add(id);
            }
        });
        return out;
    }

    Map<String, Owner> owners() {
        return Map.copyOf(owners);
    }

    /** Identifiers a caller who sees only {@code territory} must never get back: everything of the other ones. */
    LeakDetector crossTerritory(String territory) {
        Map<String, String> forbidden = new LinkedHashMap<>();
        owners.forEach((id, o) -> {
            if (!territory.equals(o.territory())) {
                forbidden.put(id, o.kind() + " of territory " + o.territory());
            }
        });
        return new LeakDetector(forbidden);
    }

    /**
     * Identifiers technician {@code technician}'s phone must never get back: other technicians, their appointments
     * and customers, and every territory's identifiers of the other territory.
     */
    LeakDetector crossTechnician(String technician) {
        Map<String, String> forbidden = new LinkedHashMap<>();
        String own = owners.get(technician) == null ? null : owners.get(technician).territory();
        owners.forEach((id, o) -> {
            boolean otherTechnician = o.technician() != null && !o.technician().equals(technician);
            boolean otherTerritory = o.kind() == Kind.TERRITORY && !id.equals(own);
            if (otherTechnician || otherTerritory) {
                forbidden.put(id, o.kind() + " of technician " + o.technician() + " (" + o.territory() + ")");
            }
        });
        return new LeakDetector(forbidden);
    }

    /** A caller with no valid token must never get any of the company's identifiers back. */
    LeakDetector anything() {
        Map<String, String> forbidden = new LinkedHashMap<>();
        owners.forEach((id, o) -> {
            if (o.kind() != Kind.TERRITORY) {
                forbidden.put(id, o.kind() + " of territory " + o.territory());
            }
        });
        return new LeakDetector(forbidden);
    }

    Set<String> protectedTechnicians() {
        return Set.of(deviceTechA, deviceTechB);
    }
}
