package io.fieldcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldcast.infra.local.DatabaseRoles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.fieldcast.deploy.ProductionOverlay.deploymentOf;
import static io.fieldcast.deploy.ProductionOverlay.rendered;
import static io.fieldcast.deploy.ProductionOverlay.services;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PostgreSQL as the services need it: one database, one role per service owning that service's schema. */
class PostgresManifestsTest {

    private static final int INSTANCES = 3;

    @Test
    void postgresRunsThreeInstancesOfOneDatabase() {
        Manifest cluster = rendered().single("Cluster");
        Manifest database = rendered().single("Database");
        Problems problems = new Problems();
        problems.unless(cluster.apiVersion().equals("postgresql.cnpg.io/v1"), cluster + ": not postgresql.cnpg.io/v1");
        problems.unless(cluster.at("/spec/instances").asInt() == INSTANCES, cluster + ": instances is not "
                + INSTANCES);
        problems.unless(database.at("/spec/cluster/name").asText().equals(cluster.name()),
                database + ": is not in " + cluster.id());
        problems.unless(database.at("/spec/name").asText().equals(cluster.at("/spec/bootstrap/initdb/database")
                .asText()), database + ": is not the database the cluster was created with");
        problems.assertNone("one PostgreSQL cluster of " + INSTANCES + " instances holds the platform's database");
    }

    @Test
    void everyServiceConnectsAsTheRoleThatOwnsItsSchema() {
        Manifest cluster = rendered().single("Cluster");
        Manifest database = rendered().single("Database");
        Problems problems = new Problems();
        for (ServiceModule service : services()) {
            String schema = service.schema();
            Manifest deployment = deploymentOf(service);
            JsonNode role = find(cluster.at("/spec/managed/roles"), schema);
            if (role == null) {
                problems.add(cluster + ": no managed role " + schema + " for " + service.name());
                continue;
            }
            problems.unless(role.path("login").asBoolean() && !role.path("ensure").asText("present").equals("absent"),
                    cluster + ": role " + schema + " cannot log in");
            String secret = role.at("/passwordSecret/name").asText("");
            problems.unless(!secret.isBlank(), cluster + ": role " + schema + " has no passwordSecret");
            JsonNode owned = find(database.at("/spec/schemas"), schema);
            problems.unless(owned != null && owned.path("owner").asText().equals(schema),
                    database + ": no schema " + schema + " owned by the role " + schema);

            Map<String, EnvVar> env = EnvVar.of(new PodTemplate(deployment), rendered());
            EnvVar user = env.get("FIELDCAST_PG_USER");
            problems.unless(user != null && schema.equals(user.value()),
                    deployment + ": FIELDCAST_PG_USER is not " + schema);
            EnvVar password = env.get("FIELDCAST_PG_PASSWORD");
            problems.unless(password != null && password.secret() != null
                            && password.secret().name().equals(secret) && password.secret().key().equals("password"),
                    deployment + ": FIELDCAST_PG_PASSWORD is not the key 'password' of the role's Secret " + secret);
        }
        problems.assertNone("each service logs in as the role named after its schema (fieldcast.db.schema), which "
                + "owns that schema, with the password the role was given");
    }

    @Test
    void theLocalRuntimeCreatesTheSameRolesAsTheCluster() {
        List<String> schemas = services().stream().map(ServiceModule::schema).sorted().toList();

        assertEquals(schemas, DatabaseRoles.SCHEMAS.stream().sorted().toList(),
                "./fieldcast up (DatabaseRoles.SCHEMAS) gives every service schema its role, as the cluster does");
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        return null;
    }
}
