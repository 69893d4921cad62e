package io.mailflow.app.demo;

import io.mailflow.streams.parse.MaillogLineReader;
import io.mailflow.streams.parse.MaillogParser;
import io.mailflow.streams.parse.ParseResult;
import io.mailflow.streams.parse.ParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts input files in event-time order of their first parsable line, so that rotated logs given in
 * any order (mail.log, mail.log.1, ...) and unrelated files reach the topology oldest first. Windows
 * and the correlation state's time to live follow stream time, which a newer file shipped first would
 * move past the older file's lines.
 */
final class FileOrder {

    private FileOrder() {
    }

    /**
     * Returns the files sorted by the event time of their first parsed line; files without one keep
     * their relative order at the start.
     *
     * @throws IOException when a file cannot be read
     */
    static List<Path> byFirstEventTime(List<Path> files, ZoneId zone) throws IOException {
        MaillogParser parser = new MaillogParser(ParserSettings.builder().zone(zone).build());
        Map<Path, Long> firstEventTime = new HashMap<>();
        for (Path file : files) {
            firstEventTime.put(file, firstEventTime(parser, file));
        }
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingLong(firstEventTime::get));
        return sorted;
    }

    private static long firstEventTime(MaillogParser parser, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                MaillogLineReader reader = new MaillogLineReader(in, ParserSettings.DEFAULT_MAX_LINE_LENGTH)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (parser.parse(line) instanceof ParseResult.Parsed parsed) {
                    return parsed.record().eventTime();
                }
            }
        }
        return Long.MIN_VALUE;
    }
}
