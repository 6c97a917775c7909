package io.fieldcast.roadnetwork.city;

/**
 * Shape of the generated city.
 *
 * @param seed     same seed and size give a byte-identical OSM file
 * @param sizeKm   diameter of the metro area; 25 km gives roughly 60 000 road nodes
 * @param centerLat latitude of the city centre
 * @param centerLon longitude of the city centre
 */
public record CityOptions(long seed, double sizeKm, double centerLat, double centerLon) {

    /** A made-up place in the middle of the North Atlantic, so it can never be mistaken for a real city. */
    public static final double DEFAULT_LAT = 45.0;
    public static final double DEFAULT_LON = -30.0;

    public CityOptions {
        if (!(sizeKm >= 3 && sizeKm <= 120)) {
            throw new IllegalArgumentException("city size must be between 3 and 120 km, was " + sizeKm);
        }
    }

    public static CityOptions defaults() {
        return new CityOptions(42, 25, DEFAULT_LAT, DEFAULT_LON);
    }

    public static CityOptions of(long seed, double sizeKm) {
        return new CityOptions(seed, sizeKm, DEFAULT_LAT, DEFAULT_LON);
    }

    /** File name stem that identifies this city. */
    public String fileStem() {
        return "city-s" + seed + "-" + Math.round(sizeKm * 10) / 10.0 + "km";
    }
}
