package io.browserhub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** --version: the project version, filtered into version.properties by the build (Quarkus' config is not running here). */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"browserhub " + properties.getProperty("version", "(unknown version)")};
    }
}
