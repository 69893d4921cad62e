package io.mailflow.app.run;

import io.mailflow.app.config.ConfigOptions;
import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailflow run}: the production process. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the streams application and the sink (and the shipper when the 'components' setting has ship) "
                    + "against the configured Kafka and Elasticsearch, until SIGTERM or SIGINT.",
            "Serves GET /health and GET /metrics (Prometheus) on http.address:http.port.",
            "Settings come from built-in defaults, --config FILE, MAILFLOW_* environment variables and --set, "
                    + "later wins; --print-config shows the result."
        })
public final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    private ConfigOptions configOptions;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Configuration configuration = configOptions.load();
        if (configOptions.printConfig()) {
            PrintWriter out = spec.commandLine().getOut();
            configuration.describe().forEach(out::println);
            out.flush();
            return 0;
        }
        configuration.warnings().forEach(warning -> log.warn("{}", warning));

        TopicSetup.createIfEnabled(configuration);
        MailflowInstance instance = new MailflowInstance(configuration, Components.create(configuration));
        Thread shutdownHook = new Thread(() -> {
            log.info("Shutdown requested; stopping components");
            instance.close();
            log.info("Shutdown complete");
        }, "mailflow-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        instance.start();
        log.info("mailflow running: components={} health=http://{}:{}/health", configuration.get(MailflowSettings.COMPONENTS),
                configuration.get(MailflowSettings.HTTP_ADDRESS), instance.httpPort());

        Optional<ComponentStatus> failure = instance.awaitStopOrFailure();
        if (failure.isPresent()) {
            log.error("Component {} failed ({}); stopping the others and exiting with status 1 so that the service "
                    + "manager restarts the process", failure.get().name(), failure.get().detail());
            instance.close();
            return 1;
        }
        return 0;
    }
}
