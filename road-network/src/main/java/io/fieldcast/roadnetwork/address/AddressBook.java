package io.fieldcast.roadnetwork.address;

import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.ReaderNode;
import com.graphhopper.reader.ReaderWay;
import com.graphhopper.reader.osm.OSMInputFile;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;
import io.fieldcast.roadnetwork.GeoPoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The addresses customers type, found on the loaded map. Two sources: the OpenStreetMap file's own addresses
 * ({@code addr:housenumber} and {@code addr:street} on nodes and on buildings), and, for every named street the map
 * gives no address on (all of the synthetic city's, most of a small extract's), addresses numbered the way many
 * towns number blocks: the street's pieces in order along it are blocks 1, 2, 3…, the houses of block 3 are 301,
 * 303… on one side and 302, 304… on the other, every 15 m. A search is words and maybe a house number, e.g.
 * "12 north st"; every word must start a word of the street's name, accents and case aside.
 */
public final class AddressBook {

    /** One address: what the customer sees, and where the van drives. {@code source} is "map" or "street". */
    public record Address(String label, String street, String number, GeoPoint point, String source) {
    }

    static final double HOUSE_SPACING_M = 15;
    private static final int MAX_HOUSES_PER_SIDE = 49;

    private final Map<String, Street> streets;
    private final int size;

    private AddressBook(Map<String, Street> streets) {
        this.streets = streets;
        this.size = streets.values().stream().mapToInt(Street::size).sum();
    }

    /** How many of the addresses are the map's own (the rest are numbered along named streets). */
    public int mapped() {
        return streets.values().stream().filter(s -> s.source.equals("map")).mapToInt(Street::size).sum();
    }

    /** How many addresses can be found. */
    public int size() {
        return size;
    }

    /** Streets with their numbered houses: the file's addresses, or generated along the graph's named streets. */
    public static AddressBook of(Path osmFile, BaseGraph graph, BooleanEncodedValue carAccess) {
        Map<String, Street> streets = fromStreets(graph, carAccess);
        if (osmFile != null) {
            streets.putAll(fromOsm(osmFile)); // a street the map numbers itself keeps the map's numbers only
        }
        return new AddressBook(streets);
    }

