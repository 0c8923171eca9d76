/*
 * Runs Neo4j Community 5.26 in-process (neo4j-harness) for `polgraph neo4j start`.
 *
 * Started as a single-file program, no build step:
 *   java -Xmx768m -cp '<cache>/lib/*' Launcher.java --port 7687 --data DIR --work DIR
 *        [--plugins DIR] [--auth-user NAME]
 * Bolt listens on 127.0.0.1 only, HTTP is off. With --auth-user, authentication is on and
 * the user's password is set from the POLGRAPH_NEO4J_PASSWORD environment variable (never
 * from the command line, which other users can read). Prints one line
 * "POLGRAPH_NEO4J_READY <bolt uri>" once Bolt answers, then runs until SIGTERM, when a
 * shutdown hook closes the database cleanly.
 */

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

public class Launcher {
    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int port = Integer.parseInt(options.getOrDefault("--port", "7687"));
        Path data = Path.of(required(options, "--data")).toAbsolutePath();
        Path work = Path.of(required(options, "--work")).toAbsolutePath();
        String authUser = options.get("--auth-user");
        String password = System.getenv("POLGRAPH_NEO4J_PASSWORD");
        if (authUser != null && (password == null || password.length() < 8)) {
            System.err.println("POLGRAPH_NEO4J_ERROR --auth-user needs POLGRAPH_NEO4J_PASSWORD"
                    + " holding a password of 8 or more characters");
            System.exit(2);
        }
        Files.createDirectories(data);
        Files.createDirectories(work);

        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(work)
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.data_directory, data)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                .withConfig(GraphDatabaseSettings.auth_enabled, authUser != null);
        if (options.containsKey("--plugins")) {
            builder = builder
                    .withConfig(GraphDatabaseSettings.plugin_dir, Path.of(options.get("--plugins")))
                    .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));
        }
        Neo4j neo4j;
        try {
            neo4j = builder.build();
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1); // without this, threads the failed start left behind keep the JVM up
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("POLGRAPH_NEO4J_STOPPING");
            neo4j.close();
            System.out.println("POLGRAPH_NEO4J_STOPPED");
        }));
        if (authUser != null) {
            try {
                setPassword(neo4j, authUser, password);
            } catch (RuntimeException e) {
                e.printStackTrace();
                System.exit(1); // the shutdown hook closes the database
            }
        }
        System.out.println("POLGRAPH_NEO4J_READY " + neo4j.boltURI());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Embedded access to the system database runs without auth, so it can set the password. */
    private static void setPassword(Neo4j neo4j, String user, String password) {
        String verb = "neo4j".equals(user) ? "ALTER USER " : "CREATE OR REPLACE USER ";
        neo4j.databaseManagementService().database("system").executeTransactionally(
                verb + quoteName(user) + " SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
    }

    /** The user name is an identifier, not a value: backtick-quote it (Cypher escaping). */
    private static String quoteName(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }
}
