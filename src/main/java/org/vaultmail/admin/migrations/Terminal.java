package org.vaultmail.admin.migrations;

import java.io.Console;

import org.jspecify.annotations.Nullable;

/** Whether a person is at a terminal (progress bar, confirmation prompts) and how to ask them. */
interface Terminal {

    boolean interactive();

    /** The answer typed, or null at end of input. */
    @Nullable String ask(String prompt);

    /** The process's terminal: {@link System#console()} when it is a real terminal (JDK 22+ returns one even when redirected). */
    static Terminal system() {
        Console console = System.console();
        boolean interactive = console != null && console.isTerminal();
        return new Terminal() {
            @Override
            public boolean interactive() {
                return interactive;
            }

            @Override
            public @Nullable String ask(String prompt) {
                return interactive ? console.readLine("%s", prompt) : null;
            }
        };
    }

    /** Nobody at a terminal (scripts, cron, tests). */
    static Terminal none() {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public @Nullable String ask(String prompt) {
                return null;
            }
        };
    }
}
