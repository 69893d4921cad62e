package io.mailflow.embedded.internals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip archive and restores the Unix permission bits that {@code java.util.zip} does not expose.
 *
 * <p>The bits come from the external file attributes of the central directory, for entries that a
 * Unix host wrote. Entries without them get 0644, or 0755 when they sit in a {@code bin} folder.
 * Setuid, setgid and sticky bits are never restored.
 */
public final class ZipUnpacker {

    private static final int END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_DIRECTORY_HEADER_SIGNATURE = 0x02014b50;
    private static final int END_OF_CENTRAL_DIRECTORY_LENGTH = 22;
    private static final int CENTRAL_DIRECTORY_HEADER_LENGTH = 46;
    private static final int MAX_COMMENT_LENGTH = 0xffff;
    private static final int UNIX_HOST = 3;
    private static final int PERMISSION_BITS = 0777;

    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    private ZipUnpacker() {
    }

    /**
     * Unpacks every entry of {@code zip} below {@code target}, which must exist. Folders get 0755.
     *
     * @throws IOException if the archive cannot be read, or an entry would land outside {@code target}
     */
    public static void unpack(Path zip, Path target) throws IOException {
        Map<String, Integer> modes = readUnixModes(zip);
        Path root = target.toAbsolutePath().normalize();

        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IOException("Zip entry " + entry.getName() + " of " + zip + " points outside " + root);
                }

                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    Files.setPosixFilePermissions(destination, DIRECTORY_PERMISSIONS);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream input = archive.getInputStream(entry)) {
                    Files.copy(input, destination);
                }
                Files.setPosixFilePermissions(destination, filePermissions(entry.getName(), modes.get(entry.getName())));
            }
        }
    }

    /**
     * Reads the permission bits of every entry that a Unix host wrote, by entry name. Returns an empty
     * map for ZIP64 archives, whose central directory this reader does not parse.
     */
    public static Map<String, Integer> readUnixModes(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, END_OF_CENTRAL_DIRECTORY_LENGTH + MAX_COMMENT_LENGTH);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);

            int end = findEndOfCentralDirectory(tail);
            if (end < 0) {
                throw new IOException("Not a zip archive (no end of central directory record): " + zip);
            }
            int entryCount = Short.toUnsignedInt(tail.getShort(end + 10));
            long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
            long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
            if (entryCount == 0xffff || directoryOffset == 0xffffffffL || directorySize > Integer.MAX_VALUE) {
                return Map.of();
            }

            ByteBuffer directory = read(channel, directoryOffset, (int) directorySize);
            return parseCentralDirectory(directory, entryCount, zip);
        }
    }

    private static Map<String, Integer> parseCentralDirectory(ByteBuffer directory, int entryCount, Path zip)
            throws IOException {
        Map<String, Integer> modes = new HashMap<>();
        int position = 0;
        for (int i = 0; i < entryCount; i++) {
            if (directory.getInt(position) != CENTRAL_DIRECTORY_HEADER_SIGNATURE) {
                throw new IOException("Corrupt central directory in " + zip + " at entry " + i);
            }
            int host = Short.toUnsignedInt(directory.getShort(position + 4)) >>> 8;
            int nameLength = Short.toUnsignedInt(directory.getShort(position + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(position + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(position + 32));
            int externalAttributes = directory.getInt(position + 38);

            byte[] name = new byte[nameLength];
            directory.get(position + CENTRAL_DIRECTORY_HEADER_LENGTH, name);
            int mode = (externalAttributes >>> 16) & PERMISSION_BITS;
            if (host == UNIX_HOST && mode != 0) {
                modes.put(new String(name, StandardCharsets.UTF_8), mode);
            }
            position += CENTRAL_DIRECTORY_HEADER_LENGTH + nameLength + extraLength + commentLength;
        }
        return modes;
    }

    private static int findEndOfCentralDirectory(ByteBuffer tail) {
        for (int position = tail.limit() - END_OF_CENTRAL_DIRECTORY_LENGTH; position >= 0; position--) {
            if (tail.getInt(position) == END_OF_CENTRAL_DIRECTORY_SIGNATURE) {
                return position;
            }
        }
        return -1;
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("Unexpected end of file at offset " + (offset + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static Set<PosixFilePermission> filePermissions(String entryName, Integer mode) {
        if (mode != null) {
            return PosixFilePermissions.fromString(symbolic(mode));
        }
        boolean inBinFolder = entryName.startsWith("bin/") || entryName.contains("/bin/");
        return inBinFolder ? DIRECTORY_PERMISSIONS : FILE_PERMISSIONS;
    }

    private static String symbolic(int mode) {
        String letters = "rwxrwxrwx";
        StringBuilder symbolic = new StringBuilder(9);
        for (int bit = 0; bit < 9; bit++) {
            boolean set = (mode & (0400 >>> bit)) != 0;
            symbolic.append(set ? letters.charAt(bit) : '-');
        }
        return symbolic.toString();
    }
}
