package io.mailflow.app;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, which Maven fills from the project version. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "mailflow " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
