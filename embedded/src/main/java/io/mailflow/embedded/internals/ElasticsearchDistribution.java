package io.mailflow.embedded.internals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an unpacked Elasticsearch distribution (the minimal {@code integ-test-zip}, no bundled JDK),
 * unpacking or downloading it on first use. The places, in order:
 * <ol>
 *   <li>the folder named by system property {@value #HOME_PROPERTY} or environment variable
 *       {@value #HOME_ENVIRONMENT_VARIABLE};</li>
 *   <li>a copy unpacked earlier into the cache folder;</li>
 *   <li>the zip in the local Maven repository ({@code maven.repo.local} or {@code ~/.m2/repository}),
 *       unpacked into the cache folder;</li>
 *   <li>the zip downloaded from Maven Central into the cache folder, checked against its SHA-1, then
 *       unpacked.</li>
 * </ol>
 * The cache folder is the one named by system property {@value #CACHE_PROPERTY}. Without it, root uses
 * {@code /var/cache/mailflow}, because the service user cannot reach root's home, and other users
 * {@code $XDG_CACHE_HOME/mailflow} or {@code ~/.cache/mailflow}. Archives are unpacked into a temporary
 * folder and renamed into place, so that no JVM reads a tree that another JVM is still unpacking.
 */
public final class ElasticsearchDistribution {

    public static final String HOME_PROPERTY = "mailflow.elasticsearch.home";
    public static final String HOME_ENVIRONMENT_VARIABLE = "MAILFLOW_ELASTICSEARCH_HOME";
    public static final String CACHE_PROPERTY = "mailflow.cache.dir";

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchDistribution.class);

    private static final String GROUP_PATH = "org/elasticsearch/distribution/integ-test-zip/elasticsearch";
    private static final String MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(15);

    private ElasticsearchDistribution() {
    }

    /** Returns the Elasticsearch version this module starts, as set in the Maven build. */
    public static String version() {
        Properties versions = new Properties();
        try (InputStream input = ElasticsearchDistribution.class.getResourceAsStream("/io/mailflow/embedded/versions.properties")) {
            if (input == null) {
                throw new IllegalStateException("Resource io/mailflow/embedded/versions.properties is missing from the classpath");
            }
            versions.load(input);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read io/mailflow/embedded/versions.properties", e);
        }
        return versions.getProperty("elasticsearch.version");
    }

    /**
     * Returns the home folder of an unpacked distribution, unpacking or downloading it if needed.
     *
     * @throws IllegalStateException if a configured folder is not a distribution, or no copy can be found or downloaded
     */
    public static Path locate() {
        String version = version();
        String configured = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENVIRONMENT_VARIABLE));
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured).toAbsolutePath();
            checkDistribution(home, "configured by " + HOME_PROPERTY + " / " + HOME_ENVIRONMENT_VARIABLE);
            return home;
        }

        Path cache = cacheFolder();
        Path unpacked = cache.resolve("elasticsearch-" + version);
        if (Files.isExecutable(unpacked.resolve("bin/elasticsearch"))) {
            return unpacked;
        }

        try {
            createCacheFolder(cache);
            Path zip = localRepositoryZip(version);
            if (!Files.isRegularFile(zip)) {
                zip = download(version, cache);
            }
            unpackInto(zip, cache, unpacked, version);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to provide Elasticsearch " + version + " in " + cache, e);
        }
        checkDistribution(unpacked, "unpacked into the cache folder");
        return unpacked;
    }

    /** Returns the cache folder for unpacked distributions and downloads. */
    public static Path cacheFolder() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        if (ServiceUser.currentUserIsRoot()) {
            return Path.of("/var/cache/mailflow");
        }
        String xdgCache = System.getenv("XDG_CACHE_HOME");
        if (xdgCache != null && !xdgCache.isBlank()) {
            return Path.of(xdgCache, "mailflow");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "mailflow");
    }

    /** Creates the cache folder searchable by everyone, whatever the umask, so the service user can reach the tree. */
    private static void createCacheFolder(Path cache) throws IOException {
        if (Files.isDirectory(cache)) {
            return;
        }
        Files.createDirectories(cache);
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path localRepositoryZip(String version) {
        String configured = System.getProperty("maven.repo.local");
        Path repository = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return repository.resolve(GROUP_PATH).resolve(version).resolve(fileName(version));
    }

    private static void unpackInto(Path zip, Path cache, Path unpacked, String version) throws IOException {
        long started = System.nanoTime();
        Path staging = Files.createTempDirectory(cache, "unpacking-");
        try {
            ZipUnpacker.unpack(zip, staging);
            Path home = staging.resolve("elasticsearch-" + version);
            if (!Files.isDirectory(home)) {
                throw new IOException(zip + " has no top-level folder elasticsearch-" + version);
            }
            makeReadableByAll(home);
            moveIntoPlace(home, unpacked);
        } finally {
            Directories.deleteRecursively(staging);
        }
        log.info("Unpacked Elasticsearch zip={} home={} in {} ms", zip, unpacked, elapsedMillis(started));
    }

    /**
     * Adds read permission for everyone to every file and search permission to every folder, because the
     * zip's config files are 0660 and the node folder of each start copies them, possibly as the service user.
     */
    private static void makeReadableByAll(Path home) throws IOException {
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                permissions.addAll(List.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ,
                        PosixFilePermission.OTHERS_READ));
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    permissions.addAll(List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_EXECUTE));
                }
                Files.setPosixFilePermissions(path, permissions);
            }
        }
    }

    /** Renames a finished tree into place. If another JVM got there first, its tree is kept. */
    private static void moveIntoPlace(Path home, Path unpacked) throws IOException {
        try {
            Files.move(home, unpacked, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            log.debug("Another process unpacked Elasticsearch into {} first", unpacked);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("Cannot rename " + home + " to " + unpacked + " atomically", e);
        }
    }

    private static Path download(String version, Path cache) throws IOException {
        Path zip = cache.resolve(fileName(version));
        if (Files.isRegularFile(zip)) {
            return zip;
        }

        String url = MAVEN_CENTRAL + GROUP_PATH + "/" + version + "/" + fileName(version);
        long started = System.nanoTime();
        log.info("Downloading Elasticsearch url={} into {}", url, cache);
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        String expectedSha1 = fetchText(client, url + ".sha1").trim().split("\\s+")[0].toLowerCase(Locale.ROOT);

        Path partial = Files.createTempFile(cache, "download-", ".zip.part");
        try {
            String actualSha1 = fetchInto(client, url, partial);
            if (!actualSha1.equals(expectedSha1)) {
                throw new IOException("SHA-1 of " + url + " is " + actualSha1 + ", expected " + expectedSha1);
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(partial, zip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        log.info("Downloaded Elasticsearch zip={} bytes={} in {} ms", zip, Files.size(zip), elapsedMillis(started));
        return zip;
    }

    private static String fetchText(HttpClient client, String url) throws IOException {
        HttpResponse<String> response = send(client, url, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.body();
    }

    /** Streams the body into {@code target} and returns its SHA-1 in lower-case hex. */
    private static String fetchInto(HttpClient client, String url, Path target) throws IOException {
        HttpResponse<InputStream> response = send(client, url, HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha1 = sha1();
        try (InputStream body = response.body();
             OutputStream output = new DigestOutputStream(Files.newOutputStream(target), sha1)) {
            body.transferTo(output);
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    private static <T> HttpResponse<T> send(HttpClient client, String url, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(DOWNLOAD_TIMEOUT).GET().build();
        HttpResponse<T> response;
        try {
            response = client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while downloading " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("Download of " + url + " failed with HTTP status " + response.statusCode());
        }
        return response;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-1 digest", e);
        }
    }

    private static void checkDistribution(Path home, String origin) {
        if (!Files.isExecutable(home.resolve("bin/elasticsearch")) || !Files.isDirectory(home.resolve("lib"))) {
            throw new IllegalStateException("Folder " + home + " (" + origin + ") is not an unpacked Elasticsearch "
                    + "distribution: bin/elasticsearch must be executable and lib/ must exist");
        }
    }

    private static String fileName(String version) {
        return "elasticsearch-" + version + ".zip";
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
