package io.mailflow.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU time goes, from JDK Flight Recorder execution samples: the share of samples per
 * thread group, per pipeline stage and per hot method.
 *
 * <p>A sample belongs to the first stage, in the order given, that names a frame anywhere on its
 * stack. List a stage before the stages that call it: with classification before correlation, time
 * spent classifying inside the correlator counts as classification, and time in a library counts
 * for the mailflow stage that called it.
 *
 * <p>Samples are taken only while a thread runs Java code, so time in GC, the JIT and native I/O
 * does not appear here. Compare the sample-based shares with the process CPU time.
 */
final class StageProfile {

    /**
     * A pipeline stage and the frames that mark it: a method as {@code package.Class.method}, or a
     * package or class prefix that ends with a dot, such as {@code org.apache.avro.}.
     */
    record Stage(String name, List<String> frames) {
    }

    private static final String OTHER = "other";
    private static final int TOP_METHODS = 15;

    private final List<Stage> stages;
    private final Function<String, String> threadGroup;
    private final Map<String, Long> samplesByGroup = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> samplesByGroupAndStage = new LinkedHashMap<>();
    private final Map<String, Long> selfSamples = new HashMap<>();
    private long samples;

    /**
     * A profile that sorts samples into {@code stages} and threads into groups by name; a thread
     * whose group is null is left out.
     */
    StageProfile(List<Stage> stages, Function<String, String> threadGroup) {
        this.stages = List.copyOf(stages);
        this.threadGroup = threadGroup;
    }

    /** Starts a recording of execution samples every {@code period}, for {@link #add(Path)} later. */
    static Recording startRecording(Duration period) {
        Recording recording = new Recording();
        recording.enable("jdk.ExecutionSample").withPeriod(period).withStackTrace();
        recording.setToDisk(true);
        recording.start();
        return recording;
    }

    /** Stops {@code recording}, writes it to {@code file} and adds its samples. */
    void stopAndAdd(Recording recording, Path file) throws IOException {
        recording.stop();
        recording.dump(file);
        recording.close();
        add(file);
    }

    void add(Path jfrFile) throws IOException {
        for (RecordedEvent event : RecordingFile.readAllEvents(jfrFile)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            String group = threadGroup.apply(thread == null ? "" : String.valueOf(thread.getJavaName()));
            if (group == null) {
                continue;
            }
            samples++;
            samplesByGroup.merge(group, 1L, Long::sum);
            samplesByGroupAndStage.computeIfAbsent(group, name -> new LinkedHashMap<>())
                    .merge(stageOf(stack.getFrames()), 1L, Long::sum);
            selfSamples.merge(group + " " + methodName(stack.getFrames().get(0)), 1L, Long::sum);
        }
    }

    long samples() {
        return samples;
    }

    /** Prints the shares as results named {@code prefix.group.<group>} and {@code prefix.stage.<group>.<stage>}. */
    void report(Results results, String prefix) {
        if (samples == 0) {
            results.note(prefix + ": no execution samples were recorded");
            return;
        }
        results.add(prefix + ".samples", samples, "samples");
        for (Map.Entry<String, Long> group : samplesByGroup.entrySet()) {
            results.add(prefix + ".group." + group.getKey(), percent(group.getValue(), samples), "%");
        }
        for (Map.Entry<String, Map<String, Long>> group : samplesByGroupAndStage.entrySet()) {
            long groupSamples = samplesByGroup.get(group.getKey());
            for (Stage stage : stages) {
                Long count = group.getValue().get(stage.name());
                if (count != null) {
                    results.add(prefix + ".stage." + group.getKey() + "." + stage.name(),
                            percent(count, groupSamples), "% of group");
                }
            }
            Long other = group.getValue().get(OTHER);
            if (other != null) {
                results.add(prefix + ".stage." + group.getKey() + "." + OTHER, percent(other, groupSamples), "% of group");
            }
        }
        List<Map.Entry<String, Long>> hot = new ArrayList<>(selfSamples.entrySet());
        hot.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (Map.Entry<String, Long> method : hot.subList(0, Math.min(TOP_METHODS, hot.size()))) {
            results.note(String.format(Locale.ROOT, "%s hot method: %5.1f%% %s",
                    prefix, percent(method.getValue(), samples), method.getKey()));
        }
    }

    private String stageOf(List<RecordedFrame> frames) {
        int best = Integer.MAX_VALUE;
        for (RecordedFrame frame : frames) {
            best = Math.min(best, stageIndex(methodName(frame)));
        }
        return best == Integer.MAX_VALUE ? OTHER : stages.get(best).name();
    }

    private int stageIndex(String method) {
        for (int i = 0; i < stages.size(); i++) {
            for (String frame : stages.get(i).frames()) {
                if (frame.endsWith(".") ? method.startsWith(frame) : method.equals(frame)) {
                    return i;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String methodName(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static double percent(long part, long whole) {
        return 100.0 * part / whole;
    }
}
