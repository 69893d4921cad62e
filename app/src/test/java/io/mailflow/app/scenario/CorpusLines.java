package io.mailflow.app.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Real maillog lines from the shared corpus, moved to a chosen event time so that they can be mixed
 * into generated traffic. Only lines with an RFC 3164 or ISO-8601 stamp followed by a host field
 * are taken; the rest of each line is kept as written. Lines that name one of the given addresses
 * are left out: the corpus is anonymized into the same documentation range as the generated fleet,
 * and a reply naming a fleet address would be counted against that address.
 */
final class CorpusLines {

    private static final Pattern RFC3164 = Pattern.compile("^[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d (\\S+ \\S+\\[\\d+\\]: .*)$");
    private static final Pattern ISO = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+ (\\S+ \\S+\\[\\d+\\]: .*)$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    /** One line at its new event time. */
    record TimedLine(long eventTime, String line) {
    }

    private CorpusLines() {
    }

    /**
     * Reads every case of the corpus folder and gives case {@code i} the times {@code first + i *
     * caseSpacing + j} seconds for its line {@code j}, in file order.
     */
    static List<TimedLine> read(Path corpusDir, Instant first, long caseSpacingSeconds, Set<String> excludedAddresses) {
        List<Path> cases;
        try (Stream<Path> files = Files.list(corpusDir)) {
            cases = files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list " + corpusDir, e);
        }
        List<TimedLine> lines = new ArrayList<>();
        for (int index = 0; index < cases.size(); index++) {
            long caseStart = first.getEpochSecond() + index * caseSpacingSeconds;
            int position = 0;
            for (String raw : readLines(cases.get(index))) {
                String rest = restAfterStamp(raw);
                if (rest != null && !namesAny(rest, excludedAddresses)) {
                    long eventTime = (caseStart + position++) * 1000L;
                    lines.add(new TimedLine(eventTime, STAMP.format(Instant.ofEpochMilli(eventTime)) + " " + rest));
                }
            }
        }
        return lines;
    }

    /** Whether the line contains one of the addresses, not followed or preceded by another digit. */
    private static boolean namesAny(String line, Set<String> addresses) {
        for (String address : addresses) {
            Matcher matcher = Pattern.compile("(?<![\\d.])" + Pattern.quote(address) + "(?![\\d])").matcher(line);
            if (matcher.find()) {
                return true;
            }
        }
        return false;
    }

    private static String restAfterStamp(String line) {
        Matcher rfc3164 = RFC3164.matcher(line);
        if (rfc3164.matches()) {
            return rfc3164.group(1);
        }
        Matcher iso = ISO.matcher(line);
        return iso.matches() ? iso.group(1) : null;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
    }
}
