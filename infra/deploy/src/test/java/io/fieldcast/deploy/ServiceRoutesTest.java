package io.fieldcast.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceRoutesTest {

    private static final String RESOURCE = """
            /** A resource; the word class in a comment is not its declaration. */
            @Path("/")
            @Tag(name = "outbox")
            public class OutboxResource {

                @GET
                @Path("outbox")
                public String page() {
                    return "";
                }

                @GET
                @Path("api/outbox/")
                public String list() {
                    return "";
                }
            }
            """;

    @Test
    void classPathIsJoinedWithEachMethodPath() {
        assertEquals(List.of("/", "/outbox", "/api/outbox"), ServiceRoutes.inSource(RESOURCE));
    }

    @Test
    void methodPathsWithoutAClassPathAreNoRoutes() {
        assertEquals(List.of(), ServiceRoutes.inSource("class Sub {\n @Path(\"x\")\n void x() {}\n}"));
    }
}
