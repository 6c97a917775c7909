package io.fieldcast.simulator.run;

import java.nio.file.Path;

/**
 * Options of a run, from the command line.
 *
 * @param dispatchUrl         dispatch-service base URL
 * @param mobileUrl           tech-mobile-api base URL
 * @param user                dispatcher (admin for absences) username
 * @param password            its password
 * @param deviceSecret        every simulated technician's device secret (FIELDCAST_SEED_DEVICES on mobile)
 * @param seed                randomness of habits, customers and days
 * @param osmFile             road network source; null for the synthetic city
 * @param graphCache          where the road graph is cached (shared with the services)
 * @param territory           territory to simulate; null for the first
 * @param technicians         how many technicians (0 = all of the territory)
 * @param visitsPerTechnician bookings per working technician and day
 * @param solveSeconds        solver time per territory-day
 * @param routeWaitSeconds    how long a phone waits for its published route to show up
 * @param truthFile           where the truth is written
 * @param threads             technicians simulated and sent in parallel
 */
public record Settings(String dispatchUrl, String mobileUrl, String user, String password, String deviceSecret,
                       long seed, Path osmFile, Path graphCache, String territory, int technicians,
                       int visitsPerTechnician, int solveSeconds, int routeWaitSeconds, Path truthFile,
                       int threads) {
}
