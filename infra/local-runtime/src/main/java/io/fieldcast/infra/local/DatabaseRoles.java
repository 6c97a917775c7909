package io.fieldcast.infra.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One login role per service, named after the schema it owns, as infra/deploy's CloudNativePG cluster has them: the
 * role owns its schema and everything in it (so Flyway migrates as that role), has no right on any other service's
 * schema nor on {@code public}, and cannot create schemas or databases. The superuser is the runtime's alone.
 *
 * <p>Idempotent, and it upgrades a database made before the roles existed: schemas and objects the superuser created
 * are handed to their service's role.
 */
public final class DatabaseRoles {

    /** Each service's {@code fieldcast.db.schema}; its role has the same name. */
    public static final List<String> SCHEMAS = List.of("dispatch", "eta", "mobile", "notify");

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]{16,}");
    private static final String DUPLICATE_OBJECT = "42710";

    /** A service's login role. */
    public record Role(String name, String password) {

        public Role {
            requireName(name);
            if (!PASSWORD.matcher(password).matches()) {
                throw new IllegalArgumentException("a role password must be 16 or more letters and digits");
            }
        }

        @Override
        public String toString() {
            return "Role[" + name + "]"; // never the password
        }
    }

    private DatabaseRoles() {
    }

    /**
     * The roles of {@link #SCHEMAS}, their passwords generated once and kept in {@code home}'s {@code secrets/}
     * directory ({@code pg-<role>.password}).
     */
    public static List<Role> generated(FieldcastHome home) {
        return SCHEMAS.stream()
                .map(schema -> new Role(schema, GeneratedSecrets.ensure(home.secrets(), "pg-" + schema + ".password")))
                .toList();
    }

    /** runtime.env's variables of each role: {@code FIELDCAST_PG_USER_<ROLE>} and {@code FIELDCAST_PG_PASSWORD_<ROLE>}. */
    public static void putEnvironment(List<Role> roles, Map<String, String> env) {
        for (Role role : roles) {
            env.put(RuntimeEnv.PG_USER + "_" + role.name().toUpperCase(Locale.ROOT), role.name());
            env.put(RuntimeEnv.PG_PASSWORD + "_" + role.name().toUpperCase(Locale.ROOT), role.password());
        }
    }

    /**
     * Creates or updates {@code roles} and gives each its schema in {@code database}; {@code superuser} is a
     * connection to that database as a superuser.
     */
    public static void provision(Connection superuser, String database, List<Role> roles) throws SQLException {
        requireName(database);
        try (Statement sql = superuser.createStatement()) {
            // Nobody but the owner and the superuser uses public, and only the service roles may connect.
            sql.execute("revoke all on schema public from public");
            sql.execute("revoke all on database " + database + " from public");
        }
        for (Role role : roles) {
            ensureRole(superuser, role);
            giveSchema(superuser, role.name());
            try (Statement sql = superuser.createStatement()) {
                sql.execute("grant connect, temporary on database " + database + " to " + role.name());
            }
        }
    }

    private static void ensureRole(Connection superuser, Role role) throws SQLException {
        String attributes = " with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '"
                + role.password() + "'";
        try (Statement sql = superuser.createStatement()) {
            if (!exists(superuser, "select 1 from pg_roles where rolname = ?", role.name())) {
                try {
                    sql.execute("create role " + role.name() + attributes);
                    return;
                } catch (SQLException e) {
                    // Another provisioning created it meanwhile: its attributes are set below all the same.
                    if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            sql.execute("alter role " + role.name() + attributes);
        }
    }

    /** The schema, owned by the role, and every object in it: what a superuser created before is handed over. */
    private static void giveSchema(Connection superuser, String role) throws SQLException {
        try (Statement sql = superuser.createStatement()) {
            sql.execute("create schema if not exists " + role + " authorization " + role);
            sql.execute("alter schema " + role + " owner to " + role);
            sql.execute("revoke all on schema " + role + " from public");
        }
        for (String alter : ownershipChanges(superuser, role)) {
            try (Statement sql = superuser.createStatement()) {
                sql.execute(alter);
            }
        }
    }

    /**
     * {@code alter … owner to} for each relation, routine and type of the schema the role does not own yet. A
     * sequence that belongs to a column (serial, identity) follows its table and is left out.
     */
    private static List<String> ownershipChanges(Connection superuser, String role) throws SQLException {
        String query = """
                select format('alter %s %I.%I owner to %I', case c.relkind when 'S' then 'sequence'
                           when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table'
                           else 'table' end, n.nspname, c.relname, n.nspname)
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
                  and c.relowner <> n.nspowner
                  and not (c.relkind = 'S' and exists (select 1 from pg_depend d
                           where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')))
                union all
                select format('alter routine %I.%I(%s) owner to %I', n.nspname, p.proname,
                              pg_get_function_identity_arguments(p.oid), n.nspname)
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = ? and p.proowner <> n.nspowner
                union all
                select format('alter %s %I.%I owner to %I', case t.typtype when 'd' then 'domain' else 'type' end,
                              n.nspname, t.typname, n.nspname)
                from pg_type t join pg_namespace n on n.oid = t.typnamespace
                where n.nspname = ? and t.typtype in ('e', 'd', 'r') and t.typowner <> n.nspowner""";
        List<String> statements = new ArrayList<>();
        try (PreparedStatement select = superuser.prepareStatement(query)) {
            for (int i = 1; i <= 3; i++) {
                select.setString(i, role);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
        }
        return statements;
    }

    private static boolean exists(Connection connection, String query, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(query)) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain PostgreSQL name: " + name);
        }
    }
}
