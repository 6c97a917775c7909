package io.fieldcast.roadnetwork;

import io.fieldcast.roadnetwork.address.AddressBook;
import io.fieldcast.roadnetwork.address.AddressBook.Address;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressBookTest {

    @Test
    void theSyntheticCityNumbersItsNamedStreetsAndFindsAnAddressNearItsRoad() {
        RoadNetwork city = TestNetworks.smallCity();
        AddressBook book = city.addresses();
        assertEquals(0, book.mapped(), "the synthetic city's map has no addresses of its own");
        assertTrue(book.size() > 1000, "a 6 km city has thousands of addresses: " + book.size());

        List<Address> street = book.search("north street", 5);
        assertFalse(street.isEmpty());
        Address any = street.getFirst();
        assertTrue(any.street().endsWith("North Street"), any.toString());

        // The same address asked by number, case and accents aside, is found exactly, and it is on the map.
        Address exact = book.search(any.number() + " " + any.street().toUpperCase(), 3).getFirst();
        assertEquals(any.label(), exact.label());
        assertTrue(city.snap(exact.point()).distanceMeters() < 40, "next to its street: " + exact);

        // The next house on the same side is 15 m along the street.
        int n = Integer.parseInt(any.number());
        int next = n + 2;
        List<Address> neighbour = book.search(next + " " + any.street(), 1);
        if (!neighbour.isEmpty() && neighbour.getFirst().number().equals(Integer.toString(next))) {
            double d = exact.point().metresTo(neighbour.getFirst().point());
            assertTrue(d > 5 && d < 40, "neighbours " + d + " m apart");
        }
    }

    @Test
    void aNumberThatDoesNotExistOffersTheClosestOnesAndNonsenseFindsNothing() {
        AddressBook book = TestNetworks.smallCity().addresses();
        Address first = book.search("north street", 1).getFirst();
        List<Address> near = book.search("99999 " + first.street(), 3);
        assertFalse(near.isEmpty(), "closest numbers of the street are offered");
        near.forEach(a -> assertEquals(first.street(), a.street(), "only the street named exactly"));
        assertTrue(book.search("zzzq street", 5).isEmpty());
        assertTrue(book.search("   12  ", 5).isEmpty(), "a number alone names no street");
    }

    @Test
    void andorrasOwnAddressesComeFirstAndItsOtherStreetsAreNumbered() {
        RoadNetwork andorra = TestNetworks.andorra();
        AddressBook book = andorra.addresses();
        assertTrue(book.mapped() >= 1, "the extract has a few addr:* tags");
        assertTrue(book.size() > 100 * book.mapped(), "most streets have none, and are numbered: " + book.size());
        Address own = book.search("avinguda meritxell", 5).getFirst();
        assertEquals("map", own.source(), own.toString());
        assertEquals(own.label(), book.search(own.number() + " av meritxell", 1).getFirst().label());
        Address plaza = book.search("placa major", 1).getFirst();
        assertEquals("Plaça Major", plaza.street(), "found without the cedilla");
        assertTrue(andorra.bounds().contains(own.point()), own.toString());
    }
}
