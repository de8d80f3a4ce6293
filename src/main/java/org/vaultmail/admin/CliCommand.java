package org.vaultmail.admin;

import java.io.PrintStream;
import java.util.List;

/** One top-level subcommand of {@code ./vaultmail} (keys, doctor, …); a bean in the admin feature. */
public interface CliCommand {

    /** The word after {@code ./vaultmail}. */
    String name();

    /** One line for the usage text. */
    String summary();

    /** Runs with the words after the command name; returns the process exit code. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
