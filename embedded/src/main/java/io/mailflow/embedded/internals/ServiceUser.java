package io.mailflow.embedded.internals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unprivileged system user that runs Elasticsearch when this JVM runs as root, because
 * Elasticsearch does not run as root.
 */
public final class ServiceUser {

    /** Name of the system user and of its group. */
    public static final String NAME = "mailflow-es";

    private static final Logger log = LoggerFactory.getLogger(ServiceUser.class);

    /** useradd exit code when the user exists, for example because another JVM created it meanwhile. */
    private static final int USERADD_USER_EXISTS = 9;
    /** useradd exit code when another useradd has locked /etc/passwd. */
    private static final int USERADD_CANNOT_LOCK = 10;
    private static final int USERADD_ATTEMPTS = 5;

    private final UserPrincipal user;
    private final GroupPrincipal group;

    private ServiceUser(UserPrincipal user, GroupPrincipal group) {
        this.user = user;
        this.group = group;
    }

    /** Returns whether this JVM runs with user id 0. */
    public static boolean currentUserIsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * Returns the service user, creating it (and its group) with {@code useradd --system} on first use.
     * Safe against other JVMs creating it at the same time.
     */
    public static synchronized ServiceUser ensureExists() {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            return new ServiceUser(lookup.lookupPrincipalByName(NAME), lookup.lookupPrincipalByGroupName(NAME));
        } catch (UserPrincipalNotFoundException e) {
            createUser();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to look up user " + NAME, e);
        }
        try {
            return new ServiceUser(lookup.lookupPrincipalByName(NAME), lookup.lookupPrincipalByGroupName(NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("User " + NAME + " is still missing after useradd", e);
        }
    }

    /** Gives this user and its group every file and folder below {@code root}, including {@code root}. */
    public void chownRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                PosixFileAttributes attributes = view.readAttributes();
                if (!attributes.owner().equals(user) || !attributes.group().equals(group)) {
                    view.setOwner(user);
                    view.setGroup(group);
                }
            }
        }
    }

    /**
     * Checks that this user can reach {@code path}: every folder above it must let others search it
     * ({@code o+x}) or belong to this user.
     *
     * @throws IllegalStateException naming the first folder that blocks the way
     */
    public void checkTraversable(Path path) throws IOException {
        for (Path folder = path.toAbsolutePath().getParent(); folder != null; folder = folder.getParent()) {
            PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class);
            boolean searchable = attributes.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)
                    || attributes.owner().equals(user);
            if (!searchable) {
                throw new IllegalStateException("User " + NAME + " cannot reach " + path + " because folder "
                        + folder + " is not searchable by others (mode "
                        + PosixFilePermissions.toString(attributes.permissions())
                        + "); choose a folder elsewhere, for example below /tmp or /var/tmp");
            }
        }
    }

    private static void createUser() {
        String shell = Files.isExecutable(Path.of("/usr/sbin/nologin")) ? "/usr/sbin/nologin" : "/bin/false";
        List<String> command = List.of("useradd", "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", shell, NAME);

        for (int attempt = 1; attempt <= USERADD_ATTEMPTS; attempt++) {
            CommandResult result = run(command);
            if (result.exitCode() == 0) {
                log.info("Created system user user={} to run Elasticsearch, which does not run as root", NAME);
                return;
            }
            if (result.exitCode() == USERADD_USER_EXISTS) {
                return;
            }
            if (result.exitCode() != USERADD_CANNOT_LOCK) {
                throw new IllegalStateException("Failed to create system user " + NAME + ": " + String.join(" ", command)
                        + " exited with " + result.exitCode() + ": " + result.output());
            }
            sleepQuietly(200L * attempt);
        }
        throw new IllegalStateException("Failed to create system user " + NAME + ": /etc/passwd stayed locked");
    }

    private static CommandResult run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out after 60 s");
            }
            return new CommandResult(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record CommandResult(int exitCode, String output) {
    }
}