    /** Up to {@code limit} addresses matching {@code query}, best first; empty for a query with no word. */
    public List<Address> search(String query, int limit) {
        List<String> words = new ArrayList<>();
        String number = null;
        for (String token : normalize(query).split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            if (number == null && token.chars().allMatch(Character::isDigit) && token.length() <= 6) {
                number = token;
            } else {
                words.add(token);
            }
        }
        if (words.isEmpty()) {
            return List.of();
        }
        List<Street> matches = new ArrayList<>();
        for (Street street : streets.values()) {
            if (street.matches(words)) {
                matches.add(street);
            }
        }
        if (matches.stream().anyMatch(s -> s.exactWords(words) == words.size())) {
            matches.removeIf(s -> s.exactWords(words) < words.size()); // "1 north street" is not "10 North Street"
        }
        matches.sort(Comparator.comparingInt((Street s) -> -s.exactWords(words)).thenComparingInt(s -> s.name.length())
                .thenComparing(s -> s.name));
        List<Address> found = new ArrayList<>();
        for (Street street : matches) {
            if (found.size() >= limit) {
                break;
            }
            if (number != null) {
                street.nearest(number, limit - found.size(), found);
            } else {
                street.spread(Math.min(3, limit - found.size()), found);
            }
        }
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    static String normalize(String text) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{Nd}]+", " ").strip();
    }

    /** A street and its houses by number (numbers as written; ordered numerically where they are numbers). */
    private static final class Street {
        final String name;
        final String source;
        final String[] words;
        final TreeMap<String, GeoPoint> houses = new TreeMap<>(AddressBook::compareNumbers);

        Street(String name, String source) {
            this.name = name;
            this.source = source;
            this.words = normalize(name).split(" ");
        }

        int size() {
            return houses.size();
        }

        boolean matches(List<String> query) {
            for (String q : query) {
                boolean any = false;
                for (String w : words) {
                    if (w.startsWith(q)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        }

        int exactWords(List<String> query) {
            int n = 0;
            for (String q : query) {
                for (String w : words) {
                    if (w.equals(q)) {
                        n++;
                        break;
                    }
                }
            }
            return n;
        }

        /** The house with this number, or else the ones closest to it in number. */
        void nearest(String number, int limit, List<Address> out) {
            GeoPoint exact = houses.get(number);
            if (exact != null) {
                out.add(address(number, exact));
                return;
            }
            List<String> around = new ArrayList<>();
            String lower = houses.lowerKey(number);
            String higher = houses.higherKey(number);
            for (int i = 0; i < 2 && lower != null; i++, lower = houses.lowerKey(lower)) {
                around.add(lower);
            }
            for (int i = 0; i < 2 && higher != null; i++, higher = houses.higherKey(higher)) {
                around.add(higher);
            }
            long wanted = numeric(number);
            around.sort(Comparator.comparingLong(n -> Math.abs(numeric(n) - wanted)));
            for (int i = 0; i < Math.min(limit, Math.min(2, around.size())); i++) {
                out.add(address(around.get(i), houses.get(around.get(i))));
            }
        }

        /** A few houses spread along the street, for a query with no number. */
        void spread(int count, List<Address> out) {
            List<String> numbers = new ArrayList<>(houses.keySet());
            if (numbers.isEmpty()) {
                return;
            }
            int step = Math.max(1, numbers.size() / count);
            for (int i = 0; i < numbers.size() && count > 0; i += step, count--) {
                out.add(address(numbers.get(i), houses.get(numbers.get(i))));
            }
        }

        Address address(String number, GeoPoint point) {
            return new Address(number + " " + name, name, number, point, source);
        }
    }

    private static int compareNumbers(String a, String b) {
        int c = Long.compare(numeric(a), numeric(b));
        return c != 0 ? c : a.compareTo(b);
    }

    /** The leading digits of a house number ("12b" → 12), or a large value for one without. */
    private static long numeric(String number) {
        int end = 0;
        while (end < number.length() && end < 9 && Character.isDigit(number.charAt(end))) {
            end++;
        }
        return end == 0 ? Long.MAX_VALUE / 2 : Long.parseLong(number.substring(0, end));
    }

    /** The OSM file's own addresses: nodes that carry one, and ways (buildings) at their first node. */
    static Map<String, Street> fromOsm(Path file) {
        Map<Long, String[]> wayAddresses = new HashMap<>();
        Map<String, Street> streets = new LinkedHashMap<>();
        try (OSMInputFile in = new OSMInputFile(file.toFile()).setWorkerThreads(1).open()) {
            ReaderElement item;
            while ((item = in.getNext()) != null) {
                String[] addr = addressOf(item);
                if (addr == null) {
                    continue;
                }
                if (item instanceof ReaderNode node) {
                    add(streets, addr, new GeoPoint(node.getLat(), node.getLon()));
                } else if (item instanceof ReaderWay way && !way.getNodes().isEmpty()) {
                    wayAddresses.put(way.getNodes().get(0), addr);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading addresses of " + file, e);
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IllegalStateException("reading addresses of " + file, e);
        }
        if (!wayAddresses.isEmpty()) {
            try (OSMInputFile in = new OSMInputFile(file.toFile()).setWorkerThreads(1).open()) {
                ReaderElement item;
                while ((item = in.getNext()) != null) {
                    if (item instanceof ReaderNode node) {
                        String[] addr = wayAddresses.get(node.getId());
                        if (addr != null) {
                            add(streets, addr, new GeoPoint(node.getLat(), node.getLon()));
                        }
                    } else if (item.getType() != ReaderElement.Type.NODE) {
                        break; // nodes come first in an OSM file: nothing after them is a node
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading addresses of " + file, e);
            } catch (javax.xml.stream.XMLStreamException e) {
                throw new IllegalStateException("reading addresses of " + file, e);
            }
        }
        return streets;
    }

    private static String[] addressOf(ReaderElement item) {
        String number = item.getTag("addr:housenumber");
        String street = item.getTag("addr:street");
        if (number == null || street == null || number.isBlank() || street.isBlank() || number.length() > 12) {
            return null;
        }
        return new String[]{street.strip(), number.strip()};
    }

    private static void add(Map<String, Street> streets, String[] addr, GeoPoint point) {
        streets.computeIfAbsent(addr[0], name -> new Street(name, "map")).houses.putIfAbsent(addr[1], point);
    }

    /** Numbered houses along each named street of the graph (see the class comment). */
    static Map<String, Street> fromStreets(BaseGraph graph, BooleanEncodedValue carAccess) {
        Map<String, List<PointList>> pieces = new TreeMap<>();
        AllEdgesIterator edges = graph.getAllEdges();
        while (edges.next()) {
            String name = edges.getName();
            if (name == null || name.isBlank() || !(edges.get(carAccess) || edges.getReverse(carAccess))) {
                continue;
            }
            pieces.computeIfAbsent(name.strip(), n -> new ArrayList<>()).add(edges.fetchWayGeometry(FetchMode.ALL));
        }
        Map<String, Street> streets = new LinkedHashMap<>();
        pieces.forEach((name, lines) -> streets.put(name, numbered(name, lines)));
        return streets;
    }

    private static Street numbered(String name, List<PointList> lines) {
        double minLat = Double.MAX_VALUE;
        double maxLat = -Double.MAX_VALUE;
        double minLon = Double.MAX_VALUE;
        double maxLon = -Double.MAX_VALUE;
        for (PointList line : lines) {
            for (int i = 0; i < line.size(); i++) {
                minLat = Math.min(minLat, line.getLat(i));
                maxLat = Math.max(maxLat, line.getLat(i));
                minLon = Math.min(minLon, line.getLon(i));
                maxLon = Math.max(maxLon, line.getLon(i));
            }
        }
        double cosLat = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        boolean eastWest = (maxLon - minLon) * cosLat >= maxLat - minLat;
        Comparator<PointList> along = Comparator.comparingDouble(line -> position(line, eastWest, 0.5, cosLat));
        List<PointList> ordered = new ArrayList<>(lines);
        ordered.sort(along);
        Street street = new Street(name, "street");
        for (int block = 1; block <= ordered.size(); block++) {
            PointList line = ordered.get(block - 1);
            boolean forward = position(line, eastWest, 0, cosLat) <= position(line, eastWest, 1, cosLat);
            double length = length(line);
            int houses = (int) Math.max(1, Math.min(MAX_HOUSES_PER_SIDE, Math.floor(length / HOUSE_SPACING_M)));
            for (int k = 0; k < houses; k++) {
                double f = (k + 0.5) / houses;
                GeoPoint point = at(line, forward ? f : 1 - f, length);
                street.houses.put(Integer.toString(block * 100 + 2 * k + 1), point);
                street.houses.put(Integer.toString(block * 100 + 2 * k + 2), point);
            }
        }
        return street;
    }

    private static double position(PointList line, boolean eastWest, double fraction, double cosLat) {
        GeoPoint p = at(line, fraction, length(line));
        return eastWest ? p.lon() * cosLat : p.lat();
    }

    private static double length(PointList line) {
        double total = 0;
        for (int i = 1; i < line.size(); i++) {
            total += GeoPoint.metres(line.getLat(i - 1), line.getLon(i - 1), line.getLat(i), line.getLon(i));
        }
        return total;
    }

    /** The point {@code fraction} of the way along the line. */
    private static GeoPoint at(PointList line, double fraction, double length) {
        double target = Math.max(0, Math.min(1, fraction)) * length;
        double walked = 0;
        for (int i = 1; i < line.size(); i++) {
            double step = GeoPoint.metres(line.getLat(i - 1), line.getLon(i - 1), line.getLat(i), line.getLon(i));
            if (walked + step >= target && step > 0) {
                double t = (target - walked) / step;
                return new GeoPoint(line.getLat(i - 1) + t * (line.getLat(i) - line.getLat(i - 1)),
                        line.getLon(i - 1) + t * (line.getLon(i) - line.getLon(i - 1)));
            }
            walked += step;
        }
        return new GeoPoint(line.getLat(line.size() - 1), line.getLon(line.size() - 1));
    }
}
