package io.mailflow.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jfr-summary}: the stage and hot-method breakdown of a flight recording of
 * {@code mailflow parse}, such as one taken with
 * {@code java -XX:StartFlightRecording=filename=parse.jfr,settings=profile -jar mailflow.jar parse --summary FILE}.
 */
@Command(name = "jfr-summary", mixinStandardHelpOptions = true,
        description = "Summarize the execution samples of a flight recording of mailflow parse by stage and hot method.")
final class JfrSummaryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Flight recording (.jfr) to read.")
    private Path recording;

    @Option(names = "--name", paramLabel = "NAME", description = "Prefix of the result names (default: ${DEFAULT-VALUE}).")
    private String name = "profile";

    @Override
    public Integer call() throws IOException {
        StageProfile profile = new StageProfile(ProfileStages.OFFLINE, ProfileStages::mainThreadGroup);
        profile.add(recording);
        profile.report(new Results(spec.commandLine().getOut()), name);
        return 0;
    }
}
