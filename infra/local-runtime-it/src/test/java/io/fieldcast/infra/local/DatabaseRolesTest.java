package io.fieldcast.infra.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static io.fieldcast.infra.local.Sql.execute;
import static io.fieldcast.infra.local.Sql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-service roles on a real PostgreSQL 18: what each may read, and a database made before they existed. */
class DatabaseRolesTest {

    private static final String PERMISSION_DENIED = "42501";
    private static final String WRONG_PASSWORD = "28P01";

    @TempDir
    Path dir;

    private EmbeddedPostgresServer server;
    private PostgresAddress db;
    private List<DatabaseRoles.Role> roles;

    @BeforeEach
    void start() {
        server = EmbeddedPostgresServer.start(dir.resolve("pg"), Ports.freePort());
        db = server.ensureDatabase(LocalRuntime.DATABASE);
        roles = DatabaseRoles.generated(FieldcastHome.of(dir));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aServiceRoleWorksInItsSchemaAndIsDeniedAnotherServicesTable() throws Exception {
        provision();
        try (Connection dispatch = connect("dispatch")) {
            execute(dispatch, "create table dispatch.appointment (id bigserial primary key, note text)");
            execute(dispatch, "insert into dispatch.appointment (note) values ('boiler')");
            assertEquals("boiler", query(dispatch, "select note from dispatch.appointment"));
        }

        try (Connection eta = connect("eta")) {
            SQLException read = assertThrows(SQLException.class,
                    () -> query(eta, "select note from dispatch.appointment"));
            assertEquals(PERMISSION_DENIED, read.getSQLState(), read.getMessage());
            assertTrue(read.getMessage().contains("permission denied for schema dispatch"), read.getMessage());

            SQLException publicTable = assertThrows(SQLException.class,
                    () -> execute(eta, "create table public.shared (id int)"));
            assertEquals(PERMISSION_DENIED, publicTable.getSQLState(), publicTable.getMessage());
            SQLException newSchema = assertThrows(SQLException.class, () -> execute(eta, "create schema extra"));
            assertEquals(PERMISSION_DENIED, newSchema.getSQLState(), newSchema.getMessage());
        }
    }

    @Test
    void aDatabaseMadeBeforeTheRolesIsHandedToThemAndKeepsItsRows() throws Exception {
        // As an earlier runtime left it: the schema and its objects belong to the superuser.
        try (Connection superuser = superuser()) {
            execute(superuser, "create schema eta");
            execute(superuser, "create table eta.forecast (id bigserial primary key, minutes int)");
            execute(superuser, "create table eta.ping (at timestamptz not null) partition by range (at)");
            execute(superuser, "create table eta.ping_default partition of eta.ping default");
            execute(superuser, "create sequence eta.batch_seq");
            execute(superuser, "create view eta.late as select id from eta.forecast where minutes > 15");
            execute(superuser, "create function eta.twice(x int) returns int language sql as 'select 2 * x'");
            execute(superuser, "create table eta.flyway_schema_history (installed_rank int primary key)");
            execute(superuser, "insert into eta.forecast (minutes) values (20)");
        }

        provision();
        provision(); // idempotent: a second up changes nothing

        try (Connection superuser = superuser()) {
            assertEquals("0", query(superuser, """
                    select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'eta' and pg_get_userbyid(c.relowner) <> 'eta'"""));
            assertEquals("eta", query(superuser, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'eta'"));
        }
        try (Connection eta = connect("eta")) {
            execute(eta, "insert into eta.forecast (minutes) values (25)");
            execute(eta, "insert into eta.ping values (now())");
            execute(eta, "alter table eta.forecast add column note text");
            assertEquals("2", query(eta, "select count(*) from eta.late"));
            assertEquals("1", query(eta, "select nextval('eta.batch_seq')"));
            assertEquals("42", query(eta, "select eta.twice(21)"));
        }
    }

    @Test
    void oncePasswordsAreRequiredAWrongOneIsRefusedAndTheServerRestartsWithTheRightOne() throws Exception {
        provision();
        String superuserPassword = GeneratedSecrets.random();
        server.requirePasswords(superuserPassword);

        SQLException wrong = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(jdbc(), EmbeddedPostgresServer.USER, "postgres").close());
        assertEquals(WRONG_PASSWORD, wrong.getSQLState(), wrong.getMessage());
        SQLException wrongRole = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(jdbc(), "dispatch", "not-its-password").close());
        assertEquals(WRONG_PASSWORD, wrongRole.getSQLState(), wrongRole.getMessage());
        try (Connection dispatch = connect("dispatch")) {
            assertEquals("dispatch", query(dispatch, "select current_user"));
        }

        int port = server.port();
        server.stop();
        server = EmbeddedPostgresServer.start(dir.resolve("pg"), port, null, superuserPassword);
        try (Connection superuser = DriverManager.getConnection(jdbc(), EmbeddedPostgresServer.USER,
                superuserPassword)) {
            assertEquals("true", query(superuser, "select cast(rolsuper as text) from pg_roles where rolname = current_user"));
        }
    }

    @Test
    void passwordsAreGeneratedOnceAndReadableByTheOwnerOnly() throws Exception {
        Path file = dir.resolve("secrets/pg-dispatch.password");

        assertEquals(roles, DatabaseRoles.generated(FieldcastHome.of(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(roles.getFirst().password(), Files.readString(file).strip());
        assertEquals(List.of("dispatch", "eta", "mobile", "notify"),
                roles.stream().map(DatabaseRoles.Role::name).toList());
    }

    private void provision() throws SQLException {
        try (Connection superuser = superuser()) {
            DatabaseRoles.provision(superuser, LocalRuntime.DATABASE, roles);
        }
    }

    private Connection superuser() throws SQLException {
        return server.superuserConnection(LocalRuntime.DATABASE);
    }

    private Connection connect(String role) throws SQLException {
        String password = roles.stream().filter(r -> r.name().equals(role)).findFirst().orElseThrow().password();
        return DriverManager.getConnection(jdbc(), role, password);
    }

    private String jdbc() {
        return "jdbc:" + db.url();
    }
}
