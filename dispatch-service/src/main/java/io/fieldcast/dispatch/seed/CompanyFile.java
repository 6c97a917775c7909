package io.fieldcast.dispatch.seed;

import io.fieldcast.dispatch.portal.IntakeForm;

import java.util.List;
import java.util.Map;

/** The shape of a company seed file (see src/main/resources/seed/demo-company.json). */
public record CompanyFile(List<TerritorySeed> territories, List<JobTypeSeed> jobTypes,
                          List<TechnicianSeed> technicians) {

    /** Centre and radius may be left out: then the road network's bounds are used. */
    public record TerritorySeed(String id, String name, String timeZone, Double centerLat, Double centerLon,
                                Double radiusKm, String windowProfile, Integer emergencyReservePct) {
    }

    /** {@code intake}, {@code bookableOnline} and {@code cancelCutoffMin} are optional (no questions, yes, 120). */
    public record JobTypeSeed(String code, String name, int defaultDurationMin, Map<String, Integer> requiredSkills,
                              List<IntakeForm.Question> intake, Boolean bookableOnline, Integer cancelCutoffMin) {
    }

    /** Home may be left out: then a residential address is drawn deterministically from the map. */
    public record TechnicianSeed(String id, String name, String phone, String territoryId, Double homeLat,
                                 Double homeLon, Map<String, Integer> skills, Map<String, String> weeklyShifts,
                                 Integer breakMinutes, String breakWindow) {
    }
}
