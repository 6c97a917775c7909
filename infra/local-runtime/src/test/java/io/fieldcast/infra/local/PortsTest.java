package io.fieldcast.infra.local;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PortsTest {

    @Test
    void portInUseOnLoopbackYieldsMessageNamingTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            var error = assertThrows(PortInUseException.class, () -> Ports.requireFree(port, "FIELDCAST_PG_PORT"));

            assertEquals("port " + port + " is in use by another process; set FIELDCAST_PG_PORT", error.getMessage());
            assertEquals(port, error.port());
        }
    }

    @Test
    void portInUseOnAllInterfacesIsDetectedToo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThrows(PortInUseException.class,
                    () -> Ports.requireFree(taken.getLocalPort(), "FIELDCAST_KAFKA_PORT"));
        }
    }

    @Test
    void closedPortIsFreeAgain() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0)) {
            port = taken.getLocalPort();
        }
        assertDoesNotThrow(() -> Ports.requireFree(port, "FIELDCAST_KAFKA_PORT"));
    }

    @Test
    void kafkaBrokerOnTakenPortFailsBeforeStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            var error = assertThrows(PortInUseException.class, () -> KafkaBrokerProcess.start(
                    Path.of("target/never-created"), taken.getLocalPort(), Ports.freePort(),
                    Path.of("target/never.log")));

            assertEquals("port " + taken.getLocalPort() + " is in use by another process; set FIELDCAST_KAFKA_PORT",
                    error.getMessage());
        }
    }
}
